using System.Security.Cryptography;
using Marten;
using Tunda.Domain;
using Tunda.Domain.Tickets;
using Tunda.Mail.Classification;
using Tunda.Projections;
using Tunda.Projections.Tickets;
using Tunda.Web.Features.Email;
using Tunda.Web.Platform.Commands;
using Tunda.Web.Platform.Links;
using Tunda.Web.Security;

namespace Tunda.Web.Features.Tickets.Mail;

/// <summary>
/// Where a received mail goes. A follow-up when it answers a mail of a ticket (In-Reply-To or
/// References) or names a ticket in its subject, and the sender takes part in that ticket;
/// otherwise a new ticket in the department it was written to, attached to the customer only when
/// <see cref="MailSender"/> trusts the sender, else held for verification. Automatic replies join
/// their ticket without changing it; bounces mark the failing address.
/// </summary>
public sealed class MailRouter(HelpdeskOptions options, TicketAttachments attachments, PublicUrls urls, MessageIdSigning messageIds)
{
    /// <summary>More new tickets than this from one address (or one customer) in an hour are held, whoever sends them.</summary>
    public const int FloodLimit = 10;

    public async Task<MailOutcome> RouteAsync(CommandContext context, ReceivedMail mail, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(mail);
        var message = mail.Message;
        var kind = mail.Classification.Kind;
        var thread = await FollowMergeAsync(context.Session, await ThreadOfAsync(context.Session, message, ct), ct);
        if (kind == MailKind.DeliveryStatus)
        {
            return await BounceAsync(context, mail, thread, ct);
        }

        var author = Author(mail);
        if (kind is MailKind.AutoReply or MailKind.OutOfOffice)
        {
            if (thread is null)
            {
                return new MailOutcome(null, "Automatic reply to no ticket: kept in the intake only.");
            }

            var automatic = new AppendAutomaticReply(thread.TicketId, await PostAsync(context, thread.TicketId, mail, author, ct), ProcessKind(kind));
            await StreamSteps.DecideAsync(context, thread.TicketId, Ticket.Empty, s => TicketDecider.Decide(s, automatic, context.Now), ct);
            return new MailOutcome(thread.TicketId, $"Automatic reply appended to {thread.Number}.");
        }

        var accounts = await AccountAccessQueries.ForEmailAsync(context.Session, author.Address ?? string.Empty, ct);
        var verdict = MailSender.Judge(message, mail.Classification, accounts);
        var followUp = await FollowMergeAsync(context.Session, thread ?? await BySubjectAsync(context.Session, message.Subject, ct), ct);
        if (followUp is not null && IsWelcomeFollowUp(followUp, author, verdict))
        {
            var post = await PostAsync(context, followUp.TicketId, mail, author, ct);
            var decision = await StreamSteps.DecideAsync(context, followUp.TicketId, Ticket.Empty,
                s => TicketDecider.Decide(s, new AddCustomerPost(followUp.TicketId, post, options.ReopenWithin), context.Now), ct);
            if (decision.IsAccepted)
            {
                if (!followUp.State.IsHeld)
                {
                    context.Publish(await TicketMails.CustomerReplyAsync(context.Session, followUp.State, post, options, urls, ct));
                }

                return new MailOutcome(followUp.TicketId, $"Follow-up appended to {followUp.Number}.");
            }
        }

        var held = verdict.HeldReason
            ?? (followUp is not null && !followUp.State.IsClosed ? $"It answers {followUp.Number}, but the sender does not take part in that ticket." : null)
            ?? await FloodAsync(context.Session, author.Address!, verdict.CustomerId, context.Now, ct);
        return await OpenAsync(context, mail, author, verdict.CustomerId, held, ct);
    }

    private static bool IsWelcomeFollowUp(TicketThread ticket, TicketAuthor author, SenderVerdict verdict) =>
        ticket.State.IsHeld
            ? ticket.State.IsParticipant(author.Address)
            : ticket.State.Status != TicketStatus.Rejected && verdict.HeldReason is null && ticket.State.IsParticipant(author.Address)
                || verdict.IsAttached && verdict.CustomerId == ticket.CustomerId;

    private async Task<MailOutcome> OpenAsync(CommandContext context, ReceivedMail mail, TicketAuthor author, Guid? customerId, string? heldReason, CancellationToken ct)
    {
        var ticketId = Guid.CreateVersion7();
        var number = TicketNumber.From(RandomNumberGenerator.GetBytes(TicketNumber.Length));
        var post = await PostAsync(context, ticketId, mail, author, ct);
        var open = new OpenTicketFromMail(ticketId, number, customerId, DepartmentFor(mail), mail.Message.Subject, post, heldReason);
        var decision = await StreamSteps.DecideAsync(context, ticketId, Ticket.Empty, s => TicketDecider.Decide(s, open, context.Now), ct);
        if (!decision.IsAccepted)
        {
            throw new InvalidOperationException($"A mailed ticket was refused: {decision.Error!.Code}");
        }

        if (heldReason is null && mail.Classification.MayAnswerAutomatically && await AddressMailLimit.TryTakeAsync(context, "ticket-ack", author.Address!, ct))
        {
            var profile = customerId is { } id ? await CustomerProfiles.FindAsync(context.Session, id, ct) : null;
            context.Publish(TicketMails.Acknowledgement(decision.Events.OfType<TicketOpened>().Single(), author, options, profile?.Language, urls, mail.Message.MessageId));
        }

        return new MailOutcome(ticketId, heldReason is null ? $"New ticket {number}." : $"New ticket {number} held: {heldReason}");
    }

