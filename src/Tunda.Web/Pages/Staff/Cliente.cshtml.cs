using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Tunda.Domain.Staff;
using Tunda.Web.Platform.Commands;
using Tunda.Projections;
using Tunda.Web.Features.Accounts;
using Tunda.Web.Features.Accounts.Staff;
using Tunda.Web.Platform.Localisation;
using Tunda.Web.Security.Authorization;

namespace Tunda.Web.Pages.Staff;

/// <summary>
/// /staff/clienti/{id}: one customer, with what support may do: move the login e-mail, block or
/// unblock, mail a password-reset link. Auditors only read (the policy refuses their POSTs).
/// </summary>
[RequireStaffRole(StaffRoles.Support | StaffRoles.Billing | StaffRoles.Administrator | StaffRoles.Auditor)]
public sealed class ClienteModel(CustomerSearch search, ICommandSender bus, Texts texts) : StaffPageModel(texts)
{
    [FromRoute]
    public Guid Id { get; set; }

    public CustomerProfile? Profile { get; private set; }

    public IReadOnlyList<AccountAccess> Contacts { get; private set; } = [];

    [BindProperty]
    public EmailInput Email { get; set; } = new();

    [BindProperty]
    public BlockInput Block { get; set; } = new();

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ? Page() : NotFound();

    public Task<IActionResult> OnPostEmailAsync() =>
        ActAsync(nameof(Email), () => new StaffChangeCustomerLoginEmail(Id, Email.NewEmail), "staff.customer.emailChanged");

    public Task<IActionResult> OnPostBlockAsync() =>
        ActAsync(nameof(Block), () => new StaffBlockCustomer(Id, Block.Reason), "staff.customer.blockedDone");

    public Task<IActionResult> OnPostUnblockAsync() => ActAsync(null, () => new StaffUnblockCustomer(Id), "staff.customer.unblockedDone");

    public Task<IActionResult> OnPostResetAsync() => ActAsync(null, () => new StaffStartPasswordReset(Id), "staff.customer.resetSent");

    /// <summary>Validates only the form that was sent, runs its command, and shows the outcome.</summary>
    private async Task<IActionResult> ActAsync(string? form, Func<object> command, string doneKey)
    {
        foreach (var key in ModelState.Keys.Where(k => form is null || !k.StartsWith(form + ".", StringComparison.Ordinal)).ToList())
        {
            ModelState.Remove(key);
        }

        if (ModelState.IsValid)
        {
            var result = await bus.InvokeAsync(command(), RequestMetadata.For(HttpContext), HttpContext.RequestAborted);
            if (result.Succeeded)
            {
                Notice = Text(doneKey);
                return RedirectToPage(new { id = Id });
            }

            ShowErrors(result.Errors.Select(e => (form, e.Field) switch
            {
                (nameof(Email), "email") => e with { Field = "newEmail" },
                (nameof(Block), "reason") => e,
                _ => e with { Field = null },
            }), form ?? "Input");
        }

        return await LoadAsync() ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync()
    {
        Profile = await search.ProfileAsync(Id, HttpContext.RequestAborted);
        Contacts = Profile is null ? [] : await search.ContactsAsync(Id, HttpContext.RequestAborted);
        return Profile is not null;
    }

    public sealed class EmailInput
    {
        [Required(ErrorMessage = "staff.field.required")]
        [StringLength(254, ErrorMessage = "staff.field.too_long")]
        [Display(Name = "staff.field.newEmail", Description = "staff.field.newEmail.hint")]
        public string NewEmail { get; set; } = "";
    }

    public sealed class BlockInput
    {
        [Required(ErrorMessage = "staff.field.required")]
        [StringLength(500, ErrorMessage = "staff.field.too_long")]
        [Display(Name = "staff.field.reason")]
        public string Reason { get; set; } = "";
    }
}
