using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Tunda.Web.Pages;

/// <summary>The 404 page; like <see cref="ErrorModel"/> it answers any re-executed method without a token check.</summary>
[IgnoreAntiforgeryToken]
public sealed class NotFoundModel : PageModel
{
    public void OnGet() => Response.StatusCode = StatusCodes.Status404NotFound;

    public void OnPost() => OnGet();
}
