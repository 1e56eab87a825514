using Tunda.Domain.Identity;

namespace Tunda.Domain.Customers;

/// <summary>
/// Decides the contact (sub-account) commands. The acting principal's permissions are taken from
/// the stream, not from the command, so a contact whose rights were just reduced cannot use the old ones.
/// </summary>
public static class ContactDecider
{
    public static Decision Decide(Customer state, InviteContact command, DateTimeOffset now)
    {
        if (Authorise(state, command.CustomerId, command.Actor, out var held) is { } refused)
        {
            return refused;
        }

        if (state.Contacts.ContainsKey(command.ContactId) || command.ContactId == state.Id)
        {
            return ContactErrors.AlreadyExists(command.ContactId);
        }

        var name = ValidName(command.Name);
        var email = EmailAddress.Parse(command.Email);
        return name is null ? ContactErrors.NameRequired
            : !email.IsValid ? email.Error!.For("email")
            : state.UsesEmail(email.Value!.Value) ? ContactErrors.EmailInUse
            : Escalates(command.Permissions, held) ? ContactErrors.PermissionEscalation
            : Decision.Accept(new ContactInvited(state.Id, command.ContactId, name, email.Value.Value, Known(command.Permissions), KnownNotifications(command.Notifications), now));
    }

    public static Decision Decide(Customer state, ActivateContact command, DateTimeOffset now) =>
        CustomerDecider.Guard(state, command.CustomerId)
        ?? (!state.Contacts.TryGetValue(command.ContactId, out var contact) ? ContactErrors.NotFound(command.ContactId)
            : contact.Status != ContactStatus.Invited ? ContactErrors.NotInvited
            : Decision.Accept(new ContactActivated(state.Id, contact.Id, now)));

    public static Decision Decide(Customer state, ChangeContact command, DateTimeOffset now)
    {
        if (Target(state, command.CustomerId, command.ContactId, command.Actor, out var contact, out var held) is { } refused)
        {
            return refused;
        }

        var name = ValidName(command.Name);
        if (name is null)
        {
            return ContactErrors.NameRequired;
        }

        var permissions = Known(command.Permissions);
        var notifications = KnownNotifications(command.Notifications);
        return Escalates(permissions, held) ? ContactErrors.PermissionEscalation
            : name == contact.Name && permissions == contact.Permissions && notifications == contact.Notifications ? Decision.Accept()
            : Decision.Accept(new ContactChanged(state.Id, contact.Id, name, permissions, notifications, now));
    }

    public static Decision Decide(Customer state, BlockContact command, DateTimeOffset now) =>
        TargetOther(state, command.CustomerId, command.ContactId, command.Actor, out var contact)
        ?? (contact.Status == ContactStatus.Blocked ? ContactErrors.AlreadyBlocked : Decision.Accept(new ContactBlocked(state.Id, contact.Id, now)));

    public static Decision Decide(Customer state, UnblockContact command, DateTimeOffset now) =>
        TargetOther(state, command.CustomerId, command.ContactId, command.Actor, out var contact)
        ?? (contact.Status != ContactStatus.Blocked ? ContactErrors.NotBlocked : Decision.Accept(new ContactUnblocked(state.Id, contact.Id, now)));

    public static Decision Decide(Customer state, DeleteContact command, DateTimeOffset now) =>
        TargetOther(state, command.CustomerId, command.ContactId, command.Actor, out var contact)
        ?? Decision.Accept(new ContactDeleted(state.Id, contact.Id, now));

    /// <summary>The permissions the actor really holds, or why it may not manage contacts at all.</summary>
    private static DomainError? Authorise(Customer state, Guid customerId, AccountActor actor, out Permissions held)
    {
        held = Permissions.None;
        if (CustomerDecider.Guard(state, customerId) is { } refused)
        {
            return refused;
        }

        if (actor.ContactId is not { } actingId)
        {
            held = Permissions.All;
            return null;
        }

        if (!state.Contacts.TryGetValue(actingId, out var acting) || acting.Status != ContactStatus.Active || !acting.Permissions.HasFlag(Permissions.Contacts))
        {
            return ContactErrors.NotAuthorised;
        }

        held = acting.Permissions;
        return null;
    }

    /// <summary>
    /// Authorises the actor on an existing contact. Acting on a contact that holds a permission the
    /// actor lacks would let a lesser contact lock out a greater one, so it counts as escalation.
    /// </summary>
    private static DomainError? Target(Customer state, Guid customerId, Guid contactId, AccountActor actor, out Contact contact, out Permissions held)
    {
        contact = null!;
        if (Authorise(state, customerId, actor, out held) is { } refused)
        {
            return refused;
        }

        if (!state.Contacts.TryGetValue(contactId, out var found))
        {
            return ContactErrors.NotFound(contactId);
        }

        contact = found;
        return Escalates(found.Permissions, held) ? ContactErrors.PermissionEscalation : null;
    }

    private static DomainError? TargetOther(Customer state, Guid customerId, Guid contactId, AccountActor actor, out Contact contact) =>
        actor.ContactId == contactId && state.IsRegistered && !state.IsBlocked
            ? Refuse(ContactErrors.CannotTargetSelf, out contact)
            : Target(state, customerId, contactId, actor, out contact, out _);

    private static DomainError Refuse(DomainError error, out Contact contact)
    {
        contact = null!;
        return error;
    }

    private static bool Escalates(Permissions wanted, Permissions held) => (wanted & ~held) != Permissions.None;

    private static Permissions Known(Permissions permissions) => permissions & Permissions.All;

    private static Notifications KnownNotifications(Notifications notifications) => notifications & Notifications.All;

    private static string? ValidName(string? name)
    {
        var trimmed = name?.Trim() ?? string.Empty;
        return trimmed.Length is > 0 and <= 100 ? trimmed : null;
    }
}
