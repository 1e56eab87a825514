using Marten;
using Tunda.Domain;
using Tunda.Domain.Customers;
using Tunda.Domain.Tickets;
using Tunda.Projections;
using Tunda.Web.Features.Accounts.Contacts;
using Tunda.Web.Platform.Commands;
using Wolverine;

namespace Tunda.Web.Features.Tickets;

/// <summary>
/// Staff checked a held mail's sender (by phone, by a document...) and attach the ticket to the
/// customer, saying how. Optionally the address is invited as a contact with the tickets
/// permission: until the person accepts, their mail is still held.
/// </summary>
public sealed record VerifyHeldTicket(Guid TicketId, Guid StaffId, Guid CustomerId, string Note, bool AddAddressAsContact);

/// <summary>Staff judged a held mail spam or impersonation.</summary>
public sealed record RejectHeldMail(Guid TicketId, Guid StaffId, string Reason, string Note);

public static class VerificationHandler
{
    public static readonly string[] RejectionReasons = ["spam", "impersonation"];

    public static DomainError UnknownCustomer { get; } = new("ticket.unknown_customer", "No customer has that id.", "customerId");

    public static DomainError UnknownReason { get; } = new("ticket.unknown_reason", "Say whether it is spam or impersonation.", "reason");

    public static Task<InvokeResult> Handle(VerifyHeldTicket command, IDocumentSession session, IMessageContext bus, UnitOfWork work, ContactInvitations invitations, CancellationToken ct) =>
        work.RunAsync(session, bus, async context =>
        {
            if (await TicketAuthors.StaffAsync(context.Session, command.StaffId, ct) is not { } author)
            {
                return TicketAuthors.NotAllowed;
            }

            if (await CustomerProfiles.FindAsync(context.Session, command.CustomerId, ct) is null)
            {
                return UnknownCustomer;
            }

            var stream = await context.Session.Events.FetchForWriting<Ticket>(command.TicketId, ct);
            var ticket = stream.Aggregate ?? Ticket.Empty;
            var verified = TicketDecider.Decide(ticket, new VerifyTicketSender(command.TicketId, command.CustomerId, command.Note, command.AddAddressAsContact, author), context.Now);
            if (!verified.IsAccepted)
            {
                return verified;
            }

            stream.AppendMany([.. verified.Events]);
            if (command.AddAddressAsContact && ticket.Requester?.Address is { } address)
            {
                return await InviteAsync(context, command.CustomerId, ticket.Requester.Name, address, invitations, ct) ?? (object)verified;
            }

            return verified;
        }, ct);

    public static Task<InvokeResult> Handle(RejectHeldMail command, IDocumentSession session, IMessageContext bus, UnitOfWork work, CancellationToken ct) =>
        work.RunAsync(session, bus, async context =>
        {
            if (await TicketAuthors.StaffAsync(context.Session, command.StaffId, ct) is not { } author)
            {
                return TicketAuthors.NotAllowed;
            }

            return !RejectionReasons.Contains(command.Reason)
                ? UnknownReason
                : await StreamSteps.DecideAsync(context, command.TicketId, Ticket.Empty,
                    s => TicketDecider.Decide(s, new RejectHeldTicket(command.TicketId, command.Reason, command.Note, author), context.Now), ct);
        }, ct);

    /// <summary>Invites the sender as a contact who may use tickets and receives support mail, as the main account would.</summary>
    private static async Task<DomainError?> InviteAsync(CommandContext context, Guid customerId, string name, string address, ContactInvitations invitations, CancellationToken ct)
    {
        var stream = await context.Session.Events.FetchForWriting<Customer>(customerId, ct);
        var customer = stream.Aggregate ?? Customer.Empty;
        var invite = new InviteContact(customerId, Guid.NewGuid(), name, address, Permissions.Tickets, Notifications.Support, AccountActor.MainAccount);
        var decision = ContactDecider.Decide(customer, invite, context.Now);
        if (!decision.IsAccepted)
        {
            return decision.Error;
        }

        stream.AppendMany([.. decision.Events]);
        await invitations.SendAsync(customer, decision.Events.OfType<ContactInvited>().Single(), AccountActor.MainAccount, context, ct);
        return null;
    }
}
