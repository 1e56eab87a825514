using Tunda.Domain;
using Tunda.Domain.Customers;
using Tunda.Messaging;
using Tunda.Messaging.Handlers;
using Tunda.Web.Security.Sessions;

namespace Tunda.Web.Features.Accounts.Contacts;

/// <summary>
/// The contact use cases over <see cref="ContactDecider"/>. What must commit with the events does so
/// in <c>Then</c>: the invitation link and its mail, the end of a blocked or deleted contact's sessions.
/// </summary>
internal static class ContactHandlers
{
    public static void Register(MessagingOptions messaging, IServiceProvider services)
    {
        var handlers = messaging.Handlers;
        handlers.Aggregate(On<InviteContact>(c => c.CustomerId, ContactDecider.Decide, async (step, context, ct) =>
        {
            var invited = step.Events.OfType<ContactInvited>().Single();
            await services.GetRequiredService<ContactInvitations>().SendAsync(step.Before, invited, step.Command.Actor, context, ct);
            return null;
        }));
        handlers.Aggregate(On<ChangeContact>(c => c.CustomerId, ContactDecider.Decide));
        handlers.Aggregate(On<BlockContact>(c => c.CustomerId, ContactDecider.Decide, async (step, context, ct) =>
        {
            await services.GetRequiredService<SessionStore>().RevokeAllOfAccessAsync(step.Command.ContactId, context.Connection, context.Transaction, ct);
            return null;
        }));
        handlers.Aggregate(On<UnblockContact>(c => c.CustomerId, ContactDecider.Decide));
        handlers.Aggregate(On<DeleteContact>(c => c.CustomerId, ContactDecider.Decide, async (step, context, ct) =>
        {
            await services.GetRequiredService<SessionStore>().RevokeAllOfAccessAsync(step.Command.ContactId, context.Connection, context.Transaction, ct);
            await services.GetRequiredService<ContactInvitations>().RevokeAsync(step.Command.ContactId, context, ct);
            return null;
        }));
        handlers.Aggregate(On<AcceptContactInvitation>(
            c => c.CustomerId,
            (state, c, now) => ContactDecider.Decide(state, new ActivateContact(c.CustomerId, c.ContactId), now),
            (step, context, ct) => services.GetRequiredService<InvitationAcceptance>().CompleteAsync(step.Command, context, ct)));
    }

    private static AggregateHandler<TCommand, Customer> On<TCommand>(
        Func<TCommand, Guid> customerId,
        Func<Customer, TCommand, DateTimeOffset, Decision> decide,
        Func<AggregateStep<TCommand, Customer>, MessageContext, CancellationToken, Task<DomainError?>>? then = null)
        where TCommand : notnull => new()
        {
            StreamType = CustomerDecider.StreamType,
            StreamId = customerId,
            Initial = _ => Customer.Empty,
            Evolve = (state, e) => state.Evolve(e),
            Decide = decide,
            Then = then,
        };
}
