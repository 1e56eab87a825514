using Tunda.Mail.Parsing;

namespace Tunda.Mail.Classification;

/// <summary>
/// Reads the verdicts of our own MTA from Authentication-Results (RFC 8601) with MimeKit's parser. Only
/// the topmost field counts: our MTA adds its own above everything the message arrived with, and anything
/// below it was written by someone else, quite possibly the sender claiming a pass it never earned. This
/// relies on our MTA removing incoming fields that carry its own authserv-id (RFC 8601 section 5, as
/// OpenDMARC and Rspamd do): otherwise a message our MTA failed to stamp would show the sender's forgery on top.
/// </summary>
internal static class AuthenticationResults
{
    public static AuthenticationVerdicts? Read(HeaderList headers, string? trustedAuthServId)
    {
        if (string.IsNullOrWhiteSpace(trustedAuthServId)
            || headers.All("Authentication-Results").FirstOrDefault() is not { } topmost
            || Parse(topmost.RawValue) is not { } parsed
            || !string.Equals(parsed.AuthenticationServiceIdentifier, trustedAuthServId.Trim(), StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        // The first result of a method wins; a later one of the same method is a second signature or a second try.
        var results = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var result in parsed.Results)
        {
            if (!string.IsNullOrEmpty(result.Method) && !string.IsNullOrEmpty(result.Result))
            {
                results.TryAdd(result.Method, result.Result.ToLowerInvariant());
            }
        }

        return new AuthenticationVerdicts(results.GetValueOrDefault("spf"), results.GetValueOrDefault("dkim"), results.GetValueOrDefault("dmarc"));
    }

    /// <summary>
    /// MimeKit's reading of the field. It refuses some values RFC 8601 allows (a quoted local part in
    /// smtp.mailfrom="a;b"@example.it) but hands back the results it read before them, which still count:
    /// they are our MTA's, in its own order.
    /// </summary>
    private static MimeKit.Cryptography.AuthenticationResults? Parse(byte[] rawValue) =>
        MimeKit.Cryptography.AuthenticationResults.TryParse(rawValue, out var parsed) || parsed?.AuthenticationServiceIdentifier is not null ? parsed : null;
}
