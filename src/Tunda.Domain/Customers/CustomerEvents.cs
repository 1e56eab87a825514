using System.Text.Json.Serialization;

namespace Tunda.Domain.Customers;

// Every event of the Customer stream (stream type "customer"). Aliases are declared in
// Tunda.Projections; never rename a stored event, map the old alias instead. Secrets (password
// hashes, tokens, TOTP keys) never go into events: the log is kept forever.

[JsonConverter(typeof(JsonStringEnumConverter<CustomerKind>))]
public enum CustomerKind
{
    Person,
    Company,
}

/// <summary>The fields that identify the customer in law; immutable after registration.</summary>
public sealed record LegalIdentity(string FirstName, string LastName, string? CompanyName, string CodiceFiscale, string? VatNumber)
{
    /// <summary>Decided here once: the domain checks it at registration, the web declares it on its inputs (a person's form may carry a company name the domain never sees).</summary>
    public const int MaxCompanyNameLength = 200;
}

public sealed record PostalAddress(string Street, string City, string Zip, string? Province, string Country);

/// <summary>What the customer may change: address, phone, invoicing channels, language.</summary>
public sealed record CustomerDetails(PostalAddress Address, string Phone, string? Pec, string? CodiceDestinatario, string Language);

public sealed record TermsAcceptance(string TermsVersion, string PrivacyVersion, DateTimeOffset AcceptedAt);

public sealed record CustomerRegistered(Guid CustomerId, CustomerKind Kind, LegalIdentity Legal, CustomerDetails Details, string LoginEmail, TermsAcceptance Terms, DateTimeOffset At);

public sealed record CustomerEmailConfirmed(Guid CustomerId, string Email, DateTimeOffset At);

public sealed record CustomerDetailsChanged(Guid CustomerId, CustomerDetails Details, DateTimeOffset At);

/// <summary>The customer asked to move the login to <paramref name="NewEmail"/>; it takes effect once confirmed.</summary>
public sealed record LoginEmailChangeRequested(Guid CustomerId, string NewEmail, DateTimeOffset At);

/// <summary>The login moved (confirmed by the customer, or set by staff for a lost mailbox).</summary>
public sealed record LoginEmailChanged(Guid CustomerId, string OldEmail, string NewEmail, bool ByStaff, DateTimeOffset At);

public sealed record CustomerBlocked(Guid CustomerId, string Reason, DateTimeOffset At);

public sealed record CustomerUnblocked(Guid CustomerId, DateTimeOffset At);

public sealed record ContactInvited(Guid CustomerId, Guid ContactId, string Name, string Email, Permissions Permissions, Notifications Notifications, DateTimeOffset At);

/// <summary>The contact accepted the invitation (set a password, or already had a login with that e-mail).</summary>
public sealed record ContactActivated(Guid CustomerId, Guid ContactId, DateTimeOffset At);

public sealed record ContactChanged(Guid CustomerId, Guid ContactId, string Name, Permissions Permissions, Notifications Notifications, DateTimeOffset At);

public sealed record ContactBlocked(Guid CustomerId, Guid ContactId, DateTimeOffset At);

public sealed record ContactUnblocked(Guid CustomerId, Guid ContactId, DateTimeOffset At);

public sealed record ContactDeleted(Guid CustomerId, Guid ContactId, DateTimeOffset At);
