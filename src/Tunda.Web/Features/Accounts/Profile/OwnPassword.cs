using Wolverine.Attributes;
using Wolverine;
using Marten;
using System.Globalization;
using Tunda.Domain;
using Tunda.Domain.Identity;
using Tunda.Domain.Logins;
using Tunda.Web.Platform.Commands;
using Tunda.Web.Features.Email;
using Tunda.Web.Security.Credentials;
using Tunda.Web.Security.Sessions;

namespace Tunda.Web.Features.Accounts.Profile;

/// <summary>The signed-in person changes their own password (the current one proves it is them).</summary>
public sealed record ChangeOwnPassword(LoginRealm Realm, string Email, string CurrentPassword, string NewPassword, string? Confirmation, string? SessionId, string Language);

[WolverineHandler]
public sealed class OwnPassword(CredentialStore credentials, PasswordHashing hashing, SessionStore sessions, PasswordPolicy policy)
{
    public Task<InvokeResult> Handle(ChangeOwnPassword command, IDocumentSession session, IMessageContext bus, UnitOfWork work, CancellationToken ct) =>
        work.RunAsync(session, bus, context => DecideAsync(command, context, ct), ct);

    private async Task<object?> DecideAsync(ChangeOwnPassword command, CommandContext context, CancellationToken cancellationToken)
    {
        if (!await IsCorrectAsync(credentials, hashing, context, command.Realm, command.Email, command.CurrentPassword, cancellationToken))
        {
            return ProfileErrors.Error(ProfileErrors.WrongPassword, "currentPassword");
        }

        if (command.Confirmation is not null && command.Confirmation != command.NewPassword)
        {
            return ProfileErrors.Error(ProfileErrors.PasswordMismatch, "confirmation");
        }

        var accesses = command.Realm == LoginRealm.Customer ? await LoginStreams.AccessesAsync(context, command.Email) : [];
        var errors = policy.Check(command.NewPassword, command.Email, [.. accesses.Select(a => a.Name)]);
        if (errors.Count > 0)
        {
            return Decision.Reject(errors);
        }

        return await SetAsync(credentials, sessions, context, command.Realm, command.Email, command.NewPassword, "changed", command.SessionId, LoginStreams.NameOf(accesses) ?? command.Email, command.Language, cancellationToken);
    }

    public static async Task<bool> IsCorrectAsync(CredentialStore credentials, PasswordHashing hashing, CommandContext context, LoginRealm realm, string email, string? password, CancellationToken cancellationToken)
    {
        var credential = await credentials.FindAsync(realm, email, context.Connection, context.Transaction, cancellationToken);
        return !string.IsNullOrEmpty(password) && credential?.PasswordHash is { } hash && hashing.Verify(hash, password) != PasswordCheck.Wrong;
    }

    /// <summary>
    /// Stores the password, ends the login's sessions (all, or all but <paramref name="keepSessionId"/>),
    /// records PasswordSet and mails password-changed, all in the handler's transaction.
    /// </summary>
    public static async Task<DomainError?> SetAsync(CredentialStore credentials, SessionStore sessions, CommandContext context, LoginRealm realm, string email, string password, string reason, string? keepSessionId, string name, string language, CancellationToken cancellationToken)
    {
        var loginId = await credentials.SetPasswordAsync(realm, email, password, context.Connection, context.Transaction, cancellationToken);
        await sessions.RevokeAllOfLoginAsync(loginId, keepSessionId, context.Connection, context.Transaction, cancellationToken);
        if (await LoginStreams.RecordAsync(context, realm, email, true, state => LoginDecider.Decide(state, new SetPassword(realm, email, reason), context.Now), cancellationToken) is { } refused)
        {
            return refused;
        }

        context.Publish(new SendEmail(Guid.NewGuid(), "password-changed", language, email, name, new Dictionary<string, string>
        {
            ["name"] = name,
            ["changedAt"] = context.Now.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture),
        }));
        return null;
    }
}
