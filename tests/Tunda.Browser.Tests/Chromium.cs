using Microsoft.Playwright;

namespace Tunda.Browser.Tests;

/// <summary>
/// Debian's chromium driven by Playwright (no browser download: these machines have no internet).
/// `./tunda test` installs the package when it can; TUNDA_CHROMIUM points elsewhere.
/// </summary>
internal static class Chromium
{
    private static readonly string[] Candidates = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];

    public static string ExecutablePath =>
        Environment.GetEnvironmentVariable("TUNDA_CHROMIUM") is { Length: > 0 } configured
            ? configured
            : Candidates.FirstOrDefault(File.Exists)
              ?? throw new InvalidOperationException(
                  "No chromium found. Install Debian's package (apt-get install chromium) or set TUNDA_CHROMIUM; `./tunda test` does this for you.");

    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync()
    {
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            // As root chromium refuses its sandbox; CI runs as root.
            Args = ["--no-sandbox", "--disable-dev-shm-usage"],
        });
        return (playwright, browser);
    }
}
