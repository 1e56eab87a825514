using Tunda.Mail.Parsing;

namespace Tunda.Mail.Classification;

/// <summary>
/// Reads the verdicts of our own MTA from Authentication-Results (RFC 8601). Only the topmost field
/// counts: our MTA adds its own above everything the message arrived with, and anything below it was
/// written by someone else, quite possibly the sender claiming a pass it never earned. This relies on
/// our MTA removing incoming fields that carry its own authserv-id (RFC 8601 section 5, as OpenDMARC
/// and Rspamd do): otherwise a message our MTA failed to stamp would show the sender's forgery on top.
/// </summary>
internal static class AuthenticationResults
{
    public static AuthenticationVerdicts? Read(HeaderList headers, string? trustedAuthServId)
    {
        if (string.IsNullOrWhiteSpace(trustedAuthServId) || headers.All("Authentication-Results").FirstOrDefault() is not { } topmost)
        {
            return null;
        }

        var parts = Split(StructuredValue.WithoutComments(topmost.Value));
        var authServId = parts[0].Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "";
        if (!authServId.Equals(trustedAuthServId.Trim(), StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var results = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var resinfo in parts.Skip(1))
        {
            // "dkim=pass header.d=example.com header.s=sel": the method (maybe with "/version"), then its result.
            var first = TightenEquals(resinfo).Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
            var equals = first?.IndexOf('=', StringComparison.Ordinal) ?? -1;
            if (first is null || equals <= 0)
            {
                continue;
            }

            var method = first[..equals].Split('/')[0].Trim();
            var result = first[(equals + 1)..].Trim().ToLowerInvariant();
            if (result.Length > 0)
            {
                results.TryAdd(method, result);
            }
        }

        return new AuthenticationVerdicts(results.GetValueOrDefault("spf"), results.GetValueOrDefault("dkim"), results.GetValueOrDefault("dmarc"));
    }

    /// <summary>"spf = pass" (whitespace is allowed around the '=') becomes "spf=pass".</summary>
    private static string TightenEquals(string resinfo)
    {
        var text = resinfo.Trim();
        while (text.Contains(" =", StringComparison.Ordinal) || text.Contains("= ", StringComparison.Ordinal) || text.Contains("\t=", StringComparison.Ordinal) || text.Contains("=\t", StringComparison.Ordinal))
        {
            text = text.Replace(" =", "=", StringComparison.Ordinal).Replace("= ", "=", StringComparison.Ordinal)
                .Replace("\t=", "=", StringComparison.Ordinal).Replace("=\t", "=", StringComparison.Ordinal);
        }

        return text;
    }

    /// <summary>Splits at the semicolons that are not inside a quoted string.</summary>
    private static List<string> Split(string value)
    {
        var parts = new List<string>();
        var start = 0;
        var quoted = false;
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] == '"')
            {
                quoted = !quoted;
            }
            else if (value[i] == '\\' && quoted)
            {
                i++;
            }
            else if (value[i] == ';' && !quoted)
            {
                parts.Add(value[start..i]);
                start = i + 1;
            }
        }

        parts.Add(value[start..]);
        return parts;
    }
}
