namespace Tunda.Mail;

/// <summary>Hands a composed message to whatever delivers it (an SMTP server, a folder).</summary>
public interface IMailTransport
{
    Task SendAsync(OutgoingMessage message, CancellationToken ct);
}
