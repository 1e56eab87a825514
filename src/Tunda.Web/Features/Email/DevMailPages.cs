using System.Text;
using System.Text.Encodings.Web;
using System.Text.RegularExpressions;

namespace Tunda.Web.Features.Email;

/// <summary>
/// Development only: <c>GET /dev/mail</c> lists the pickup folder newest first, <c>GET /dev/mail/{file}</c>
/// shows one message. Everything from a message is HTML-encoded; file names are checked, never joined blindly.
/// </summary>
internal sealed partial class DevMailPages(string folder, string? smtpHost)
{
    public const string Path = "/dev/mail";

    private const int MaxListed = 200;

    private static readonly HtmlEncoder Html = HtmlEncoder.Default;

    public async Task HandleAsync(HttpContext context)
    {
        if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method))
        {
            context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            return;
        }

        var name = (context.Request.Path.Value ?? "").TrimStart('/');
        if (name.Length == 0)
        {
            await WriteAsync(context, "Mail inviate", List(context.Request.PathBase));
        }
        else if (Find(name) is { } path)
        {
            await WriteAsync(context, name, Show(PickedUpMail.Read(path), context.Request.PathBase));
        }
        else
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            await WriteAsync(context, "Non trovato", "<p>Questo messaggio non esiste.</p>");
        }
    }

    /// <summary>Only a plain file name of the folder itself: no separators, no "..", no other extension.</summary>
    private string? Find(string name)
    {
        if (!FileName().IsMatch(name) || name.Contains("..", StringComparison.Ordinal))
        {
            return null;
        }

        var root = System.IO.Path.GetFullPath(folder);
        var path = System.IO.Path.GetFullPath(System.IO.Path.Combine(root, name));
        return System.IO.Path.GetDirectoryName(path) == root.TrimEnd(System.IO.Path.DirectorySeparatorChar) && File.Exists(path) ? path : null;
    }

    private string List(PathString pathBase)
    {
        var files = Directory.Exists(folder)
            ? Directory.GetFiles(folder, "*.eml").OrderDescending(StringComparer.Ordinal).Take(MaxListed).ToList()
            : [];
        var note = smtpHost is null ? "" : $"<p>Le mail nuove vanno al server SMTP <code>{Html.Encode(smtpHost)}</code>, non in questa cartella.</p>";
        if (files.Count == 0)
        {
            return $"{note}<p>Nessuna mail nella cartella <code>{Html.Encode(folder)}</code>.</p>";
        }

        var rows = new StringBuilder();
        foreach (var mail in files.Select(PickedUpMail.Read))
        {
            rows.Append("<tr><td>").Append(Html.Encode(mail.Header("Date")))
                .Append("</td><td>").Append(Html.Encode(mail.Header("To")))
                .Append("</td><td><a href=\"").Append(Html.Encode($"{pathBase}/{Uri.EscapeDataString(mail.FileName)}")).Append("\">")
                .Append(Html.Encode(mail.Header("Subject") is { Length: > 0 } subject ? subject : "(senza oggetto)"))
                .Append("</a></td></tr>\n");
        }

        return $"{note}<table><thead><tr><th>Data</th><th>A</th><th>Oggetto</th></tr></thead><tbody>\n{rows}</tbody></table>";
    }

    private static string Show(PickedUpMail mail, PathString pathBase)
    {
        var fields = new StringBuilder();
        foreach (var name in new[] { "Date", "From", "To", "Cc", "Subject", "Message-ID", "Auto-Submitted" })
        {
            if (mail.Header(name) is { Length: > 0 } value)
            {
                fields.Append("<dt>").Append(name).Append("</dt><dd>").Append(Html.Encode(value)).Append("</dd>\n");
            }
        }

        var text = mail.Text is { } body ? $"<h2>Testo</h2><pre>{Html.Encode(body)}</pre>" : "";
        return $"<p><a href=\"{Html.Encode(pathBase.Value ?? Path)}\">Tutte le mail</a></p><dl>{fields}</dl>{text}"
            + $"<h2>Sorgente</h2><pre>{Html.Encode(mail.Source)}</pre>";
    }

    private static async Task WriteAsync(HttpContext context, string title, string content)
    {
        context.Response.ContentType = "text/html; charset=utf-8";
        context.Response.Headers.XContentTypeOptions = "nosniff";
        context.Response.Headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'";
        context.Response.Headers.CacheControl = "no-store";
        await context.Response.WriteAsync(
            $"<!DOCTYPE html><html lang=\"it\"><head><meta charset=\"utf-8\"><title>{Html.Encode(title)}</title>"
            + "<style>body{font-family:sans-serif;margin:2em}td,th{padding:.2em .8em;text-align:left}pre{white-space:pre-wrap}</style>"
            + $"</head><body><h1>{Html.Encode(title)}</h1>{content}</body></html>");
    }

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._-]*\.eml$")]
    private static partial Regex FileName();
}
