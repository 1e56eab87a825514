using Wolverine;
using Marten;
using Tunda.Domain;
using Tunda.Domain.Logins;
using Tunda.Web.Platform.Commands;

namespace Tunda.Web.Features.Accounts.Registration;

/// <summary>A customer finished signing in (password, code if any, account): recorded on the login stream.</summary>
public sealed record RecordSignIn(Guid LoginId, Guid CustomerId, Guid? ContactId, bool UsedRecoveryCode);

/// <summary>A customer signed out.</summary>
public sealed record RecordSignOut(Guid LoginId);

/// <summary>
/// Records what SignInService did as the Login stream's events (SignedIn, RecoveryCodeUsed,
/// SignedOut), decided by LoginDecider. The session itself is already in force: a refusal here is
/// logged by the caller and never undoes a sign-in.
/// </summary>
public static class SignInEventHandler
{
    public static Task<InvokeResult> Handle(RecordSignIn command, IDocumentSession session, IMessageContext bus, UnitOfWork work, CancellationToken ct) =>
        work.RunAsync(session, bus, context => AppendAsync(context, command.LoginId, (state, now) =>
        {
            var signedIn = LoginDecider.Decide(state, new SignIn(command.LoginId, command.CustomerId, command.ContactId), now);
            if (!signedIn.IsAccepted || !command.UsedRecoveryCode)
            {
                return signedIn;
            }

            var used = LoginDecider.Decide(state, new UseRecoveryCode(command.LoginId), now);
            return used.IsAccepted ? Decision.Accept([.. used.Events, .. signedIn.Events]) : signedIn;
        }, ct), ct);

    public static Task<InvokeResult> Handle(RecordSignOut command, IDocumentSession session, IMessageContext bus, UnitOfWork work, CancellationToken ct) =>
        work.RunAsync(session, bus, context => AppendAsync(context, command.LoginId, (state, now) => LoginDecider.Decide(state, new SignOut(command.LoginId), now), ct), ct);

    private static async Task<object?> AppendAsync(CommandContext context, Guid loginId, Func<Login, DateTimeOffset, Decision> decide, CancellationToken ct)
    {
        var decision = await StreamSteps.DecideAsync(context, loginId, Login.Empty, state => decide(state, context.Now), ct);
        return decision.IsAccepted ? null : decision;
    }
}
