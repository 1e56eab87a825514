using System.Text;

namespace Tunda.Mail.Tests.Corpus;

/// <summary>
/// Damage done to a corpus message the way transport, broken clients and attackers do it. Every mutation
/// draws only from the <see cref="Random"/> it is given, so a seed names a case exactly.
/// </summary>
internal static class Mutations
{
    private static readonly byte[][] Insertions =
        [[(byte)'\r'], [(byte)'\n'], [0], "\r\n"u8.ToArray(), "=?"u8.ToArray(), "?="u8.ToArray(), "=?utf-8?b?"u8.ToArray(), "\r\n\r\n"u8.ToArray(), [0xC3], "--"u8.ToArray()];

    public static readonly (string Name, Func<byte[], Random, byte[]> Apply)[] All =
    [
        ("flip bytes", FlipBytes),
        ("truncate", Truncate),
        ("insert CR/LF/NUL/=?", InsertSpecials),
        ("duplicate boundary line", DuplicateBoundaryLine),
        ("delete range", DeleteRange),
        ("huge header line", HugeHeaderLine),
        ("duplicate range", DuplicateRange),
    ];

    public static byte[] FlipBytes(byte[] input, Random random)
    {
        var output = (byte[])input.Clone();
        for (var i = random.Next(1, 9); i > 0 && output.Length > 0; i--)
        {
            output[random.Next(output.Length)] ^= (byte)random.Next(1, 256);
        }

        return output;
    }

    public static byte[] Truncate(byte[] input, Random random) => input[..random.Next(input.Length + 1)];

    public static byte[] InsertSpecials(byte[] input, Random random)
    {
        var output = new List<byte>(input);
        for (var i = random.Next(1, 6); i > 0; i--)
        {
            output.InsertRange(random.Next(output.Count + 1), Insertions[random.Next(Insertions.Length)]);
        }

        return [.. output];
    }

    /// <summary>Repeats a boundary delimiter line (or any "--" line) somewhere else, making empty or overlapping parts.</summary>
    public static byte[] DuplicateBoundaryLine(byte[] input, Random random)
    {
        var lines = Encoding.Latin1.GetString(input).Split('\n').ToList();
        var boundaries = lines.Where(line => line.StartsWith("--", StringComparison.Ordinal)).ToList();
        var line = boundaries.Count > 0 ? boundaries[random.Next(boundaries.Count)] : lines[random.Next(lines.Count)];
        for (var i = random.Next(1, 4); i > 0; i--)
        {
            lines.Insert(random.Next(lines.Count + 1), line);
        }

        return Encoding.Latin1.GetBytes(string.Join('\n', lines));
    }

    public static byte[] DeleteRange(byte[] input, Random random)
    {
        if (input.Length == 0)
        {
            return input;
        }

        var start = random.Next(input.Length);
        var length = random.Next(1, Math.Min(input.Length - start, 400) + 1);
        return [.. input[..start], .. input[(start + length)..]];
    }

    /// <summary>A header line of up to 400 kB: plain text, a run of encoded words, or a parameter list.</summary>
    public static byte[] HugeHeaderLine(byte[] input, Random random)
    {
        var length = random.Next(1_000, 400_000);
        var header = random.Next(3) switch
        {
            0 => "X-Huge: " + new string('a', length),
            1 => "Subject: " + string.Concat(Enumerable.Repeat("=?utf-8?q?=C3=A8?=", length / 18)),
            _ => "Content-Type: multipart/mixed; " + string.Concat(Enumerable.Range(0, length / 20).Select(i => $"p{i}*{i}*=x%41; ")),
        };
        var at = random.Next(2) == 0 ? 0 : Math.Max(0, Encoding.Latin1.GetString(input).IndexOf('\n', StringComparison.Ordinal) + 1);
        return [.. input[..at], .. Encoding.ASCII.GetBytes(header + "\r\n"), .. input[at..]];
    }

    public static byte[] DuplicateRange(byte[] input, Random random)
    {
        if (input.Length == 0)
        {
            return input;
        }

        var start = random.Next(input.Length);
        var length = random.Next(1, Math.Min(input.Length - start, 2_000) + 1);
        var at = random.Next(input.Length + 1);
        return [.. input[..at], .. input[start..(start + length)], .. input[at..]];
    }
}
