using Dapper;
using Npgsql;

namespace Tunda.Projections;

/// <summary>Reads of the customer_profiles table.</summary>
public static class CustomerProfiles
{
    private const string Columns = """
        customer_id AS CustomerId, kind AS Kind, first_name AS FirstName, last_name AS LastName, company_name AS CompanyName,
        codice_fiscale AS CodiceFiscale, vat_number AS VatNumber, street AS Street, city AS City, zip AS Zip, province AS Province,
        country AS Country, phone AS Phone, pec AS Pec, codice_destinatario AS CodiceDestinatario, language AS Language,
        login_email AS LoginEmail, email_confirmed AS EmailConfirmed, pending_login_email AS PendingLoginEmail, blocked AS Blocked,
        blocked_reason AS BlockedReason, terms_version AS TermsVersion, privacy_version AS PrivacyVersion,
        terms_accepted_at AS TermsAcceptedAt, registered_at AS RegisteredAt, updated_at AS UpdatedAt
        """;

    public static Task<CustomerProfile?> FindAsync(NpgsqlConnection connection, string schema, Guid customerId, NpgsqlTransaction? transaction = null) =>
        connection.QuerySingleOrDefaultAsync<CustomerProfile>(
            $"SELECT {Columns} FROM {schema}.customer_profiles WHERE customer_id = @customerId", new { customerId }, transaction);

    /// <summary>The customer whose main login is <paramref name="normalisedEmail"/>, if any.</summary>
    public static Task<CustomerProfile?> FindByLoginEmailAsync(NpgsqlConnection connection, string schema, string normalisedEmail, NpgsqlTransaction? transaction = null) =>
        connection.QueryFirstOrDefaultAsync<CustomerProfile>(
            $"SELECT {Columns} FROM {schema}.customer_profiles WHERE login_email = @normalisedEmail", new { normalisedEmail }, transaction);
}
