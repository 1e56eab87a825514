namespace Tunda.Domain.Customers;

// Commands of the Customer stream. Inputs are raw (as typed in a form or sent to the API); the
// deciders validate and normalise them.

/// <summary>Who acts on a customer's contacts: the main account (ContactId null, every permission) or a contact.</summary>
public sealed record AccountActor(Guid? ContactId, Permissions Permissions)
{
    public static AccountActor MainAccount { get; } = new(null, Permissions.All);

    public static AccountActor Contact(Guid contactId, Permissions permissions) => new(contactId, permissions);
}

/// <summary>The fields a registration form sends. Legal fields are optional where the law allows it.</summary>
public sealed record RegisterCustomer(
    Guid CustomerId,
    CustomerKind Kind,
    string? FirstName,
    string? LastName,
    string? CompanyName,
    string? CodiceFiscale,
    string? VatNumber,
    CustomerDetailsInput Details,
    string? Email,
    string? TermsVersion,
    string? PrivacyVersion);

/// <summary>The changeable part of a customer, as typed.</summary>
public sealed record CustomerDetailsInput(
    string? Street,
    string? City,
    string? Zip,
    string? Province,
    string? Country,
    string? Phone,
    string? Pec,
    string? CodiceDestinatario,
    string? Language);

public sealed record ConfirmCustomerEmail(Guid CustomerId, string Email);

/// <summary>
/// A profile edit. The legal fields are carried only so that an attempt to change them is refused
/// with a clear reason instead of being silently ignored; null means "not sent".
/// </summary>
public sealed record ChangeCustomerDetails(
    Guid CustomerId,
    CustomerDetailsInput Details,
    string? FirstName = null,
    string? LastName = null,
    string? CompanyName = null,
    string? CodiceFiscale = null,
    string? VatNumber = null);

public sealed record RequestLoginEmailChange(Guid CustomerId, string NewEmail);

public sealed record ConfirmLoginEmailChange(Guid CustomerId, string NewEmail);

public sealed record ChangeLoginEmailByStaff(Guid CustomerId, string NewEmail);

public sealed record BlockCustomer(Guid CustomerId, string Reason);

public sealed record UnblockCustomer(Guid CustomerId);

public sealed record InviteContact(Guid CustomerId, Guid ContactId, string Name, string Email, Permissions Permissions, Notifications Notifications, AccountActor Actor);

/// <summary>The invitee accepted (proved the mailbox through the invitation link); no acting principal beyond that.</summary>
public sealed record ActivateContact(Guid CustomerId, Guid ContactId);

public sealed record ChangeContact(Guid CustomerId, Guid ContactId, string Name, Permissions Permissions, Notifications Notifications, AccountActor Actor);

public sealed record BlockContact(Guid CustomerId, Guid ContactId, AccountActor Actor);

public sealed record UnblockContact(Guid CustomerId, Guid ContactId, AccountActor Actor);

public sealed record DeleteContact(Guid CustomerId, Guid ContactId, AccountActor Actor);
