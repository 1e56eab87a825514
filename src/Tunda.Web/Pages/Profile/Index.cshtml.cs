using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tunda.Domain.Customers;
using Tunda.Web.Platform.Commands;
using Tunda.Web.Features.Accounts;
using Tunda.Web.Features.Accounts.Profile;
using Tunda.Web.Platform;
using Tunda.Web.Platform.Localisation;
using Tunda.Web.Security.Authentication;
using Tunda.Web.Security.Authorization;

namespace Tunda.Web.Pages.Profile;

/// <summary>
/// The customer's data: legal identity read-only, the rest editable on the version shown. The legal
/// fields bind only to be refused with the reason when a crafted form sends them.
/// </summary>
[RequirePermission(Permissions.Profile)]
public sealed class IndexModel(ICommandSender bus, ProfileReader reader, Texts texts) : PageModel
{
    private static readonly string[] Fields = ["Street", "City", "Zip", "Province", "Country", "Phone", "Pec", "CodiceDestinatario", "Language"];

    [BindProperty]
    public DetailsInput Input { get; set; } = new();

    public ProfileView? View { get; private set; }

    public List<Alert> Alerts { get; } = [];

    public bool IsMainAccount => User.GetContactId() is null;

    private Guid CustomerId => User.GetCustomerId()!.Value;

    public async Task OnGetAsync(int? salvato)
    {
        View = await reader.ReadAsync(CustomerId, HttpContext.RequestAborted);
        if (View is not null)
        {
            Input = DetailsInput.From(View);
        }

        if (salvato == 1)
        {
            Alerts.Add(new Alert(AlertKind.Success, texts["profile.saved"]));
        }
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var change = new ChangeCustomerDetails(CustomerId,
            new CustomerDetailsInput(Input.Street, Input.City, Input.Zip, Input.Province, Input.Country, Input.Phone, Input.Pec, Input.CodiceDestinatario, Input.Language),
            Input.FirstName, Input.LastName, Input.CompanyName, Input.CodiceFiscale, Input.VatNumber);
        var result = await bus.InvokeAsync(new EditProfile(change, Input.Version), RequestMetadata.For(HttpContext));
        if (result.Succeeded)
        {
            return Redirect("/profilo?salvato=1");
        }

        View = await reader.ReadAsync(CustomerId, HttpContext.RequestAborted);
        if (result.Status == InvokeStatus.Conflict)
        {
            // Keep what was typed; the next save is made knowingly on the current version.
            Alerts.Add(new Alert(AlertKind.Warning, texts["profile.stale"]));
            ModelState.Remove("Input.Version");
            Input.Version = View?.Version ?? Input.Version;
            return Page();
        }

        if (result.Error?.Code == "customer.legal_fields_immutable")
        {
            var names = string.Join(", ", ProfileDetails.LegalFieldsSent(change).Select(f => texts["profile.field." + f]));
            Alerts.Add(new Alert(AlertKind.Error, texts["profile.legal.refused", names]));
            return Page();
        }

        Alerts.AddRange(PageErrors.Add(ModelState, texts, result.Errors, Fields).Select(t => new Alert(AlertKind.Error, t)));
        return Page();
    }

    public sealed class DetailsInput
    {
        public long Version { get; set; }

        [Display(Name = "profile.field.street")]
        public string? Street { get; set; }

        [Display(Name = "profile.field.city")]
        public string? City { get; set; }

        [Display(Name = "profile.field.zip")]
        public string? Zip { get; set; }

        [Display(Name = "profile.field.province")]
        public string? Province { get; set; }

        [Display(Name = "profile.field.country", Description = "profile.field.country.hint")]
        public string? Country { get; set; }

        [Display(Name = "profile.field.phone")]
        [DataType(DataType.PhoneNumber)]
        public string? Phone { get; set; }

        [Display(Name = "profile.field.pec")]
        [DataType(DataType.EmailAddress)]
        public string? Pec { get; set; }

        [Display(Name = "profile.field.codiceDestinatario")]
        public string? CodiceDestinatario { get; set; }

        [Display(Name = "profile.field.language", Description = "profile.field.language.hint")]
        public string? Language { get; set; }

        // Never rendered as inputs: bound only so that a crafted form is refused with the reason.
        public string? FirstName { get; set; }

        public string? LastName { get; set; }

        public string? CompanyName { get; set; }

        public string? CodiceFiscale { get; set; }

        public string? VatNumber { get; set; }

        public static DetailsInput From(ProfileView view) => new()
        {
            Version = view.Version,
            Street = view.Street,
            City = view.City,
            Zip = view.Zip,
            Province = view.Province,
            Country = view.Country,
            Phone = view.Phone,
            Pec = view.Pec,
            CodiceDestinatario = view.CodiceDestinatario,
            Language = view.Language,
        };
    }
}
