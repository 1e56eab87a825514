using Tunda.Web.Platform.Database;

namespace Tunda.Web.Features.Tickets;

/// <summary>
/// The helpdesk's own table (component "helpdesk"): attachment bytes, written in the unit of work
/// that appends the message naming them. Append; never edit a shipped migration.
/// </summary>
internal static class TicketMigrations
{
    public const string Component = "helpdesk";

    public static IReadOnlyList<Migration> All { get; } =
    [
        new(1, "ticket attachments with their SHA-256", """
            CREATE TABLE {schema}.ticket_attachments (
                id uuid PRIMARY KEY,
                ticket_id uuid NOT NULL,
                file_name text NOT NULL,
                content_type text NOT NULL,
                size bigint NOT NULL,
                sha256 bytea NOT NULL,
                content bytea NOT NULL,
                stored_at timestamptz NOT NULL DEFAULT transaction_timestamp()
            );
            CREATE INDEX ticket_attachments_ticket ON {schema}.ticket_attachments (ticket_id);
            """),
    ];
}
