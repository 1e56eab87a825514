using Marten;
using Npgsql;
using Tunda.Domain.Customers;
using Tunda.Projections.Store;
using static Tunda.Projections.Tests.Store.EventChainStreams;
using static Tunda.Projections.Tests.Support.Events;

namespace Tunda.Projections.Tests.Store;

/// <summary>The chain's table, function and trigger as Marten schema objects: created, kept and repaired by an apply.</summary>
public sealed class EventChainSchemaTests
{
    [Fact]
    public async Task a_new_store_that_migrates_mt_events_keeps_the_chain_and_extends_it()
    {
        await using var scope = await MartenScope.CreateAsync();
        var (a, _) = await TwoCustomersAsync(scope.Store);

        // A later release enabling one more metadata column makes the apply alter mt_events.
        await using var next = StoreOn(scope.Schema, TestDatabase.ConnectionString, o => o.Events.MetadataConfig.UserNameEnabled = true);
        await next.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        (await TestDatabase.ScalarAsync<long>($"SELECT count(*) FROM information_schema.columns WHERE table_schema = '{scope.Schema}' AND table_name = 'mt_events' AND column_name = 'user_name'")).ShouldBe(1);

        var c = Guid.NewGuid();
        await AppendAsync(next, a, new CustomerUnblocked(a, At));
        await AppendAsync(next, c, Person(c), new CustomerBlocked(c, "unpaid", At));

        var report = await VerifyAsync(next);
        report.IsIntact.ShouldBeTrue();
        (report.StreamsChecked, report.EventsChecked).ShouldBe((3L, 11L));
        (await LinksAsync(scope.Schema)).ShouldBe(11);
    }

    [Fact]
    public async Task a_second_apply_finds_nothing_to_change_even_with_the_schema_on_the_search_path()
    {
        var schema = TestDatabase.NewSchemaName("marten");
        var onPath = new NpgsqlConnectionStringBuilder(TestDatabase.ConnectionString) { SearchPath = schema }.ConnectionString;
        try
        {
            await using (var first = StoreOn(schema, onPath))
            {
                await first.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
            }

            // pg_get_triggerdef leaves the function unqualified when it is on the search path.
            await using (var connection = new NpgsqlConnection(onPath))
            {
                await connection.OpenAsync();
                await using var command = new NpgsqlCommand($"SELECT pg_get_triggerdef(oid) FROM pg_trigger WHERE tgname = 'tunda_event_chain_link' AND tgrelid = '{schema}.mt_events'::regclass", connection);
                ((string)(await command.ExecuteScalarAsync())!).ShouldEndWith("EXECUTE FUNCTION tunda_event_chain_link()");
            }

            await using var second = StoreOn(schema, onPath);
            await second.Storage.Database.AssertDatabaseMatchesConfigurationAsync();
            var customer = Guid.NewGuid();
            await AppendAsync(second, customer, Person(customer));
            (await VerifyAsync(second)).IsIntact.ShouldBeTrue();
        }
        finally
        {
            await TestDatabase.DropSchemaAsync(schema);
        }
    }

    [Fact]
    public async Task events_appended_while_the_trigger_is_gone_are_reported_and_the_next_apply_restores_it()
    {
        await using var scope = await MartenScope.CreateAsync();
        var (a, b) = await TwoCustomersAsync(scope.Store);
        await TestDatabase.ExecuteAsync($"DROP TRIGGER tunda_event_chain_link ON {scope.Schema}.mt_events");
        await AppendAsync(scope.Store, a, new CustomerUnblocked(a, At));

        var broken = (await VerifyAsync(scope.Store)).Breaks.ShouldHaveSingleItem();
        (broken.StreamId, broken.Version).ShouldBe((a, 6L));
        broken.Reason.ShouldContain("has no link");

        await using var next = StoreOn(scope.Schema, TestDatabase.ConnectionString);
        await next.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        await AppendAsync(next, b, new CustomerUnblocked(b, At));
        (await VerifyAsync(next, b)).IsIntact.ShouldBeTrue();
        (await VerifyAsync(next, b)).EventsChecked.ShouldBe(4);
    }

    [Fact]
    public async Task an_outdated_link_function_is_replaced_by_the_next_apply()
    {
        await using var scope = await MartenScope.CreateAsync();
        var (a, _) = await TwoCustomersAsync(scope.Store);
        await TestDatabase.ExecuteAsync($"""
            CREATE OR REPLACE FUNCTION {scope.Schema}.tunda_event_chain_link() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NULL; END; $$
            """);

        await using var next = StoreOn(scope.Schema, TestDatabase.ConnectionString);
        await next.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        await AppendAsync(next, a, new CustomerUnblocked(a, At));

        var report = await VerifyAsync(next);
        report.IsIntact.ShouldBeTrue();
        report.EventsChecked.ShouldBe(9);
    }

    private static DocumentStore StoreOn(string schema, string connectionString, Action<StoreOptions>? configure = null) => DocumentStore.For(options =>
    {
        TundaStore.Configure(options, new TundaStoreSettings(connectionString, schema));
        configure?.Invoke(options);
    });
}
