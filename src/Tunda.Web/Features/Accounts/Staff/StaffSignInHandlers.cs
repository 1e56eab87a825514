using Marten;
using Tunda.Domain;
using Tunda.Domain.Logins;
using Tunda.Web.Platform.Commands;
using Tunda.Web.Security.Sessions;
using Tunda.Web.Security.TwoFactor;
using Wolverine;

namespace Tunda.Web.Features.Accounts.Staff;

/// <summary>What staff sign-in records: the authenticator enrolled at first sign-in, signing in and out.</summary>
public static class StaffSignInHandler
{
    public static Task<InvokeResult> Handle(ConfirmStaffTwoFactor command, IDocumentSession session, IMessageContext bus, UnitOfWork work, TwoFactorSetup twoFactor, SessionStore sessions, CancellationToken ct) =>
        work.RunAsync(session, bus, context => ConfirmAsync(command, context, twoFactor, sessions, ct), ct);

    public static Task<InvokeResult> Handle(RecordStaffSignIn command, IDocumentSession session, IMessageContext bus, UnitOfWork work, CancellationToken ct) =>
        work.RunAsync(session, bus, context => OnLogin<RecordStaffSignIn>(c => c.LoginId, (state, c, now) =>
        {
            var signedIn = LoginDecider.Decide(state, new SignIn(c.LoginId, null, null), now);
            return !signedIn.IsAccepted || !c.UsedRecoveryCode ? signedIn
                : LoginDecider.Decide(state, new UseRecoveryCode(c.LoginId), now) is { IsAccepted: true } used
                    ? Decision.Accept([.. signedIn.Events, .. used.Events])
                    : signedIn;
        }).HandleAsync(command, context, ct), ct);

    public static Task<InvokeResult> Handle(RecordStaffSignOut command, IDocumentSession session, IMessageContext bus, UnitOfWork work, CancellationToken ct) =>
        work.RunAsync(session, bus, context => OnLogin<RecordStaffSignOut>(c => c.LoginId, (state, c, now) => LoginDecider.Decide(state, new SignOut(c.LoginId), now))
            .HandleAsync(command, context, ct), ct);

    private static AggregateHandler<TCommand, Login> OnLogin<TCommand>(Func<TCommand, Guid> id, Func<Login, TCommand, DateTimeOffset, Decision> decide)
        where TCommand : notnull => new()
        {
            StreamId = id,
            Initial = Login.Empty,
            Decide = decide,
        };

    /// <summary>Turns TOTP on (secret, recovery codes, events) and lets the session through, all in one commit.</summary>
    private static async Task<object?> ConfirmAsync(ConfirmStaffTwoFactor command, CommandContext context, TwoFactorSetup twoFactor, SessionStore sessions, CancellationToken ct)
    {
        var loginId = LoginId.For(LoginRealm.Staff, command.Email);
        var codes = await twoFactor.ConfirmAsync(LoginRealm.Staff, command.Email, command.Code, context.Connection, context.Transaction, ct);
        if (codes is null)
        {
            return StaffErrors.WrongCode;
        }

        var decision = await StreamSteps.DecideAsync(context, loginId, Login.Empty, state =>
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

        await sessions.MarkTwoFactorSatisfiedAsync(command.SessionId, context.Connection, context.Transaction, ct);
        return new StaffRecoveryCodes(codes);
    }
}
