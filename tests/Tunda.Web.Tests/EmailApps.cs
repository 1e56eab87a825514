using Microsoft.AspNetCore.Hosting;
using Tunda.Web.Features.Email;

namespace Tunda.Web.Tests;

/// <summary>The app with its mail settings pointed at a loopback SMTP server or a temporary pickup folder.</summary>
internal static class EmailApps
{
    public const string From = "assistenza@tunda.example";

    /// <summary>Mail goes to <paramref name="server"/>.</summary>
    public static Action<IWebHostBuilder> Smtp(LoopbackSmtpServer server) => builder => builder
        .UseSetting("Tunda:Mail:From", From)
        .UseSetting("Tunda:Mail:FromName", "Tunda Assistenza")
        .UseSetting("Tunda:Mail:Smtp:Host", server.Host)
        .UseSetting("Tunda:Mail:Smtp:Port", server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture))
        .UseSetting("Tunda:Mail:Smtp:Security", "None")
        .UseSetting("Tunda:Mail:Smtp:HeloName", "tunda-tests");

    /// <summary>Mail goes to <paramref name="folder"/>, the app runs as <paramref name="environment"/>.</summary>
    public static Action<IWebHostBuilder> PickupFolder(string folder, string environment) => builder => builder
        .UseEnvironment(environment)
        .UseSetting("Tunda:Mail:PickupFolder", folder);

    public static SendEmail Mail(string template, string language, IReadOnlyDictionary<string, string> values, string to = "mario.rossi@example.it") =>
        new(Guid.NewGuid(), template, language, to, "Mario Rossi", values);

    /// <summary>The Message-ID field <paramref name="app"/> writes for <paramref name="mail"/>: signed, the same on every try.</summary>
    public static async Task<string> MessageIdFieldAsync(TundaApp app, SendEmail mail) =>
        $"<{(await app.Get<MessageIdSigning>().GetAsync(CancellationToken.None)).Create("tunda.example", mail.Id)}>";

    public static Dictionary<string, string> ConfirmValues(string name = "Mario Rossi") => new()
    {
        ["name"] = name,
        ["confirmLink"] = "https://area.tunda.example/conferma?token=abc123",
    };
}
