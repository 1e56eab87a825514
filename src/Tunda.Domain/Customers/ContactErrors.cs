namespace Tunda.Domain.Customers;

/// <summary>The stable codes of the contact (sub-account) rules.</summary>
public static class ContactErrors
{
    public static DomainError NotAuthorised { get; } = new("contact.not_authorised", "Only the main account or an active contact with the Contacts permission can manage contacts.");

    public static DomainError PermissionEscalation { get; } = new("contact.permission_escalation", "A contact cannot grant, or leave on a contact it manages, a permission it does not hold itself.", "permissions");

    public static DomainError CannotTargetSelf { get; } = new("contact.cannot_target_self", "A contact cannot block or delete itself.");

    public static DomainError NotFound(Guid id) => new("contact.not_found", $"Contact {id} does not exist.");

    public static DomainError AlreadyExists(Guid id) => new("contact.already_exists", $"Contact {id} already exists.");

    public static DomainError EmailInUse { get; } = new("contact.email_in_use", "That address is already the customer's login or one of its contacts.", "email");

    public static DomainError NotInvited { get; } = new("contact.not_invited", "Only an invited contact can be activated.");

    public static DomainError AlreadyBlocked { get; } = new("contact.already_blocked", "The contact is already blocked.");

    public static DomainError NotBlocked { get; } = new("contact.not_blocked", "The contact is not blocked.");

    public static DomainError NameRequired { get; } = new(FieldErrors.Code, "name: is required (at most 100 characters).", "name");
}
