using System.Text.RegularExpressions;
using Npgsql;

namespace Tunda.Web.Platform.Database;

/// <summary>One numbered change to Tunda's own tables; "{schema}" is replaced by the schema.</summary>
public sealed record Migration(int Version, string Name, string Sql);

/// <summary>
/// Creates the schema and applies a component's pending migrations to Tunda's own tables beside
/// Marten's (security, intake, data-protection keys), once, whoever calls it. Each component
/// numbers its own migrations.
/// </summary>
public static partial class SchemaMigrator
{
    public static async Task MigrateAsync(NpgsqlDataSource dataSource, string schema, string component, IReadOnlyList<Migration> migrations, CancellationToken cancellationToken = default)
    {
        ValidateSchemaName(schema);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        await LockAsync(connection, schema, cancellationToken);
        await Execute(connection, $"""
            CREATE SCHEMA IF NOT EXISTS {schema};
            CREATE TABLE IF NOT EXISTS {schema}.schema_migrations (
                component text NOT NULL,
                version int NOT NULL,
                name text NOT NULL,
                applied_at timestamptz NOT NULL DEFAULT now(),
                PRIMARY KEY (component, version)
            );
            """, cancellationToken);

        var applied = new HashSet<int>();
        await using (var command = new NpgsqlCommand($"SELECT version FROM {schema}.schema_migrations WHERE component = $1", connection))
        {
            command.Parameters.Add(new() { Value = component });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                applied.Add(reader.GetInt32(0));
            }
        }

        foreach (var migration in migrations.Where(m => !applied.Contains(m.Version)).OrderBy(m => m.Version))
        {
            await Execute(connection, migration.Sql.Replace("{schema}", schema, StringComparison.Ordinal), cancellationToken);
            await using var record = new NpgsqlCommand($"INSERT INTO {schema}.schema_migrations (component, version, name) VALUES ($1, $2, $3)", connection);
            record.Parameters.Add(new() { Value = component });
            record.Parameters.Add(new() { Value = migration.Version });
            record.Parameters.Add(new() { Value = migration.Name });
            await record.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// Several processes may start together; this transaction-scoped advisory lock makes one change
    /// the schema (DDL "IF NOT EXISTS" is not safe against a concurrent twin) while the rest wait.
    /// </summary>
    public static Task LockAsync(NpgsqlConnection connection, string schema, CancellationToken cancellationToken) =>
        Execute(connection, $"SELECT pg_advisory_xact_lock(hashtext('tunda-migrate:{schema}'))", cancellationToken);

    /// <summary>Schema names are spliced into SQL, so only plain lower-case identifiers are allowed.</summary>
    public static void ValidateSchemaName(string schema)
    {
        if (!SchemaName().IsMatch(schema))
        {
            throw new ArgumentException($"'{schema}' is not a valid schema name (lower-case letters, digits, underscore; at most 63).", nameof(schema));
        }
    }

    private static async Task Execute(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,62}$")]
    private static partial Regex SchemaName();
}
