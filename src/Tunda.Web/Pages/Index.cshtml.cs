using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Tunda.Web.Pages;

public sealed class IndexModel : PageModel
{
    public void OnGet()
    {
    }
}
