namespace Tunda.Mail.Parsing;

/// <summary>What the reader sees of a message: its text, its sanitised HTML and its files.</summary>
internal sealed record MessageBodies(string TextBody, string? HtmlBody, List<MailAttachment> Attachments, string? Problem = null);

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

        // A single-part message some client named (name=...) but did not mark as an attachment is still the message.
        if (text is null && html is null && root.ContentType.Is("text", "plain") && root.Disposition?.MediaType != "attachment")
        {
            text = root;
        }

        // Some clients send an empty plain alternative next to the real HTML.
        if (html is not null && string.IsNullOrWhiteSpace(text?.Text))
        {
            text = null;
        }

        var names = new AttachmentNames();
        var attachments = new List<MailAttachment>();
        foreach (var (entity, inAlternative) in leaves)
        {
            if (entity == text || entity == html || (inAlternative && entity.ContentType.MediaType == "text" && !IsFile(entity))
                || (!IsFile(entity) && entity.EmbeddedMessage is null && (entity.Content.Length == 0 || (entity.Text is { } t && string.IsNullOrWhiteSpace(t)))))
            {
                continue;
            }

            var inline = entity.Disposition?.MediaType == "inline" || (entity.Disposition is null && entity.ContentId is not null);
            attachments.Add(new MailAttachment(names.For(entity), entity.ContentType.MimeType, entity.Content, entity.ContentId, inline));
        }

        if (html?.Text is not { } source)
        {
            return new MessageBodies(TextOf(text) ?? "", null, attachments);
        }

        if (HtmlToText.IsTooComplex(source))
        {
            return new MessageBodies(TextOf(text) ?? HtmlToText.Strip(source), null, attachments, HtmlToText.TooComplexProblem);
        }

        return new MessageBodies(TextOf(text) ?? HtmlToText.Convert(source), HtmlSanitizer.Sanitize(source), attachments);
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
