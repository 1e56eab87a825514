using System.Text;

namespace Tunda.Mail.Parsing;

/// <summary>
/// Finds the parts of a multipart body by its boundary lines, with one vectorised search per
/// boundary. The line break before a boundary belongs to the boundary; blanks after it are tolerated.
/// </summary>
internal static class MultipartSplitter
{
    /// <summary>The byte ranges of the parts; null when the boundary never occurs.</summary>
    public static List<Range>? Split(ReadOnlySpan<byte> body, string boundary, out bool closed)
    {
        closed = false;
        var delimiter = Encoding.UTF8.GetBytes("--" + boundary);
        var ranges = new List<Range>();
        var partStart = -1;
        var pos = 0;
        while (pos < body.Length)
        {
            var found = body[pos..].IndexOf(delimiter);
            if (found < 0)
            {
                break;
            }

            var at = pos + found;
            pos = at + 1;
            if (at > 0 && body[at - 1] is not ((byte)'\n' or (byte)'\r'))
            {
                continue;
            }

            var after = at + delimiter.Length;
            var isClose = body[after..].StartsWith("--"u8);
            var (lineEnd, next) = ByteLines.Line(body, isClose ? after + 2 : after);
            if (!isClose && !body[after..lineEnd].Trim(" \t"u8).IsEmpty)
            {
                continue;
            }

            if (partStart >= 0)
            {
                ranges.Add(partStart..ByteLines.TrimPrecedingLineEnd(body, at, partStart));
            }

            if (isClose)
            {
                closed = true;
                return ranges;
            }

            partStart = next;
            pos = next;
        }

        if (partStart < 0)
        {
            return null;
        }

        ranges.Add(partStart..body.Length);
        return ranges;
    }
}
