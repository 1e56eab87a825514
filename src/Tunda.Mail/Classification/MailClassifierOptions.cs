namespace Tunda.Mail.Classification;

public sealed record MailClassifierOptions
{
    /// <summary>The authserv-id our own MTA writes in Authentication-Results; other ids are ignored.</summary>
    public string? TrustedAuthServId { get; init; }
}
