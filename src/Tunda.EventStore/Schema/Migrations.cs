namespace Tunda.EventStore.Schema;

/// <summary>
/// The event store's schema history. Append new migrations; never edit one that has shipped.
/// <c>{schema}</c> is replaced by the configured, validated schema name.
/// </summary>
internal static class Migrations
{
    public static IReadOnlyList<Migration> All { get; } =
    [
        new(1, "event store", """
            CREATE SEQUENCE {schema}.event_seq AS bigint CACHE 1;

            -- The daemon's safe high-water mark needs every writer to hold a transaction id before it
            -- draws a sequence number. The store does so explicitly; this default makes hand-written
            -- INSERTs (migrations, repairs) obey the same rule.
            CREATE FUNCTION {schema}.next_event_seq() RETURNS bigint LANGUAGE plpgsql VOLATILE AS $fn$
            BEGIN
                PERFORM pg_current_xact_id();
                RETURN nextval('{schema}.event_seq');
            END
            $fn$;

            CREATE TABLE {schema}.streams (
                id uuid PRIMARY KEY,
                type text NOT NULL,
                version bigint NOT NULL,
                created_at timestamptz NOT NULL DEFAULT transaction_timestamp(),
                updated_at timestamptz NOT NULL DEFAULT transaction_timestamp(),
                is_archived boolean NOT NULL DEFAULT false
            );

            CREATE TABLE {schema}.events (
                seq bigint PRIMARY KEY DEFAULT {schema}.next_event_seq(),
                id uuid NOT NULL UNIQUE,
                stream_id uuid NOT NULL,
                version bigint NOT NULL,
                type text NOT NULL,
                schema_version int NOT NULL DEFAULT 1,
                data jsonb NOT NULL,
                metadata jsonb NOT NULL DEFAULT '{}',
                timestamp timestamptz NOT NULL DEFAULT transaction_timestamp(),
                hash bytea,
                UNIQUE (stream_id, version)
            );
            ALTER SEQUENCE {schema}.event_seq OWNED BY {schema}.events.seq;

            -- No foreign key to streams: every append locks (or creates) the stream row before it
            -- inserts, and the per-row check cost a seventh of the server's time per append.

            -- One call appends to one stream: move the stream row forward (an UPDATE that locks it;
            -- an INSERT for a new stream), check the expected version and the archive flag *before
            -- drawing any sequence number* (a failed check raises and the whole unit of work rolls
            -- back), chain the hashes from the stream's last event, insert the events. Called once
            -- per stream, in stream id order, pipelined with BEGIN and COMMIT: one round trip.
            -- p_expected: -1 any, 0 must be new, n exactly n. Conflicts raise TU001 (message: the
            -- actual version, 'missing' or 'exists'); an archived stream raises TU002.
            -- hash(n) = sha256(hash(n-1) || int8(version) || int8(µs since epoch) || body hash), where
            -- body hash = sha256(id, stream, alias, schema version, data::text, metadata::text joined
            -- by newlines). jsonb's text form is canonical (key order, spacing, numbers) and never
            -- holds a raw newline, so the verifier can recompute it from what it reads back.
            CREATE FUNCTION {schema}.append_stream(
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
                v_metadata text := p_metadata::text;
                v_bodies bytea[];
                v_versions bigint[] := '{}';
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

                o_version := v_old;
                v_micros := (extract(epoch FROM o_timestamp) * 1000000)::bigint;
                -- Body hashes in one set-based statement; only the chaining needs the loop.
                SELECT array_agg(sha256(convert_to(concat_ws(E'\n', b.id::text, p_stream::text, b.type, b.schema_version::text, b.data::text, v_metadata), 'UTF8')) ORDER BY b.n)
                INTO v_bodies
                FROM unnest(p_ids, p_types, p_schema_versions, p_data) WITH ORDINALITY AS b (id, type, schema_version, data, n);
                v_hash := coalesce(v_hash, ''::bytea);
                FOR i IN 1 .. v_count LOOP
                    o_version := o_version + 1;
                    v_hash := sha256(v_hash || int8send(o_version) || int8send(v_micros) || v_bodies[i]);
                    v_versions[i] := o_version;
                    v_hashes[i] := v_hash;
                END LOOP;

                o_seqs := '{}';
                IF v_count > 0 THEN
                    WITH inserted AS (
                        INSERT INTO {schema}.events (seq, id, stream_id, version, type, schema_version, data, metadata, timestamp, hash)
                        SELECT nextval('{schema}.event_seq'), e.id, p_stream, e.version, e.type, e.schema_version, e.data, p_metadata, o_timestamp, e.hash
                        FROM unnest(p_ids, v_versions, p_types, p_schema_versions, p_data, v_hashes) AS e (id, version, type, schema_version, data, hash)
                        RETURNING events.seq, events.version
                    )
                    SELECT array_agg(inserted.seq ORDER BY inserted.version) INTO o_seqs FROM inserted;
                END IF;
            END
            $fn$;

            CREATE TABLE {schema}.projection_progress (
                name text PRIMARY KEY,
                last_seq bigint NOT NULL DEFAULT 0,
                status text NOT NULL DEFAULT 'running',
                failed_seq bigint,
                failure text,
                failed_at timestamptz,
                owner text,
                heartbeat timestamptz
            );

            CREATE TABLE {schema}.dead_letter_events (
                id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                projection text NOT NULL,
                seq bigint NOT NULL,
                event_id uuid NOT NULL,
                error text NOT NULL,
                failed_at timestamptz NOT NULL DEFAULT now(),
                resolved_at timestamptz
            );
            """),
        AppendStreamHashInLoop.Migration,
    ];
}

/// <summary>One numbered step of a component's schema; <c>{schema}</c> stands for the schema name.</summary>
public sealed record Migration(int Version, string Name, string Sql);
