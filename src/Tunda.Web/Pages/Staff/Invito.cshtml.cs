using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Tunda.Web.Platform.Commands;
using Tunda.Web.Features.Accounts;
using Tunda.Web.Features.Accounts.Staff;
using Tunda.Web.Platform.Localisation;

namespace Tunda.Web.Pages.Staff;

/// <summary>/staff/invito?token=: the invited staff member chooses a password; the authenticator follows at first sign-in.</summary>
[AllowAnonymous]
public sealed class InvitoModel(ICommandSender bus, Texts texts) : StaffPageModel(texts)
{
    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    [BindProperty]
    public PasswordInput Input { get; set; } = new();

    public bool Done { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (Input.Password != Input.ConfirmPassword)
        {
            ModelState.AddModelError("Input.ConfirmPassword", Text("staff.invite.mismatch"));
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var result = await bus.InvokeAsync(new AcceptStaffInvitation(Token ?? "", Input.Password), RequestMetadata.For(HttpContext), HttpContext.RequestAborted);
        if (!result.Succeeded)
        {
            ShowErrors(result);
            return Page();
        }

        Done = true;
        return Page();
    }

    public sealed class PasswordInput
    {
        [Required(ErrorMessage = "staff.field.required")]
        [StringLength(200, ErrorMessage = "staff.field.too_long")]
        [DataType(DataType.Password)]
        [Display(Name = "staff.field.newPassword", Description = "staff.field.newPassword.hint")]
        public string Password { get; set; } = "";

        [Required(ErrorMessage = "staff.field.required")]
        [DataType(DataType.Password)]
        [Display(Name = "staff.field.confirmPassword")]
        public string ConfirmPassword { get; set; } = "";
    }
}
