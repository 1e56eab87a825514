using System.Text.RegularExpressions;

namespace Tunda.Mail.Classification;

/// <summary>Recognises the lines where mail clients start the quoted earlier conversation.</summary>
internal static partial class QuoteMarkers
{
    // Attribution lines are short; a longer line is never one, and skipping it keeps matching cheap.
    private const int MaxAttributionLength = 400;

    // How far below "From:" the rest of an Outlook header block may be.
    private const int HeaderBlockLines = 6;

    private static readonly string[] AttributionStarts = ["On ", "Il ", "Am ", "Le ", "El ", "Em ", "Op "];

    private static readonly string[] FromFields = ["From:", "Da:", "De:", "Von:", "Van:"];

    private static readonly string[] DateFields = ["Sent:", "Date:", "Inviato:", "Data:", "Envoyé:", "Gesendet:", "Datum:", "Enviado:", "Fecha:"];

    private static readonly string[] SubjectFields = ["Subject:", "Oggetto:", "Objet:", "Betreff:", "Asunto:", "Assunto:", "Onderwerp:"];

    public static bool IsOurSeparator(string line) =>
        line.Contains(ReplyText.OurSeparator, StringComparison.OrdinalIgnoreCase)
        || line.Contains("Scrivi sopra questa riga", StringComparison.OrdinalIgnoreCase)
        || line.Contains("Write above this line", StringComparison.OrdinalIgnoreCase);

    /// <summary>"-----Original Message-----", "-----Messaggio originale-----" and their translations.</summary>
    public static bool IsOriginalMessageLine(string line) => line.Length <= 100 && line.Contains("--", StringComparison.Ordinal) && OriginalMessage().IsMatch(line);

    /// <summary>Gmail's and Thunderbird's "---------- Forwarded message ---------", Apple Mail's "Begin forwarded message:", in English and Italian.</summary>
    public static bool IsForwardLine(string line) =>
        line.Length <= 100 && (line.Contains("--", StringComparison.Ordinal) || line.TrimEnd().EndsWith(':')) && ForwardedMessage().IsMatch(line);

    /// <summary>
    /// How many lines (1 or 2, since clients wrap long ones) the attribution starting at
    /// <paramref name="index"/> takes ("On ... wrote:", "Il giorno ... ha scritto:", "date, name wrote:"), or 0.
    /// </summary>
    public static int AttributionLines(IReadOnlyList<string> lines, int index)
    {
        var line = lines[index].Trim();
        if (line.Length == 0 || line.Length > MaxAttributionLength || line.StartsWith('>'))
        {
            return 0;
        }

        if (IsAttribution(line))
        {
            return 1;
        }

        if (index + 1 < lines.Count && StartsLikeAttribution(line))
        {
            var next = lines[index + 1].Trim();
            if (next.Length > 0 && !next.StartsWith('>') && line.Length + next.Length < MaxAttributionLength && IsAttribution(line + " " + next))
            {
                return 2;
            }
        }

        return 0;
    }

    /// <summary>Outlook's block "From: ... Sent: ... To: ... Subject: ..." (or Italian "Da: ... Inviato: ... Oggetto:") starting at <paramref name="index"/>.</summary>
    public static bool IsHeaderBlock(IReadOnlyList<string> lines, int index)
    {
        if (!StartsWithAny(lines[index], FromFields))
        {
            return false;
        }

        bool date = false, subject = false;
        for (var i = index + 1; i < lines.Count && i <= index + HeaderBlockLines; i++)
        {
            date |= StartsWithAny(lines[i], DateFields);
            subject |= StartsWithAny(lines[i], SubjectFields);
        }

        return date && subject;
    }

    /// <summary>Outlook's rule of underscores (or dashes) drawn above the header block.</summary>
    public static bool IsRule(string line)
    {
        var trimmed = line.Trim();
        return trimmed.Length >= 10 && (trimmed.All(c => c == '_') || trimmed.All(c => c == '-'));
    }

    public static bool IsQuoted(string line) => line.TrimStart().StartsWith('>');

    // Every client writes the time or the address into its attribution, so one of them is required:
    // "Il 3 dicembre il collega ha scritto:" in a customer's own words is no attribution. German
    // clients put the name after the verb: "Am 03.12.2026 um 09:15 schrieb Name <addr>:".
    private static bool IsAttribution(string line) =>
        line.EndsWith(':')
        && (line.Contains('@', StringComparison.Ordinal) || HasTime(line))
        && (WroteAtEnd().IsMatch(line) || (line.StartsWith("Am ", StringComparison.Ordinal) && line.Contains(" schrieb ", StringComparison.Ordinal)));

    /// <summary>A time such as "9:15" or "09.15" (Italian clients write either), but not a date such as "03.12.2026".</summary>
    private static bool HasTime(string line)
    {
        for (var i = 1; i + 2 < line.Length; i++)
        {
            if (line[i] is ':' or '.' && char.IsAsciiDigit(line[i - 1]) && char.IsAsciiDigit(line[i + 1]) && char.IsAsciiDigit(line[i + 2])
                && (i + 3 == line.Length || !(char.IsAsciiDigit(line[i + 3]) || line[i + 3] == '.')))
            {
                return true;
            }
        }

        return false;
    }

    private static bool StartsLikeAttribution(string line) =>
        AttributionStarts.Any(s => line.StartsWith(s, StringComparison.OrdinalIgnoreCase)) || (line.Length > 0 && char.IsAsciiDigit(line[0]));

    /// <summary>The field name at the start of the line, also when an HTML-to-text conversion made it bold ("*From:*").</summary>
    private static bool StartsWithAny(string line, string[] fields)
    {
        var text = line.AsSpan().TrimStart(" \t*");
        foreach (var field in fields)
        {
            if (text.StartsWith(field, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    [GeneratedRegex(@"(wrote|ha scritto|schrieb|a écrit|escribió|escreveu|schreef|skrev)[ \t]*:[ \t]*$", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex WroteAtEnd();

    [GeneratedRegex(@"^[ \t]*(-{2,}[ \t]*(Forwarded message|Forwarded Message|Messaggio inoltrato|Weitergeleitete Nachricht|Message transféré|Mensaje reenviado)[ \t]*-{2,}|Begin forwarded message:|Inizio messaggio inoltrato:)[ \t]*$", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex ForwardedMessage();

    [GeneratedRegex(@"^[ \t]*-{2,}[ \t]*(Original Message|Messaggio originale|Messaggio Originale|Ursprüngliche Nachricht|Message d'origine|Mensaje original|Mensagem original|Oorspronkelijk bericht)[ \t]*-{2,}[ \t]*$", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex OriginalMessage();
}
