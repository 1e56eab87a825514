using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Tunda.Messaging;
using Tunda.Web.Configuration;
using Tunda.Web.Features.Email;

namespace Tunda.Web.Tests;

/// <summary>The app with its mail settings pointed at a loopback SMTP server or a temporary pickup folder.</summary>
internal static class EmailApps
{
    public const string From = "assistenza@tunda.example";

    public static WebApplicationFactory<Program> WithSmtp(this TundaApp app, LoopbackSmtpServer server) =>
        app.WithWebHostBuilder(builder => builder
            .UseSetting("Tunda:Mail:From", From)
            .UseSetting("Tunda:Mail:FromName", "Tunda Assistenza")
            .UseSetting("Tunda:Mail:Smtp:Host", server.Host)
            .UseSetting("Tunda:Mail:Smtp:Port", server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .UseSetting("Tunda:Mail:Smtp:Security", "None")
            .UseSetting("Tunda:Mail:Smtp:HeloName", "tunda-tests"));

    public static WebApplicationFactory<Program> WithPickupFolder(this TundaApp app, string folder, string environment) =>
        app.WithWebHostBuilder(builder => builder
            .UseEnvironment(environment)
            .UseSetting("Tunda:Mail:PickupFolder", folder));

    public static async Task<MessageBus> BusReadyAsync(this WebApplicationFactory<Program> factory)
    {
        await factory.Services.GetRequiredService<MessagingStartup>().Ready.WaitAsync(TimeSpan.FromSeconds(30));
        return factory.Services.GetRequiredService<MessageBus>();
    }

    public static SendEmail Mail(string template, string language, IReadOnlyDictionary<string, string> values, string to = "mario.rossi@example.it") =>
        new(Guid.NewGuid(), template, language, to, "Mario Rossi", values);

    public static Dictionary<string, string> ConfirmValues(string name = "Mario Rossi") => new()
    {
        ["name"] = name,
        ["confirmLink"] = "https://area.tunda.example/conferma?token=abc123",
    };
}
