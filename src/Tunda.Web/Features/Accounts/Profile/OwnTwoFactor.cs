using Wolverine.Attributes;
using Wolverine;
using Marten;
using Tunda.Domain.Logins;
using Tunda.Web.Platform.Commands;
using Tunda.Web.Security.Credentials;
using Tunda.Web.Security.TwoFactor;

namespace Tunda.Web.Features.Accounts.Profile;

/// <summary>Turns two-factor on with a code from the app (after TwoFactorSetup.BeginAsync); the value is the recovery codes.</summary>
public sealed record ConfirmOwnTwoFactor(LoginRealm Realm, string Email, string? Code);

public sealed record DisableOwnTwoFactor(LoginRealm Realm, string Email, string? Password);

public sealed record RegenerateOwnRecoveryCodes(LoginRealm Realm, string Email);

/// <summary>The secrets change through <see cref="TwoFactorSetup"/> and the login stream records it, in one transaction.</summary>
[WolverineHandler]
public sealed class OwnTwoFactor(TwoFactorSetup setup, CredentialStore credentials, PasswordHashing hashing)
{
    public Task<InvokeResult> Handle(ConfirmOwnTwoFactor command, IDocumentSession session, IMessageContext bus, UnitOfWork work, CancellationToken ct) =>
        work.RunAsync(session, bus, context => DecideAsync(command, context, ct), ct);

    public Task<InvokeResult> Handle(DisableOwnTwoFactor command, IDocumentSession session, IMessageContext bus, UnitOfWork work, CancellationToken ct) =>
        work.RunAsync(session, bus, context => DecideAsync(command, context, ct), ct);

    public Task<InvokeResult> Handle(RegenerateOwnRecoveryCodes command, IDocumentSession session, IMessageContext bus, UnitOfWork work, CancellationToken ct) =>
        work.RunAsync(session, bus, context => DecideAsync(command, context, ct), ct);

    private async Task<object?> DecideAsync(ConfirmOwnTwoFactor command, CommandContext context, CancellationToken cancellationToken)
    {
        var codes = await setup.ConfirmAsync(command.Realm, command.Email, command.Code?.Replace(" ", string.Empty, StringComparison.Ordinal), context.Connection, context.Transaction, cancellationToken);
        if (codes is null)
        {
            return ProfileErrors.Error(ProfileErrors.CodeInvalid, "code");
        }

        return await LoginStreams.RecordAsync(context, command.Realm, command.Email, true, state =>
        {
            var enabled = LoginDecider.Decide(state, new EnableTwoFactor(state.Id), context.Now);
            return enabled.IsAccepted
                ? Domain.Decision.Accept([.. enabled.Events, .. LoginDecider.Decide(state with { HasTwoFactor = true }, new RegenerateRecoveryCodes(state.Id, codes.Count), context.Now).Events])
                : enabled;
        }, cancellationToken) is { } refused ? refused : codes;
    }

    private async Task<object?> DecideAsync(DisableOwnTwoFactor command, CommandContext context, CancellationToken cancellationToken)
    {
        if (!await OwnPassword.IsCorrectAsync(credentials, hashing, context, command.Realm, command.Email, command.Password, cancellationToken))
        {
            return ProfileErrors.Error(ProfileErrors.WrongPassword, "password");
        }

        await credentials.DisableTwoFactorAsync(command.Realm, command.Email, context.Connection, context.Transaction, cancellationToken);
        return await LoginStreams.RecordAsync(context, command.Realm, command.Email, true,
            state => LoginDecider.Decide(state with { HasTwoFactor = true }, new DisableTwoFactor(state.Id), context.Now), cancellationToken);
    }

    private async Task<object?> DecideAsync(RegenerateOwnRecoveryCodes command, CommandContext context, CancellationToken cancellationToken)
    {
        var codes = await setup.RegenerateRecoveryCodesAsync(command.Realm, command.Email, context.Connection, context.Transaction, cancellationToken);
        if (codes is null)
        {
            return LoginDecider.TwoFactorNotEnabled;
        }

        return await LoginStreams.RecordAsync(context, command.Realm, command.Email, true,
            state => LoginDecider.Decide(state with { HasTwoFactor = true }, new RegenerateRecoveryCodes(state.Id, codes.Count), context.Now), cancellationToken) is { } refused ? refused : codes;
    }
}
