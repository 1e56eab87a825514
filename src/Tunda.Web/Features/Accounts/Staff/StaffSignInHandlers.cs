using Tunda.Domain;
using Tunda.Domain.Logins;
using Tunda.Messaging;
using Tunda.Messaging.Handlers;
using Tunda.Web.Security.Sessions;
using Tunda.Web.Security.TwoFactor;

namespace Tunda.Web.Features.Accounts.Staff;

/// <summary>What staff sign-in records: the authenticator enrolled at first sign-in, signing in and out.</summary>
internal static class StaffSignInHandlers
{
    public static void Register(MessagingOptions messaging, IServiceProvider services)
    {
        messaging.Handlers.Handle<ConfirmStaffTwoFactor, object>((command, context, ct) => ConfirmAsync(command, context, services, ct));
        messaging.Handlers.Aggregate(OnLogin<RecordStaffSignIn>(c => c.LoginId, (state, c, now) =>
        {
            var signedIn = LoginDecider.Decide(state, new SignIn(c.LoginId, null, null), now);
            return !signedIn.IsAccepted || !c.UsedRecoveryCode ? signedIn
                : LoginDecider.Decide(state, new UseRecoveryCode(c.LoginId), now) is { IsAccepted: true } used
                    ? Decision.Accept([.. signedIn.Events, .. used.Events])
                    : signedIn;
        }));
        messaging.Handlers.Aggregate(OnLogin<RecordStaffSignOut>(c => c.LoginId, (state, c, now) => LoginDecider.Decide(state, new SignOut(c.LoginId), now)));
    }

    private static AggregateHandler<TCommand, Login> OnLogin<TCommand>(Func<TCommand, Guid> id, Func<Login, TCommand, DateTimeOffset, Decision> decide)
        where TCommand : notnull => new()
        {
            StreamType = LoginDecider.StreamType,
            StreamId = id,
            Initial = _ => Login.Empty,
            Evolve = Login.Evolve,
            Decide = decide,
        };

    /// <summary>Turns TOTP on (secret, recovery codes, events) and lets the session through, all in one commit.</summary>
    private static async Task<object> ConfirmAsync(ConfirmStaffTwoFactor command, MessageContext context, IServiceProvider services, CancellationToken ct)
    {
        var loginId = LoginId.For(LoginRealm.Staff, command.Email);
        var codes = await services.GetRequiredService<TwoFactorSetup>().ConfirmAsync(LoginRealm.Staff, command.Email, command.Code, context.Connection, context.Transaction, ct);
        if (codes is null)
        {
            return StaffErrors.WrongCode;
        }

        var decision = await StreamSteps.DecideAsync(context, LoginDecider.StreamType, loginId, Login.Empty, Login.Evolve, state =>
        {
            var enabled = LoginDecider.Decide(state, new EnableTwoFactor(loginId), context.Now);
            if (!enabled.IsAccepted)
            {
                return enabled;
            }

            var after = enabled.Events.Aggregate(state, Login.Evolve);
            var recovery = LoginDecider.Decide(after, new RegenerateRecoveryCodes(loginId, codes.Count), context.Now);
            after = recovery.Events.Aggregate(after, Login.Evolve);
            var signedIn = LoginDecider.Decide(after, new SignIn(loginId, null, null), context.Now);
            return Decision.Accept([.. enabled.Events, .. recovery.Events, .. signedIn.Events]);
        }, ct);
        if (!decision.IsAccepted)
        {
            return decision;
        }

        await services.GetRequiredService<SessionStore>().MarkTwoFactorSatisfiedAsync(command.SessionId, context.Connection, context.Transaction, ct);
        return new StaffRecoveryCodes(codes);
    }
}
