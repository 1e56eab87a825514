using System.ComponentModel.DataAnnotations;
using Tunda.Web.Features.Tickets;

namespace Tunda.Web.Pages.Tickets;

/// <summary>
/// The "Apri ticket" form. Besides subject and message it asks what avoids a round trip: the service
/// or domain and since when (technical), the document number (administration); they are added at the
/// top of the message, so staff read them first.
/// </summary>
public sealed class NewTicketForm
{
    /// <summary>The most a detail (service, since when, document number) may hold: a line, not a message.</summary>
    public const int DetailLength = 200;

    public string? Department { get; set; }

    [Display(Name = "tickets.field.subject", Description = "tickets.field.subject.hint")]
    public string? Subject { get; set; }

    [Display(Name = "tickets.field.text", Description = "tickets.field.text.hint")]
    [DataType(DataType.MultilineText)]
    public string? Text { get; set; }

    [Display(Name = "tickets.field.serviceOrDomain", Description = "tickets.field.serviceOrDomain.hint")]
    [MaxLength(DetailLength)]
    public string? ServiceOrDomain { get; set; }

    [Display(Name = "tickets.field.since", Description = "tickets.field.since.hint")]
    [MaxLength(DetailLength)]
    public string? Since { get; set; }

    [Display(Name = "tickets.field.documentNumber", Description = "tickets.field.documentNumber.hint")]
    [MaxLength(DetailLength)]
    public string? DocumentNumber { get; set; }

    /// <summary>The customer saw the "too generic" warning and sends anyway.</summary>
    public bool Confirmed { get; set; }

    public List<IFormFile> Attachments { get; set; } = [];

    /// <summary>The message as stored: the details asked for, then what the customer wrote.</summary>
    public string FullText(Func<string, string> label)
    {
        var details = new List<string>();
        if (!string.IsNullOrWhiteSpace(ServiceOrDomain))
        {
            details.Add($"{label("tickets.field.serviceOrDomain")}: {ServiceOrDomain.Trim()}");
        }

        if (!string.IsNullOrWhiteSpace(Since))
        {
            details.Add($"{label("tickets.field.since")}: {Since.Trim()}");
        }

        if (!string.IsNullOrWhiteSpace(DocumentNumber))
        {
            details.Add($"{label("tickets.field.documentNumber")}: {DocumentNumber.Trim()}");
        }

        var text = Text?.Trim() ?? string.Empty;
        return details.Count == 0 || text.Length == 0 ? text : string.Join('\n', details) + "\n\n" + text;
    }

    /// <summary>A message too short or too vague to act on without asking back ("non funziona", "aiuto").</summary>
    public bool LooksGeneric()
    {
        var text = (Text ?? string.Empty).Trim().ToLowerInvariant();
        string[] vague = ["non funziona", "non va", "aiuto", "help", "problema", "doesn't work", "not working", "urgente"];
        return text.Length is > 0 and < 60 || (text.Length < 120 && vague.Any(v => text.Contains(v, StringComparison.Ordinal)) && string.IsNullOrWhiteSpace(ServiceOrDomain) && string.IsNullOrWhiteSpace(DocumentNumber));
    }
}

/// <summary>Reads uploaded files into what the handler checks and stores.</summary>
public static class Uploads
{
    public static async Task<IReadOnlyList<AttachmentUpload>> ReadAsync(IEnumerable<IFormFile> files, long maxBytes, CancellationToken cancellationToken)
    {
        var uploads = new List<AttachmentUpload>();
        foreach (var file in files.Where(f => f.FileName.Length > 0))
        {
            // Over the limit: only the size matters to the refusal, so the bytes are not read.
            if (file.Length > maxBytes)
            {
                uploads.Add(new AttachmentUpload(file.FileName, file.ContentType, new byte[maxBytes + 1]));
                continue;
            }

            using var buffer = new MemoryStream();
            await file.CopyToAsync(buffer, cancellationToken);
            uploads.Add(new AttachmentUpload(file.FileName, file.ContentType, buffer.ToArray()));
        }

        return uploads;
    }
}
