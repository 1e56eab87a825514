using Wolverine.Attributes;
using Wolverine;
using Marten;
using System.Text.Json;
using System.Text.Json.Serialization;
using Tunda.Domain;
using Tunda.Domain.Identity;
using Tunda.Domain.Logins;
using Tunda.Web.Platform.Commands;
using Tunda.Web.Features.Email;
using Tunda.Web.Platform.Links;
using Tunda.Web.Security;
using Tunda.Web.Security.Credentials;
using Tunda.Web.Security.Sessions;
using Tunda.Web.Security.Tokens;

namespace Tunda.Web.Features.Accounts.Profile;

/// <summary>
/// Someone asked for a reset link for <paramref name="Email"/>. Queued, never invoked: the page and
/// the API answer before anyone looks the address up, so neither the answer nor its timing tells
/// whether an account exists.
/// </summary>
[MessageIdentity(Alias)]
public sealed record PasswordResetWanted(string Email, string Language)
{
    public const string Alias = "profile_password_reset_wanted";
}

/// <summary>A reset link was used: set <paramref name="Password"/> on the login the token names.</summary>
public sealed record ResetPasswordWithToken(string Token, string Password, string? Confirmation, string Language = "it");

/// <summary>The payload of a "password-reset" token (the staff-started reset issues the same).</summary>
public sealed record PasswordResetPayload(
    [property: JsonPropertyName("realm")] string Realm,
    [property: JsonPropertyName("email")] string Email,
    [property: JsonPropertyName("loginId")] string LoginId);

[WolverineHandler]
public sealed class PasswordReset(CredentialStore credentials, OneTimeTokens tokens, SessionStore sessions, PublicUrls urls, PasswordPolicy policy)
{
    public Task Handle(PasswordResetWanted message, IDocumentSession session, IMessageContext bus, UnitOfWork work, CancellationToken ct) =>
        work.HandleAsync(session, bus, async context =>
        {
            await SendAsync(message, context, ct);
            return null;
        }, ct);

    public Task<InvokeResult> Handle(ResetPasswordWithToken command, IDocumentSession session, IMessageContext bus, UnitOfWork work, CancellationToken ct) =>
        work.RunAsync(session, bus, context => DecideAsync(command, context, ct), ct);

    public const string Purpose = "password-reset";
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(60);

    private async Task SendAsync(PasswordResetWanted message, CommandContext context, CancellationToken cancellationToken)
    {
        if (EmailAddress.Normalise(message.Email) is not { } email)
        {
            return;
        }

        var credential = await credentials.FindAsync(LoginRealm.Customer, email, context.Connection, context.Transaction, cancellationToken);
        var accesses = await LoginStreams.AccessesAsync(context, email);
        if (credential?.PasswordHash is null || accesses.Count == 0)
        {
            return;   // nobody to help, and nobody learns it
        }

        if (!await AddressMailLimit.TryTakeAsync(context, Purpose, email, cancellationToken))
        {
            return;   // enough links went to this mailbox this hour; the asker is told the same
        }

        await LoginStreams.RecordAsync(context, LoginRealm.Customer, email, true,
            state => LoginDecider.Decide(state, new RequestPasswordReset(LoginRealm.Customer, email, ByStaff: false), context.Now), cancellationToken);
        var loginId = LoginId.For(LoginRealm.Customer, email);
        var payload = JsonSerializer.Serialize(new PasswordResetPayload("customer", email, loginId.ToString()));
        await tokens.RevokeAllAsync(Purpose, email, context.Connection, context.Transaction, cancellationToken);
        var token = await tokens.IssueAsync(Purpose, email, Lifetime, payload, context.Connection, context.Transaction, cancellationToken);
        var name = LoginStreams.NameOf(accesses) ?? email;
        context.Publish(new SendEmail(Guid.NewGuid(), "password-reset", message.Language, email, name, new Dictionary<string, string>
        {
            ["name"] = name,
            ["resetLink"] = urls.Link("/reimposta-password", new Dictionary<string, string?> { ["token"] = token }).ToString(),
        }));
    }

    /// <summary>Consumes the token, sets the password and ends every session of that login, or changes nothing.</summary>
    private async Task<object?> DecideAsync(ResetPasswordWithToken command, CommandContext context, CancellationToken cancellationToken)
    {
        if (command.Confirmation is not null && command.Confirmation != command.Password)
        {
            return ProfileErrors.Error(ProfileErrors.PasswordMismatch, "confirmation");
        }

        var consumed = await tokens.ConsumeAsync(Purpose, command.Token, context.Connection, context.Transaction, cancellationToken);
        var payload = consumed?.Payload is { } json ? JsonSerializer.Deserialize<PasswordResetPayload>(json) : null;
        if (payload is null || !Enum.TryParse<LoginRealm>(payload.Realm, ignoreCase: true, out var realm) || EmailAddress.Normalise(payload.Email) is not { } email)
        {
            return ProfileErrors.Error(ProfileErrors.TokenInvalid, "token");
        }

        var accesses = realm == LoginRealm.Customer ? await LoginStreams.AccessesAsync(context, email) : [];
        var errors = policy.Check(command.Password, email, [.. accesses.Select(a => a.Name)]);
        if (errors.Count > 0)
        {
            return Decision.Reject(errors);   // rolls back: the token stays usable for a better password
        }

        return await OwnPassword.SetAsync(credentials, sessions, context, realm, email, command.Password, "reset", keepSessionId: null, LoginStreams.NameOf(accesses) ?? email, command.Language, cancellationToken);
    }
}
