using System.Text.RegularExpressions;

namespace Tunda.Domain.Tickets;

/// <summary>
/// A ticket's public number, <c>TND-7K3QX</c>: five characters drawn at random from 30 that cannot be
/// mistaken for each other (no 0/O, 1/I/L, U), so one number says nothing about any other.
/// </summary>
public static partial class TicketNumber
{
    public const string Prefix = "TND-";
    public const int Length = 5;
    public const string Alphabet = "23456789ABCDEFGHJKMNPQRSTVWXYZ";

    /// <summary>The number drawn from <paramref name="random"/> (at least <see cref="Length"/> bytes from a CSPRNG).</summary>
    public static string From(ReadOnlySpan<byte> random)
    {
        if (random.Length < Length)
        {
            throw new ArgumentException($"A ticket number needs {Length} random bytes.", nameof(random));
        }

        Span<char> chars = stackalloc char[Length];
        for (var i = 0; i < Length; i++)
        {
            // 256 is not a multiple of 30: the first 16 letters come out 1/256 more often, which costs no secrecy worth having.
            chars[i] = Alphabet[random[i] % Alphabet.Length];
        }

        return Prefix + new string(chars);
    }

    /// <summary>The number in its canonical form, or null when <paramref name="text"/> is not one (any case, spaces around).</summary>
    public static string? Parse(string? text)
    {
        if (text is null)
        {
            return null;
        }

        var match = Whole().Match(text.Trim());
        return match.Success ? Prefix + match.Groups[1].Value.ToUpperInvariant() : null;
    }

    /// <summary>Every number a subject carries in brackets (<c>Re: [TND-7K3QX] ...</c>), in order, without repeats.</summary>
    public static IReadOnlyList<string> InSubject(string? subject) =>
        subject is null
            ? []
            : Bracketed().Matches(subject).Select(m => Prefix + m.Groups[1].Value.ToUpperInvariant()).Distinct().ToList();

    /// <summary>How a subject shows the number: <c>[TND-7K3QX] subject</c>, never twice.</summary>
    public static string Tag(string number, string subject) =>
        InSubject(subject).Contains(number) ? subject : $"[{number}] {subject}";

    [GeneratedRegex("^TND-([23456789ABCDEFGHJKMNPQRSTVWXYZ]{5})$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Whole();

    [GeneratedRegex(@"\[TND-([23456789ABCDEFGHJKMNPQRSTVWXYZ]{5})\]", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Bracketed();
}
