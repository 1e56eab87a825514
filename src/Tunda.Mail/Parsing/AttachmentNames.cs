using System.Text;

namespace Tunda.Mail.Parsing;

/// <summary>
/// File names for attachments: the sender's name when there is one (Content-Disposition filename,
/// then Content-Type name), made safe to store and show, and unique within the message.
/// </summary>
public sealed class AttachmentNames
{
    private const int MaxLength = 120;

    private static readonly Dictionary<string, string> Extensions = new(StringComparer.OrdinalIgnoreCase)
    {
        ["application/pdf"] = ".pdf", ["application/zip"] = ".zip", ["application/msword"] = ".doc",
        ["application/vnd.openxmlformats-officedocument.wordprocessingml.document"] = ".docx",
        ["application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"] = ".xlsx",
        ["application/vnd.ms-excel"] = ".xls", ["application/json"] = ".json", ["application/xml"] = ".xml",
        ["image/png"] = ".png", ["image/jpeg"] = ".jpg", ["image/jpg"] = ".jpg", ["image/gif"] = ".gif", ["image/webp"] = ".webp",
        ["image/bmp"] = ".bmp", ["image/tiff"] = ".tif", ["image/svg+xml"] = ".svg",
        ["text/plain"] = ".txt", ["text/html"] = ".html", ["text/csv"] = ".csv", ["text/calendar"] = ".ics",
        ["text/rfc822-headers"] = ".txt", ["message/delivery-status"] = ".txt", ["message/rfc822"] = ".eml", ["message/global"] = ".eml",
        ["audio/mpeg"] = ".mp3", ["video/mp4"] = ".mp4", ["application/pgp-signature"] = ".asc", ["application/pkcs7-signature"] = ".p7s",
    };

    private readonly HashSet<string> used = new(StringComparer.OrdinalIgnoreCase);
    private int unnamed;

    public string For(MimeEntity entity)
    {
        var name = entity.Disposition?.Parameters.GetValueOrDefault("filename") ?? entity.ContentType.Parameters.GetValueOrDefault("name");
        if (string.IsNullOrWhiteSpace(name) && entity.EmbeddedMessage is { Subject.Length: > 0 } embedded)
        {
            name = embedded.Subject + ".eml";
        }

        var safe = Sanitize(name ?? "");
        if (safe.Length == 0)
        {
            unnamed++;
            var extension = Extensions.GetValueOrDefault(entity.ContentType.MimeType, ".bin");
            safe = extension == ".eml" ? "message.eml" : $"attachment-{unnamed}{extension}";
        }

        return Unique(safe);
    }

    /// <summary>No directories, no control characters, no leading dots (hidden files), a bounded length that keeps the extension.</summary>
    public static string Sanitize(string name)
    {
        var cut = Math.Max(name.LastIndexOf('/'), name.LastIndexOf('\\'));
        var builder = new StringBuilder(name.Length);
        foreach (var c in name.AsSpan(cut + 1))
        {
            // Control and bidi-format characters go (U+202E would show "exe.pdf" for "fdp.exe"); characters Windows forbids become '_'.
            if (!char.IsControl(c) && char.GetUnicodeCategory(c) != System.Globalization.UnicodeCategory.Format)
            {
                builder.Append(c is ':' or '*' or '?' or '"' or '<' or '>' or '|' ? '_' : c);
            }
        }

        var safe = builder.ToString().Trim().TrimStart('.').Trim().TrimEnd('.');
        if (safe.Length <= MaxLength)
        {
            return safe;
        }

        var extension = Path.GetExtension(safe);
        extension = extension.Length is > 1 and <= 16 ? extension : "";
        return safe[..(MaxLength - extension.Length)].TrimEnd() + extension;
    }

    private string Unique(string name)
    {
        var candidate = name;
        var extension = Path.GetExtension(name);
        var stem = name[..^extension.Length];
        for (var n = 2; !used.Add(candidate); n++)
        {
            candidate = $"{stem} ({n}){extension}";
        }

        return candidate;
    }
}
