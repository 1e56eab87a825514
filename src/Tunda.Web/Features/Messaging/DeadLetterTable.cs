using System.Globalization;
using System.Text;
using Wolverine.Persistence.Durability;

namespace Tunda.Web.Features.Messaging;

/// <summary>Dead letters as a plain-text table for a terminal: one line each, the error's first line only.</summary>
public static class DeadLetterTable
{
    private const int ErrorWidth = 100;

    // Wolverine keeps when a dead letter was sent, not when it failed: the column says so.
    public static string Format(IReadOnlyList<DeadLetterEnvelope> letters)
    {
        string[] header = ["ID", "TYPE", "ATTEMPTS", "SENT AT (UTC)", "ERROR"];
        var rows = letters.Select(l => new[]
        {
            l.Id.ToString(),
            l.MessageType,
            l.Envelope.Attempts.ToString(CultureInfo.InvariantCulture),
            l.SentAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
            FirstLine($"{ShortName(l.ExceptionType)}: {l.ExceptionMessage}"),
        }).ToList();

        // The error is the last column, so it needs no padding and may be as long as it is.
        var widths = Enumerable.Range(0, header.Length - 1).Select(c => rows.Select(r => r[c].Length).Append(header[c].Length).Max()).ToArray();
        var text = new StringBuilder();
        foreach (var row in rows.Prepend(header))
        {
            for (var c = 0; c < widths.Length; c++)
            {
                text.Append(row[c].PadRight(widths[c])).Append("  ");
            }

            text.AppendLine(row[^1]);
        }

        return text.ToString().TrimEnd();
    }

    /// <summary>The exception's class without its namespace, so the message fits the column.</summary>
    public static string ShortName(string exceptionType) => exceptionType[(exceptionType.LastIndexOf('.') + 1)..];

    public static string FirstLine(string error)
    {
        var line = error.Split('\n', 2)[0].TrimEnd('\r');
        return line.Length <= ErrorWidth ? line : string.Concat(line.AsSpan(0, ErrorWidth - 1), "…");
    }
}
