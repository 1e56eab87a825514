namespace Tunda.Mail.Parsing;

/// <summary>Line handling on raw bytes, where a line may end in CRLF, LF or a lone CR.</summary>
internal static class ByteLines
{
    /// <summary>The end of the line starting at <paramref name="start"/> (before its terminator) and where the next line starts.</summary>
    public static (int End, int Next) Line(ReadOnlySpan<byte> data, int start)
    {
        var offset = data[start..].IndexOfAny((byte)'\r', (byte)'\n');
        if (offset < 0)
        {
            return (data.Length, data.Length);
        }

        var end = start + offset;
        var next = data[end] == '\r' && end + 1 < data.Length && data[end + 1] == '\n' ? end + 2 : end + 1;
        return (end, next);
    }

    public static bool IsBlank(byte b) => b is (byte)' ' or (byte)'\t';

    /// <summary>Where the line ending just before <paramref name="index"/> starts (index itself when there is none).</summary>
    public static int TrimPrecedingLineEnd(ReadOnlySpan<byte> data, int index, int floor)
    {
        if (index > floor && data[index - 1] == '\n')
        {
            index--;
        }

        if (index > floor && data[index - 1] == '\r')
        {
            index--;
        }

        return index;
    }
}
