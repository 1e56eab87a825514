using Wolverine.Attributes;
using Wolverine;
using Marten;
using System.Text.Json;
using System.Text.Json.Serialization;
using Tunda.Domain;
using Tunda.Domain.Customers;
using Tunda.Domain.Identity;
using Tunda.Domain.Logins;
using Tunda.Web.Platform.Commands;
using Tunda.Web.Features.Email;
using Tunda.Web.Platform.Links;
using Tunda.Web.Security.Credentials;
using Tunda.Web.Security.Sessions;
using Tunda.Web.Security.Tokens;

namespace Tunda.Web.Features.Accounts.Profile;

/// <summary>The main account asks to move its login to <paramref name="NewEmail"/> (its password proves it is them).</summary>
public sealed record StartLoginEmailChange(Guid CustomerId, string NewEmail, string Password, string Language);

/// <summary>The link mailed to the new address was used; the value is the new login e-mail.</summary>
public sealed record ConfirmLoginEmailWithToken(string Token, string Language);

internal sealed record LoginEmailChangePayload(
    [property: JsonPropertyName("customerId")] Guid CustomerId,
    [property: JsonPropertyName("newEmail")] string NewEmail);

[WolverineHandler]
public sealed class LoginEmailChange(CredentialStore credentials, PasswordHashing hashing, OneTimeTokens tokens, PublicUrls urls, LoginEmailMove move)
{
    public Task<InvokeResult> Handle(StartLoginEmailChange command, IDocumentSession session, IMessageContext bus, UnitOfWork work, CancellationToken ct) =>
        work.RunAsync(session, bus, context => DecideAsync(command, context, ct), ct);

    public Task<InvokeResult> Handle(ConfirmLoginEmailWithToken command, IDocumentSession session, IMessageContext bus, UnitOfWork work, CancellationToken ct) =>
        work.RunAsync(session, bus, context => DecideAsync(command, context, ct), ct);

    public const string Purpose = "login-email-change";
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);

    private async Task<object?> DecideAsync(StartLoginEmailChange command, CommandContext context, CancellationToken cancellationToken)
    {
        var current = await StreamSteps.LoadAsync(context, command.CustomerId, Customer.Empty, cancellationToken);
        if (!current.IsRegistered || !await OwnPassword.IsCorrectAsync(credentials, hashing, context, LoginRealm.Customer, current.LoginEmail, command.Password, cancellationToken))
        {
            return ProfileErrors.Error(ProfileErrors.WrongPassword, "password");
        }

        var (state, refused) = await CustomerStreams.DecideAsync(context, command.CustomerId,
            s => CustomerDecider.Decide(s, new RequestLoginEmailChange(command.CustomerId, command.NewEmail), context.Now), cancellationToken);
        if (refused is not null)
        {
            return refused;
        }

        var newEmail = EmailAddress.Normalise(command.NewEmail)!;
        if (await MainAccountEmails.IsTakenAsync(context, newEmail, cancellationToken))
        {
            return ProfileErrors.Error(ProfileErrors.EmailTaken, "email");
        }

        await tokens.RevokeAllAsync(Purpose, command.CustomerId.ToString(), context.Connection, context.Transaction, cancellationToken);
        var token = await tokens.IssueAsync(Purpose, command.CustomerId.ToString(), Lifetime,
            JsonSerializer.Serialize(new LoginEmailChangePayload(command.CustomerId, newEmail)), context.Connection, context.Transaction, cancellationToken);
        var name = CustomerStreams.NameOf(state);
        context.Publish(new SendEmail(Guid.NewGuid(), "login-email-change-confirm", command.Language, newEmail, name, new Dictionary<string, string>
        {
            ["name"] = name,
            ["newEmail"] = newEmail,
            ["confirmLink"] = urls.Link("/profilo/email/conferma", new Dictionary<string, string?> { ["token"] = token }).ToString(),
        }));
        return newEmail;
    }

    /// <summary>Moves login, reservation and credential together, ends the old login's sessions and tells the old address.</summary>
    private async Task<object?> DecideAsync(ConfirmLoginEmailWithToken command, CommandContext context, CancellationToken cancellationToken)
    {
        var consumed = await tokens.ConsumeAsync(Purpose, command.Token, context.Connection, context.Transaction, cancellationToken);
        if (consumed?.Payload is not { } json || JsonSerializer.Deserialize<LoginEmailChangePayload>(json) is not { } payload)
        {
            return ProfileErrors.Error(ProfileErrors.TokenInvalid, "token");
        }

        var (state, refused) = await CustomerStreams.DecideAsync(context, payload.CustomerId,
            s => CustomerDecider.Decide(s, new ConfirmLoginEmailChange(payload.CustomerId, payload.NewEmail), context.Now), cancellationToken);
        if (refused is not null)
        {
            return refused;
        }

        var oldEmail = state.LoginEmail;
        if (!await move.ApplyAsync(context, payload.CustomerId, oldEmail, payload.NewEmail, cancellationToken))
        {
            return ProfileErrors.Error(ProfileErrors.EmailTaken, "email");
        }

        var name = CustomerStreams.NameOf(state);
        context.Publish(new SendEmail(Guid.NewGuid(), "login-email-changed-notice", state.Details?.Language ?? command.Language, oldEmail, name, new Dictionary<string, string>
        {
            ["name"] = name,
            ["oldEmail"] = oldEmail,
            ["newEmail"] = payload.NewEmail,
        }));
        return payload.NewEmail;
    }
}
