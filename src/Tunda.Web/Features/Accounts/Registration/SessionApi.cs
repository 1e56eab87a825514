using Marten;
using System.Globalization;
using Npgsql;
using Tunda.Domain.Customers;
using Tunda.Projections;
using Tunda.Web.Configuration;
using Tunda.Web.Platform.Api;
using Tunda.Web.Platform.RateLimits;
using Tunda.Web.Security.Authentication;
using Tunda.Web.Security.Authorization;
using Tunda.Web.Security.Sessions;
using Tunda.Web.Security.SignIn;

namespace Tunda.Web.Features.Accounts.Registration;

public sealed record SessionRequest(string? Email, string? Password);

public sealed record TwoFactorRequest(string? Code);

public sealed record AccountChoiceRequest(Guid AccessId);

/// <summary>
/// The session as JSON: <c>POST /api/session</c> (password), <c>/two-factor</c>, <c>/account</c>,
/// <c>DELETE /api/session</c>, and <c>GET /api/me</c>. Each step answers the next one to take.
/// </summary>
internal static class SessionApi
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var session = endpoints.MapApi("/session", "Session");
        session.MapPost("", async (SessionRequest request, SignInFlow flow, HttpContext http) =>
            Answer(http, await flow.PasswordAsync(http, request.Email, request.Password)))
            .AllowAnonymous().RequireRateLimiting(RateLimitPolicies.Login);
        session.MapPost("/two-factor", async (TwoFactorRequest request, SignInFlow flow, HttpContext http) =>
            Answer(http, await flow.TwoFactorAsync(http, request.Code)))
            .RequireSessionStage(SessionStage.TwoFactor).RequireRateLimiting(RateLimitPolicies.Login);
        session.MapPost("/account", async (AccountChoiceRequest request, SignInFlow flow, HttpContext http) =>
            Answer(http, await flow.ChooseAccountAsync(http, request.AccessId)))
            .RequireSessionStage(SessionStage.AccountChoice);

        // Signing out never fails: without a session there is nothing to end.
        session.MapDelete("", async (SignInFlow flow, HttpContext http) =>
        {
            await flow.SignOutAsync(http);
            return Results.NoContent();
        }).AllowAnonymous();

        endpoints.MapApi("", "Session").MapGet("/me", MeAsync).RequireAuthorization();
    }

    private static IResult Answer(HttpContext http, SignInResult result)
    {
        switch (result)
        {
            case SignInResult.SignedIn { Account: { } account }:
                return Results.Ok(new { next = "signedIn", customerId = account.CustomerId, contactId = account.ContactId });
            case SignInResult.NeedsTwoFactor:
                return Results.Ok(new { next = "twoFactor" });
            case SignInResult.NeedsAccountChoice choice:
                return Results.Ok(new
                {
                    next = "chooseAccount",
                    accounts = choice.Accounts.Select(a => new { accessId = a.AccessId, customerId = a.CustomerId, customerName = a.CustomerName, isMainAccount = a.ContactId is null }),
                });
            case SignInResult.Throttled throttled:
                var seconds = Math.Max(1, (int)Math.Ceiling(throttled.RetryAfter.TotalSeconds));
                http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                return RegistrationProblems.Problem(StatusCodes.Status429TooManyRequests, "signin.throttled", "signin.throttled", RegistrationProblems.Wait(throttled.RetryAfter));
            case SignInResult.Blocked:
                return RegistrationProblems.Problem(StatusCodes.Status403Forbidden, "signin.blocked", "signin.blocked");
            default:
                return RegistrationProblems.Problem(StatusCodes.Status401Unauthorized, "signin.failed", "signin.failed");
        }
    }

    private static async Task<IResult> MeAsync(HttpContext http, IDocumentStore store)
    {
        var user = http.User;
        var access = await SignedInAccount.FindAsync(store, user.GetAccessId(), http.RequestAborted);
        var permissions = user.GetPermissions();
        return Results.Ok(new
        {
            customerId = user.GetCustomerId(),
            contactId = user.GetContactId(),
            accessId = user.GetAccessId(),
            email = user.GetEmail(),
            name = access?.Name,
            customerName = access?.CustomerName,
            permissions = Enum.GetValues<Permissions>().Where(p => p is not Permissions.None and not Permissions.All && permissions.HasFlag(p)).Select(p => p.ToString()),
        });
    }
}

/// <summary>The names of the account a session entered (the person and the customer), from the account_access projection.</summary>
internal static class SignedInAccount
{
    public static async Task<Tunda.Projections.AccountAccess?> FindAsync(IDocumentStore store, Guid? accessId, CancellationToken cancellationToken)
    {
        if (accessId is not { } id)
        {
            return null;
        }

        await using var session = store.QuerySession();
        return await AccountAccessQueries.FindAsync(session, id, cancellationToken);
    }
}
