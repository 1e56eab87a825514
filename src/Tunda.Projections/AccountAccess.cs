using Tunda.Domain.Customers;
using Tunda.EventStore;
using Tunda.EventStore.Projections;

namespace Tunda.Projections;

/// <summary>
/// One way into a customer account: its main login (<see cref="ContactId"/> null, every permission)
/// or one of its contacts. Web checks every request's permissions against this row, so it follows
/// the Customer stream exactly, inline.
/// </summary>
public sealed record AccountAccess
{
    /// <summary>The customer id for the main account, the contact id for a contact.</summary>
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

/// <summary>Builds the account_access table from the Customer stream.</summary>
public sealed class AccountAccessProjection : RowProjection
{
    public override string Name => "account_access";

    protected override string Table => "account_access";

    // "accepted" remembers whether a contact ever accepted its invitation, so unblocking returns it
    // to the right status.
    protected override string CreateSql => """
        CREATE TABLE IF NOT EXISTS {schema}.account_access (
            access_id uuid PRIMARY KEY,
            customer_id uuid NOT NULL,
            contact_id uuid,
            email text NOT NULL,
            name text NOT NULL,
            customer_name text NOT NULL,
            permissions integer NOT NULL,
            notifications integer NOT NULL,
            status text NOT NULL CHECK (status IN ('invited', 'active', 'blocked')),
            customer_blocked boolean NOT NULL,
            customer_email_confirmed boolean NOT NULL,
            accepted boolean NOT NULL
        );
        CREATE INDEX IF NOT EXISTS account_access_email ON {schema}.account_access (email);
        CREATE INDEX IF NOT EXISTS account_access_customer ON {schema}.account_access (customer_id);
        """;

    protected override Task ApplyAsync(ProjectionContext context, StreamEvent e, CancellationToken cancellationToken) => e.Data switch
    {
        CustomerRegistered r => ExecuteAsync(context, InsertMain, MainRow(r), cancellationToken),
        CustomerEmailConfirmed c => ForCustomer(context, "customer_email_confirmed = true", new { c.CustomerId }, cancellationToken),
        LoginEmailChanged c => ExecuteAsync(context, """
            UPDATE {schema}.account_access SET email = CASE WHEN contact_id IS NULL THEN @NewEmail ELSE email END,
                customer_email_confirmed = true
            WHERE customer_id = @CustomerId
            """, new { c.CustomerId, c.NewEmail }, cancellationToken),
        CustomerBlocked b => ForCustomer(context, "customer_blocked = true", new { b.CustomerId }, cancellationToken),
        CustomerUnblocked u => ForCustomer(context, "customer_blocked = false", new { u.CustomerId }, cancellationToken),
        ContactInvited i => ExecuteAsync(context, InsertContact, new
        {
            i.CustomerId,
            i.ContactId,
            i.Email,
            i.Name,
            Permissions = (int)i.Permissions,
            Notifications = (int)i.Notifications,
        }, cancellationToken),
        ContactActivated a => ForContact(context, "status = 'active', accepted = true", new { a.ContactId }, cancellationToken),
        ContactChanged c => ForContact(context, "name = @Name, permissions = @Permissions, notifications = @Notifications", new
        {
            c.ContactId,
            c.Name,
            Permissions = (int)c.Permissions,
            Notifications = (int)c.Notifications,
        }, cancellationToken),
        ContactBlocked b => ForContact(context, "status = 'blocked'", new { b.ContactId }, cancellationToken),
        ContactUnblocked u => ForContact(context, "status = CASE WHEN accepted THEN 'active' ELSE 'invited' END", new { u.ContactId }, cancellationToken),
        ContactDeleted d => ExecuteAsync(context, "DELETE FROM {schema}.account_access WHERE access_id = @ContactId", new { d.ContactId }, cancellationToken),
        _ => Task.CompletedTask,
    };

    private const string InsertMain = """
        INSERT INTO {schema}.account_access (access_id, customer_id, contact_id, email, name, customer_name, permissions,
            notifications, status, customer_blocked, customer_email_confirmed, accepted)
        VALUES (@CustomerId, @CustomerId, NULL, @Email, @Name, @CustomerName, @Permissions, @Notifications, 'active', false, false, true)
        """;

    // The contact row copies the customer-wide flags from the main row, which always exists first.
    private const string InsertContact = """
        INSERT INTO {schema}.account_access (access_id, customer_id, contact_id, email, name, customer_name, permissions,
            notifications, status, customer_blocked, customer_email_confirmed, accepted)
        SELECT @ContactId, @CustomerId, @ContactId, @Email, @Name, main.customer_name, @Permissions, @Notifications,
            'invited', main.customer_blocked, main.customer_email_confirmed, false
        FROM {schema}.account_access main
        WHERE main.access_id = @CustomerId
        """;

    private static object MainRow(CustomerRegistered r)
    {
        var personName = $"{r.Legal.FirstName} {r.Legal.LastName}";
        return new
        {
            r.CustomerId,
            Email = r.LoginEmail,
            Name = personName,
            CustomerName = r.Legal.CompanyName ?? personName,
            Permissions = (int)Permissions.All,
            Notifications = (int)Notifications.All,
        };
    }

    private static Task<int> ForCustomer(ProjectionContext context, string set, object parameters, CancellationToken cancellationToken) =>
        ExecuteAsync(context, $"UPDATE {{schema}}.account_access SET {set} WHERE customer_id = @CustomerId", parameters, cancellationToken);

    private static Task<int> ForContact(ProjectionContext context, string set, object parameters, CancellationToken cancellationToken) =>
        ExecuteAsync(context, $"UPDATE {{schema}}.account_access SET {set} WHERE access_id = @ContactId AND contact_id IS NOT NULL", parameters, cancellationToken);
}
