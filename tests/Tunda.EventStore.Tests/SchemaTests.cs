using Tunda.EventStore.Schema;
using Tunda.EventStore.Tests.Support;

namespace Tunda.EventStore.Tests;

public sealed class SchemaTests
{
    [Fact]
    public async Task migrating_again_and_from_several_processes_at_once_applies_each_migration_once()
    {
        await using var scope = await StoreScope.CreateAsync(o => o.Projections.Add(Ledger.Projection(), Projections.ProjectionLifecycle.Inline));
        await using (var session = scope.Store.OpenSession())
        {
            await session.StartStream(Guid.NewGuid(), "ledger", new Deposited(1)).SaveChangesAsync();
        }

        await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => scope.Store.MigrateAsync()));

        (await scope.ScalarAsync("SELECT count(*) FROM {schema}.schema_migrations WHERE component = 'event_store'")).ShouldBe(SchemaMigrator.LatestVersion);
        (await scope.ScalarAsync("SELECT count(*) FROM {schema}.events")).ShouldBe(1, "migrating again keeps the data");
        (await scope.ReadLedgersAsync()).Count.ShouldBe(1);
    }

    [Theory]
    [InlineData("tunda; DROP TABLE x")]
    [InlineData("Tunda")]
    [InlineData("1abc")]
    [InlineData("")]
    public void a_schema_name_that_is_not_a_plain_identifier_is_refused(string schema)
    {
        Should.Throw<ArgumentException>(() => new EventStore(new EventStoreOptions { ConnectionString = "Host=unused", Schema = schema }));
    }
}
