using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Tunda.Web.Tests.Accounts;

namespace Tunda.Web.Tests.Guard;

/// <summary>A POST form as a page shows it: where it goes, its fields, and which of them a person types into.</summary>
internal sealed record PageForm(string Page, string Action, HttpClient Client, IReadOnlyList<IElement> Fields, IReadOnlyList<IElement> Texts)
{
    /// <summary>The form as a browser would send it untouched, except <paramref name="replace"/>'s fields.</summary>
    public FormUrlEncodedContent Values(Func<IElement, string?> replace) => new(Fields.Select(f => new KeyValuePair<string, string>(
        f.GetAttribute("name")!,
        replace(f) ?? f.LocalName switch
        {
            "select" => (f.QuerySelector("option[selected]") ?? f.QuerySelector("option"))?.GetAttribute("value") ?? "",
            "textarea" => f.TextContent,
            _ => f.GetAttribute("value") ?? "true",
        })));
}

internal static class PageForms
{
    /// <summary>
    /// Every page of the app without a route parameter, fetched as <paramref name="staff"/> (under /staff)
    /// or <paramref name="customer"/>, else as a visitor, and the POST forms with typed fields each shows.
    /// </summary>
    public static async Task<IReadOnlyList<PageForm>> FindAsync(AccountsApp app, HttpClient customer, HttpClient staff)
    {
        var pages = app.Get<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<PageActionDescriptor>() is not null && e.RoutePattern.RawText?.Contains('{', StringComparison.Ordinal) == false)
            .Select(e => "/" + e.RoutePattern.RawText!.TrimStart('/'))
            .Distinct()
            .ToList();
        pages.Count.ShouldBeGreaterThan(15);
        var forms = new List<PageForm>();
        foreach (var page in pages)
        {
            foreach (var client in new[] { page.StartsWith("/staff", StringComparison.Ordinal) ? staff : customer, app.Client() })
            {
                var shown = await client.GetAsync(new Uri(page, UriKind.Relative));
                if (shown.StatusCode != HttpStatusCode.OK)
                {
                    continue;
                }

                var document = new HtmlParser().ParseDocument(await shown.Content.ReadAsStringAsync());
                foreach (var form in document.QuerySelectorAll("form").Where(f => string.Equals(f.GetAttribute("method"), "post", StringComparison.OrdinalIgnoreCase)))
                {
                    var fields = form.QuerySelectorAll("input[name], textarea[name], select[name]").ToList();
                    var texts = fields.Where(f => f.LocalName == "textarea" || (f.LocalName == "input" && f.GetAttribute("type") is null or "text" or "email" or "tel" or "password" or "search" or "url")).ToList();
                    if (texts.Count > 0)   // nothing typed: submitting it would only do what its button does
                    {
                        forms.Add(new PageForm(page, form.GetAttribute("action") is { Length: > 0 } target ? target : page, client, fields, texts));
                    }
                }

                break;
            }
        }

        return forms;
    }
}
