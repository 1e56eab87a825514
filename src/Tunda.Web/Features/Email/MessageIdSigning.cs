using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Npgsql;
using Tunda.Mail;
using Tunda.Web.Configuration;
using Tunda.Web.Platform.Database;

namespace Tunda.Web.Features.Email;

/// <summary>
/// The app's <see cref="SignedMessageIds"/>: what signs the Message-ID of every mail Tunda sends and tells a
/// reply's In-Reply-To/References that Tunda wrote from a forged one. Its key is <c>Tunda:Mail:MessageIdKey</c>
/// (base64, at least 32 bytes) when set, the same on every node. Without it, the first node generates one,
/// protects it with ASP.NET data protection and stores it in <c>&lt;schema&gt;.mail_keys</c>; every node of the
/// installation reads that one back.
/// </summary>
/// <remarks>
/// Data protection offers no deterministic derivation (each Protect is randomised), so the key itself is
/// stored, wrapped under data protection's own keys. It is read on first use, not when the container builds
/// handlers (Wolverine does that while the app starts, before the database schema may exist).
/// </remarks>
public sealed class MessageIdSigning(MailOptions options, NpgsqlDataSource dataSource, DatabaseOptions database, IDataProtectionProvider protection)
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

    private readonly SemaphoreSlim _loading = new(1, 1);
    private SignedMessageIds? _signer;

    /// <summary>The signer; the first call reads (or creates) the stored key, and a failed read is tried again by the next call.</summary>
    public async ValueTask<SignedMessageIds> GetAsync(CancellationToken cancellationToken)
    {
        if (_signer is { } signer)
        {
            return signer;
        }

        await _loading.WaitAsync(cancellationToken);
        try
        {
            return _signer ??= new SignedMessageIds(KeyFromSetting(options.MessageIdKey) ?? await LoadOrCreateKeyAsync(cancellationToken));
        }
        finally
        {
            _loading.Release();
        }
    }

    /// <summary>The configured key, null when none is; a value that is not a usable key stops the app at start (see EmailSetup).</summary>
    public static byte[]? KeyFromSetting(string? value)
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

    /// <summary>Two nodes creating a key at the same moment both end up with the one stored first.</summary>
    private async Task<byte[]> LoadOrCreateKeyAsync(CancellationToken cancellationToken)
    {
        var schema = database.Schema;
        await SchemaMigrator.MigrateAsync(dataSource, schema, Component, Migrations, cancellationToken);
        var protector = protection.CreateProtector(Purpose);
        await using (var insert = dataSource.CreateCommand($"INSERT INTO {schema}.mail_keys (name, protected_key) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING"))
        {
            insert.Parameters.Add(new NpgsqlParameter { Value = Name });
            insert.Parameters.Add(new NpgsqlParameter { Value = Convert.ToBase64String(protector.Protect(RandomNumberGenerator.GetBytes(SignedMessageIds.MinimumKeyBytes))) });
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var select = dataSource.CreateCommand($"SELECT protected_key FROM {schema}.mail_keys WHERE name = $1");
        select.Parameters.Add(new NpgsqlParameter { Value = Name });
        var stored = (string)(await select.ExecuteScalarAsync(cancellationToken))!;
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
