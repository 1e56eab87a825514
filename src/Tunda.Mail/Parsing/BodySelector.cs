namespace Tunda.Mail.Parsing;

/// <summary>What the reader sees of a message: its text, its sanitised HTML and its files.</summary>
internal sealed record MessageBodies(string TextBody, string? HtmlBody, List<MailAttachment> Attachments);

/// <summary>
/// Chooses the bodies: the first text/plain and the first text/html part that are not files, in
/// document order (so in an alternative the plain part gives the text and the HTML part the HTML).
/// Every other leaf is an attachment, except other renderings inside an alternative.
/// </summary>
internal static class BodySelector
{
    public static MessageBodies Select(MimeEntity root)
    {
        MimeEntity? text = null;
        MimeEntity? html = null;
        var leaves = new List<(MimeEntity Entity, bool InAlternative)>();
        Collect(root, false, leaves);
        foreach (var (entity, _) in leaves)
        {
            if (entity.ContentType.MediaType == "text" && !IsFile(entity))
            {
                if (entity.ContentType.SubType == "plain")
                {
                    text ??= entity;
                }
                else if (entity.ContentType.SubType == "html")
                {
                    html ??= entity;
                }
            }
        }

        var names = new AttachmentNames();
        var attachments = new List<MailAttachment>();
        foreach (var (entity, inAlternative) in leaves)
        {
            if (entity == text || entity == html || (inAlternative && entity.ContentType.MediaType == "text" && !IsFile(entity))
                || (entity.Content.Length == 0 && entity.EmbeddedMessage is null && !IsFile(entity)))
            {
                continue;
            }

            var inline = entity.Disposition?.MediaType == "inline" || (entity.Disposition is null && entity.ContentId is not null);
            attachments.Add(new MailAttachment(names.For(entity), entity.ContentType.MimeType, entity.Content, entity.ContentId, inline));
        }

        var sanitizedHtml = html?.Text is { } h ? HtmlSanitizer.Sanitize(h) : null;
        return new MessageBodies(TextOf(text) ?? (html?.Text is { } source ? HtmlToText.Convert(source) : ""), sanitizedHtml, attachments);
    }

    private static string? TextOf(MimeEntity? part)
    {
        if (part?.Text is not { } text)
        {
            return null;
        }

        var parameters = part.ContentType.Parameters;
        return parameters.GetValueOrDefault("format")?.Equals("flowed", StringComparison.OrdinalIgnoreCase) == true
            ? FormatFlowed.Join(text, parameters.GetValueOrDefault("delsp")?.Equals("yes", StringComparison.OrdinalIgnoreCase) == true)
            : text;
    }

    /// <summary>A part the sender attached as a file rather than wrote as the message.</summary>
    private static bool IsFile(MimeEntity entity) =>
        entity.Disposition?.MediaType == "attachment" || entity.Disposition?.Parameters.ContainsKey("filename") == true || entity.ContentType.Parameters.ContainsKey("name");

    private static void Collect(MimeEntity entity, bool inAlternative, List<(MimeEntity, bool)> leaves)
    {
        if (!entity.IsMultipart || entity.Children.Count == 0 && entity.Content.Length > 0)
        {
            leaves.Add((entity, inAlternative));
            return;
        }

        var alternative = inAlternative || entity.ContentType.SubType == "alternative";
        foreach (var child in entity.Children)
        {
            Collect(child, alternative, leaves);
        }
    }
}
