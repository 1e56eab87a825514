using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using OtpNet;
using Tunda.Web.Features.Accounts.Demo;

namespace Tunda.Browser.Tests;

/// <summary>The helpdesk in a real browser: a customer opens a ticket with an attachment, staff answer, the customer reads the answer and downloads the file.</summary>
public sealed class TicketJourneyTests
{
    [Fact]
    public async Task customer_opens_a_ticket_with_an_attachment_staff_reply_and_the_customer_sees_the_reply_and_downloads_the_file()
    {
        await using var smtp = new LoopbackSmtpServer();
        await using var app = new BrowserApp(smtp);
        var site = app.Start();
        await app.Services.GetRequiredService<DemoSeed>().SeedAsync();
        var (playwright, browser) = await Chromium.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var screenshot = "HTTP/1.1 500 Internal Server Error\nwww.pizzeria-da-mario.example\n"u8.ToArray();

        var customer = await (await browser.NewContextAsync(new() { BaseURL = site.ToString(), AcceptDownloads = true, Locale = "it-IT" })).NewPageAsync();
        await SignInAsync(customer, "/accedi", DemoAccounts.CustomerEmail, DemoAccounts.CustomerPassword);
        await customer.GotoAsync("/area-clienti/ticket/nuovo");
        await customer.SelectOptionAsync("#department", "technical");
        await customer.FillAsync("#Input_Subject", "Errore 500 dopo l'aggiornamento");
        await customer.FillAsync("#Input_ServiceOrDomain", "pizzeria-da-mario.example");
        await customer.FillAsync("#Input_Since", "oggi alle 9");
        await customer.FillAsync("#Input_Text", "Dopo l'aggiornamento del plugin di prenotazione il sito risponde con errore 500 su ogni pagina. Allego la risposta del server.");
        await customer.SetInputFilesAsync("#attachments", new FilePayload { Name = "risposta-server.txt", MimeType = "text/plain", Buffer = screenshot });
        await customer.ClickAsync("main form button[type=submit]");
        await customer.WaitForURLAsync(url => url.Contains("/area-clienti/ticket/TND-", StringComparison.Ordinal));
        var number = customer.Url.Split('/')[^1].Split('?')[0];
        (await customer.TextContentAsync("main"))!.ShouldContain("risposta-server.txt");

        var staff = await (await browser.NewContextAsync(new() { BaseURL = site.ToString() })).NewPageAsync();
        await SignInAsync(staff, "/staff/accedi", DemoAccounts.StaffEmail, DemoAccounts.StaffPassword);
        await staff.FillAsync("#Input_Code", new Totp(Base32Encoding.ToBytes(DemoAccounts.StaffTotpSecret)).ComputeTotp(DateTime.UtcNow));
        await staff.ClickAsync("main form button[type=submit]");
        await staff.WaitForURLAsync(url => url.EndsWith("/staff", StringComparison.Ordinal), new() { Timeout = 90_000 });
        await staff.GotoAsync("/staff/ticket/" + number);
        (await staff.TextContentAsync("#thread"))!.ShouldContain("Allego la risposta del server");
        await staff.FillAsync("#Input_Text", "Abbiamo disattivato il plugin di prenotazione: il sito ora risponde. Può aggiornarlo di nuovo con la versione 2.1.");
        await staff.ClickAsync("#staff-reply button[type=submit]");
        await staff.WaitForSelectorAsync(".alert-success");

        await customer.GotoAsync("/area-clienti/ticket/" + number);
        (await customer.TextContentAsync("#thread"))!.ShouldContain("Abbiamo disattivato il plugin");
        (await customer.TextContentAsync("#ticket-status"))!.ShouldBe("In attesa di tua risposta");
        var download = await customer.RunAndWaitForDownloadAsync(() => customer.ClickAsync("#thread a[download]"));
        download.SuggestedFilename.ShouldBe("risposta-server.txt");
        (await File.ReadAllBytesAsync((await download.PathAsync())!)).ShouldBe(screenshot);
    }

    private static async Task SignInAsync(IPage page, string path, string email, string password)
    {
        await page.GotoAsync(path);
        await page.FillAsync("#Input_Email", email);
        await page.FillAsync("#Input_Password", password);
        var posted = await page.RunAndWaitForResponseAsync(
            () => page.ClickAsync("main form button[type=submit]"),
            response => response.Request.Method == "POST" && response.Url.Contains(path, StringComparison.Ordinal),
            new() { Timeout = 90_000 });
        posted.Status.ShouldBe(302, $"signing in {email} on {path}");
        await page.WaitForURLAsync(url => !url.EndsWith(path, StringComparison.Ordinal), new() { Timeout = 90_000 });
    }
}
