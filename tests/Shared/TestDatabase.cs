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

    public static async Task<T> ScalarAsync<T>(string sql)
    {
        await using var command = DataSource.CreateCommand(sql);
        return (T)(await command.ExecuteScalarAsync())!;
    }
}
