using System.Text;
using System.Text.RegularExpressions;

namespace Tunda.Web.Benchmarks;

/// <summary>Reads the confirmation link out of the mails the app dropped in its pickup folder.</summary>
internal static partial class PickupMail
{
    public static async Task<string> ConfirmTokenAsync(string folder, string email, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            foreach (var file in Directory.EnumerateFiles(folder, "*.eml"))
            {
                var raw = await File.ReadAllTextAsync(file);
                if (raw.Contains(email, StringComparison.OrdinalIgnoreCase) && Bodies(raw).Select(b => ConfirmLink().Match(b)).FirstOrDefault(m => m.Success) is { } match)
                {
                    return Uri.UnescapeDataString(match.Groups[1].Value);
                }
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"no confirmation mail to {email} in {folder}");
    }

    // The text with quoted-printable undone (a soft line break may cut the link), and every base64
    // block decoded: whichever the composer chose.
    private static IEnumerable<string> Bodies(string raw)
    {
        yield return HexEscape().Replace(SoftBreak().Replace(raw, ""), m => ((char)Convert.ToByte(m.Groups[1].Value, 16)).ToString());
        foreach (Match block in Base64Block().Matches(raw))
        {
            string? text = null;
            try
            {
                text = Encoding.UTF8.GetString(Convert.FromBase64String(block.Value.Replace("\r", "", StringComparison.Ordinal).Replace("\n", "", StringComparison.Ordinal)));
            }
            catch (FormatException)
            {
                // not base64 after all
            }

            if (text is not null)
            {
                yield return text;
            }
        }
    }

    [GeneratedRegex(@"/conferma-email\?token=([A-Za-z0-9_\-%.~]+)")]
    private static partial Regex ConfirmLink();

    [GeneratedRegex(@"=\r?\n")]
    private static partial Regex SoftBreak();

    [GeneratedRegex("=([0-9A-F]{2})")]
    private static partial Regex HexEscape();

    [GeneratedRegex(@"(?m)(?:^[A-Za-z0-9+/=]{16,}\r?\n){2,}")]
    private static partial Regex Base64Block();
}
