using Marten;
using Wolverine;
using System.Security.Cryptography;
using Npgsql;
using NpgsqlTypes;
using Tunda.Domain.Inbound;
using Tunda.Web.Platform.Commands;
using Tunda.Mail.Parsing;

namespace Tunda.Web.Features.Inbound;

/// <summary>
/// Stores one received message. With <paramref name="QuarantineReason"/> (unreadable or truncated
/// input) it is kept in quarantine at once and nothing is queued.
/// </summary>
/// <param name="HandOver">
/// Set by a process that stops right after storing (the pipe): the processing is queued for whichever
/// node of the app takes it, never for this process.
/// </param>
public sealed record StoreInboundMail(ReadOnlyMemory<byte> Raw, InboundChannel Channel, string Source, string? QuarantineReason, bool HandOver = false);

/// <summary>
/// The row, its <see cref="ProcessInboundMail"/> queue message (or its quarantine event) commit in
/// one transaction: a message is never stored without being queued, nor queued without its bytes.
/// </summary>
public static class StoreInboundMailHandler
{
    public static Task<InvokeResult> Handle(StoreInboundMail command, IDocumentSession session, IMessageContext bus, UnitOfWork work, CancellationToken ct) =>
        work.RunAsync(session, bus, async context => (object?)await StoreAsync(command, context, ct), ct);

    // Longer ids are not worth a unique-index entry (btree entries are capped at ~2.7 kB): such a
    // message is deduplicated by its hash instead.
    private const int MaxMessageIdLength = 900;

    // Just enough for Wolverine to store the message as scheduled, which belongs to no node.
    private static readonly TimeSpan HandOverDelay = TimeSpan.FromSeconds(1);

    private static async Task<InboundReceipt> StoreAsync(StoreInboundMail command, CommandContext context, CancellationToken cancellationToken)
    {
        var sha256 = SHA256.HashData(command.Raw.Span);
        var hex = Convert.ToHexStringLower(sha256);
        // Truncated or unreadable input has no trustworthy Message-ID: the full message may still arrive.
        var messageId = command.QuarantineReason is null ? MessageIdOf(command.Raw) : null;
        var id = Guid.CreateVersion7();
        var status = command.QuarantineReason is null ? InboundStatus.Queued : InboundStatus.Quarantined;

        // A duplicate (same key) only counts itself on the existing row; xmax = 0 tells a fresh insert apart.
        await using var insert = context.Command($"""
            INSERT INTO {context.Schema}.inbound_mail (id, channel, source, sha256, message_id, dedupe_key, size, raw, status, quarantine_reason)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
            ON CONFLICT (dedupe_key) DO UPDATE SET duplicates_seen = inbound_mail.duplicates_seen + 1, last_duplicate_at = transaction_timestamp()
            RETURNING id, sha256, xmax = 0, received_at
            """);
        insert.Parameters.Add(new() { Value = id, NpgsqlDbType = NpgsqlDbType.Uuid });
        insert.Parameters.Add(new() { Value = InboundStatus.ChannelName(command.Channel), NpgsqlDbType = NpgsqlDbType.Text });
        insert.Parameters.Add(new() { Value = StorableText.Clean(command.Source), NpgsqlDbType = NpgsqlDbType.Text });
        insert.Parameters.Add(new() { Value = sha256, NpgsqlDbType = NpgsqlDbType.Bytea });
        insert.Parameters.Add(new() { Value = (object?)messageId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        insert.Parameters.Add(new() { Value = messageId ?? "sha256:" + hex, NpgsqlDbType = NpgsqlDbType.Text });
        insert.Parameters.Add(new() { Value = (long)command.Raw.Length, NpgsqlDbType = NpgsqlDbType.Bigint });
        insert.Parameters.Add(new() { Value = command.Raw, NpgsqlDbType = NpgsqlDbType.Bytea });
        insert.Parameters.Add(new() { Value = status, NpgsqlDbType = NpgsqlDbType.Text });
        insert.Parameters.Add(new() { Value = (object?)StorableText.CleanOrNull(command.QuarantineReason) ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });

        Guid storedId;
        byte[] storedHash;
        bool inserted;
        DateTimeOffset receivedAt;
        await using (var reader = await insert.ExecuteReaderAsync(cancellationToken))
        {
            await reader.ReadAsync(cancellationToken);
            storedId = reader.GetGuid(0);
            storedHash = reader.GetFieldValue<byte[]>(1);
            inserted = reader.GetBoolean(2);
            receivedAt = reader.GetFieldValue<DateTimeOffset>(3);
        }

        if (inserted && command.QuarantineReason is { } reason)
        {
            context.UseMetadata(context.Metadata with { Actor = InboundStatus.UnknownSender });
            context.Session.Events.StartStream(storedId,
                new InboundMailQuarantined(storedId, InboundStatus.ChannelName(command.Channel), hex, StorableText.Clean(reason), receivedAt));
        }
        else if (inserted && command.HandOver)
        {
            // Published, it would be stored as this node's and handed to this process's own queue, which
            // stops now; scheduled, it is stored as no node's and the app's next scheduled-message poll
            // takes it (Wolverine compares with the real clock, not the app's).
            context.Schedule(new ProcessInboundMail(storedId), DateTimeOffset.UtcNow + HandOverDelay);
        }
        else if (inserted)
        {
            // Processing is idempotent on the row's status: a second delivery of the message finds it processed.
            context.Publish(new ProcessInboundMail(storedId));
        }

        return new InboundReceipt(storedId, Convert.ToHexStringLower(storedHash), Duplicate: !inserted);
    }

    private static string? MessageIdOf(ReadOnlyMemory<byte> raw) =>
        MimeParser.ReadMessageId(raw) is { Length: > 0 and <= MaxMessageIdLength } messageId ? StorableText.Clean(messageId) : null;
}

/// <summary>The stored statuses and names shared by the intake, the processing and the staff reads.</summary>
internal static class InboundStatus
{
    public const string Queued = "queued";
    public const string Processed = "processed";
    public const string Quarantined = "quarantined";

    /// <summary>Who caused an intake event when the message could not tell.</summary>
    public static Actor UnknownSender { get; } = new("unknown", ActorKind.EmailSender);

    public static string ChannelName(InboundChannel channel) => channel switch
    {
        InboundChannel.Pipe => "pipe",
        InboundChannel.Http => "http",
        InboundChannel.Imap => "imap",
        _ => throw new ArgumentOutOfRangeException(nameof(channel), channel, null),
    };
}
