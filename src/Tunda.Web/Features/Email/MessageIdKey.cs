using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Npgsql;
using Tunda.Mail;
using Tunda.Web.Platform.Database;

namespace Tunda.Web.Features.Email;

/// <summary>
/// The secret that signs Tunda's Message-IDs (<see cref="SignedMessageIds"/>). <c>Tunda:Mail:MessageIdKey</c>
/// (base64, at least 32 bytes) when set, the same on every node. Without it, the first node generates one,
/// protects it with ASP.NET data protection and stores it in <c>&lt;schema&gt;.mail_keys</c> beside the
/// data-protection keys, and every node of the installation reads that one back.
/// </summary>
/// <remarks>
/// Data protection offers no deterministic derivation (each Protect is randomised), so the key itself is
/// stored, wrapped under data protection's own keys as the rest of the app's protected data is.
/// </remarks>
public static class MessageIdKey
{
    public const string Setting = MailOptions.Section + ":" + nameof(MailOptions.MessageIdKey);
    public const string Component = "mail_keys";

    private const string Name = "message_id";
    private const string Purpose = "Tunda.Mail.MessageIdKey";

    private static readonly Migration[] Migrations =
    [
        new(1, "mail keys", """
            CREATE TABLE {schema}.mail_keys (
                name text PRIMARY KEY,
                protected_key text NOT NULL,
                created_at timestamptz NOT NULL DEFAULT now());
            """),
    ];

    /// <summary>The configured key, null when none is; a value that is not a usable key stops the app at start.</summary>
    public static byte[]? FromSetting(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var key = new byte[value.Length];
        if (!Convert.TryFromBase64String(value.Trim(), key, out var length) || length < SignedMessageIds.MinimumKeyBytes)
        {
            throw new InvalidOperationException($"{Setting} must be base64 of at least {SignedMessageIds.MinimumKeyBytes} random bytes (e.g. `openssl rand -base64 32`).");
        }

        return key[..length];
    }

    /// <summary>
    /// The installation's stored key, created if there is none yet. Synchronous (it runs once, when the
    /// signer is first needed); two nodes creating one at the same moment both end up with the one stored first.
    /// </summary>
    public static byte[] LoadOrCreate(NpgsqlDataSource dataSource, string schema, IDataProtectionProvider protection)
    {
        SchemaMigrator.MigrateAsync(dataSource, schema, Component, Migrations).GetAwaiter().GetResult();
        var protector = protection.CreateProtector(Purpose);
        using (var insert = dataSource.CreateCommand($"INSERT INTO {schema}.mail_keys (name, protected_key) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING"))
        {
            insert.Parameters.Add(new NpgsqlParameter { Value = Name });
            insert.Parameters.Add(new NpgsqlParameter { Value = Convert.ToBase64String(protector.Protect(RandomNumberGenerator.GetBytes(SignedMessageIds.MinimumKeyBytes))) });
            insert.ExecuteNonQuery();
        }

        using var select = dataSource.CreateCommand($"SELECT protected_key FROM {schema}.mail_keys WHERE name = $1");
        select.Parameters.Add(new NpgsqlParameter { Value = Name });
        var stored = (string)select.ExecuteScalar()!;
        try
        {
            return protector.Unprotect(Convert.FromBase64String(stored));
        }
        catch (CryptographicException e)
        {
            throw new InvalidOperationException(
                $"The Message-ID key in {schema}.mail_keys cannot be read with this installation's data-protection keys: set {Setting}, or delete that row to have a new key made (replies to mail signed with the old one are then no longer recognised).", e);
        }
    }
}
