using Marten;
using Tunda.Projections.Store;

namespace Tunda.Projections.Tests.Store;

/// <summary>A Marten store with Tunda's configuration in a schema of its own, dropped afterwards.</summary>
internal sealed class MartenScope : IAsyncDisposable
{
    private MartenScope(string schema, DocumentStore store)
    {
        Schema = schema;
        Store = store;
    }

    public string Schema { get; }

    public DocumentStore Store { get; }

    public static async Task<MartenScope> CreateAsync(Action<StoreOptions>? configure = null)
    {
        var schema = TestDatabase.NewSchemaName("marten");
        var store = DocumentStore.For(options =>
        {
            TundaStore.Configure(options, new TundaStoreSettings(TestDatabase.ConnectionString, schema));
            configure?.Invoke(options);
        });
        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        return new MartenScope(schema, store);
    }

    public async ValueTask DisposeAsync()
    {
        await Store.DisposeAsync();
        await TestDatabase.DropSchemaAsync(Schema);
    }
}
