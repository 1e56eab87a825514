namespace Tunda.Web.Features.Inbound;

public enum InboundChannel
{
    Pipe,
    Http,
    Imap,
}

/// <param name="Id">The stored message's id.</param>
/// <param name="Duplicate">True when the same message (by Message-ID, or by SHA-256 without one) was already stored: nothing new was queued.</param>
public sealed record InboundReceipt(Guid Id, string Sha256, bool Duplicate);

/// <summary>
/// The one door for received mail: stores the raw bytes and their SHA-256 first, then queues the
/// message for processing in the same transaction. Pipe, HTTP and IMAP all come in through here.
/// </summary>
public interface IInboundMailIntake
{
    /// <param name="source">Where it came from, for staff: "imap:support@host/INBOX uid 42", "http 203.0.113.9"...</param>
    Task<InboundReceipt> StoreAsync(ReadOnlyMemory<byte> raw, InboundChannel channel, string source, CancellationToken cancellationToken);

    /// <summary>
    /// Keeps <paramref name="raw"/> in quarantine without processing it, with the reason staff will read:
    /// for what cannot be taken whole (the header of a message over the size limit, say).
    /// </summary>
    Task<InboundReceipt> QuarantineAsync(ReadOnlyMemory<byte> raw, InboundChannel channel, string source, string reason, CancellationToken cancellationToken);
}
