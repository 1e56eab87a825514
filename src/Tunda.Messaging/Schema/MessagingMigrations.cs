using Tunda.EventStore.Schema;

namespace Tunda.Messaging.Schema;

/// <summary>
/// Messaging's schema history, applied as its own component beside the event store's tables (so a
/// handler's events and the messages it sends share one transaction). Append; never edit a shipped one.
/// </summary>
internal static class MessagingMigrations
{
    public const string Component = "messaging";

    public static IReadOnlyList<Migration> All { get; } =
    [
        new(1, "durable queue, inbox, dead letters, nodes", """
            -- One row per message waiting to be handled. A row is deleted in the same transaction as the
            -- handler's work, so "handled" and "gone from the queue" can never disagree.
            CREATE TABLE {schema}.messages (
                id uuid PRIMARY KEY,
                position bigint GENERATED ALWAYS AS IDENTITY,
                type text NOT NULL,
                body jsonb NOT NULL,
                metadata jsonb NOT NULL DEFAULT '{}',
                correlation_id uuid,
                deliver_at timestamptz NOT NULL DEFAULT transaction_timestamp(),
                attempts int NOT NULL DEFAULT 0,
                owner text,
                claimed_at timestamptz,
                last_error text,
                enqueued_at timestamptz NOT NULL DEFAULT transaction_timestamp()
            );
            CREATE INDEX messages_ready ON {schema}.messages (deliver_at, position) WHERE owner IS NULL;
            CREATE INDEX messages_owner ON {schema}.messages (owner) WHERE owner IS NOT NULL;
            CREATE INDEX messages_correlation ON {schema}.messages (correlation_id);

            -- Ids of messages that came with an id of their own (an e-mail's Message-ID hash, a webhook
            -- id). Written in the enqueueing transaction: the primary key makes a second delivery, even a
            -- concurrent one, wait for the first and then find it already there.
            CREATE TABLE {schema}.message_inbox (
                message_id uuid PRIMARY KEY,
                received_at timestamptz NOT NULL DEFAULT transaction_timestamp()
            );

            CREATE TABLE {schema}.message_dead_letters (
                id uuid PRIMARY KEY,
                type text NOT NULL,
                body jsonb NOT NULL,
                metadata jsonb NOT NULL,
                correlation_id uuid,
                attempts int NOT NULL,
                error text NOT NULL,
                enqueued_at timestamptz NOT NULL,
                failed_at timestamptz NOT NULL DEFAULT now()
            );
            CREATE INDEX message_dead_letters_correlation ON {schema}.message_dead_letters (correlation_id);

            -- Worker processes and when they last proved alive (database clock, so no skew between hosts).
            CREATE TABLE {schema}.message_nodes (
                name text PRIMARY KEY,
                started_at timestamptz NOT NULL DEFAULT now(),
                heartbeat timestamptz NOT NULL DEFAULT now()
            );
            """),
    ];
}
