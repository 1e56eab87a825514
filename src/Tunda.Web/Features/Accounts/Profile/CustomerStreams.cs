using Tunda.Domain;
using Tunda.Domain.Customers;
using Tunda.Web.Platform.Commands;

namespace Tunda.Web.Features.Accounts.Profile;

/// <summary>Decides a Customer command inside a handler that has other work in the same transaction.</summary>
internal static class CustomerStreams
{
    /// <summary>The state before the command and the refusal, if any; accepted events are appended.</summary>
    public static async Task<(Customer State, DomainError? Refused)> DecideAsync(CommandContext context, Guid customerId, Func<Customer, Decision> decide, CancellationToken cancellationToken)
    {
        var state = Customer.Empty;
        var decision = await StreamSteps.DecideAsync(context, customerId, Customer.Empty, before =>
        {
            state = before;
            return decide(before);
        }, cancellationToken);
        return (state, decision.IsAccepted ? null : decision.Error);
    }

    public static string NameOf(Customer customer) =>
        customer.Legal is null ? customer.LoginEmail
        : customer.Legal.CompanyName ?? $"{customer.Legal.FirstName} {customer.Legal.LastName}";
}
