using System.Collections.Immutable;

namespace Tunda.Domain.Customers;

[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<ContactStatus>))]
public enum ContactStatus
{
    Invited,
    Active,
    Blocked,
}

/// <summary>
/// A sub-account of a customer, as the Customer aggregate knows it. <see cref="Accepted"/> tells
/// whether it ever accepted the invitation, so unblocking returns it to Active or to Invited.
/// </summary>
public sealed record Contact(Guid Id, string Name, string Email, Permissions Permissions, Notifications Notifications, ContactStatus Status, bool Accepted = false);

/// <summary>The Customer stream folded: what the deciders need to judge a command.</summary>
public sealed record Customer
{
    public static Customer Empty { get; } = new();

    public Guid Id { get; init; }

    public bool IsRegistered { get; init; }

    public CustomerKind Kind { get; init; }

    public LegalIdentity? Legal { get; init; }

    public CustomerDetails? Details { get; init; }

    /// <summary>The normalised login e-mail of the main account.</summary>
    public string LoginEmail { get; init; } = string.Empty;

    public bool EmailConfirmed { get; init; }

    public string? PendingLoginEmail { get; init; }

    public bool IsBlocked { get; init; }

    /// <summary>Current contacts by id; deleted contacts are removed.</summary>
    public ImmutableDictionary<Guid, Contact> Contacts { get; init; } = ImmutableDictionary<Guid, Contact>.Empty;

    /// <summary>Folds one event; unknown events leave the state as it is.</summary>
    public Customer Evolve(object @event) => @event switch
    {
        CustomerRegistered e => this with
        {
            Id = e.CustomerId,
            IsRegistered = true,
            Kind = e.Kind,
            Legal = e.Legal,
            Details = e.Details,
            LoginEmail = e.LoginEmail,
        },
        CustomerEmailConfirmed => this with { EmailConfirmed = true },
        CustomerDetailsChanged e => this with { Details = e.Details },
        LoginEmailChangeRequested e => this with { PendingLoginEmail = e.NewEmail },

        // Confirming the change proves the new mailbox; a staff change follows an identity check.
        LoginEmailChanged e => this with { LoginEmail = e.NewEmail, PendingLoginEmail = null, EmailConfirmed = true },
        CustomerBlocked => this with { IsBlocked = true },
        CustomerUnblocked => this with { IsBlocked = false },
        ContactInvited e => WithContact(new Contact(e.ContactId, e.Name, e.Email, e.Permissions, e.Notifications, ContactStatus.Invited)),
        ContactActivated e => Update(e.ContactId, c => c with { Status = ContactStatus.Active, Accepted = true }),
        ContactChanged e => Update(e.ContactId, c => c with { Name = e.Name, Permissions = e.Permissions, Notifications = e.Notifications }),
        ContactBlocked e => Update(e.ContactId, c => c with { Status = ContactStatus.Blocked }),
        ContactUnblocked e => Update(e.ContactId, c => c with { Status = c.Accepted ? ContactStatus.Active : ContactStatus.Invited }),
        ContactDeleted e => this with { Contacts = Contacts.Remove(e.ContactId) },
        _ => this,
    };

    public static Customer Evolve(Customer state, object @event) => state.Evolve(@event);

    /// <summary>True when <paramref name="normalisedEmail"/> is the main login or a contact's address (other than <paramref name="except"/>).</summary>
    public bool UsesEmail(string normalisedEmail, Guid? except = null) =>
        LoginEmail == normalisedEmail || Contacts.Values.Any(c => c.Id != except && c.Email == normalisedEmail);

    private Customer WithContact(Contact contact) => this with { Contacts = Contacts.SetItem(contact.Id, contact) };

    private Customer Update(Guid contactId, Func<Contact, Contact> change) =>
        Contacts.TryGetValue(contactId, out var contact) ? WithContact(change(contact)) : this;
}
