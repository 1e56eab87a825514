using Marten;
using Npgsql;
using Tunda.Projections;
using Tunda.Web.Configuration;

namespace Tunda.Web.Features.Accounts.Profile;

/// <summary>What the profile page and GET /api/profile show, with the version an edit must be made on.</summary>
public sealed record ProfileView(
    long Version, string Kind, string FirstName, string LastName, string? CompanyName, string CodiceFiscale, string? VatNumber,
    string Street, string City, string Zip, string? Province, string Country, string Phone, string? Pec, string? CodiceDestinatario,
    string Language, string LoginEmail, string? PendingLoginEmail);

public sealed class ProfileReader(IDocumentStore store)
{
    public async Task<ProfileView?> ReadAsync(Guid customerId, CancellationToken cancellationToken)
    {
        await using var session = store.QuerySession();
        var profile = await CustomerProfiles.FindAsync(session, customerId, cancellationToken);
        var stream = await session.Events.FetchStreamStateAsync(customerId, cancellationToken);
        return profile is null || stream is null ? null : new ProfileView(
            stream.Version, profile.Kind.ToString(), profile.FirstName, profile.LastName, profile.CompanyName, profile.CodiceFiscale, profile.VatNumber,
            profile.Street, profile.City, profile.Zip, profile.Province, profile.Country, profile.Phone, profile.Pec, profile.CodiceDestinatario,
            profile.Language, profile.LoginEmail, profile.PendingLoginEmail);
    }
}
