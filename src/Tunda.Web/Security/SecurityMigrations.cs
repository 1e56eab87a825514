using Tunda.Web.Platform.Commands;
using Tunda.Web.Platform.Database;

namespace Tunda.Web.Security;

/// <summary>
/// Tables for secrets and server-side state (credentials, sessions, one-time tokens, login failures),
/// applied as component "web_security" in the store's schema so a use case can write them in the same
/// transaction as its events. Append; never edit a shipped migration.
/// </summary>
internal static class SecurityMigrations
{
    public const string Component = "web_security";

    public static IReadOnlyList<Migration> All { get; } =
    [
        new(1, "credentials, sessions, one-time tokens, login failures", """
            CREATE TABLE {schema}.credentials (
                realm text NOT NULL,
                email text NOT NULL,
                login_id uuid NOT NULL UNIQUE,
                password_hash text,
                totp_secret text,
                two_factor_enabled boolean NOT NULL DEFAULT false,
                last_totp_step bigint,
                recovery_codes text[] NOT NULL DEFAULT '{}',
                updated_at timestamptz NOT NULL,
                PRIMARY KEY (realm, email)
            );

            -- Only the SHA-256 of the cookie value is kept: a leaked table cannot be replayed as cookies.
            CREATE TABLE {schema}.sessions (
                id bytea PRIMARY KEY,
                login_id uuid NOT NULL,
                realm text NOT NULL,
                email text NOT NULL,
                access_id uuid,
                customer_id uuid,
                two_factor_satisfied boolean NOT NULL,
                must_enrol_two_factor boolean NOT NULL,
                created_at timestamptz NOT NULL,
                last_seen_at timestamptz NOT NULL,
                idle_expires_at timestamptz NOT NULL,
                absolute_expires_at timestamptz NOT NULL
            );
            CREATE INDEX sessions_login ON {schema}.sessions (login_id);
            CREATE INDEX sessions_access ON {schema}.sessions (access_id) WHERE access_id IS NOT NULL;
            CREATE INDEX sessions_customer ON {schema}.sessions (customer_id) WHERE customer_id IS NOT NULL;
            CREATE INDEX sessions_expiry ON {schema}.sessions (idle_expires_at);

            CREATE TABLE {schema}.one_time_tokens (
                token_hash bytea PRIMARY KEY,
                purpose text NOT NULL,
                subject text NOT NULL,
                payload jsonb,
                created_at timestamptz NOT NULL,
                expires_at timestamptz NOT NULL,
                consumed_at timestamptz
            );
            CREATE INDEX one_time_tokens_subject ON {schema}.one_time_tokens (purpose, subject);
            CREATE INDEX one_time_tokens_expiry ON {schema}.one_time_tokens (expires_at);

            -- One row per failed attempt; counted in a sliding window (see LoginThrottle).
            CREATE TABLE {schema}.login_failures (
                id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                email text NOT NULL,
                ip text NOT NULL,
                device text,
                failed_at timestamptz NOT NULL
            );
            CREATE INDEX login_failures_email ON {schema}.login_failures (email, failed_at);
            CREATE INDEX login_failures_ip ON {schema}.login_failures (ip, failed_at);
            CREATE INDEX login_failures_device ON {schema}.login_failures (device, failed_at) WHERE device IS NOT NULL;
            """),
        new(2, "main account e-mails: one main account per login e-mail", """
            -- A reservation written in the same transaction as CustomerRegistered / LoginEmailChanged:
            -- the primary key makes the second of two racing registrations fail, whatever the projections say.
            CREATE TABLE {schema}.main_account_emails (
                email text PRIMARY KEY,
                customer_id uuid NOT NULL,
                reserved_at timestamptz NOT NULL
            );
            CREATE INDEX main_account_emails_customer ON {schema}.main_account_emails (customer_id);
            """),
        new(3, "mails per address: reset, confirmation and recovery mails limited per recipient", """
            -- One row per mail of a kind sent to an address within the window (see AddressMailLimit).
            CREATE TABLE {schema}.address_mails (
                id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                purpose text NOT NULL,
                address text NOT NULL,
                sent_at timestamptz NOT NULL
            );
            CREATE INDEX address_mails_address ON {schema}.address_mails (purpose, address, sent_at);
            """),
    ];
}
