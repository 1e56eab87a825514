namespace Tunda.Web.Features.Inbound;

/// <summary>What one poll of one mailbox did.</summary>
/// <param name="Imported">Messages stored by intake as new.</param>
/// <param name="Duplicates">Messages intake already had (same Message-ID or SHA-256), processed on the server all the same.</param>
/// <param name="TooLarge">Messages over MaxMessageBytes: left on the server, flagged $TundaTooLarge, only their header downloaded (into quarantine).</param>
/// <param name="UidValidityChanged">The folder's UIDVALIDITY differed from the checkpoint, so every UID was looked at again.</param>
/// <param name="MoreWaiting">The run stopped at MaxMessagesPerRun with messages left for the next one.</param>
/// <param name="Skipped">Another poller (another node) held this mailbox; nothing was done.</param>
public sealed record ImapPollOutcome(int Imported, int Duplicates, int TooLarge, bool UidValidityChanged, bool MoreWaiting, bool Skipped = false)
{
    public static ImapPollOutcome Busy { get; } = new(0, 0, 0, false, false, Skipped: true);
}
