using Npgsql;
using Tunda.Web.Platform.Commands;
using Tunda.Web.Platform.Database;

namespace Tunda.Web.Features.Inbound;

/// <summary>Where a mailbox folder's import has got to: its UIDVALIDITY and the highest UID dealt with.</summary>
public sealed record ImapCheckpoint(long UidValidity, long LastUid);

/// <summary>
/// The UID checkpoints of the IMAP poller, one row per mailbox and folder, in the store's schema as
/// component "web_inbound_imap". A checkpoint only moves forward after the message is stored by intake.
/// </summary>
public sealed class ImapCheckpoints(NpgsqlDataSource dataSource, string schema)
{
    public const string Component = "web_inbound_imap";

    private static readonly Migration[] Migrations =
    [
        new(1, "imap checkpoints", """
            CREATE TABLE {schema}.imap_checkpoints (
                mailbox text NOT NULL,
                folder text NOT NULL,
                uid_validity bigint NOT NULL,
                last_uid bigint NOT NULL,
                updated_at timestamptz NOT NULL DEFAULT now(),
                PRIMARY KEY (mailbox, folder)
            );
            """),
    ];

    public Task MigrateAsync(CancellationToken ct) => SchemaMigrator.MigrateAsync(dataSource, schema, Component, Migrations, ct);

    public async Task<ImapCheckpoint?> GetAsync(string mailbox, string folder, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand($"SELECT uid_validity, last_uid FROM {schema}.imap_checkpoints WHERE mailbox = $1 AND folder = $2");
        command.Parameters.Add(new() { Value = mailbox });
        command.Parameters.Add(new() { Value = folder });
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? new ImapCheckpoint(reader.GetInt64(0), reader.GetInt64(1)) : null;
    }

    /// <summary>
    /// Records the checkpoint. Within one UIDVALIDITY the UID never goes back (GREATEST), so an overlapping
    /// poll of another node cannot rewind it; a new UIDVALIDITY replaces it outright.
    /// </summary>
    public async Task SaveAsync(string mailbox, string folder, ImapCheckpoint checkpoint, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand($"""
            INSERT INTO {schema}.imap_checkpoints (mailbox, folder, uid_validity, last_uid) VALUES ($1, $2, $3, $4)
            ON CONFLICT (mailbox, folder) DO UPDATE SET
                last_uid = CASE WHEN imap_checkpoints.uid_validity = excluded.uid_validity
                    THEN GREATEST(imap_checkpoints.last_uid, excluded.last_uid) ELSE excluded.last_uid END,
                uid_validity = excluded.uid_validity,
                updated_at = now()
            """);
        command.Parameters.Add(new() { Value = mailbox });
        command.Parameters.Add(new() { Value = folder });
        command.Parameters.Add(new() { Value = checkpoint.UidValidity });
        command.Parameters.Add(new() { Value = checkpoint.LastUid });
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>
    /// A session-level advisory lock on the mailbox (per schema), held on a connection of its own until the
    /// returned lease is disposed; null when another poller holds it.
    /// </summary>
    public async Task<IAsyncDisposable?> TryLockAsync(string mailbox, CancellationToken ct)
    {
        var connection = await dataSource.OpenConnectionAsync(ct);
        try
        {
            var lease = new MailboxLock(connection, $"tunda-imap:{schema}:{mailbox}");
            if (await lease.RunAsync("pg_try_advisory_lock", ct))
            {
                return lease;
            }
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }

        await connection.DisposeAsync();
        return null;
    }

    private sealed class MailboxLock(NpgsqlConnection connection, string key) : IAsyncDisposable
    {
        public async Task<bool> RunAsync(string function, CancellationToken ct)
        {
            await using var command = new NpgsqlCommand($"SELECT {function}(hashtextextended($1, 0))", connection);
            command.Parameters.Add(new() { Value = key });
            return (bool)(await command.ExecuteScalarAsync(ct))!;
        }

        public async ValueTask DisposeAsync()
        {
            try
            {
                await RunAsync("pg_advisory_unlock", CancellationToken.None);
            }
            catch (NpgsqlException)
            {
                // A broken connection has released the lock already; its error must not hide the poll's own.
            }

            await connection.DisposeAsync();
        }
    }
}
