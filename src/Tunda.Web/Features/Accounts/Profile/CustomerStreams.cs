using Tunda.Domain;
using Tunda.Domain.Customers;
using Tunda.EventStore;
using Tunda.Messaging;

namespace Tunda.Web.Features.Accounts.Profile;

/// <summary>Decides a Customer command inside a handler that has other work in the same transaction.</summary>
internal static class CustomerStreams
{
    /// <summary>The state before the command and the refusal, if any; accepted events are appended.</summary>
    public static async Task<(Customer State, DomainError? Refused)> DecideAsync(MessageContext context, Guid customerId, Func<Customer, Decision> decide, CancellationToken cancellationToken)
    {
        var history = await context.Store.FetchStreamAsync(context.Transaction, customerId, cancellationToken: cancellationToken);
        var state = history.Aggregate(Customer.Empty, (s, e) => s.Apply(e.Data));
        var decision = decide(state);
        if (!decision.IsAccepted)
        {
            return (state, decision.Error);
        }

        if (decision.Events.Count > 0)
        {
            context.Session.Append(customerId, CustomerDecider.StreamType, ExpectedVersion.Exactly(history.Count == 0 ? 0 : history[^1].Version), [.. decision.Events]);
        }

        return (state, null);
    }

    public static string NameOf(Customer customer) =>
        customer.Legal is null ? customer.LoginEmail
        : customer.Legal.CompanyName ?? $"{customer.Legal.FirstName} {customer.Legal.LastName}";
}
