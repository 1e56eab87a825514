using Tunda.Web.Platform.Api;
using Tunda.Web.Platform.Localisation;
using Tunda.Web.Platform.RateLimits;

namespace Tunda.Web.Features.Accounts.Contacts;

public sealed record AcceptInvitationInput(string? Token, string? Password);

public sealed record AcceptedInvitation(Guid CustomerId, Guid ContactId, string Email, bool ExistingLogin);

/// <summary>POST /api/invitations/accept: the invitation page's form for API clients, rate-limited the same way.</summary>
internal static class InvitationApi
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapApi("/invitations", "Contacts")
            .MapPost("/accept", async (AcceptInvitationInput input, HttpContext http, InvitationAcceptance acceptance, Texts texts, CancellationToken ct) =>
                await acceptance.AcceptAsync(input.Token, input.Password, RequestMetadata.For(http), ct) switch
                {
                    AcceptanceResult.Accepted a => Results.Ok(new AcceptedInvitation(a.CustomerId, a.ContactId, a.Email, a.ExistingLogin)),
                    AcceptanceResult.WeakPassword weak => ContactErrorTexts.Problem(texts, weak.Errors),
                    _ => ContactErrorTexts.Problem(texts, InvitationErrors.Invalid),
                })
            .AllowAnonymous()
            .RequireRateLimiting(RateLimitPolicies.ContactInvitation);
    }
}
