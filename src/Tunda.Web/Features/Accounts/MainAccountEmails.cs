using Tunda.Web.Platform.Commands;

namespace Tunda.Web.Features.Accounts;

/// <summary>
/// The login e-mail of every main account, reserved in the transaction that registers the customer
/// or moves its login (table main_account_emails, security migration 2). E-mails are normalised by
/// the caller (EmailAddress.Normalise). Contacts are not here: a contact's e-mail may be anything.
/// </summary>
public static class MainAccountEmails
{
    /// <summary>False when another customer holds the address; a racing registration waits for the winner's commit, then gets false.</summary>
    public static async Task<bool> TryReserveAsync(CommandContext context, string email, Guid customerId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        await using var command = context.Command($"""
            INSERT INTO {context.Schema}.main_account_emails (email, customer_id, reserved_at)
            VALUES ($1, $2, $3) ON CONFLICT (email) DO NOTHING
            """);
        command.Parameters.AddWithValue(email);
        command.Parameters.AddWithValue(customerId);
        command.Parameters.AddWithValue(context.Now);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>Moves a customer's reservation to <paramref name="newEmail"/>; false (nothing changed) when someone else holds it.</summary>
    public static async Task<bool> TryMoveAsync(CommandContext context, Guid customerId, string newEmail, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!await TryReserveAsync(context, newEmail, customerId, cancellationToken))
        {
            return await IsHeldByAsync(context, newEmail, customerId, cancellationToken);
        }

        await using var release = context.Command($"DELETE FROM {context.Schema}.main_account_emails WHERE customer_id = $1 AND email <> $2");
        release.Parameters.AddWithValue(customerId);
        release.Parameters.AddWithValue(newEmail);
        await release.ExecuteNonQueryAsync(cancellationToken);
        return true;
    }

    /// <summary>Whether a main account already uses the address (for a friendly answer before the transaction decides).</summary>
    public static async Task<bool> IsTakenAsync(CommandContext context, string email, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        await using var command = context.Command($"SELECT EXISTS (SELECT 1 FROM {context.Schema}.main_account_emails WHERE email = $1)");
        command.Parameters.AddWithValue(email);
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private static async Task<bool> IsHeldByAsync(CommandContext context, string email, Guid customerId, CancellationToken cancellationToken)
    {
        await using var command = context.Command($"SELECT EXISTS (SELECT 1 FROM {context.Schema}.main_account_emails WHERE email = $1 AND customer_id = $2)");
        command.Parameters.AddWithValue(email);
        command.Parameters.AddWithValue(customerId);
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
