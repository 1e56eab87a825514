using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Tunda.Domain.Logins;
using Tunda.Web.Platform.Commands;
using Tunda.Web.Features.Accounts;
using Tunda.Web.Features.Accounts.Profile;
using Tunda.Web.Platform;
using Tunda.Web.Platform.Localisation;
using Tunda.Web.Platform.RateLimits;

namespace Tunda.Web.Pages.Password;

/// <summary>The username is the e-mail; someone who lost that mailbox asks administration, who verify them.</summary>
[AllowAnonymous]
[EnableRateLimiting(RateLimitPolicies.UsernameRecovery)]
public sealed class ForgotUsernameModel(ICommandSender bus, Texts texts) : PageModel
{
    private static readonly string[] Fields = ["Name", "CompanyOrCodiceFiscale", "ClaimedEmail", "ContactEmail", "Message"];

    [BindProperty]
    public RecoveryInput Input { get; set; } = new();

    public List<Alert> Alerts { get; } = [];

    public string? Reference { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var request = new RequestUsernameRecovery(Guid.NewGuid(), Input.Name ?? string.Empty, Input.ClaimedEmail ?? string.Empty, Input.ContactEmail ?? string.Empty, Input.CompanyOrCodiceFiscale, Input.Message ?? string.Empty);
        var result = await bus.InvokeAsync(new AskUsernameRecovery(request, Languages.Of(HttpContext).TwoLetterISOLanguageName), RequestMetadata.For(HttpContext));
        if (result.Succeeded)
        {
            Reference = UsernameRecoveryHandler.ReferenceOf(request.RequestId);
            Alerts.Add(new Alert(AlertKind.Success, texts["username.received", Reference, Input.ContactEmail]));
            return Page();
        }

        Alerts.AddRange(PageErrors.Add(ModelState, texts, result.Errors, Fields).Select(t => new Alert(AlertKind.Error, t)));
        return Page();
    }

    public sealed class RecoveryInput
    {
        [Display(Name = "username.field.name")]
        public string? Name { get; set; }

        [Display(Name = "username.field.companyOrCodiceFiscale")]
        public string? CompanyOrCodiceFiscale { get; set; }

        [Display(Name = "username.field.claimedEmail", Description = "username.field.claimedEmail.hint")]
        [DataType(DataType.EmailAddress)]
        public string? ClaimedEmail { get; set; }

        [Display(Name = "username.field.contactEmail", Description = "username.field.contactEmail.hint")]
        [DataType(DataType.EmailAddress)]
        public string? ContactEmail { get; set; }

        [Display(Name = "username.field.message")]
        [DataType(DataType.MultilineText)]
        public string? Message { get; set; }
    }
}
