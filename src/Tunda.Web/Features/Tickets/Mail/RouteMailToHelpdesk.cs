using Marten;
using NpgsqlTypes;
using Tunda.Mail.Classification;
using Tunda.Mail.Parsing;
using Tunda.Web.Platform.Commands;
using Wolverine;
using Wolverine.Attributes;

namespace Tunda.Web.Features.Tickets.Mail;

/// <summary>Hands one stored, classified message to the helpdesk (queued by inbound processing in its own transaction).</summary>
[MessageIdentity(Alias)]
public sealed record RouteMailToHelpdesk(Guid MailId)
{
    public const string Alias = "route_mail_to_helpdesk";
}

/// <summary>
/// Turns a received mail into a follow-up, a new ticket, an automatic reply on its ticket or a bounce
/// note (<see cref="MailRouter"/> decides). Idempotent by mail id: a message handled once is left alone.
/// </summary>
public sealed class RouteMailToHelpdeskHandler(MailClassifierOptions classifierOptions, MailRouter router)
{
    /// <summary>Patient, like inbound processing: a database hiccup is the only expected failure.</summary>
    public static IReadOnlyList<TimeSpan> RetryDelays { get; } =
        [TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(10)];

    public Task Handle(RouteMailToHelpdesk message, IDocumentSession session, IMessageContext bus, UnitOfWork work, CancellationToken ct) =>
        work.HandleAsync(session, bus, async context =>
        {
            if (await context.Session.LoadAsync<TicketMailReference>(TicketMailReference.ForMail(message.MailId), ct) is not null
                || await LoadAsync(context, message.MailId, ct) is not { } stored)
            {
                return null;
            }

            var parsed = MimeParser.Parse(stored.Raw, stored.ReceivedAt);
            if (parsed.QuarantineReason is not null)
            {
                return null;   // inbound processing quarantined it already; staff see it there
            }

            var classification = MailClassifier.Classify(parsed, classifierOptions);
            var outcome = await router.RouteAsync(context, new ReceivedMail(message.MailId, parsed, classification), ct);
            context.Session.Store(new TicketMailReference { Id = TicketMailReference.ForMail(message.MailId), TicketId = outcome.TicketId, Outcome = outcome.Description });
            if (outcome.TicketId is { } ticketId && parsed.MessageId is { Length: > 0 } messageId)
            {
                context.Session.Store(new TicketMailReference { Id = TicketMailReference.ForMessageId(messageId), TicketId = ticketId, Outcome = "received" });
            }

            return null;
        }, ct);

    private static async Task<(byte[] Raw, DateTimeOffset ReceivedAt)?> LoadAsync(CommandContext context, Guid mailId, CancellationToken ct)
    {
        await using var load = context.Command($"SELECT raw, received_at FROM {context.Schema}.inbound_mail WHERE id = $1 AND status = 'processed'");
        load.Parameters.Add(new() { Value = mailId, NpgsqlDbType = NpgsqlDbType.Uuid });
        await using var reader = await load.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? (reader.GetFieldValue<byte[]>(0), reader.GetFieldValue<DateTimeOffset>(1)) : null;
    }
}

/// <summary>A received message as the helpdesk reads it.</summary>
public sealed record ReceivedMail(Guid MailId, ParsedMessage Message, MailClassification Classification);

/// <summary>What the helpdesk did with a mail.</summary>
public sealed record MailOutcome(Guid? TicketId, string Description);
