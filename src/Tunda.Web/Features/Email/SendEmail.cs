using Tunda.Domain;
using Tunda.Mail;
using Tunda.Mail.Classification;
using Tunda.Web.Platform.Commands;
using Wolverine.Attributes;

namespace Tunda.Web.Features.Email;

/// <summary>
/// Sends one automatic mail from a template. Publish it from a handler with
/// <see cref="CommandContext.Publish"/>, so the mail leaves only if the change that caused it commits.
/// </summary>
/// <param name="Id">Also the unique part of the signed Message-ID, so a retried send carries the same Message-ID.</param>
/// <param name="TemplateName">A file name under Templates/Mail without language and extension, e.g. "confirm-email".</param>
/// <param name="Language">"it" or "en"; anything else is sent in Italian.</param>
/// <param name="Values">Plain text for the template's <c>{{key}}</c> placeholders.</param>
[MessageIdentity(Alias)]
public sealed record SendEmail(Guid Id, string TemplateName, string Language, string ToAddress, string? ToName, IReadOnlyDictionary<string, string> Values)
{
    public const string Alias = "send_email";

    /// <summary>For a mail of a conversation (a ticket): its sender, its place in the thread. Null: an automatic notice from the default sender.</summary>
    public MailThreading? Thread { get; init; }
}

/// <summary>
/// Where a mail of a conversation belongs. <see cref="Reference"/> (a ticket number) is signed into the
/// Message-ID, so an answer that quotes it finds its conversation and nobody can forge one that does.
/// </summary>
/// <param name="Automatic">An acknowledgement (Auto-Submitted: auto-replied) rather than a person's answer.</param>
public sealed record MailThreading(string Reference, string FromAddress, string? FromName, string? InReplyTo, IReadOnlyList<string> References, bool Automatic);

/// <summary>
/// Renders, composes and sends a <see cref="SendEmail"/>. Mistakes no retry can fix (unknown template,
/// missing value, invalid address, a permanent 5xx refusal) return a DomainError, which dead-letters
/// the message at once; everything else throws and is retried.
/// </summary>
/// <remarks>Retried as <see cref="MailOptions.RetryDelays"/> says (EmailSetup), then a dead letter.</remarks>
public sealed class SendEmailHandler(MailTemplates templates, IMailTransport transport, MailOptions options, MessageIdSigning messageIds)
{
    public async Task HandleAsync(SendEmail message, CancellationToken ct)
    {
        if (await SendAsync(message, ct) is { } refused)
        {
            throw new MessageRefusedException([refused]);
        }
    }

    /// <summary>Sends the mail; a DomainError when no retry could ever send it.</summary>
    public async Task<DomainError?> SendAsync(SendEmail message, CancellationToken ct)
    {
        var signer = await messageIds.GetAsync(ct);
        OutgoingMessage mail;
        try
        {
            var rendered = templates.Render(message.TemplateName, message.Language, message.Values);
            var thread = message.Thread;
            var from = thread is null ? new MailboxAddress(options.From!, options.FromName) : new MailboxAddress(thread.FromAddress, thread.FromName);
            mail = new OutgoingMessage
            {
                From = from,
                To = [new MailboxAddress(message.ToAddress, message.ToName)],
                Subject = rendered.Subject,
                // A conversation's mail starts with the line above which answers are written: what follows is cut from the reply.
                TextBody = thread is null ? rendered.Body : $"{ReplyText.OurSeparator}\n\n{rendered.Body}",
                MessageId = signer.Create(from.Domain, message.Id, thread?.Reference),
                InReplyTo = thread?.InReplyTo,
                References = thread?.References ?? [],
                AutoSubmitted = thread?.Automatic ?? true,
            };

            // Composing once here sorts a bad address or header value (never fixed by a retry) from a transport failure.
            MimeComposer.Compose(mail);
        }
        catch (Exception e) when (e is MailTemplateException or ArgumentException)
        {
            return new DomainError("email.invalid", e.Message);
        }

        try
        {
            await transport.SendAsync(mail, ct);
            return null;
        }
        catch (SmtpException e) when (e.StatusCode >= 500)
        {
            return new DomainError("email.refused", e.Message);
        }
    }
}
