using Wolverine.Persistence.Durability;

namespace Tunda.Web.Features.Messaging;

/// <summary>
/// A message Wolverine gave up on, as staff read it (the page and the CLI): what it was, when it
/// failed, why, how often it was tried, and its body made safe to show.
/// </summary>
/// <param name="MessageType">Wolverine's name for it: a pinned alias such as <c>send_email</c>, else the .NET type name.</param>
/// <param name="FailedAt">When it last failed; Wolverine knows only when it was sent for a letter recorded before it kept the failure time.</param>
/// <param name="Attempts">Attempts in its last run (a replay starts again from one).</param>
/// <param name="ReplayCount">How many times it was replayed before failing again.</param>
public sealed record DeadLetter(
    Guid Id, string MessageType, DateTimeOffset FailedAt, string ExceptionType, string ExceptionMessage, int Attempts, int ReplayCount, string Body)
{
    public static DeadLetter From(DeadLetterEnvelope letter)
    {
        ArgumentNullException.ThrowIfNull(letter);
        return new DeadLetter(
            letter.Id,
            letter.MessageType,
            letter.FailedAt ?? letter.SentAt,
            letter.ExceptionType ?? "",
            letter.ExceptionMessage ?? "",
            letter.Envelope.Attempts,
            letter.ReplayCount,
            DeadLetterBody.Readable(letter.Envelope.Data));
    }

    /// <summary>The exception's class without its namespace.</summary>
    public string ExceptionName => ExceptionType[(ExceptionType.LastIndexOf('.') + 1)..];

    /// <summary>The type's own name for a .NET type name (<c>Tunda.Web.X+Y</c> → <c>Y</c>); an alias as it is.</summary>
    public string ShortType => MessageType[(MessageType.LastIndexOfAny(['.', '+']) + 1)..];
}

/// <summary>A page of dead letters, newest failure first.</summary>
/// <param name="Page">1-based.</param>
public sealed record DeadLetterPage(IReadOnlyList<DeadLetter> Letters, int Total, int Page, int PageSize)
{
    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);
}
