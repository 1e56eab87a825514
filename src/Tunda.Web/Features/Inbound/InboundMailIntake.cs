using Tunda.Web.Platform.Commands;

namespace Tunda.Web.Features.Inbound;

/// <summary>
/// Pipe, HTTP and IMAP store received mail through here. Database failures propagate: callers
/// answer "try again later" (pipe exit 75, HTTP 503, IMAP leaves the message on the server).
/// </summary>
public sealed class InboundMailIntake(ICommandSender bus) : IInboundMailIntake
{
    /// <summary>
    /// For a process that stops right after storing (the pipe): what it stores is processed by the app,
    /// never by itself (see <see cref="StoreInboundMail.HandOver"/>).
    /// </summary>
    public bool HandsOver { get; init; }

    /// <summary>Unreadable input (see <see cref="UnreadableMail"/>) is stored too, straight into quarantine.</summary>
    public Task<InboundReceipt> StoreAsync(ReadOnlyMemory<byte> raw, InboundChannel channel, string source, CancellationToken cancellationToken) =>
        InvokeAsync(new StoreInboundMail(raw, channel, source, UnreadableMail.Reason(raw.Span), HandsOver), cancellationToken);

    public Task<InboundReceipt> QuarantineAsync(ReadOnlyMemory<byte> raw, InboundChannel channel, string source, string reason, CancellationToken cancellationToken) =>
        InvokeAsync(new StoreInboundMail(raw, channel, source, reason, HandsOver), cancellationToken);

    private async Task<InboundReceipt> InvokeAsync(StoreInboundMail command, CancellationToken cancellationToken)
    {
        var metadata = new EventMetadata { Actor = InboundStatus.UnknownSender };
        var result = await bus.InvokeAsync(command, metadata, cancellationToken);
        return result.ValueAs<InboundReceipt>();
    }
}
