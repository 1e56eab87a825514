using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;

namespace Tunda.Mail;

/// <summary>MailKit's ways of failing, as one <see cref="SmtpException"/> that carries the server's reply code.</summary>
internal static class SmtpFailures
{
    /// <summary>The failure in Tunda's terms, or null for an exception that is not about talking to the server.</summary>
    public static SmtpException? Translate(Exception e, string server) => e switch
    {
        SmtpException => null,
        SmtpCommandException refused => Refused(refused),
        AuthenticationException { InnerException: SmtpCommandException refused } => Refused(refused),
        ServiceNotAuthenticatedException => new SmtpException($"The SMTP server {server} requires authentication, and no credentials are configured: {e.Message}", 530, e.Message, e),
        SocketException or IOException or SslHandshakeException or ProtocolException or AuthenticationException or NotSupportedException
            => new SmtpException($"Talking to the SMTP server {server} failed: {e.Message}", e),
        _ => null,
    };

    private static SmtpException Refused(SmtpCommandException e)
    {
        var reply = $"{(int)e.StatusCode} {e.Message}";
        return new SmtpException($"The SMTP server refused the message ({e.ErrorCode}): {reply}", (int)e.StatusCode, reply, e);
    }
}
