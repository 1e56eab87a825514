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

    /// <summary>
    /// Base64 of at least 32 random bytes that sign Tunda's Message-IDs, the same on every node; keep it out
    /// of the repository. Without it the installation makes and stores one of its own (<see cref="MessageIdSigning"/>).
    /// </summary>
    public string? MessageIdKey { get; set; }

    /// <summary>
    /// How long a mail the server did not take (down, 4xx) waits before each new try, then it is a dead
    /// letter: a few quick retries for a hiccup, then slower ones for a server down for a while.
    /// <c>Tunda:Mail:RetryDelays:0</c>, <c>:1</c>, ... replace the whole list.
    /// </summary>
    public IReadOnlyList<TimeSpan> RetryDelays { get; set; } = DefaultRetryDelays;

    public static IReadOnlyList<TimeSpan> DefaultRetryDelays { get; } =
        [TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(30)];

    /// <summary>The retry delays as configured (the binder would add configured ones to the defaults, not replace them).</summary>
    public static IReadOnlyList<TimeSpan> RetryDelaysFrom(IConfiguration configuration) =>
        configuration.GetSection(Section + ":" + nameof(RetryDelays)).Get<TimeSpan[]>() is { Length: > 0 } configured ? configured : DefaultRetryDelays;

    public bool UsesSmtp => !string.IsNullOrWhiteSpace(Smtp.Host);
}
