using Tunda.Domain.Logins;
using Tunda.Messaging;

namespace Tunda.Web.Features.Accounts.Staff;

/// <summary>
/// Credentials are keyed by e-mail, so a login moved to a new address takes its password (and
/// authenticator) along. If the new address already has a login of its own, that one stays; the
/// old credential stays too while it still opens a contact's way into some account.
/// </summary>
internal static class LoginCredentialMove
{
    public static async Task MoveAsync(MessageContext context, string oldEmail, string newEmail, CancellationToken cancellationToken)
    {
        var schema = context.Store.Schema;
        await using (var copy = context.Command($"""
            INSERT INTO {schema}.credentials (realm, email, login_id, password_hash, totp_secret, two_factor_enabled, last_totp_step, recovery_codes, updated_at)
            SELECT realm, $2, $3, password_hash, totp_secret, two_factor_enabled, last_totp_step, recovery_codes, $4
            FROM {schema}.credentials WHERE realm = 'Customer' AND email = $1
            ON CONFLICT (realm, email) DO NOTHING
            """))
        {
            copy.Parameters.AddWithValue(oldEmail);
            copy.Parameters.AddWithValue(newEmail);
            copy.Parameters.AddWithValue(LoginId.For(LoginRealm.Customer, newEmail));
            copy.Parameters.AddWithValue(context.Now);
            await copy.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var drop = context.Command($"""
            DELETE FROM {schema}.credentials WHERE realm = 'Customer' AND email = $1
            AND NOT EXISTS (SELECT 1 FROM {schema}.account_access WHERE email = $1 AND contact_id IS NOT NULL)
            """);
        drop.Parameters.AddWithValue(oldEmail);
        await drop.ExecuteNonQueryAsync(cancellationToken);
    }
}
