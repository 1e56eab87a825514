using Marten;
using Wolverine;
using Wolverine.Attributes;
using Npgsql;
using NpgsqlTypes;
using Tunda.Domain.Inbound;
using Tunda.Web.Features.Tickets.Mail;
using Tunda.Web.Platform.Commands;
using Tunda.Mail.Classification;
using Tunda.Mail.Parsing;

namespace Tunda.Web.Features.Inbound;

/// <summary>Reads, classifies and records one stored message (queued by the intake in its own transaction).</summary>
[MessageIdentity(Alias)]
public sealed record ProcessInboundMail(Guid MailId)
{
    public const string Alias = "process_inbound_mail";
}

/// <summary>
/// Parses the stored bytes, classifies the message and records the outcome on the row and as the
/// first event of the message's stream. Idempotent: a row no longer queued is left alone.
/// </summary>
public sealed class ProcessInboundMailHandler(MailClassifierOptions classifierOptions)
{
    private const int SummaryLength = 500;

    /// <summary>A patient retry rule (InboundSetup): a database hiccup is the only expected failure.</summary>
    public static IReadOnlyList<TimeSpan> RetryDelays { get; } =
    [
        TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(10),
        TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(10),
    ];

    public Task Handle(ProcessInboundMail message, IDocumentSession session, IMessageContext bus, UnitOfWork work, CancellationToken ct) =>
        work.HandleAsync(session, bus, async context =>
        {
            await ProcessAsync(message, context, ct);
            return null;
        }, ct);

    private async Task ProcessAsync(ProcessInboundMail message, CommandContext context, CancellationToken cancellationToken)
    {
        var schema = context.Schema;
        StoredMail? stored;
        // FOR UPDATE: a second delivery of the same message (a replayed dead letter) waits and then sees the new status.
        await using (var load = context.Command($"SELECT raw, received_at, channel, sha256, status FROM {schema}.inbound_mail WHERE id = $1 FOR UPDATE"))
        {
            load.Parameters.Add(new() { Value = message.MailId, NpgsqlDbType = NpgsqlDbType.Uuid });
            await using var reader = await load.ExecuteReaderAsync(cancellationToken);
            stored = await reader.ReadAsync(cancellationToken)
                ? new StoredMail(reader.GetFieldValue<byte[]>(0), reader.GetFieldValue<DateTimeOffset>(1), reader.GetString(2), Convert.ToHexStringLower(reader.GetFieldValue<byte[]>(3)), reader.GetString(4))
                : null;
        }

        if (stored is not { Status: InboundStatus.Queued })
        {
            return;
        }

        var (parsed, classification, quarantineReason) = Read(stored);
        var from = parsed?.From.Count > 0 ? parsed.From[0] : null;
        await using (var update = context.Command($"""
            UPDATE {schema}.inbound_mail SET status = $2, quarantine_reason = $3, subject = $4, from_address = $5, processed_at = transaction_timestamp()
            WHERE id = $1
            """))
        {
            update.Parameters.Add(new() { Value = message.MailId, NpgsqlDbType = NpgsqlDbType.Uuid });
            update.Parameters.Add(new() { Value = quarantineReason is null ? InboundStatus.Processed : InboundStatus.Quarantined, NpgsqlDbType = NpgsqlDbType.Text });
            update.Parameters.Add(new() { Value = (object?)StorableText.CleanOrNull(quarantineReason) ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
            update.Parameters.Add(new() { Value = (object?)Shorten(StorableText.CleanOrNull(parsed?.Subject)) ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
            update.Parameters.Add(new() { Value = (object?)Shorten(StorableText.CleanOrNull(from?.ToString())) ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
            await update.ExecuteNonQueryAsync(cancellationToken);
        }

        context.UseMetadata(context.Metadata with
        {
            Actor = from is { IsValid: true } ? new Actor(StorableText.Clean(from.NormalizedAddress!), ActorKind.EmailSender) : InboundStatus.UnknownSender,
        });
        object recorded = quarantineReason is not null || parsed is null || classification is null
            ? new InboundMailQuarantined(message.MailId, stored.Channel, stored.Sha256, StorableText.Clean(quarantineReason ?? "not read"), stored.ReceivedAt)
            : Received(message.MailId, stored, parsed, from, classification);
        context.Session.Events.StartStream(message.MailId, recorded);
        if (recorded is InboundMailReceived)
        {
            context.Publish(new RouteMailToHelpdesk(message.MailId));
        }
    }

    /// <summary>
    /// The parser never throws by contract; if it (or the classifier) still does, the message goes to
    /// quarantine with the error instead of cycling through retries into a dead letter.
    /// </summary>
    private (ParsedMessage? Parsed, MailClassification? Classification, string? QuarantineReason) Read(StoredMail stored)
    {
        ParsedMessage parsed;
        try
        {
            parsed = MimeParser.Parse(stored.Raw, stored.ReceivedAt);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return (null, null, $"parser failure ({e.GetType().Name}: {e.Message})");
        }

        if (parsed.QuarantineReason is { } reason)
        {
            return (parsed, null, reason);
        }

        try
        {
            return (parsed, MailClassifier.Classify(parsed, classifierOptions), null);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return (parsed, null, $"classifier failure ({e.GetType().Name}: {e.Message})");
        }
    }

    private static InboundMailReceived Received(Guid mailId, StoredMail stored, ParsedMessage parsed, InboundMailbox? from, MailClassification classification) => new(
        mailId,
        stored.Channel,
        StorableText.CleanOrNull(parsed.MessageId),
        stored.Sha256,
        StorableText.Clean(parsed.Subject),
        StorableText.CleanOrNull(from?.Address),
        StorableText.CleanOrNull(from?.DisplayName),
        parsed.HasAmbiguousAuthor,
        StorableText.CleanOrNull(parsed.InReplyTo),
        StorableText.Clean(parsed.References),
        KindName(classification.Kind),
        StorableText.Clean(classification.Reasons),
        StorableText.CleanOrNull(classification.Authentication?.Spf),
        StorableText.CleanOrNull(classification.Authentication?.Dkim),
        StorableText.CleanOrNull(classification.Authentication?.Dmarc),
        stored.ReceivedAt);

    public static string KindName(MailKind kind) => kind switch
    {
        MailKind.Personal => "personal",
        MailKind.AutoReply => "auto_reply",
        MailKind.OutOfOffice => "out_of_office",
        MailKind.DeliveryStatus => "delivery_status",
        MailKind.Bulk => "bulk",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    private static string? Shorten(string? text) => text is { Length: > SummaryLength } ? text[..SummaryLength] : text;

    private sealed record StoredMail(byte[] Raw, DateTimeOffset ReceivedAt, string Channel, string Sha256, string Status);
}
