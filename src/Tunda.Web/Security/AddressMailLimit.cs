using Tunda.Web.Platform.Commands;

namespace Tunda.Web.Security;

/// <summary>
/// At most <see cref="PerWindow"/> mails of one kind (a reset link, a confirmation link, a recovery
/// receipt) to one address per <see cref="Window"/>, however many addresses and sessions ask: the
/// per-IP rate limits alone let a crowd of IPs flood one mailbox. Over the limit the mail is simply
/// not sent; the caller's answer does not change, so nobody learns anything from it. Counted in the
/// handler's transaction under a lock on the (kind, address) pair, so racing requests cannot both
/// take the last place.
/// </summary>
public static class AddressMailLimit
{
    public const int PerWindow = 3;
    public static readonly TimeSpan Window = TimeSpan.FromHours(1);

    /// <summary>True (and counted) when one more mail of <paramref name="purpose"/> may go to <paramref name="address"/> now.</summary>
    public static async Task<bool> TryTakeAsync(CommandContext context, string purpose, string address, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var since = context.Now - Window;
        await using (var lockPair = context.Command("SELECT pg_advisory_xact_lock(hashtextextended($1 || ' ' || $2, 0))"))
        {
            lockPair.Parameters.AddWithValue(purpose);
            lockPair.Parameters.AddWithValue(address);
            await lockPair.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var forget = context.Command($"DELETE FROM {context.Schema}.address_mails WHERE purpose = $1 AND address = $2 AND sent_at <= $3"))
        {
            forget.Parameters.AddWithValue(purpose);
            forget.Parameters.AddWithValue(address);
            forget.Parameters.AddWithValue(since);
            await forget.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var take = context.Command($"""
            INSERT INTO {context.Schema}.address_mails (purpose, address, sent_at)
            SELECT $1, $2, $3
            WHERE (SELECT count(*) FROM {context.Schema}.address_mails WHERE purpose = $1 AND address = $2) < $4
            """);
        take.Parameters.AddWithValue(purpose);
        take.Parameters.AddWithValue(address);
        take.Parameters.AddWithValue(context.Now);
        take.Parameters.AddWithValue(PerWindow);
        return await take.ExecuteNonQueryAsync(cancellationToken) == 1;
    }
}
