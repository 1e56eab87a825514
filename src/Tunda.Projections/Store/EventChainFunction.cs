using JasperFx.Events;
using Weasel.Core;
using Weasel.Postgresql.Functions;

namespace Tunda.Projections.Store;

/// <summary>
/// The trigger function: computes the link as <see cref="EventChainHash"/> defines it. Written the way
/// <c>pg_get_functiondef</c> prints a function, so Weasel's comparison finds nothing to change on
/// a re-apply. The previous link is read by (stream, version - 1): Marten's unique index on
/// mt_events (stream_id, version) makes a second writer of a version wait for the first and then
/// fail, so the predecessor was committed before this statement's snapshot or written by this
/// transaction (each row's trigger runs at the end of its own INSERT inside Marten's append
/// function, in version order). The link table's primary key is the backstop: two links for one
/// version can never both commit. A missing predecessor (events appended while the trigger was
/// absent, a deleted link) never blocks an append: the link starts from zeros and the verifier
/// reports the gap. Marten's tombstone stream (placeholders for sequence numbers of failed
/// appends, numbered by sequence, not by version) is not chained.
/// </summary>
/// <remarks>
/// Weasel updates a changed function with <c>DROP FUNCTION ... CASCADE</c> and a create, which would
/// silently drop the trigger with it (the trigger's own comparison ran before, and found it present).
/// This function is replaced in place instead: <c>CREATE OR REPLACE</c> keeps the trigger bound to it.
/// </remarks>
internal sealed class EventChainFunction(DbObjectName name, DbObjectName links) : Function(name, Sql(name, links))
{
    protected override ISchemaObjectDelta CreateFunctionDelta(FunctionBase? actual) => new ReplacedInPlace(this, (Function?)actual);

    private static string Sql(DbObjectName name, DbObjectName links) => $$"""
        CREATE OR REPLACE FUNCTION {{name.QualifiedName}}()
         RETURNS trigger
         LANGUAGE plpgsql
        AS $function$
        DECLARE
            previous bytea;
            message bytea;
            field bytea;
        BEGIN
            IF NEW.stream_id = '{{Tombstone.StreamId}}'::uuid THEN
                RETURN NULL;
            END IF;
            SELECT hash INTO previous FROM {{links.QualifiedName}} WHERE stream_id = NEW.stream_id AND version = NEW.version - 1;
            message := coalesce(previous, decode(repeat('00', 32), 'hex'))
                || uuid_send(NEW.stream_id)
                || int8send(NEW.version)
                || uuid_send(NEW.id)
                || int8send((extract(epoch FROM NEW.timestamp) * 1000000)::bigint);
            FOREACH field IN ARRAY ARRAY[
                convert_to(NEW.type, 'UTF8'),
                convert_to(NEW.data::text, 'UTF8'),
                convert_to(NEW.headers::text, 'UTF8'),
                convert_to(NEW.correlation_id, 'UTF8'),
                convert_to(NEW.causation_id, 'UTF8'),
                convert_to(NEW.tenant_id, 'UTF8'),
                NEW.bdata]
            LOOP
                message := message || coalesce(int4send(octet_length(field)) || field, int4send(-1));
            END LOOP;
            INSERT INTO {{links.QualifiedName}} (stream_id, version, seq_id, hash)
                VALUES (NEW.stream_id, NEW.version, NEW.seq_id, sha256(message));
            RETURN NULL;
        END;
        $function$;
        """;

    private sealed class ReplacedInPlace(Function expected, Function? actual) : FunctionDelta(expected, actual)
    {
        public override void WriteUpdate(Migrator rules, TextWriter writer) => Expected.WriteCreateStatement(rules, writer);
    }
}
