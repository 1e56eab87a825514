using System.Globalization;
using System.Text;

namespace Tunda.Web.Features.Messaging;

/// <summary>Dead letters as a plain-text table for a terminal: one line each, the error's first line only.</summary>
public static class DeadLetterTable
{
    private const int ErrorWidth = 100;

    public static string Format(IReadOnlyList<DeadLetter> letters)
    {
        string[] header = ["ID", "TYPE", "ATTEMPTS", "FAILED AT (UTC)", "ERROR"];
        var rows = letters.Select(l => new[]
        {
            l.Id.ToString(),
            l.MessageType,
            l.Attempts.ToString(CultureInfo.InvariantCulture),
            l.FailedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
            FirstLine($"{l.ExceptionName}: {l.ExceptionMessage}"),
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

    public static string FirstLine(string error)
    {
        var line = error.Split('\n', 2)[0].TrimEnd('\r');
        return line.Length <= ErrorWidth ? line : string.Concat(line.AsSpan(0, ErrorWidth - 1), "…");
    }
}
