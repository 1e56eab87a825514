using Dapper;
using Npgsql;
using Tunda.Projections;
using Tunda.Web.Configuration;

namespace Tunda.Web.Features.Accounts.Staff;

/// <summary>One line of the staff customer search.</summary>
public sealed record CustomerSearchHit(Guid CustomerId, string Name, string LoginEmail, string CodiceFiscale, string? VatNumber, bool Blocked);

/// <summary>
/// Finds customers by name, company, login e-mail, a contact's e-mail, codice fiscale or partita IVA,
/// over the customer_profiles and account_access projections.
/// </summary>
public sealed class CustomerSearch(NpgsqlDataSource dataSource, DatabaseOptions database)
{
    public const int Limit = 50;

    public async Task<IReadOnlyList<CustomerSearchHit>> FindAsync(string? query, CancellationToken cancellationToken = default)
    {
        var text = query?.Trim() ?? "";
        if (text.Length == 0)
        {
            return [];
        }

        var pattern = "%" + text.Replace(@"\", @"\\", StringComparison.Ordinal).Replace("%", @"\%", StringComparison.Ordinal).Replace("_", @"\_", StringComparison.Ordinal) + "%";
        var schema = database.Schema;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<CustomerSearchHit>(new CommandDefinition(
            $"""
            SELECT p.customer_id AS CustomerId, coalesce(p.company_name, p.first_name || ' ' || p.last_name) AS Name,
                   p.login_email AS LoginEmail, p.codice_fiscale AS CodiceFiscale, p.vat_number AS VatNumber, p.blocked AS Blocked
            FROM {schema}.customer_profiles p
            WHERE p.company_name ILIKE @pattern OR (p.first_name || ' ' || p.last_name) ILIKE @pattern
               OR p.login_email ILIKE @pattern OR p.codice_fiscale ILIKE @pattern OR p.vat_number ILIKE @pattern
               OR EXISTS (SELECT 1 FROM {schema}.account_access a WHERE a.customer_id = p.customer_id AND a.email ILIKE @pattern)
            ORDER BY Name, p.customer_id
            LIMIT {Limit}
            """,
            new { pattern }, cancellationToken: cancellationToken));
        return rows.AsList();
    }

    public async Task<CustomerProfile?> ProfileAsync(Guid customerId, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await CustomerProfiles.FindAsync(connection, database.Schema, customerId);
    }

    public async Task<IReadOnlyList<AccountAccess>> ContactsAsync(Guid customerId, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await AccountAccessQueries.ContactsOfAsync(connection, database.Schema, customerId);
    }

    public async Task<IReadOnlyList<StaffDirectoryEntry>> StaffAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await StaffDirectory.ListAsync(connection, database.Schema);
    }
}
