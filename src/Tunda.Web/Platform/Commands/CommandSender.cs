using Wolverine;
using Wolverine.Runtime;

namespace Tunda.Web.Platform.Commands;

/// <summary><see cref="ICommandSender"/> on Wolverine: a fresh Wolverine bus per call, so no caller's correlation leaks into another's.</summary>
internal sealed class CommandSender(IWolverineRuntime runtime) : ICommandSender
{
    public async Task<InvokeResult> InvokeAsync(object command, EventMetadata? metadata = null, CancellationToken cancellationToken = default)
    {
        metadata ??= EventMetadata.SystemDefault;
        var bus = Correlated(metadata);
        try
        {
            return await bus.InvokeAsync<InvokeResult>(command, MetadataHeaders.ToDelivery(metadata), cancellationToken);
        }
        catch (Exception conflict) when (StoreConflicts.Is(conflict))
        {
            // Every retry the policy allows lost the race, or the caller's explicit version was stale.
            return InvokeResult.Conflict(conflict.Message);
        }
    }

    public async Task PublishAsync(object message, EventMetadata? metadata = null)
    {
        metadata ??= EventMetadata.SystemDefault;
        var bus = Correlated(metadata);
        await bus.PublishAsync(message, MetadataHeaders.ToDelivery(metadata));
    }

    public async Task ScheduleAsync(object message, DateTimeOffset at, EventMetadata? metadata = null)
    {
        metadata ??= EventMetadata.SystemDefault;
        var bus = Correlated(metadata);
        await bus.ScheduleAsync(message, at, MetadataHeaders.ToDelivery(metadata));
    }

    private MessageBus Correlated(EventMetadata metadata)
    {
        var bus = new MessageBus(runtime);
        if (metadata.CorrelationId is { } correlation)
        {
            bus.CorrelationId = correlation.ToString();
        }

        return bus;
    }
}
