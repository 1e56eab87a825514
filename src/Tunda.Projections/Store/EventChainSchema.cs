using JasperFx.Events;
using Marten;
using Weasel.Core;
using Weasel.Core.Migrations;
using Weasel.Postgresql;
using Weasel.Postgresql.Tables;

namespace Tunda.Projections.Store;

/// <summary>
/// The chain's database objects as a Marten storage feature: the side table, the link function and
/// the trigger on <c>mt_events</c>. Marten yields features registered from outside its own assembly
/// after its document and event tables, so the trigger always finds <c>mt_events</c>; every apply
/// compares each object with the catalog and recreates only what is missing or different.
/// </summary>
internal sealed class EventChainSchema(StoreOptions options) : FeatureSchemaBase("EventChain", options.Advanced.Migrator)
{
    public const string TableName = "tunda_event_chain";

    public const string LinkName = "tunda_event_chain_link";

    private string Schema => options.Events.DatabaseSchemaName;

    public override IEnumerable<Type> DependentTypes() => [typeof(IEvent)];

    protected override IEnumerable<ISchemaObject> schemaObjects()
    {
        yield return Table();
        yield return new EventChainFunction(Name(LinkName, SchemaUtils.IdentifierUsage.Function), Name(TableName));
        yield return new EventChainTrigger(
            Name(LinkName),
            Name("mt_events"),
            Name(LinkName, SchemaUtils.IdentifierUsage.Function));
    }

    private PostgresqlObjectName Name(string name, SchemaUtils.IdentifierUsage usage = SchemaUtils.IdentifierUsage.General) => new(Schema, name, usage);

    // Keyed by (stream, version) rather than seq_id: the trigger looks links up by it, and Marten's
    // event-data reset restarts mt_events_sequence, which would make old seq_ids collide.
    private Table Table()
    {
        var table = new Table(Name(TableName));
        table.AddColumn<Guid>("stream_id").AsPrimaryKey();
        table.AddColumn<long>("version").AsPrimaryKey();
        table.AddColumn<long>("seq_id").NotNull();
        table.AddColumn("hash", "bytea").NotNull();
        return table;
    }
}
