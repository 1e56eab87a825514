using JasperFx;
using JasperFx.Events;
using Marten.Events.Aggregation;
using Tunda.Domain.Customers;

namespace Tunda.Projections;

/// <summary>One customer as the profile page and staff see it (contacts are in <see cref="AccountAccess"/>).</summary>
public sealed record CustomerProfile
{
    [Identity]
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

    /// <summary>When the customer registered (the registration event's time).</summary>
    public DateTime RegisteredAt { get; init; }

    /// <summary>The time of the latest profile event (contact events leave it alone).</summary>
    public DateTime UpdatedAt { get; init; }

    // The two names below are written into the document's JSON too, so the staff search can filter
    // and sort on them in LINQ.

    /// <summary>"first last": the person, or the company's legal representative.</summary>
    public string PersonName => $"{FirstName} {LastName}";

    /// <summary>The company name, or "first last" for a person.</summary>
    public string DisplayName => CompanyName ?? PersonName;
}

/// <summary>Builds one <see cref="CustomerProfile"/> per Customer stream, inline.</summary>
public sealed class CustomerProfileProjection : SingleStreamProjection<CustomerProfile, Guid>
{
    public CustomerProfileProjection()
    {
        IncludeType<CustomerRegistered>();
        IncludeType<CustomerEmailConfirmed>();
        IncludeType<CustomerDetailsChanged>();
        IncludeType<LoginEmailChangeRequested>();
        IncludeType<LoginEmailChanged>();
        IncludeType<CustomerBlocked>();
        IncludeType<CustomerUnblocked>();
    }

    // Times come from the events themselves, not from IEvent.Timestamp: with Quick append the
    // server stamps the stored event, and an inline projection sees only a client clock reading
    // a few milliseconds off it, so a rebuild would change every timestamp.
    public override CustomerProfile? Evolve(CustomerProfile? snapshot, Guid id, IEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return (snapshot, e.Data) switch
        {
            (_, CustomerRegistered r) => Registered(r),
            (null, _) => null,
            (_, CustomerEmailConfirmed c) => snapshot with { EmailConfirmed = true, UpdatedAt = c.At.UtcDateTime },
            (_, CustomerDetailsChanged d) => WithDetails(snapshot, d.Details) with { UpdatedAt = d.At.UtcDateTime },
            (_, LoginEmailChangeRequested p) => snapshot with { PendingLoginEmail = p.NewEmail, UpdatedAt = p.At.UtcDateTime },
            (_, LoginEmailChanged c) => snapshot with
            {
                LoginEmail = c.NewEmail,
                PendingLoginEmail = null,
                EmailConfirmed = true,
                UpdatedAt = c.At.UtcDateTime,
            },
            (_, CustomerBlocked b) => snapshot with { Blocked = true, BlockedReason = b.Reason, UpdatedAt = b.At.UtcDateTime },
            (_, CustomerUnblocked u) => snapshot with { Blocked = false, BlockedReason = null, UpdatedAt = u.At.UtcDateTime },
            _ => snapshot,
        };
    }

    private static CustomerProfile Registered(CustomerRegistered r) => WithDetails(
        new CustomerProfile
        {
            CustomerId = r.CustomerId,
            Kind = r.Kind,
            FirstName = r.Legal.FirstName,
            LastName = r.Legal.LastName,
            CompanyName = r.Legal.CompanyName,
            CodiceFiscale = r.Legal.CodiceFiscale,
            VatNumber = r.Legal.VatNumber,
            LoginEmail = r.LoginEmail,
            TermsVersion = r.Terms.TermsVersion,
            PrivacyVersion = r.Terms.PrivacyVersion,
            TermsAcceptedAt = r.Terms.AcceptedAt.UtcDateTime,
            RegisteredAt = r.At.UtcDateTime,
            UpdatedAt = r.At.UtcDateTime,
        },
        r.Details);

    private static CustomerProfile WithDetails(CustomerProfile profile, CustomerDetails d) => profile with
    {
        Street = d.Address.Street,
        City = d.Address.City,
        Zip = d.Address.Zip,
        Province = d.Address.Province,
        Country = d.Address.Country,
        Phone = d.Phone,
        Pec = d.Pec,
        CodiceDestinatario = d.CodiceDestinatario,
        Language = d.Language,
    };
}
