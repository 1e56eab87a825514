using Tunda.Domain.Logins;
using Tunda.Messaging;
using Tunda.Projections;
using Tunda.Web.Security.Credentials;
using Tunda.Web.Security.Sessions;

namespace Tunda.Web.Features.Accounts;

/// <summary>
/// What a LoginEmailChanged means outside the event, in the same transaction, whoever caused it (the
/// customer confirming the link, or staff for a lost mailbox): the main-account reservation moves, the
/// credential (password, authenticator) goes to the new address, and the old login's sessions end.
/// </summary>
internal static class LoginEmailMove
{
    /// <summary>False, with nothing changed, when another main account holds <paramref name="newEmail"/>.</summary>
    public static async Task<bool> ApplyAsync(MessageContext context, IServiceProvider services, Guid customerId, string oldEmail, string newEmail, CancellationToken cancellationToken)
    {
        if (!await MainAccountEmails.TryMoveAsync(context, customerId, newEmail, cancellationToken))
        {
            return false;
        }

        // The old address keeps its credential while it still opens another account (a contact anywhere).
        var accesses = await AccountAccessQueries.ForEmailAsync(context.Connection, context.Store.Schema, oldEmail, context.Transaction);
        var stillUsed = accesses.Any(a => a.CustomerId != customerId || !a.IsMainAccount);
        await services.GetRequiredService<CredentialStore>().MoveAsync(
            LoginRealm.Customer, oldEmail, newEmail, keepOld: stillUsed, context.Connection, context.Transaction, cancellationToken);
        await services.GetRequiredService<SessionStore>().RevokeAllOfLoginAsync(
            LoginId.For(LoginRealm.Customer, oldEmail), null, context.Connection, context.Transaction, cancellationToken);
        return true;
    }
}
