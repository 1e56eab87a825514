using Tunda.Domain.Logins;
using Tunda.Web.Platform.Commands;
using Tunda.Web.Security.Authentication;
using Tunda.Web.Security.SignIn;

namespace Tunda.Web.Features.Accounts.Registration;

/// <summary>
/// A customer's sign-in steps as pages and API run them: SignInService decides, this writes the
/// cookies and records the Login stream's events through the bus.
/// </summary>
public sealed class SignInFlow(SignInService signIn, ICommandSender bus, ILogger<SignInFlow> logger)
{
    public async Task<SignInResult> PasswordAsync(HttpContext http, string? email, string? password)
    {
        ArgumentNullException.ThrowIfNull(http);
        var result = await signIn.PasswordSignInAsync(
            LoginRealm.Customer, email, password, http.Connection.RemoteIpAddress, SessionCookies.ReadDevice(http.Request, LoginRealm.Customer), http.RequestAborted);
        return await FinishAsync(http, result);
    }

    public async Task<SignInResult> TwoFactorAsync(HttpContext http, string? code)
    {
        ArgumentNullException.ThrowIfNull(http);
        var sessionId = http.User.GetSessionId();
        var result = sessionId is null ? new SignInResult.Failed() : await signIn.VerifyTwoFactorAsync(sessionId, code, http.Connection.RemoteIpAddress, http.RequestAborted);
        return await FinishAsync(http, result);
    }

    public async Task<SignInResult> ChooseAccountAsync(HttpContext http, Guid accessId)
    {
        ArgumentNullException.ThrowIfNull(http);
        var sessionId = http.User.GetSessionId();
        var result = sessionId is null ? new SignInResult.Failed() : await signIn.ChooseAccountAsync(sessionId, accessId, http.RequestAborted);
        return await FinishAsync(http, result);
    }

    /// <summary>Ends the session (if any) and clears its cookie; never fails.</summary>
    public async Task SignOutAsync(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (http.User.GetSessionId() is { } sessionId && await signIn.SignOutAsync(sessionId, http.RequestAborted) is { } loginId)
        {
            await RecordAsync(http, new RecordSignOut(loginId));
        }

        SessionCookies.DeleteSession(http.Response);
    }

    private async Task<SignInResult> FinishAsync(HttpContext http, SignInResult result)
    {
        SignInCookies.Write(http.Response, result);
        if (result is SignInResult.SignedIn { Account: { } account } signedIn)
        {
            await RecordAsync(http, new RecordSignIn(signedIn.Session.LoginId, account.CustomerId, account.ContactId, signedIn.UsedRecoveryCode));
        }

        return result;
    }

    private async Task RecordAsync(HttpContext http, object command)
    {
        var recorded = await bus.InvokeAsync(command, RequestMetadata.For(http), http.RequestAborted);
        if (!recorded.Succeeded)
        {
            logger.LogWarning("Could not record {Command} on the login stream: {Code} {Message}", command.GetType().Name, recorded.Error?.Code, recorded.Error?.Message);
        }
    }
}
