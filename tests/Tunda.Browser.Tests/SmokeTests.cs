namespace Tunda.Browser.Tests;

public sealed class SmokeTests
{
    [Fact]
    public async Task chromium_reaches_the_running_app()
    {
        await using var app = new BrowserApp();
        var address = app.Start();
        var (playwright, browser) = await Chromium.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var page = await browser.NewPageAsync();
        var response = await page.GotoAsync(new Uri(address, "/health").ToString());
        response!.Status.ShouldBe(200);
        (await page.ContentAsync()).ShouldContain("\"status\"");
    }
}
