namespace Tunda.Domain.Customers;

/// <summary>The stable codes of the Customer stream's rules (field errors use <see cref="FieldErrors.Code"/>).</summary>
public static class CustomerErrors
{
    public const string InvalidField = FieldErrors.Code;

    public static DomainError NotFound(Guid id) => new("customer.not_found", $"Customer {id} does not exist.");

    public static DomainError AlreadyRegistered(Guid id) => new("customer.already_registered", $"Customer {id} is already registered.");

    public static DomainError Blocked { get; } = new("customer.blocked", "The customer is blocked: only unblocking is possible.");

    public static DomainError AlreadyBlocked { get; } = new("customer.already_blocked", "The customer is already blocked.");

    public static DomainError NotBlocked { get; } = new("customer.not_blocked", "The customer is not blocked.");

    public static DomainError LegalFieldsImmutable(IEnumerable<string> fields) => new(
        "customer.legal_fields_immutable",
        $"These fields identify the customer in law and cannot be changed: {string.Join(", ", fields)}. A new customer record is needed; staff can do that.");

    public static DomainError EmailMismatch { get; } = new("customer.email_mismatch", "The address to confirm is not the one on record (the link may be out of date).", "email");

    public static DomainError EmailAlreadyConfirmed { get; } = new("customer.email_already_confirmed", "The e-mail address is already confirmed.");

    public static DomainError NoPendingEmailChange { get; } = new("customer.no_pending_email_change", "No change of login e-mail is waiting for that address.", "email");

    public static DomainError SameEmail { get; } = new("customer.same_email", "That is already the login e-mail.", "email");

    public static DomainError EmailUsedByContact { get; } = new("customer.email_used_by_contact", "One of the customer's contacts uses that address; a login e-mail must differ from them.", "email");
}
