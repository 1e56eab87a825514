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
                is_archived boolean NOT NULL DEFAULT false,
                last_hash bytea
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
    ];
}

/// <summary>One numbered step of a component's schema; <c>{schema}</c> stands for the schema name.</summary>
public sealed record Migration(int Version, string Name, string Sql);
