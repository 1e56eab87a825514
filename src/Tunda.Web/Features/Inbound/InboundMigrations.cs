using Tunda.Web.Platform.Commands;
using Tunda.Web.Platform.Database;

namespace Tunda.Web.Features.Inbound;

/// <summary>
/// Received mail, applied as component "inbound" in the store's schema so a row, its queue message
/// and its events commit in one transaction. Append; never edit a shipped migration.
/// </summary>
internal static class InboundMigrations
{
    public const string Component = "inbound";

    public static IReadOnlyList<Migration> All { get; } =
    [
        new(1, "received mail with its raw bytes, deduplication key and quarantine", """
            -- The raw bytes are the evidence: stored before anything reads them, never rewritten.
            CREATE TABLE {schema}.inbound_mail (
                id uuid PRIMARY KEY,
                received_at timestamptz NOT NULL DEFAULT transaction_timestamp(),
                channel text NOT NULL,
                source text NOT NULL,
                sha256 bytea NOT NULL,
                message_id text,
                -- The Message-ID, or 'sha256:<hex>' without one: a message delivered twice (an MTA
                -- retry, IMAP and pipe both configured) is stored and processed once.
                dedupe_key text NOT NULL UNIQUE,
                size bigint NOT NULL,
                raw bytea NOT NULL,
                status text NOT NULL CHECK (status IN ('queued', 'processed', 'quarantined')),
                quarantine_reason text,
                subject text,
                from_address text,
                processed_at timestamptz,
                -- A duplicate is a trace, never silently dropped.
                duplicates_seen integer NOT NULL DEFAULT 0,
                last_duplicate_at timestamptz
            );
            CREATE INDEX inbound_mail_quarantine ON {schema}.inbound_mail (received_at DESC) WHERE status = 'quarantined';
            """),
    ];
}
