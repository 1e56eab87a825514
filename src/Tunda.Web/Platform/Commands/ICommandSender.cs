namespace Tunda.Web.Platform.Commands;

/// <summary>
/// How pages, the API and the verbs send work to Wolverine: a command runs now and answers with an
/// <see cref="InvokeResult"/>; a message goes to a durable local queue. Both carry the caller's
/// <see cref="EventMetadata"/>.
/// </summary>
public interface ICommandSender
{
    /// <summary>Runs the command's handler now, in one Marten unit of work committed once (or not at all).</summary>
    Task<InvokeResult> InvokeAsync(object command, EventMetadata? metadata = null, CancellationToken cancellationToken = default);

    /// <summary>Queues a message durably for a handler.</summary>
    Task PublishAsync(object message, EventMetadata? metadata = null);

    /// <summary>Like <see cref="PublishAsync"/>, handled no earlier than <paramref name="at"/>.</summary>
    Task ScheduleAsync(object message, DateTimeOffset at, EventMetadata? metadata = null);
}
