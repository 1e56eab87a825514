using Tunda.EventStore.Integrity;
using Tunda.EventStore.Schema;
using Tunda.EventStore.Tests.Support;

namespace Tunda.EventStore.Tests;

/// <summary>Migration 2 replaces append_stream; chains written by migration 1's function must carry on.</summary>
public sealed class HashChainUpgradeTests
{
    [Fact]
    public async Task a_store_written_before_migration_two_verifies_after_it_and_its_chains_continue()
    {
        var options = new EventStoreOptions { ConnectionString = TestDatabase.ConnectionString, Schema = TestDatabase.NewSchemaName("es") };
        options.Events.Register<Deposited>("deposited").Register<Withdrawn>("withdrawn").Register<Renamed>("renamed");
        await using var store = new EventStore(options);
        try
        {
            await SchemaMigrator.MigrateAsync(store.DataSource, store.Schema, SchemaMigrator.EventStoreComponent, [.. Migrations.All.Where(m => m.Version == 1)]);
            var old = Guid.NewGuid();
            await AppendAsync(store, old, ExpectedVersion.New, new Deposited(10), new Renamed("prima \"riga\"\nè"), new Withdrawn(2.5m));

            await store.MigrateAsync();
            var fresh = Guid.NewGuid();
            await AppendAsync(store, old, ExpectedVersion.Exactly(3), new Deposited(1), new Deposited(2));
            await AppendAsync(store, fresh, ExpectedVersion.New, new Renamed("dopo"), new Deposited(7));

            var report = await new ChainVerifier(store).VerifyAsync();
            report.IsIntact.ShouldBeTrue();
            report.EventsChecked.ShouldBe(7);

            // Tampering is still found at the edited event, on either side of the upgrade.
            await TestDatabase.ExecuteAsync($"UPDATE {store.Schema}.events SET data = '{{\"amount\": 11}}' WHERE stream_id = '{old}' AND version = 4");
            await TestDatabase.ExecuteAsync($"UPDATE {store.Schema}.events SET metadata = '{{\"clientIp\": \"10.0.0.1\"}}' WHERE stream_id = '{fresh}' AND version = 1");
            var breaks = (await new ChainVerifier(store).VerifyAsync()).Breaks.OrderBy(b => b.StreamId == old ? 0 : 1).ToList();
            breaks.Select(b => (b.StreamId, b.Version)).ShouldBe([(old, 4L), (fresh, 1L)]);
        }
        finally
        {
            await TestDatabase.DropSchemaAsync(store.Schema);
        }
    }

    private static async Task AppendAsync(EventStore store, Guid stream, ExpectedVersion expected, params object[] events)
    {
        await using var session = store.OpenSession(new EventMetadata { ClientIp = "203.0.113.9", UserAgent = "test \"agent\"" });
        await session.Append(stream, "ledger", expected, events).SaveChangesAsync();
    }
}
