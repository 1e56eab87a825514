using Tunda.Domain;
using Tunda.Domain.Identity;
using Tunda.Domain.Logins;
using Tunda.Web.Platform.Commands;
using Tunda.Web.Security.Credentials;

namespace Tunda.Web.Features.Accounts.Contacts;

/// <summary>The invitee accepts: the ids come from the token, which the handler uses up in its transaction.</summary>
public sealed record AcceptContactInvitation(Guid CustomerId, Guid ContactId, string Token, string? Password);

/// <summary>How an acceptance ended, for the page and the API.</summary>
public abstract record AcceptanceResult
{
    /// <summary>Unknown, used or expired link, or a contact that can no longer accept.</summary>
    public sealed record Invalid : AcceptanceResult;

    public sealed record WeakPassword(IReadOnlyList<DomainError> Errors) : AcceptanceResult;

    /// <summary><paramref name="ExistingLogin"/>: the e-mail already had a password, which stays as it was.</summary>
    public sealed record Accepted(Guid CustomerId, Guid ContactId, string Email, bool ExistingLogin) : AcceptanceResult;
}

public static class InvitationErrors
{
    public static DomainError Invalid { get; } = new("invitation.invalid", "The invitation link is unknown, already used or expired.");
}

/// <summary>
/// Accepting an invitation: the password is checked against the policy only when the e-mail has no
/// login yet (someone who already signs in elsewhere keeps the password they have), then the
/// token is consumed, the credential set and the contact activated in one transaction.
/// </summary>
public sealed class InvitationAcceptance(ContactInvitations invitations, CredentialStore credentials, ContactDirectory directory, ICommandSender bus, IServiceProvider services)
{
    private PasswordPolicy Policy => services.GetRequiredService<PasswordPolicy>();

    /// <summary>What the invitation page shows: the invitation, and whether the person must choose a password.</summary>
    public async Task<(InvitationPayload Invitation, string CustomerName, bool HasLogin)?> DescribeAsync(string? token, CancellationToken cancellationToken = default)
    {
        if (await invitations.PeekAsync(token, cancellationToken) is not { } invitation)
        {
            return null;
        }

        var customerName = await directory.CustomerNameAsync(invitation.CustomerId, cancellationToken) ?? string.Empty;
        var hasLogin = await credentials.FindAsync(LoginRealm.Customer, invitation.Email, cancellationToken: cancellationToken) is not null;
        return (invitation, customerName, hasLogin);
    }

    public async Task<AcceptanceResult> AcceptAsync(string? token, string? password, EventMetadata metadata, CancellationToken cancellationToken = default)
    {
        if (await DescribeAsync(token, cancellationToken) is not { } described)
        {
            return new AcceptanceResult.Invalid();
        }

        var invitation = described.Invitation;
        if (!described.HasLogin && await CheckAsync(invitation, password, cancellationToken) is { Count: > 0 } weak)
        {
            return new AcceptanceResult.WeakPassword(weak);
        }

        var result = await bus.InvokeAsync(new AcceptContactInvitation(invitation.CustomerId, invitation.ContactId, token!, password), metadata, cancellationToken);
        if (result.Succeeded)
        {
            return new AcceptanceResult.Accepted(invitation.CustomerId, invitation.ContactId, invitation.Email, described.HasLogin);
        }

        return result.Errors.Any(e => e.Code.StartsWith("password.", StringComparison.Ordinal))
            ? new AcceptanceResult.WeakPassword(result.Errors)
            : new AcceptanceResult.Invalid();
    }

    /// <summary>The handler's part, inside the transaction that activates the contact.</summary>
    internal async Task<DomainError?> CompleteAsync(AcceptContactInvitation command, CommandContext context, CancellationToken cancellationToken)
    {
        var invitation = await invitations.ConsumeAsync(command.Token, context, cancellationToken);
        if (invitation is null || invitation.CustomerId != command.CustomerId || invitation.ContactId != command.ContactId)
        {
            return InvitationErrors.Invalid;
        }

        if (await credentials.FindAsync(LoginRealm.Customer, invitation.Email, context.Connection, context.Transaction, cancellationToken) is not null)
        {
            return null;
        }

        if (await CheckAsync(invitation, command.Password, cancellationToken) is { Count: > 0 } weak)
        {
            return weak[0];
        }

        await credentials.SetPasswordAsync(LoginRealm.Customer, EmailAddress.Normalise(invitation.Email) ?? invitation.Email, command.Password!, context.Connection, context.Transaction, cancellationToken);
        return null;
    }

    private async Task<IReadOnlyList<DomainError>> CheckAsync(InvitationPayload invitation, string? password, CancellationToken cancellationToken)
    {
        var name = (await directory.FindAsync(invitation.CustomerId, invitation.ContactId, cancellationToken))?.Name;
        return Policy.Check(password, invitation.Email, name);
    }
}
