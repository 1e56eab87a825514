using Marten;
using Wolverine;
using Wolverine.Attributes;
using Tunda.Domain.Customers;
using Tunda.Web.Platform.Commands;

namespace Tunda.Web.Features.Accounts.Profile;

/// <summary>A profile edit made on the version of the customer the screen showed (optimistic concurrency).</summary>
public sealed record EditProfile(ChangeCustomerDetails Change, long Version);

[WolverineHandler]
public static class ProfileDetails
{
    /// <summary>A stale <see cref="EditProfile.Version"/> is answered with a conflict, never retried onto newer data.</summary>
    public static Task<InvokeResult> Handle(EditProfile command, IDocumentSession session, IMessageContext bus, UnitOfWork work, CancellationToken ct) =>
        work.RunAsync(session, bus, context => new AggregateHandler<EditProfile, Customer>
        {
            StreamId = c => c.Change.CustomerId,
            Initial = Customer.Empty,
            Decide = (state, c, now) => CustomerDecider.Decide(state, c.Change, now),
            ExpectedVersion = c => c.Version,
        }.HandleAsync(command, context, ct), ct);

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
