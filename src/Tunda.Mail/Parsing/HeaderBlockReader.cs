namespace Tunda.Mail.Parsing;

/// <summary>One header field as found in the bytes: its name and where its value (folding included) lies.</summary>
internal readonly record struct RawField(string Name, int ValueStart, int ValueEnd);

/// <summary>The header block of a message or part: fields, where the body starts, and what was odd.</summary>
internal sealed record HeaderBlock(IReadOnlyList<RawField> Fields, int BodyStart, IReadOnlyList<string> Problems, bool TooManyFields);

/// <summary>
/// Splits a header block into fields in one pass over the bytes. A line without a colon is skipped
/// when a header follows it, and is otherwise taken as the start of a body that lacks its blank line.
/// </summary>
internal static class HeaderBlockReader
{
    public static HeaderBlock Read(ReadOnlySpan<byte> data, bool skipMboxLine, int maxFields)
    {
        var fields = new List<RawField>();
        var problems = new List<string>();
        var tooMany = false;
        var pos = 0;
        if (skipMboxLine && IsMboxFromLine(data))
        {
            pos = ByteLines.Line(data, 0).Next;
        }

        while (pos < data.Length)
        {
            var (end, next) = ByteLines.Line(data, pos);
            if (end == pos)
            {
                return new HeaderBlock(fields, next, problems, tooMany);
            }

            if (ByteLines.IsBlank(data[pos]))
            {
                if (fields.Count > 0 && !tooMany)
                {
                    fields[^1] = fields[^1] with { ValueEnd = end };
                }
                else if (fields.Count == 0)
                {
                    problems.Add("A folded header line came before any header field; it was ignored.");
                }

                pos = next;
                continue;
            }

            var name = FieldName(data[pos..end]);
            if (name is null)
            {
                if (next < data.Length && FieldName(data[next..ByteLines.Line(data, next).End]) is not null)
                {
                    problems.Add("A header line without a field name was ignored.");
                    pos = next;
                    continue;
                }

                problems.Add("The header block ended without a blank line; the rest was read as the body.");
                return new HeaderBlock(fields, pos, problems, tooMany);
            }

            if (fields.Count >= maxFields)
            {
                tooMany = true;
            }
            else
            {
                fields.Add(new RawField(name, pos + data[pos..end].IndexOf((byte)':') + 1, end));
            }

            pos = next;
        }

        return new HeaderBlock(fields, data.Length, problems, tooMany);
    }

    /// <summary>"From sender date" as mbox files start a message; "From : a@b" (obsolete blank before the colon) is a header.</summary>
    private static bool IsMboxFromLine(ReadOnlySpan<byte> data) =>
        data.StartsWith("From "u8) && data[5..].TrimStart(" \t"u8) is { IsEmpty: false } rest && rest[0] != ':';

    /// <summary>The field name of a header line (printable ASCII before the colon; blanks before the colon tolerated), or null.</summary>
    private static string? FieldName(ReadOnlySpan<byte> line)
    {
        var colon = line.IndexOf((byte)':');
        if (colon <= 0)
        {
            return null;
        }

        var name = line[..colon].TrimEnd(" \t"u8);
        if (name.IsEmpty || name.Length > 200)
        {
            return null;
        }

        foreach (var b in name)
        {
            if (b <= 32 || b >= 127)
            {
                return null;
            }
        }

        return System.Text.Encoding.ASCII.GetString(name);
    }
}
