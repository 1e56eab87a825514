using System.Net;
using System.Text.RegularExpressions;

namespace Tunda.Web.Tests.Accounts;

/// <summary>Submitting a page's form as a browser does: GET it, take its antiforgery token, POST the fields.</summary>
internal static partial class Forms
{
    public static async Task<HttpResponseMessage> PostFormAsync(this HttpClient client, string page, IEnumerable<KeyValuePair<string, string>> fields, string? action = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        var form = await client.GetAsync(new Uri(page, UriKind.Relative));
        if (form.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"GET {page} answered {(int)form.StatusCode}, not the form");
        }

        var token = AntiforgeryToken(await form.Content.ReadAsStringAsync())
            ?? throw new InvalidOperationException($"{page} has no antiforgery token");
        var body = new FormUrlEncodedContent(fields.Append(new("__RequestVerificationToken", token)));
        return await client.PostAsync(new Uri(action ?? page, UriKind.Relative), body);
    }

    public static string? AntiforgeryToken(string html) =>
        TokenInput().Match(html) is { Success: true } match ? WebUtility.HtmlDecode(match.Groups[1].Value) : null;

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenInput();
}
