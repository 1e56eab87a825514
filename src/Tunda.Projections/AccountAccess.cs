using JasperFx;
using JasperFx.Events;
using JasperFx.Events.Projections;
using Marten;
using Tunda.Domain.Customers;
using IProjection = Marten.Events.Projections.IProjection;

namespace Tunda.Projections;

/// <summary>
/// One way into a customer account: its main login (<see cref="ContactId"/> null, every permission)
/// or one of its contacts. Web checks every request's permissions against this document, so it
/// follows the Customer stream exactly, inline.
/// </summary>
public sealed record AccountAccess
{
    /// <summary>The customer id for the main account, the contact id for a contact.</summary>
    [Identity]
    public Guid AccessId { get; init; }

    public Guid CustomerId { get; init; }

    public Guid? ContactId { get; init; }

    /// <summary>Normalised e-mail the person logs in with.</summary>
    public string Email { get; init; } = string.Empty;

    public string Name { get; init; } = string.Empty;

    /// <summary>The company name, or "first last" for a person: what an account chooser shows.</summary>
    public string CustomerName { get; init; } = string.Empty;

    public Permissions Permissions { get; init; }

    public Notifications Notifications { get; init; }

    /// <summary>"invited", "active" or "blocked" (see <see cref="AccountAccessStatus"/>).</summary>
    public string Status { get; init; } = string.Empty;

    public bool CustomerBlocked { get; init; }

    public bool CustomerEmailConfirmed { get; init; }

    public bool IsMainAccount => ContactId is null;

    /// <summary>True when this way in may be used now: active, customer not blocked, e-mail confirmed.</summary>
    public bool CanSignIn => Status == AccountAccessStatus.Active && !CustomerBlocked && CustomerEmailConfirmed;

    public bool Has(Permissions required) => CanSignIn && (Permissions & required) == required;
}

public static class AccountAccessStatus
{
    public const string Invited = "invited";
    public const string Active = "active";
    public const string Blocked = "blocked";
}

/// <summary>
/// Builds the <see cref="AccountAccess"/> documents of each Customer stream, inline: the stream as
/// of the batch's last event is folded by the domain's own <see cref="Customer.Evolve(object)"/>,
/// and the customer's documents are rewritten from that state (deleted contacts' documents go).
/// </summary>
/// <remarks>
/// Neither Marten aggregation fits: a contact's document needs customer-wide facts (the name,
/// blocked, e-mail confirmed) from events older than the contact, and customer-wide events name no
/// contact, so fan-out identities cannot reach the contacts; an EventProjection that loads the main
/// document misses writes queued earlier in the same batch (one append of several events, every
/// rebuild page), and a patch cannot copy from one document into another. Reading the stream is
/// exact at any batch size. Like any inline aggregate, it relies on appends to one customer being
/// serialised by the stream's version check (FetchForWriting): two unchecked appends racing on one
/// customer could each rewrite its documents from their own view.
/// </remarks>
public sealed class AccountAccessProjection : ProjectionBase, IProjection
{
    private static readonly HashSet<Type> WaysInChanged =
    [
        typeof(CustomerRegistered), typeof(CustomerEmailConfirmed), typeof(LoginEmailChanged),
        typeof(CustomerBlocked), typeof(CustomerUnblocked), typeof(ContactInvited), typeof(ContactActivated),
        typeof(ContactChanged), typeof(ContactBlocked), typeof(ContactUnblocked), typeof(ContactDeleted),
    ];

    public AccountAccessProjection()
    {
        Name = nameof(AccountAccess);
        foreach (var type in WaysInChanged)
        {
            IncludeType(type);
        }

        Options.DeleteViewTypeOnTeardown<AccountAccess>();
    }

    public async Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(operations);
        ArgumentNullException.ThrowIfNull(events);
        var touched = events.Where(e => WaysInChanged.Contains(e.EventType)).Select(e => e.StreamId).Distinct().ToArray();
        if (touched.Length == 0)
        {
            return;
        }

        var stored = (await operations.Events.QueryAllRawEvents()
            .Where(e => e.StreamId.IsOneOf(touched))
            .OrderBy(e => e.Sequence)
            .ToListAsync(cancellation))
            .ToLookup(e => e.StreamId);
        var batch = events.ToLookup(e => e.StreamId);
        foreach (var customerId in touched)
        {
            var stream = AsOfBatch([.. stored[customerId]], [.. batch[customerId]]);
            var customer = stream.Aggregate(Customer.Empty, (state, e) => state.Evolve(e.Data));
            if (customer.IsRegistered)
            {
                var ways = WaysInto(customer).ToArray();
                var current = ways.Select(w => w.AccessId).ToArray();
                operations.Store(ways);
                operations.DeleteWhere<AccountAccess>(a => a.CustomerId == customerId && !a.AccessId.IsOneOf(current));
            }
        }
    }

    /// <summary>
    /// The stream up to the batch's last event. Inline, the batch is not stored yet and follows what
    /// is; in a rebuild it is stored already, and later events follow it.
    /// </summary>
    private static IEnumerable<IEvent> AsOfBatch(List<IEvent> stored, List<IEvent> batch)
    {
        var last = stored.FindIndex(e => e.Id == batch[^1].Id);
        return last < 0 ? stored.Concat(batch) : stored.Take(last + 1);
    }

    private static IEnumerable<AccountAccess> WaysInto(Customer customer)
    {
        var legal = customer.Legal!;
        var personName = $"{legal.FirstName} {legal.LastName}";
        var main = new AccountAccess
        {
            AccessId = customer.Id,
            CustomerId = customer.Id,
            Email = customer.LoginEmail,
            Name = personName,
            CustomerName = legal.CompanyName ?? personName,
            Permissions = Permissions.All,
            Notifications = Notifications.All,
            Status = AccountAccessStatus.Active,
            CustomerBlocked = customer.IsBlocked,
            CustomerEmailConfirmed = customer.EmailConfirmed,
        };
        yield return main;
        foreach (var contact in customer.Contacts.Values)
        {
            yield return main with
            {
                AccessId = contact.Id,
                ContactId = contact.Id,
                Email = contact.Email,
                Name = contact.Name,
                Permissions = contact.Permissions,
                Notifications = contact.Notifications,
                Status = contact.Status switch
                {
                    ContactStatus.Active => AccountAccessStatus.Active,
                    ContactStatus.Blocked => AccountAccessStatus.Blocked,
                    _ => AccountAccessStatus.Invited,
                },
            };
        }
    }
}
