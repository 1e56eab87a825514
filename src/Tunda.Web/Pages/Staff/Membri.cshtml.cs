using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Tunda.Domain.Staff;
using Tunda.Web.Platform.Commands;
using Tunda.Projections;
using Tunda.Web.Features.Accounts;
using Tunda.Web.Features.Accounts.Staff;
using Tunda.Web.Platform.Localisation;
using Tunda.Web.Security.Authorization;

namespace Tunda.Web.Pages.Staff;

/// <summary>/staff/membri: administrators invite staff, change their roles, block and unblock them.</summary>
[RequireStaffRole(StaffRoles.Administrator)]
public sealed class MembriModel(CustomerSearch reads, ICommandSender bus, Texts texts) : StaffPageModel(texts)
{
    public IReadOnlyList<StaffDirectoryEntry> Members { get; private set; } = [];

    [BindProperty]
    public InviteInput Input { get; set; } = new();

    public async Task OnGetAsync() => Members = await reads.StaffAsync(HttpContext.RequestAborted);

    public async Task<IActionResult> OnPostInviteAsync()
    {
        var roles = StaffRoleNames.Parse(Input.Roles) ?? StaffRoles.None;
        if (ModelState.IsValid)
        {
            var language = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
            var result = await bus.InvokeAsync(new InviteStaffMember(Guid.NewGuid(), Input.Name, Input.Email, roles, language), RequestMetadata.For(HttpContext), HttpContext.RequestAborted);
            if (result.Value is StaffInvitation invited)
            {
                Notice = Texts["staff.members.invited", invited.Email];
                return RedirectToPage();
            }

            ShowErrors(result);
        }

        await OnGetAsync();
        return Page();
    }

    public Task<IActionResult> OnPostRolesAsync(Guid staffId, string[]? roles) =>
        ActAsync(new ChangeMemberRoles(staffId, StaffRoleNames.Parse(roles) ?? StaffRoles.None), "staff.members.rolesChanged");

    public Task<IActionResult> OnPostBlockAsync(Guid staffId) => ActAsync(new BlockMember(staffId), "staff.members.blocked");

    public Task<IActionResult> OnPostUnblockAsync(Guid staffId) => ActAsync(new UnblockMember(staffId), "staff.members.unblocked");

    private async Task<IActionResult> ActAsync(object command, string doneKey)
    {
        ModelState.Clear();
        var result = await bus.InvokeAsync(command, RequestMetadata.For(HttpContext), HttpContext.RequestAborted);
        if (result.Succeeded)
        {
            Notice = Text(doneKey);
            return RedirectToPage();
        }

        ShowErrors(result.Errors.Select(e => e with { Field = null }));
        await OnGetAsync();
        return Page();
    }

    public sealed class InviteInput
    {
        [Required(ErrorMessage = "staff.field.required")]
        [StringLength(100, ErrorMessage = "staff.field.too_long")]
        [Display(Name = "staff.field.name")]
        public string Name { get; set; } = "";

        [Required(ErrorMessage = "staff.field.required")]
        [EmailAddress(ErrorMessage = "staff.field.email.invalid")]
        [Display(Name = "staff.field.email")]
        public string Email { get; set; } = "";

        public List<string> Roles { get; set; } = [];
    }
}
