using System.ComponentModel.DataAnnotations;
using Tunda.Domain;
using Tunda.Domain.Customers;
using Tunda.Web.Features.Accounts.Contacts;

namespace Tunda.Web.Pages.Contacts;

/// <summary>The contact form's fields. The decider validates them; the page only shows what it says.</summary>
public sealed class ContactFormInput
{
    [Display(Name = "contacts.field.name")]
    public string? Name { get; set; }

    [Display(Name = "contacts.field.email")]
    [EmailAddress]
    public string? Email { get; set; }

    public List<Permissions> Permissions { get; set; } = [];

    public List<Notifications> Notifications { get; set; } = [];

    public Permissions PermissionFlags => FlagNames.Combine(Permissions);

    public Notifications NotificationFlags => FlagNames.Combine(Notifications);

    public AccessChoices Choices => new(PermissionFlags, NotificationFlags);

    public static ContactFormInput From(Projections.AccountAccess contact) => new()
    {
        Name = contact.Name,
        Email = contact.Email,
        Permissions = [.. FlagNames.Singles<Permissions>().Where(p => contact.Permissions.HasFlag(p))],
        Notifications = [.. FlagNames.Singles<Notifications>().Where(n => contact.Notifications.HasFlag(n))],
    };
}

/// <summary>What the permission and notification checkboxes show as ticked.</summary>
public sealed record AccessChoices(Permissions Permissions, Notifications Notifications);

/// <summary>Puts the decider's errors next to the form's fields (or above the form when they concern no field).</summary>
internal static class ContactFormErrors
{
    public static void Show(Microsoft.AspNetCore.Mvc.ModelBinding.ModelStateDictionary modelState, IEnumerable<DomainError> errors, Platform.Localisation.Texts texts)
    {
        foreach (var error in errors)
        {
            var key = error.Field is { Length: > 0 } field && field != "permissions" ? "Input." + char.ToUpperInvariant(field[0]) + field[1..] : string.Empty;
            modelState.AddModelError(key, ContactErrorTexts.Text(texts, error));
        }
    }

    /// <summary>Acting beyond one's own permissions is refused as forbidden; a field's rule as unprocessable.</summary>
    public static int StatusFor(IEnumerable<DomainError> errors) =>
        errors.Any(ContactErrorTexts.IsForbidden)
            ? StatusCodes.Status403Forbidden
            : StatusCodes.Status422UnprocessableEntity;
}
