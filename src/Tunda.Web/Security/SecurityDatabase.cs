using Npgsql;
using Tunda.Web.Platform.Commands;
using Tunda.Web.Platform.Database;
using Tunda.Web.Configuration;

namespace Tunda.Web.Security;

/// <summary>The store's data source and schema, as the security stores see them.</summary>
public sealed class SecurityDatabase(NpgsqlDataSource dataSource, DatabaseOptions database)
{
    public NpgsqlDataSource DataSource { get; } = dataSource;

    public string Schema { get; } = database.Schema;

    public Task MigrateAsync(CancellationToken cancellationToken = default) =>
        SchemaMigrator.MigrateAsync(DataSource, Schema, SecurityMigrations.Component, SecurityMigrations.All, cancellationToken);

    /// <summary>
    /// The caller's connection and transaction when given (so its events and these rows commit
    /// together), otherwise a connection of our own that autocommits each statement.
    /// </summary>
    public async ValueTask<DbLease> LeaseAsync(NpgsqlConnection? connection, NpgsqlTransaction? transaction, CancellationToken cancellationToken)
    {
        if (connection is not null)
        {
            return new DbLease(connection, transaction, owned: false);
        }

        if (transaction is not null)
        {
            return new DbLease(transaction.Connection!, transaction, owned: false);
        }

        return new DbLease(await DataSource.OpenConnectionAsync(cancellationToken), null, owned: true);
    }
}

public sealed class DbLease(NpgsqlConnection connection, NpgsqlTransaction? transaction, bool owned) : IAsyncDisposable
{
    public NpgsqlConnection Connection { get; } = connection;

    public NpgsqlTransaction? Transaction { get; } = transaction;

    public ValueTask DisposeAsync() => owned ? Connection.DisposeAsync() : ValueTask.CompletedTask;
}
