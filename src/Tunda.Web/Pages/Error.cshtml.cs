using System.Diagnostics;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tunda.Web.Platform.Input;

namespace Tunda.Web.Pages;

/// <summary>
/// The page shown for an error status (re-executed here by the status code pages and the exception
/// handler). A failed antiforgery check arrives as 400 and is explained as an expired form; a form
/// whose text was refused (<see cref="RefusedText"/>) also arrives as 400 and names the fields.
/// Re-execution keeps the original method, so this page answers POST too and checks no token.
/// </summary>
[IgnoreAntiforgeryToken]
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class ErrorModel : PageModel
{
    private static readonly int[] Explained = [400, 403, 429, 500];

    public int Status { get; private set; }

    public string? TraceId { get; private set; }

    /// <summary>Set when the 400 is a form whose text was refused: the fields to correct (possibly none named).</summary>
    public IReadOnlyList<string>? RefusedFields { get; private set; }

    public string TitleKey => RefusedFields is not null ? "errorpage.input.title" : Explained.Contains(Status) ? $"errorpage.{Status}.title" : "errorpage.title";

    public string TextKey => RefusedFields is not null ? "errorpage.input.text" : Explained.Contains(Status) ? $"errorpage.{Status}.text" : "errorpage.text";

    public void OnGet([FromRoute] int? status) => Describe(status);

    // From the route only: the form of the failed request may be one that cannot be read.
    public void OnPost([FromRoute] int? status) => Describe(status);

    private void Describe(int? status)
    {
        var reExecuted = HttpContext.Features.Get<IStatusCodeReExecuteFeature>();
        var failed = HttpContext.Features.Get<IExceptionHandlerPathFeature>();
        Status = reExecuted?.OriginalStatusCode ?? (failed is null ? status ?? 500 : 500);
        RefusedFields = Status == StatusCodes.Status400BadRequest ? RefusedText.Of(HttpContext) : null;
        if (failed is not null || Status >= 500)
        {
            TraceId = Activity.Current?.Id ?? HttpContext.TraceIdentifier;
        }

        // Reached directly (not re-executed) the page still answers with the status it describes.
        if (reExecuted is null && failed is null && Status is >= 400 and < 600)
        {
            Response.StatusCode = Status;
        }
    }
}
