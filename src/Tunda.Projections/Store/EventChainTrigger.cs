using System.Data.Common;
using Weasel.Core;
using Weasel.Postgresql.Triggers;

namespace Tunda.Projections.Store;

/// <summary>
/// The row trigger on <c>mt_events</c> that calls the link function after each insert.
/// </summary>
/// <remarks>
/// <c>pg_get_triggerdef</c> qualifies the function only when it is not on the search path, and
/// Tunda's default schema, tunda, is on it whenever the database user is called tunda too
/// (<c>"$user"</c> leads the default path). Weasel's own comparison would then see a difference on
/// every apply and drop and recreate the trigger each time; this one accepts either spelling.
/// </remarks>
internal sealed class EventChainTrigger : Trigger
{
    private readonly DbObjectName _function;

    public EventChainTrigger(DbObjectName identifier, DbObjectName table, DbObjectName function)
        : base(identifier, table, $"{function.QualifiedName}()")
    {
        _function = function;
        Timing = TriggerTiming.After;
        Events = TriggerEvents.Insert;
        ForEachRow = true;
    }

    public override async Task<ISchemaObjectDelta> CreateDeltaAsync(DbDataReader reader, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var existing = await reader.ReadAsync(ct) && !await reader.IsDBNullAsync(0, ct)
            ? await reader.GetFieldValueAsync<string>(0, ct)
            : null;
        var difference = existing switch
        {
            null => SchemaPatchDifference.Create,
            _ when Matches(Qualified(existing)) => SchemaPatchDifference.None,
            _ => SchemaPatchDifference.Update,
        };
        return new SchemaObjectDelta(this, difference);
    }

    private string Qualified(string definition) => definition.Replace(
        $"EXECUTE FUNCTION {_function.Name}(", $"EXECUTE FUNCTION {_function.QualifiedName}(", StringComparison.Ordinal);
}
