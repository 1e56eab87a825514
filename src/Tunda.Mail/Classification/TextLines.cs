namespace Tunda.Mail.Classification;

/// <summary>Splits text into lines (CRLF, LF or CR) by position, so a cut keeps the original line endings.</summary>
internal static class TextLines
{
    public static List<(int Start, int End)> Split(string text)
    {
        var lines = new List<(int Start, int End)>();
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] is '\r' or '\n')
            {
                lines.Add((start, i));
                if (text[i] == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                start = i + 1;
            }
        }

        lines.Add((start, text.Length));
        return lines;
    }
}
