using Microsoft.Extensions.Logging;

namespace Tunda.EventStore.Daemon;

internal static partial class DaemonLog
{
    [LoggerMessage(LogLevel.Information, "Projection {Projection}: owned by this node from sequence {Sequence}")]
    public static partial void Owning(ILogger logger, string projection, long sequence);

    [LoggerMessage(LogLevel.Warning, "Projection {Projection}: database connection lost or refused ({Reason}); retrying")]
    public static partial void ConnectionLost(ILogger logger, string projection, string reason);

    [LoggerMessage(LogLevel.Error, "Projection {Projection}: paused at sequence {Sequence} (event {EventId})")]
    public static partial void Paused(ILogger logger, Exception error, string projection, long sequence, Guid eventId);

    [LoggerMessage(LogLevel.Warning, "Projection daemon: listener connection lost ({Reason}); polling until it is back")]
    public static partial void ListenerLost(ILogger logger, string reason);
}
