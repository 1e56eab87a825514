using System.Net;
using Microsoft.AspNetCore.Hosting;
using Tunda.Web.Configuration;
using Tunda.Web.Platform.Headers;

namespace Tunda.Web.Tests;

public sealed class EmailDevMailTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "tunda-devmail-" + Guid.NewGuid().ToString("N"));

    private string Folder => Path.Combine(_root, "mail");

    [Fact]
    public async Task without_smtp_mail_goes_to_the_pickup_folder_and_development_shows_it_at_dev_mail()
    {
        await using var app = await StartAsync("Development");
        var values = EmailApps.ConfirmValues("Anna <script>alert(1)</script>");

        await app.TrackAsync(bus => bus.PublishAsync(EmailApps.Mail("confirm-email", "it", values, to: "anna@perché.it")));

        var file = Path.GetFileName(Directory.GetFiles(Folder, "*.eml").ShouldHaveSingleItem());
        var client = app.CreateClient();
        var list = await client.GetStringAsync(new Uri("/dev/mail", UriKind.Relative));
        list.ShouldContain("Conferma il tuo indirizzo e-mail");
        list.ShouldContain("anna@xn--perch-fsa.it");
        list.ShouldContain($"href=\"/dev/mail/{file}\"");

        var shown = await client.GetAsync(new Uri($"/dev/mail/{file}", UriKind.Relative));
        shown.StatusCode.ShouldBe(HttpStatusCode.OK);
        shown.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        var page = await shown.Content.ReadAsStringAsync();
        page.ShouldContain("Gentile Anna &lt;script&gt;alert(1)&lt;/script&gt;,");
        page.ShouldNotContain("<script>");
        page.ShouldContain(EmailSetup.PickupFrom);
        page.ShouldContain("auto-generated");
        shown.Headers.GetValues("Content-Security-Policy").ShouldHaveSingleItem().ShouldBe(SecurityHeaders.ContentSecurityPolicy);
        shown.Headers.GetValues("X-Frame-Options").ShouldHaveSingleItem().ShouldBe("DENY");
        shown.Headers.GetValues("X-Content-Type-Options").ShouldHaveSingleItem().ShouldBe("nosniff");
    }

    [Theory]
    [InlineData("/dev/mail/..%2F..%2Fappsettings.json")]
    [InlineData("/dev/mail/%2E%2E%2Fsecret.eml")]
    [InlineData("/dev/mail/..%5Csecret.eml")]
    [InlineData("/dev/mail/missing.eml")]
    [InlineData("/dev/mail/sub/dir.eml")]
    public async Task dev_mail_serves_only_message_files_of_the_pickup_folder(string path)
    {
        Directory.CreateDirectory(Folder);
        await File.WriteAllTextAsync(Path.Combine(_root, "secret.eml"), "Subject: secret\r\n\r\nsecret");
        await using var app = await StartAsync("Development");

        var response = await app.CreateClient().GetAsync(new Uri(path, UriKind.Relative));

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await response.Content.ReadAsStringAsync()).ShouldNotContain("secret");
    }

    [Fact]
    public async Task dev_mail_is_not_mapped_outside_development()
    {
        Directory.CreateDirectory(Folder);
        await using var app = await StartAsync("Testing");

        var response = await app.CreateClient().GetAsync(new Uri("/dev/mail", UriKind.Relative));

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    /// <summary>The app with mail going to the pickup folder; no demo data, whose mails would land there too.</summary>
    private Task<TundaApp> StartAsync(string environment) => TundaApp.StartAsync(builder =>
    {
        EmailApps.PickupFolder(Folder, environment)(builder);
        builder.UseSetting("Tunda:Demo:Seed", "false");
    });

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }
}
