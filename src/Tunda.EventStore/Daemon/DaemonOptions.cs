namespace Tunda.EventStore.Daemon;

public sealed class DaemonOptions
{
    /// <summary>Most events applied in one projection transaction.</summary>
    public int BatchSize { get; init; } = 1000;

    /// <summary>Poll even without a wake-up, for writers that do not notify.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How often a standby daemon tries to take over a projection.</summary>
    public TimeSpan LockRetryInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How soon to look again while committed events wait behind an open transaction.</summary>
    public TimeSpan FenceRecheckInterval { get; init; } = TimeSpan.FromMilliseconds(20);

    public TimeSpan HeartbeatInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Pause after losing the database before trying again.</summary>
    public TimeSpan ReconnectDelay { get; init; } = TimeSpan.FromSeconds(1);
}
