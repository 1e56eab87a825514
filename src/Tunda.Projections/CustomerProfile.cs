using Tunda.Domain.Customers;
using Tunda.EventStore;
using Tunda.EventStore.Projections;

namespace Tunda.Projections;

/// <summary>One customer as the profile page and staff see it (contacts are in <see cref="AccountAccess"/>).</summary>
public sealed record CustomerProfile
{
    public Guid CustomerId { get; init; }

    public CustomerKind Kind { get; init; }

    public string FirstName { get; init; } = string.Empty;

    public string LastName { get; init; } = string.Empty;

    public string? CompanyName { get; init; }

    public string CodiceFiscale { get; init; } = string.Empty;

    public string? VatNumber { get; init; }

    public string Street { get; init; } = string.Empty;

    public string City { get; init; } = string.Empty;

    public string Zip { get; init; } = string.Empty;

    public string? Province { get; init; }

    public string Country { get; init; } = string.Empty;

    public string Phone { get; init; } = string.Empty;

    public string? Pec { get; init; }

    public string? CodiceDestinatario { get; init; }

    public string Language { get; init; } = string.Empty;

    public string LoginEmail { get; init; } = string.Empty;

    public bool EmailConfirmed { get; init; }

    public string? PendingLoginEmail { get; init; }

    public bool Blocked { get; init; }

    public string? BlockedReason { get; init; }

    public string TermsVersion { get; init; } = string.Empty;

    public string PrivacyVersion { get; init; } = string.Empty;

    public DateTime TermsAcceptedAt { get; init; }

    public DateTime RegisteredAt { get; init; }

    public DateTime UpdatedAt { get; init; }

    /// <summary>The company name, or "first last" for a person.</summary>
    public string DisplayName => CompanyName ?? $"{FirstName} {LastName}";
}

/// <summary>Builds the customer_profiles table from the Customer stream.</summary>
public sealed class CustomerProfileProjection : RowProjection
{
    public override string Name => "customer_profiles";

    protected override string Table => "customer_profiles";

    protected override string CreateSql => """
        CREATE TABLE IF NOT EXISTS {schema}.customer_profiles (
            customer_id uuid PRIMARY KEY,
            kind text NOT NULL,
            first_name text NOT NULL,
            last_name text NOT NULL,
            company_name text,
            codice_fiscale text NOT NULL,
            vat_number text,
            street text NOT NULL,
            city text NOT NULL,
            zip text NOT NULL,
            province text,
            country text NOT NULL,
            phone text NOT NULL,
            pec text,
            codice_destinatario text,
            language text NOT NULL,
            login_email text NOT NULL,
            email_confirmed boolean NOT NULL,
            pending_login_email text,
            blocked boolean NOT NULL,
            blocked_reason text,
            terms_version text NOT NULL,
            privacy_version text NOT NULL,
            terms_accepted_at timestamptz NOT NULL,
            registered_at timestamptz NOT NULL,
            updated_at timestamptz NOT NULL
        );
        CREATE INDEX IF NOT EXISTS customer_profiles_login_email ON {schema}.customer_profiles (login_email);
        """;

    protected override Task ApplyAsync(ProjectionContext context, StreamEvent e, CancellationToken cancellationToken)
    {
        var at = Utc(e.Timestamp);
        return e.Data switch
        {
            CustomerRegistered r => ExecuteAsync(context, Insert, Parameters(r, at), cancellationToken),
            CustomerEmailConfirmed c => Update(context, "email_confirmed = true", new { c.CustomerId, At = at }, cancellationToken),
            CustomerDetailsChanged d => Update(context, DetailsSet, DetailParameters(d.CustomerId, d.Details, at), cancellationToken),
            LoginEmailChangeRequested p => Update(context, "pending_login_email = @NewEmail", new { p.CustomerId, p.NewEmail, At = at }, cancellationToken),
            LoginEmailChanged c => Update(context, "login_email = @NewEmail, pending_login_email = NULL, email_confirmed = true", new { c.CustomerId, c.NewEmail, At = at }, cancellationToken),
            CustomerBlocked b => Update(context, "blocked = true, blocked_reason = @Reason", new { b.CustomerId, b.Reason, At = at }, cancellationToken),
            CustomerUnblocked u => Update(context, "blocked = false, blocked_reason = NULL", new { u.CustomerId, At = at }, cancellationToken),
            _ => Task.CompletedTask,
        };
    }

    private const string DetailsSet = """
        street = @Street, city = @City, zip = @Zip, province = @Province, country = @Country, phone = @Phone,
        pec = @Pec, codice_destinatario = @CodiceDestinatario, language = @Language
        """;

    private const string Insert = """
        INSERT INTO {schema}.customer_profiles (customer_id, kind, first_name, last_name, company_name, codice_fiscale, vat_number,
            street, city, zip, province, country, phone, pec, codice_destinatario, language, login_email, email_confirmed,
            blocked, terms_version, privacy_version, terms_accepted_at, registered_at, updated_at)
        VALUES (@CustomerId, @Kind, @FirstName, @LastName, @CompanyName, @CodiceFiscale, @VatNumber,
            @Street, @City, @Zip, @Province, @Country, @Phone, @Pec, @CodiceDestinatario, @Language, @LoginEmail, false,
            false, @TermsVersion, @PrivacyVersion, @TermsAcceptedAt, @At, @At)
        """;

    private static Task<int> Update(ProjectionContext context, string set, object parameters, CancellationToken cancellationToken) =>
        ExecuteAsync(context, $"UPDATE {{schema}}.customer_profiles SET {set}, updated_at = @At WHERE customer_id = @CustomerId", parameters, cancellationToken);

    private static Dapper.DynamicParameters Parameters(CustomerRegistered r, DateTime at)
    {
        var parameters = DetailParameters(r.CustomerId, r.Details, at);
        parameters.AddDynamicParams(new
        {
            Kind = r.Kind.ToString(),
            r.Legal.FirstName,
            r.Legal.LastName,
            r.Legal.CompanyName,
            r.Legal.CodiceFiscale,
            r.Legal.VatNumber,
            r.LoginEmail,
            r.Terms.TermsVersion,
            r.Terms.PrivacyVersion,
            TermsAcceptedAt = Utc(r.Terms.AcceptedAt),
        });
        return parameters;
    }

    private static Dapper.DynamicParameters DetailParameters(Guid customerId, CustomerDetails d, DateTime at) => new(new
    {
        CustomerId = customerId,
        At = at,
        d.Address.Street,
        d.Address.City,
        d.Address.Zip,
        d.Address.Province,
        d.Address.Country,
        d.Phone,
        d.Pec,
        d.CodiceDestinatario,
        d.Language,
    });
}
