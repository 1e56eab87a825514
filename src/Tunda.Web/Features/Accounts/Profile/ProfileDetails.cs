using Tunda.Domain.Customers;
using Tunda.Messaging.Handlers;

namespace Tunda.Web.Features.Accounts.Profile;

/// <summary>A profile edit made on the version of the customer the screen showed (optimistic concurrency).</summary>
public sealed record EditProfile(ChangeCustomerDetails Change, long Version);

public static class ProfileDetails
{
    internal static AggregateHandler<EditProfile, Customer> Create() => new()
    {
        StreamType = CustomerDecider.StreamType,
        StreamId = c => c.Change.CustomerId,
        Initial = _ => Customer.Empty,
        Evolve = Customer.Evolve,
        Decide = (state, c, now) => CustomerDecider.Decide(state, c.Change, now),
        ExpectedVersion = c => c.Version,
    };

    /// <summary>The legal fields a request carried (to name them when the decider refuses the change).</summary>
    public static IReadOnlyList<string> LegalFieldsSent(ChangeCustomerDetails change) =>
    [
        .. new (string Field, string? Value)[]
        {
            ("firstName", change.FirstName), ("lastName", change.LastName), ("companyName", change.CompanyName),
            ("codiceFiscale", change.CodiceFiscale), ("vatNumber", change.VatNumber),
        }.Where(f => f.Value is not null).Select(f => f.Field),
    ];
}
