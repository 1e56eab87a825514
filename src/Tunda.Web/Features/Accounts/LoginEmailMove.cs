using Tunda.Domain.Logins;
using Tunda.Web.Platform.Commands;
using Tunda.Projections;
using Tunda.Web.Security.Credentials;
using Tunda.Web.Security.Sessions;

namespace Tunda.Web.Features.Accounts;

/// <summary>
/// What a LoginEmailChanged means outside the event, in the same transaction, whoever caused it (the
/// customer confirming the link, or staff for a lost mailbox): the main-account reservation moves, the
/// credential (password, authenticator) goes to the new address, and the old login's sessions end.
/// </summary>
public sealed class LoginEmailMove(CredentialStore credentials, SessionStore sessions)
{
    /// <summary>False, with nothing changed, when another main account holds <paramref name="newEmail"/>.</summary>
    public async Task<bool> ApplyAsync(CommandContext context, Guid customerId, string oldEmail, string newEmail, CancellationToken cancellationToken)
    {
        if (!await MainAccountEmails.TryMoveAsync(context, customerId, newEmail, cancellationToken))
        {
            return false;
        }

        // The old address keeps its credential while it still opens another account (a contact anywhere).
        var accesses = await AccountAccessQueries.ForEmailAsync(context.Session, oldEmail, cancellationToken);
        var stillUsed = accesses.Any(a => a.CustomerId != customerId || !a.IsMainAccount);
        await credentials.MoveAsync(
            LoginRealm.Customer, oldEmail, newEmail, keepOld: stillUsed, context.Connection, context.Transaction, cancellationToken);
        await sessions.RevokeAllOfLoginAsync(
            LoginId.For(LoginRealm.Customer, oldEmail), null, context.Connection, context.Transaction, cancellationToken);
        return true;
    }
}
