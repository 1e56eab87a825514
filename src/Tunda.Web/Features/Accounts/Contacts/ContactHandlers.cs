using Marten;
using Tunda.Domain;
using Tunda.Domain.Customers;
using Tunda.Web.Platform.Commands;
using Tunda.Web.Security.Sessions;
using Wolverine;

namespace Tunda.Web.Features.Accounts.Contacts;

/// <summary>
/// The contact use cases over <see cref="ContactDecider"/>. What must commit with the events does so
/// in <c>Then</c>: the invitation link and its mail, the end of a blocked or deleted contact's sessions.
/// </summary>
public static class ContactHandler
{
    public static Task<InvokeResult> Handle(InviteContact command, IDocumentSession session, IMessageContext bus, UnitOfWork work, ContactInvitations invitations, CancellationToken ct) =>
        work.RunAsync(session, bus, context => On<InviteContact>(c => c.CustomerId, ContactDecider.Decide, async (step, context, ct) =>
        {
            var invited = step.Events.OfType<ContactInvited>().Single();
            await invitations.SendAsync(step.Before, invited, step.Command.Actor, context, ct);
            return null;
        }).HandleAsync(command, context, ct), ct);

    public static Task<InvokeResult> Handle(ChangeContact command, IDocumentSession session, IMessageContext bus, UnitOfWork work, CancellationToken ct) =>
        work.RunAsync(session, bus, context => On<ChangeContact>(c => c.CustomerId, ContactDecider.Decide).HandleAsync(command, context, ct), ct);

    public static Task<InvokeResult> Handle(BlockContact command, IDocumentSession session, IMessageContext bus, UnitOfWork work, SessionStore sessions, CancellationToken ct) =>
        work.RunAsync(session, bus, context => On<BlockContact>(c => c.CustomerId, ContactDecider.Decide, async (step, context, ct) =>
        {
            await sessions.RevokeAllOfAccessAsync(step.Command.ContactId, context.Connection, context.Transaction, ct);
            return null;
        }).HandleAsync(command, context, ct), ct);

    public static Task<InvokeResult> Handle(UnblockContact command, IDocumentSession session, IMessageContext bus, UnitOfWork work, CancellationToken ct) =>
        work.RunAsync(session, bus, context => On<UnblockContact>(c => c.CustomerId, ContactDecider.Decide).HandleAsync(command, context, ct), ct);

    public static Task<InvokeResult> Handle(DeleteContact command, IDocumentSession session, IMessageContext bus, UnitOfWork work, SessionStore sessions, ContactInvitations invitations, CancellationToken ct) =>
        work.RunAsync(session, bus, context => On<DeleteContact>(c => c.CustomerId, ContactDecider.Decide, async (step, context, ct) =>
        {
            await sessions.RevokeAllOfAccessAsync(step.Command.ContactId, context.Connection, context.Transaction, ct);
            await invitations.RevokeAsync(step.Command.ContactId, context, ct);
            return null;
        }).HandleAsync(command, context, ct), ct);

    public static Task<InvokeResult> Handle(AcceptContactInvitation command, IDocumentSession session, IMessageContext bus, UnitOfWork work, InvitationAcceptance acceptance, CancellationToken ct) =>
        work.RunAsync(session, bus, context => On<AcceptContactInvitation>(
            c => c.CustomerId,
            (state, c, now) => ContactDecider.Decide(state, new ActivateContact(c.CustomerId, c.ContactId), now),
            (step, context, ct) => acceptance.CompleteAsync(step.Command, context, ct)).HandleAsync(command, context, ct), ct);

    private static AggregateHandler<TCommand, Customer> On<TCommand>(
        Func<TCommand, Guid> customerId,
        Func<Customer, TCommand, DateTimeOffset, Decision> decide,
        Func<AggregateStep<TCommand, Customer>, CommandContext, CancellationToken, Task<DomainError?>>? then = null)
        where TCommand : notnull => new()
        {
            StreamId = customerId,
            Initial = Customer.Empty,
            Decide = decide,
            Then = then,
        };
}
