using System.Globalization;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Tunda.Domain.Logins;
using Tunda.Web.Platform.Api;
using Tunda.Web.Security.Sessions;

namespace Tunda.Web.Security.Authentication;

/// <summary>
/// Scheme "tunda": every request's cookie is checked against the sessions table, and the account or
/// staff member behind it is read fresh, so a revoked session, a block or a permission change
/// applies on the very next request. A session only authenticates on its own realm's paths.
/// The directories are resolved only when a session needs them, so anonymous requests (health,
/// static files) work in a host that has no customer module.
/// </summary>
public sealed class TundaAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> schemeOptions,
    ILoggerFactory logger,
    UrlEncoder encoder,
    SessionStore sessions,
    IOptions<SecurityOptions> securityOptions)
    : AuthenticationHandler<AuthenticationSchemeOptions>(schemeOptions, logger, encoder)
{
    public const string SchemeName = "tunda";

    private readonly SecurityOptions _security = securityOptions.Value;

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var session = await sessions.ValidateAsync(SessionCookies.ReadSession(Request), Context.RequestAborted);
        if (session is null)
        {
            return SessionCookies.ReadSession(Request) is null ? AuthenticateResult.NoResult() : Refuse("The session has ended.");
        }

        var staffPath = _security.IsStaffPath(Request.Path);
        if ((session.Realm == LoginRealm.Staff) != staffPath)
        {
            return AuthenticateResult.NoResult();
        }

        var identity = new ClaimsIdentity(SchemeName, TundaClaims.Email, ClaimTypes.Role);
        identity.AddClaim(new(TundaClaims.Session, session.Id));
        identity.AddClaim(new(TundaClaims.LoginId, session.LoginId.ToString()));
        identity.AddClaim(new(TundaClaims.Email, session.Email));
        identity.AddClaim(new(TundaClaims.Realm, session.Realm.ToString()));
        identity.AddClaim(new(TundaClaims.Stage, session.Stage.ToString()));
        var refusal = session.Realm == LoginRealm.Staff
            ? await AddStaffAsync(identity, session)
            : await AddAccountAsync(identity, session);
        if (refusal is not null)
        {
            await sessions.RevokeAsync(session.Id, cancellationToken: Context.RequestAborted);
            return Refuse(refusal);
        }

        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    private async Task<string?> AddAccountAsync(ClaimsIdentity identity, Session session)
    {
        if (session.AccessId is not { } accessId)
        {
            return null;
        }

        var access = await Context.RequestServices.GetRequiredService<IAccountDirectory>().FindAccessAsync(accessId, Context.RequestAborted);
        if (access is null || access.IsBlocked)
        {
            return "The account is blocked or no longer exists.";
        }

        identity.AddClaim(new(TundaClaims.AccessId, access.AccessId.ToString()));
        identity.AddClaim(new(TundaClaims.CustomerId, access.CustomerId.ToString()));
        if (access.ContactId is { } contactId)
        {
            identity.AddClaim(new(TundaClaims.ContactId, contactId.ToString()));
        }

        identity.AddClaim(new(TundaClaims.Permissions, ((int)access.Permissions).ToString(CultureInfo.InvariantCulture)));
        return null;
    }

    private async Task<string?> AddStaffAsync(ClaimsIdentity identity, Session session)
    {
        var member = await Context.RequestServices.GetRequiredService<IStaffDirectory>().FindByEmailAsync(session.Email, Context.RequestAborted);
        if (member is null || member.IsBlocked)
        {
            return "The staff member is blocked or no longer exists.";
        }

        identity.AddClaim(new(TundaClaims.StaffId, member.StaffId.ToString()));
        identity.AddClaim(new(TundaClaims.StaffRoles, ((int)member.Roles).ToString(CultureInfo.InvariantCulture)));
        foreach (var role in Enum.GetValues<Domain.Staff.StaffRoles>().Where(r => r != 0 && member.Roles.HasFlag(r)))
        {
            identity.AddClaim(new(ClaimTypes.Role, role.ToString()));
        }

        return null;
    }

    private AuthenticateResult Refuse(string reason)
    {
        SessionCookies.DeleteSession(Response);
        return AuthenticateResult.Fail(reason);
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (IsApi)
        {
            await Problem(StatusCodes.Status401Unauthorized, "problem.401.detail");
            return;
        }

        var login = _security.IsStaffPath(Request.Path) ? _security.StaffLoginPath : _security.CustomerLoginPath;
        var returnUrl = Request.PathBase + Request.Path + Request.QueryString;
        Response.Redirect($"{Request.PathBase}{login}?returnUrl={Uri.EscapeDataString(returnUrl)}");
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        var pending = StagePath(Context.User.GetStage(), Context.User.GetRealm());
        if (IsApi)
        {
            await Problem(StatusCodes.Status403Forbidden, pending is null ? "problem.403.detail" : "problem.403.stage.detail");
        }
        else if (pending is not null)
        {
            Response.Redirect(Request.PathBase + pending);
        }
        else
        {
            Response.StatusCode = StatusCodes.Status403Forbidden;
        }
    }

    private bool IsApi => Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase);

    private string? StagePath(SessionStage? stage, LoginRealm? realm) => (stage, realm) switch
    {
        (SessionStage.TwoFactorEnrolment, _) => _security.StaffEnrolmentPath,
        (SessionStage.TwoFactor, LoginRealm.Staff) => _security.StaffTwoFactorPath,
        (SessionStage.TwoFactor, _) => _security.CustomerTwoFactorPath,
        (SessionStage.AccountChoice, _) => _security.AccountChoicePath,
        _ => null,
    };

    // In the request's language, with the stable code every other API problem carries.
    private Task Problem(int status, string detailKey) => new LocalisedProblem((problem, texts, culture) =>
    {
        problem.Status = status;
        problem.Title = texts.In(culture, ApiProblems.TitleKey(status));
        problem.Detail = texts.In(culture, detailKey);
        problem.Extensions["code"] = ApiProblems.CodeFor(status);
    }).ExecuteAsync(Context);
}
