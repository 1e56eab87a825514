using Microsoft.AspNetCore.Authorization;
using Tunda.Web.Platform.Localisation;

namespace Tunda.Web.Pages.Staff;

/// <summary>/staff: the back office's home, for any signed-in staff member.</summary>
[Authorize]
public sealed class IndexModel(Texts texts) : StaffPageModel(texts)
{
    public void OnGet()
    {
    }
}