    private async Task<MailOutcome> BounceAsync(CommandContext context, ReceivedMail mail, TicketThread? thread, CancellationToken ct)
    {
        var report = mail.Classification.DeliveryReport;
        var ticket = thread ?? (report?.OriginalMessageId is { } original ? await TicketForAsync(context.Session, [original], ct) : null);
        var failed = report?.Recipients.Where(r => r.Action.Equals("failed", StringComparison.OrdinalIgnoreCase)).ToList() ?? [];
        if (ticket is null || failed.Count == 0)
        {
            return new MailOutcome(null, "Delivery report for no ticket of ours: kept in the intake only.");
        }

        await StreamSteps.DecideAsync(context, ticket.TicketId, Ticket.Empty, s => Decision.Accept([.. failed.SelectMany(r => TicketDecider.Decide(s,
            new RecordDeliveryFailure(ticket.TicketId, r.Recipient, $"{r.Status} {r.DiagnosticCode}".Trim(), mail.MailId), context.Now).Events)]), ct);
        return new MailOutcome(ticket.TicketId, $"Bounce noted on {ticket.Number}.");
    }

    private async Task<TicketPost> PostAsync(CommandContext context, Guid ticketId, ReceivedMail mail, TicketAuthor author, CancellationToken ct)
    {
        var message = mail.Message;
        var text = ReplyText.StripQuoted(message.TextBody);
        var files = message.Attachments.Where(a => !a.IsInline).Select(a => new AttachmentUpload(a.FileName, a.ContentType, a.Content)).ToList();
        return new TicketPost(Guid.CreateVersion7(), author, text)
        {
            QuotedText = text.Length < message.TextBody.Trim().Length ? message.TextBody.Trim() : null,
            SafeHtml = message.HtmlBody,
            Attachments = await attachments.StoreAsync(context, ticketId, files, ct),
            MailId = mail.MailId,
            EmailMessageId = message.MessageId,
        };
    }

    private static TicketAuthor Author(ReceivedMail mail)
    {
        var from = mail.Message.From.FirstOrDefault();
        var address = from?.NormalizedAddress ?? from?.Address ?? "unknown";
        return new TicketAuthor(AuthorKind.EmailSender, address, string.IsNullOrWhiteSpace(from?.DisplayName) ? address : from.DisplayName!, address);
    }

    /// <summary>
    /// The department of the first To/Cc address that is one of ours; for a Bcc the envelope recipient our
    /// MTA wrote on top (X-Original-To, Delivered-To); else the first department. A department decides
    /// only who reads the ticket first, never whose it is.
    /// </summary>
    private string DepartmentFor(ReceivedMail mail)
    {
        var headers = mail.Message.Headers;
        var addresses = mail.Message.To.Concat(mail.Message.Cc).Select(r => r.NormalizedAddress)
            .Concat([headers["X-Original-To"], headers["Delivered-To"]])
            .OfType<string>()
            .Select(a => a.Trim().Trim('<', '>'));
        return addresses.Select(a => options.Departments.FirstOrDefault(d => string.Equals(d.Address, a, StringComparison.OrdinalIgnoreCase)))
            .FirstOrDefault(d => d is not null)?.Key ?? options.Departments[0].Key;
    }

    /// <summary>
    /// The ticket a mail answers: a Message-ID we signed for a ticket (it cannot be forged), else one
    /// of the ticket's received mails, looking at In-Reply-To first, then References from the latest.
    /// </summary>
    private Task<TicketThread?> ThreadOfAsync(IQuerySession session, Tunda.Mail.Parsing.ParsedMessage message, CancellationToken ct) =>
        TicketForAsync(session, [.. message.InReplyTo is { } reply ? [reply] : Array.Empty<string>(), .. message.References.Reverse()], ct);

    private async Task<TicketThread?> TicketForAsync(IQuerySession session, IReadOnlyList<string> answered, CancellationToken ct)
    {
        var signer = await messageIds.GetAsync(ct);
        foreach (var id in answered)
        {
            if (signer.TryRead(id, out var reference) && TicketNumber.Parse(reference) is { } number && await TicketQueries.ThreadAsync(session, number, ct) is { } signed)
            {
                return signed;
            }
        }

        return await TicketMailReference.TicketOfAsync(session, answered, ct) is { } known ? await session.LoadAsync<TicketThread>(known, ct) : null;
    }

    /// <summary>A ticket merged into another continues there.</summary>
    private static async Task<TicketThread?> FollowMergeAsync(IQuerySession session, TicketThread? thread, CancellationToken ct) =>
        thread?.State.MergedInto is { } target ? await session.LoadAsync<TicketThread>(target, ct) ?? thread : thread;

    private static async Task<TicketThread?> BySubjectAsync(IQuerySession session, string subject, CancellationToken ct)
    {
        foreach (var number in TicketNumber.InSubject(subject))
        {
            if (await TicketQueries.ThreadAsync(session, number, ct) is { } thread)
            {
                return thread;
            }
        }

        return null;
    }

    private static async Task<string?> FloodAsync(IQuerySession session, string address, Guid? customerId, DateTimeOffset now, CancellationToken ct)
    {
        // Two counts over indexed columns (requester address, customer, opening time), not one OR across them.
        var since = (now - TimeSpan.FromHours(1)).ToUniversalTime();
        var recent = session.Query<TicketInboxRow>().Where(t => t.OpenedAt >= since && t.Channel == TicketChannel.Email);
        var bySender = await recent.Where(t => t.RequesterAddress == address).CountAsync(ct);
        var byCustomer = customerId is { } id ? await recent.Where(t => t.CustomerId == id).CountAsync(ct) : 0;
        return Math.Max(bySender, byCustomer) >= FloodLimit ? $"More than {FloodLimit} new tickets by mail within an hour from this sender or customer." : null;
    }

    private static string ProcessKind(MailKind kind) => kind == MailKind.OutOfOffice ? "out_of_office" : "auto_reply";
}
