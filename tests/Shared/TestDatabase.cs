using Npgsql;

namespace Tunda.Testing;

/// <summary>The PostgreSQL that `./tunda test` starts and names in TUNDA_DB.</summary>
internal static class TestDatabase
{
    private static readonly Lazy<NpgsqlDataSource> Shared = new(() => NpgsqlDataSource.Create(ConnectionString));

    public static string ConnectionString =>
        Environment.GetEnvironmentVariable("TUNDA_DB") is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException("TUNDA_DB is not set: run the tests with `./tunda test`, which starts PostgreSQL and sets it.");

    public static NpgsqlDataSource DataSource => Shared.Value;

    public static string NewSchemaName(string prefix) => $"{prefix}_{Guid.NewGuid():N}".ToLowerInvariant();

    public static async Task ExecuteAsync(string sql)
    {
        await using var command = DataSource.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>
    /// Drops a test's schema. A component the test started may still be winding down on its own
    /// connection (a daemon that lost its lock and reconnects as a standby, say); the drop's locks can
    /// then deadlock with it, and PostgreSQL aborts one side: the drop is simply tried again.
    /// </summary>
    public static async Task DropSchemaAsync(string schema)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await ExecuteAsync($"DROP SCHEMA IF EXISTS {schema} CASCADE");
                return;
            }
            catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.LockNotAvailable && attempt < 5)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt));
            }
        }
    }

    public static async Task<T> ScalarAsync<T>(string sql)
    {
        await using var command = DataSource.CreateCommand(sql);
        return (T)(await command.ExecuteScalarAsync())!;
    }
}
