using Tunda.Mail;

namespace Tunda.Web.Features.Email;

/// <summary>The <c>Tunda:Mail</c> section: the sender, and either an SMTP server or a pickup folder.</summary>
public sealed class MailOptions
{
    public const string Section = "Tunda:Mail";

    /// <summary>The sender of every automatic mail; required when SMTP is configured.</summary>
    public string? From { get; set; }

    public string FromName { get; set; } = "Tunda";

    /// <summary>Used when <c>Smtp:Host</c> is empty; relative paths are under the content root.</summary>
    public string PickupFolder { get; set; } = Path.Combine(".tunda", "mail");

    /// <summary>Where <c>&lt;name&gt;.&lt;lang&gt;.txt</c> templates live; by default Templates/Mail of the app.</summary>
    public string? TemplateFolder { get; set; }

    public SmtpOptions Smtp { get; set; } = new();

    public bool UsesSmtp => !string.IsNullOrWhiteSpace(Smtp.Host);
}
