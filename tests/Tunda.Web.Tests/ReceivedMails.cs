using MimeKit;

namespace Tunda.Web.Tests;

/// <summary>A mail the loopback SMTP server received, read with MimeKit as a mail client would read it.</summary>
internal static class ReceivedMails
{
    public static MimeMessage Parsed(this ReceivedMail mail) => MimeMessage.Load(new MemoryStream(mail.Data));

    /// <summary>The decoded text body with CRLF line endings, as it was sent.</summary>
    public static string TextBody(this ReceivedMail mail) => (mail.Parsed().TextBody ?? "").ReplaceLineEndings("\r\n");
}
