using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;

namespace Tunda.Web.Tests.Accounts.Profile;

/// <summary>Reading the mails and links the profile use cases send, and calling the JSON API with a language.</summary>
internal static partial class ProfileTestKit
{
    public static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    public static async Task<string> WaitForMailAsync(this AccountsApp app, string to, string? containing = null)
    {
        var mail = await app.Mail.WaitForMessageAsync(m => m.Recipients.Contains(to) && (containing is null || TextOf(m).Contains(containing, StringComparison.Ordinal)), Wait);
        return TextOf(mail);
    }

    public static string TextOf(ReceivedMail mail) => mail.TextBody();

    public static int MailsTo(this AccountsApp app, string to) => app.Mail.Received.Count(m => m.Recipients.Contains(to));

    /// <summary>The link in <paramref name="mailText"/> to <paramref name="path"/> (absolute) and its token.</summary>
    public static (string Link, string Token) LinkIn(string mailText, string path)
    {
        var match = Regex.Match(mailText, "(https?://[^\\s/]+" + Regex.Escape(path) + "\\?token=([A-Za-z0-9_\\-%]+))");
        match.Success.ShouldBeTrue($"no link to {path} in:\n{mailText}");
        return (match.Groups[1].Value, Uri.UnescapeDataString(match.Groups[2].Value));
    }

    public static async Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string path, object body, string language = "it")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative)) { Content = JsonContent.Create(body) };
        request.Headers.AcceptLanguage.ParseAdd(language);
        return await client.SendAsync(request);
    }

    public static async Task<HttpResponseMessage> PutJsonAsync(this HttpClient client, string path, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, new Uri(path, UriKind.Relative)) { Content = JsonContent.Create(body) };
        return await client.SendAsync(request);
    }

    public static async Task<string> HtmlAsync(this HttpResponseMessage response)
    {
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
    }

    public static async Task<string> GetHtmlAsync(this HttpClient client, string path) => await (await client.GetAsync(new Uri(path, UriKind.Relative))).HtmlAsync();

    /// <summary>The value of the form's input with id <paramref name="id"/>.</summary>
    public static string? InputValue(string html, string id) =>
        Regex.Match(html, "<input[^>]*id=\"" + Regex.Escape(id) + "\"[^>]*>") is { Success: true } input
        && Regex.Match(input.Value, "value=\"([^\"]*)\"") is { Success: true } value ? value.Groups[1].Value : null;
}
