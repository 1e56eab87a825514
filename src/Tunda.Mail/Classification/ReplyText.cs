namespace Tunda.Mail.Classification;

/// <summary>Cuts the quoted earlier conversation off a reply, so a ticket shows only what is new.</summary>
public static class ReplyText
{
    /// <summary>The line our own outgoing mails put above the text, asking to write above it.</summary>
    public const string OurSeparator = "##- Scrivi sopra questa riga / Write above this line -##";

    /// <summary>
    /// The new text of a reply: everything above the first quote marker (our separator, a client's
    /// attribution line, Outlook's original-message line or header block), without a ">"-quoted block
    /// at the end. Signatures stay. A text that is all quotation comes back whole (trimmed), so nothing
    /// a customer sent disappears. Runs in linear time and never throws.
    /// </summary>
    public static string StripQuoted(string textBody)
    {
        if (string.IsNullOrEmpty(textBody))
        {
            return "";
        }

        var lines = TextLines.Split(textBody);
        var texts = lines.Select(l => textBody[l.Start..l.End]).ToList();
        var (cut, forwarded) = FirstMarker(texts);
        var end = forwarded ? cut : DropTrailingQuote(texts, cut);
        var kept = end == 0 ? "" : textBody[..lines[end - 1].End].TrimEnd();
        return kept.Trim().Length == 0 ? textBody.Trim() : kept.TrimStart('\r', '\n');
    }

    /// <summary>
    /// The index of the first line of the quoted conversation, or the line count when there is none.
    /// A forward ("---------- Forwarded message ---------") above any quotation ends the search: what
    /// follows it is what the customer wants us to read, even though it looks like a quoted header block.
    /// </summary>
    private static (int Index, bool Forwarded) FirstMarker(List<string> lines)
    {
        for (var i = 0; i < lines.Count; i++)
        {
            if (QuoteMarkers.IsForwardLine(lines[i]))
            {
                return (lines.Count, true);
            }

            if (QuoteMarkers.IsOurSeparator(lines[i]))
            {
                return (WithAttributionAbove(lines, i), false);
            }

            if (QuoteMarkers.IsOriginalMessageLine(lines[i]))
            {
                return (i, false);
            }

            if (QuoteMarkers.IsHeaderBlock(lines, i))
            {
                var above = PreviousNonBlank(lines, i);
                return (above >= 0 && QuoteMarkers.IsRule(lines[above]) ? above : i, false);
            }

            var attribution = QuoteMarkers.AttributionLines(lines, i);
            if (attribution > 0)
            {
                var afterQuote = SkipQuotedBlock(lines, i + attribution);
                if (!HasOwnTextBelow(lines, afterQuote))
                {
                    return (i, false);
                }

                // Bottom-posted or interleaved answer: the customer wrote below the quotation, so cutting
                // here would lose it. Keep going after the quoted block.
                i = afterQuote - 1;
            }
        }

        return (lines.Count, false);
    }

    /// <summary>Our separator is usually quoted under the client's own attribution ("On ... wrote:"), in whatever language; cut that too.</summary>
    private static int WithAttributionAbove(List<string> lines, int separator)
    {
        var above = PreviousNonBlank(lines, separator);
        if (above < 0)
        {
            return separator;
        }

        var line = lines[above].TrimEnd();
        return line.EndsWith(':') && !QuoteMarkers.IsQuoted(line) ? above : separator;
    }

    /// <summary>Without the "&gt;"-quoted lines (and blank lines) at the end of the first <paramref name="count"/> lines.</summary>
    private static int DropTrailingQuote(List<string> lines, int count)
    {
        var end = count;
        while (end > 0 && lines[end - 1].Trim().Length == 0)
        {
            end--;
        }

        var start = end;
        while (start > 0 && (QuoteMarkers.IsQuoted(lines[start - 1]) || (lines[start - 1].Trim().Length == 0 && start < end)))
        {
            start--;
        }

        return start < end && Enumerable.Range(start, end - start).Any(i => QuoteMarkers.IsQuoted(lines[i])) ? start : count;
    }

    private static int SkipQuotedBlock(List<string> lines, int index)
    {
        while (index < lines.Count && (QuoteMarkers.IsQuoted(lines[index]) || lines[index].Trim().Length == 0))
        {
            index++;
        }

        return index;
    }

    private static bool HasOwnTextBelow(List<string> lines, int index) =>
        index < lines.Count && index > 0 && QuoteMarkers.IsQuoted(lines[PreviousNonBlank(lines, index)]);

    private static int PreviousNonBlank(List<string> lines, int index)
    {
        var i = index - 1;
        while (i >= 0 && lines[i].Trim().Length == 0)
        {
            i--;
        }

        return i;
    }
}
