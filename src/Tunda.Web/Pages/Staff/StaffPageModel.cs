using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tunda.Domain;
using Tunda.Web.Platform.Commands;
using Tunda.Web.Features.Accounts.Staff;
using Tunda.Web.Platform.Localisation;

namespace Tunda.Web.Pages.Staff;

/// <summary>What every back-office page shares: no caching of what staff see, errors put on their fields.</summary>
public abstract class StaffPageModel(Texts texts) : PageModel
{
    protected Texts Texts { get; } = texts;

    /// <summary>A one-line outcome shown above the page after a redirect.</summary>
    [TempData]
    public string? Notice { get; set; }

    public override void OnPageHandlerExecuting(PageHandlerExecutingContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.HttpContext.Response.Headers.CacheControl = "no-store";
        base.OnPageHandlerExecuting(context);
    }

    /// <summary>Each error on its input (<c>Input.Email</c> for field "email"), the rest above the form.</summary>
    protected void ShowErrors(IEnumerable<DomainError> errors, string prefix = "Input")
    {
        foreach (var error in errors)
        {
            var key = error.Field is { Length: > 0 } field ? $"{prefix}.{char.ToUpperInvariant(field[0])}{field[1..]}" : string.Empty;
            ModelState.AddModelError(key, Texts.StaffError(error, CultureInfo.CurrentUICulture));
        }
    }

    protected void ShowErrors(InvokeResult result, string prefix = "Input") => ShowErrors(result.Errors, prefix);

    protected string Text(string key) => Texts[key];
}
