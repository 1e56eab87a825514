using Dapper;
using Npgsql;
using Tunda.Domain.Identity;

namespace Tunda.Projections;

/// <summary>Reads of the account_access table (the login directory).</summary>
public static class AccountAccessQueries
{
    private const string Columns = """
        access_id AS AccessId, customer_id AS CustomerId, contact_id AS ContactId, email AS Email, name AS Name,
        customer_name AS CustomerName, permissions AS Permissions, notifications AS Notifications, status AS Status,
        customer_blocked AS CustomerBlocked, customer_email_confirmed AS CustomerEmailConfirmed
        """;

    /// <summary>
    /// Every account <paramref name="email"/> reaches (main account and contacts at any customer),
    /// blocked and invited ones included so the caller can say why a way in is closed. Main accounts
    /// first, then by customer name.
    /// </summary>
    public static async Task<IReadOnlyList<AccountAccess>> ForEmailAsync(NpgsqlConnection connection, string schema, string email, NpgsqlTransaction? transaction = null)
    {
        if (string.IsNullOrWhiteSpace(email))
        {
            return [];
        }

        var normalised = EmailAddress.Normalise(email) ?? email.Trim().ToLowerInvariant();
        var rows = await connection.QueryAsync<AccountAccess>(
            $"SELECT {Columns} FROM {schema}.account_access WHERE email = @normalised ORDER BY contact_id IS NOT NULL, customer_name, access_id",
            new { normalised },
            transaction);
        return rows.AsList();
    }

    public static Task<AccountAccess?> FindAsync(NpgsqlConnection connection, string schema, Guid accessId, NpgsqlTransaction? transaction = null) =>
        connection.QuerySingleOrDefaultAsync<AccountAccess>(
            $"SELECT {Columns} FROM {schema}.account_access WHERE access_id = @accessId", new { accessId }, transaction);

    /// <summary>The contacts of a customer (not its main account), by name.</summary>
    public static async Task<IReadOnlyList<AccountAccess>> ContactsOfAsync(NpgsqlConnection connection, string schema, Guid customerId, NpgsqlTransaction? transaction = null)
    {
        var rows = await connection.QueryAsync<AccountAccess>(
            $"SELECT {Columns} FROM {schema}.account_access WHERE customer_id = @customerId AND contact_id IS NOT NULL ORDER BY name, access_id",
            new { customerId },
            transaction);
        return rows.AsList();
    }
}
