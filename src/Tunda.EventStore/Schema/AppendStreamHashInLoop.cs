namespace Tunda.EventStore.Schema;

/// <summary>
/// Migration 2: <c>append_stream</c> with the same signature, checks and hash format as in
/// migration 1 (so events written before it verify unchanged), but cheaper per append: each event's
/// body hash is computed inside the chaining loop as one plpgsql expression instead of by a separate
/// set-returning statement over the unnested arrays, and versions come from the insert's
/// ordinality instead of an array built on the side. Measured in docs/event-store.md.
/// </summary>
internal static class AppendStreamHashInLoop
{
    public static Migration Migration { get; } = new(2, "append_stream hashes in its loop", """
        CREATE OR REPLACE FUNCTION {schema}.append_stream(
            p_stream uuid, p_stream_type text, p_expected bigint, p_archive boolean,
            p_ids uuid[], p_types text[], p_schema_versions int[], p_data jsonb[], p_metadata jsonb,
            OUT o_seqs bigint[], OUT o_version bigint, OUT o_timestamp timestamptz)
        LANGUAGE plpgsql AS $fn$
        DECLARE
            v_count int := coalesce(array_length(p_ids, 1), 0);
            v_old bigint;
            v_archived boolean;
            v_hash bytea;
            v_micros bigint;
            v_stream text := p_stream::text;
            v_metadata text := p_metadata::text;
            v_hashes bytea[] := '{}';
        BEGIN
            PERFORM pg_current_xact_id();
            o_timestamp := transaction_timestamp();
            IF p_expected = 0 THEN
                INSERT INTO {schema}.streams (id, type, version, is_archived) VALUES (p_stream, p_stream_type, v_count, p_archive)
                ON CONFLICT (id) DO NOTHING;
                IF NOT FOUND THEN
                    RAISE EXCEPTION USING ERRCODE = 'TU001', MESSAGE = 'exists';
                END IF;
                v_old := 0;
            ELSE
                LOOP
                    UPDATE {schema}.streams s
                    SET version = s.version + v_count, is_archived = s.is_archived OR p_archive, updated_at = o_timestamp
                    WHERE s.id = p_stream AND (NOT s.is_archived OR v_count = 0)
                    RETURNING s.version - v_count INTO v_old;
                    EXIT WHEN FOUND;
                    -- Nothing moved: archived, missing, or created by a racing writer after this
                    -- UPDATE's snapshot (each statement here sees the latest commits).
                    SELECT s.is_archived INTO v_archived FROM {schema}.streams s WHERE s.id = p_stream;
                    IF FOUND AND v_archived THEN
                        RAISE EXCEPTION USING ERRCODE = 'TU002', MESSAGE = 'archived';
                    ELSIF NOT FOUND THEN
                        IF p_expected <> -1 OR p_stream_type IS NULL THEN
                            RAISE EXCEPTION USING ERRCODE = 'TU001', MESSAGE = 'missing';
                        END IF;
                        INSERT INTO {schema}.streams (id, type, version, is_archived) VALUES (p_stream, p_stream_type, v_count, p_archive)
                        ON CONFLICT (id) DO NOTHING;
                        IF FOUND THEN
                            v_old := 0;
                            EXIT;
                        END IF;
                    END IF;
                    -- Created meanwhile by someone else: move it like any other on the next turn.
                END LOOP;
                IF p_expected > 0 AND v_old <> p_expected THEN
                    RAISE EXCEPTION USING ERRCODE = 'TU001', MESSAGE = v_old::text;
                END IF;
                IF v_old > 0 AND v_count > 0 THEN
                    SELECT e.hash INTO v_hash FROM {schema}.events e WHERE e.stream_id = p_stream AND e.version = v_old;
                END IF;
            END IF;

            o_version := v_old + v_count;
            v_micros := (extract(epoch FROM o_timestamp) * 1000000)::bigint;
            -- The format of migration 1 (see Integrity.EventHash), one simple expression per event.
            v_hash := coalesce(v_hash, ''::bytea);
            FOR i IN 1 .. v_count LOOP
                v_hash := sha256(v_hash || int8send(v_old + i) || int8send(v_micros) || sha256(convert_to(
                    concat_ws(E'\n', p_ids[i]::text, v_stream, p_types[i], p_schema_versions[i]::text, p_data[i]::text, v_metadata), 'UTF8')));
                v_hashes[i] := v_hash;
            END LOOP;

            o_seqs := '{}';
            IF v_count > 0 THEN
                WITH inserted AS (
                    INSERT INTO {schema}.events (seq, id, stream_id, version, type, schema_version, data, metadata, timestamp, hash)
                    SELECT nextval('{schema}.event_seq'), e.id, p_stream, v_old + e.n, e.type, e.schema_version, e.data, p_metadata, o_timestamp, e.hash
                    FROM unnest(p_ids, p_types, p_schema_versions, p_data, v_hashes) WITH ORDINALITY AS e (id, type, schema_version, data, hash, n)
                    RETURNING events.seq, events.version
                )
                SELECT array_agg(inserted.seq ORDER BY inserted.version) INTO o_seqs FROM inserted;
            END IF;
        END
        $fn$;
        """);
}
