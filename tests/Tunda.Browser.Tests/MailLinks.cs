using System.Text.RegularExpressions;

namespace Tunda.Browser.Tests;

/// <summary>Finds the link a mail sent to someone carries, as the person would click it.</summary>
internal static partial class MailLinks
{
    public static async Task<string> WaitForLinkAsync(LoopbackSmtpServer smtp, string recipient, string path)
    {
        var mail = await smtp.WaitForMessageAsync(m => m.Recipients.Contains(recipient, StringComparer.OrdinalIgnoreCase) && Decoded(m).Contains(path, StringComparison.Ordinal), TimeSpan.FromSeconds(30));
        return Link().Matches(Decoded(mail)).Select(m => m.Value).First(link => link.Contains(path, StringComparison.Ordinal));
    }

    private static string Decoded(ReceivedMail mail) => MimeKit.MimeMessage.Load(new MemoryStream(mail.Data)).TextBody ?? "";

    [GeneratedRegex(@"https?://[^\s<>""]+")]
    private static partial Regex Link();
}
