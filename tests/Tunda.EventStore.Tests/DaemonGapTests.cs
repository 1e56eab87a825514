using Npgsql;
using Tunda.EventStore.Tests.Support;

namespace Tunda.EventStore.Tests;

public sealed class DaemonGapTests
{
    [Fact]
    public async Task the_daemon_never_passes_a_sequence_held_by_an_open_transaction()
    {
        await using var scope = await StoreScope.CreateAsync(o => o.Projections.Add(Ledger.Projection(), Projections.ProjectionLifecycle.Async));
        await scope.StartDaemonAsync();
        var held = Guid.NewGuid();
        var later = Guid.NewGuid();

        await using var connection = await scope.Store.DataSource.OpenConnectionAsync();
        var transaction = await connection.BeginTransactionAsync();
        var heldSequence = (await AppendAsync(scope.Store, transaction, held, 7)).LastSequence;
        var lastSequence = await CommitAppendAsync(scope.Store, later, 3);
        lastSequence.ShouldBeGreaterThan(heldSequence);

        await Task.Delay(TimeSpan.FromSeconds(3));
        (await scope.Store.Admin.StatusAsync("ledgers")).LastSequence.ShouldBeLessThan(heldSequence);
        (await scope.ReadLedgersAsync()).ShouldBeEmpty();

        await transaction.CommitAsync();
        await scope.Store.Admin.WaitForAsync("ledgers", lastSequence, TimeSpan.FromSeconds(30));
        var ledgers = await scope.ReadLedgersAsync();
        ledgers[held].Balance.ShouldBe(7);
        ledgers[later].Balance.ShouldBe(3);

        // Now the other ending: the held transaction rolls back and the daemon moves past its hole.
        var rolledBack = Guid.NewGuid();
        transaction = await connection.BeginTransactionAsync();
        await AppendAsync(scope.Store, transaction, rolledBack, 11);
        var afterHole = await CommitAppendAsync(scope.Store, later, 4);
        await Task.Delay(TimeSpan.FromSeconds(2));
        (await scope.Store.Admin.StatusAsync("ledgers")).LastSequence.ShouldBe(lastSequence);

        await transaction.RollbackAsync();
        await scope.Store.Admin.WaitForAsync("ledgers", afterHole, TimeSpan.FromSeconds(30));
        ledgers = await scope.ReadLedgersAsync();
        ledgers.ContainsKey(rolledBack).ShouldBeFalse();
        ledgers[later].Balance.ShouldBe(7);
        await transaction.DisposeAsync();
    }

    /// <summary>
    /// The committer took its transaction id before the holder did, but drew its sequence number
    /// after. A fence at the snapshot's xmax (latest completed id + 1) would not wait for the holder.
    /// </summary>
    [Fact]
    public async Task a_transaction_with_a_newer_id_holding_an_older_sequence_is_still_waited_for()
    {
        await using var scope = await StoreScope.CreateAsync(o => o.Projections.Add(Ledger.Projection(), Projections.ProjectionLifecycle.Async));
        var daemon = await scope.StartDaemonAsync();

        // The daemon's own first writes take transaction ids; let them finish so that nothing but
        // the two transactions below moves "latest completed".
        await StoreScope.WaitUntilOwnedAsync(daemon, "ledgers");

        await using var committerConnection = await scope.Store.DataSource.OpenConnectionAsync();
        await using var committer = await committerConnection.BeginTransactionAsync();
        var committerXid = await TransactionIdAsync(committerConnection, committer);

        await using var holderConnection = await scope.Store.DataSource.OpenConnectionAsync();
        await using var holder = await holderConnection.BeginTransactionAsync();
        var held = Guid.NewGuid();
        var heldSequence = (await AppendAsync(scope.Store, holder, held, 5)).LastSequence;
        (await TransactionIdAsync(holderConnection, holder)).ShouldBeGreaterThan(committerXid);

        // The committer writes by hand, without the store's savepoint: a savepoint's subtransaction
        // takes a newer id, and its commit would move "latest completed" past the holder and hide the
        // flaw this test pins. No NOTIFY either, for the same reason.
        var committed = Guid.NewGuid();
        var committedSequence = await RawAppendAsync(scope.Schema, committerConnection, committer, committed, 9);
        await committer.CommitAsync();
        committedSequence.ShouldBeGreaterThan(heldSequence);

        await Task.Delay(TimeSpan.FromSeconds(3));
        (await scope.Store.Admin.StatusAsync("ledgers")).LastSequence.ShouldBeLessThan(heldSequence);

        await holder.CommitAsync();
        await scope.Store.Admin.WaitForAsync("ledgers", committedSequence, TimeSpan.FromSeconds(30));
        (await scope.ReadLedgersAsync()).Keys.ShouldBe([held, committed], ignoreOrder: true);
    }

    private static async Task<AppendResult> AppendAsync(EventStore store, NpgsqlTransaction transaction, Guid stream, decimal amount)
    {
        await using var session = store.OpenSession(transaction);
        return await session.Append(stream, "ledger", ExpectedVersion.Any, new Deposited(amount)).SaveChangesAsync();
    }

    /// <summary>An append by plain SQL, as a migration or repair script would write one.</summary>
    private static async Task<long> RawAppendAsync(string schema, NpgsqlConnection connection, NpgsqlTransaction transaction, Guid stream, decimal amount)
    {
        await using (var insertStream = new NpgsqlCommand($"INSERT INTO {schema}.streams (id, type, version) VALUES ($1, 'ledger', 1)", connection, transaction))
        {
            insertStream.Parameters.Add(new() { Value = stream });
            await insertStream.ExecuteNonQueryAsync();
        }

        await using var command = new NpgsqlCommand(
            $"""
            INSERT INTO {schema}.events (id, stream_id, version, type, data)
            VALUES (gen_random_uuid(), $1, 1, 'deposited', jsonb_build_object('amount', $2::numeric))
            RETURNING seq;
            """,
            connection,
            transaction);
        command.Parameters.Add(new() { Value = stream });
        command.Parameters.Add(new() { Value = amount });
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<long> CommitAppendAsync(EventStore store, Guid stream, decimal amount)
    {
        await using var session = store.OpenSession();
        return (await session.Append(stream, "ledger", ExpectedVersion.Any, new Deposited(amount)).SaveChangesAsync()).LastSequence;
    }

    private static async Task<ulong> TransactionIdAsync(NpgsqlConnection connection, NpgsqlTransaction transaction)
    {
        await using var command = new NpgsqlCommand("SELECT pg_current_xact_id()::text", connection, transaction);
        return ulong.Parse((string)(await command.ExecuteScalarAsync())!, System.Globalization.CultureInfo.InvariantCulture);
    }
}
