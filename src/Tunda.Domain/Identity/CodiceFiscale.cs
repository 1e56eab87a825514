namespace Tunda.Domain.Identity;

/// <summary>
/// An Italian codice fiscale, upper-case: the 16-character personal form (with its check letter,
/// and "omocodia": when two people would get the same code, digits in the seven numeric positions
/// are replaced by the letters L M N P Q R S T U V standing for 0-9), or the 11-digit numeric
/// form that companies have (same check as a partita IVA).
/// </summary>
public sealed record CodiceFiscale
{
    private const string OmocodiaLetters = "LMNPQRSTUV";
    private const string MonthLetters = "ABCDEHLMPRST";
    private static readonly int[] NumericPositions = [6, 7, 9, 10, 12, 13, 14];

    // Value of A-Z (and 0-9, which count as A-J) in odd (1st, 3rd, ...) positions for the check letter.
    private static readonly int[] OddValues = [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23];

    private CodiceFiscale(string value) => Value = value;

    public string Value { get; }

    /// <summary>True for the 11-digit form (companies and other legal entities).</summary>
    public bool IsNumeric => Value.Length == 11;

    public static Validated<CodiceFiscale> Parse(string? input)
    {
        var text = PartitaIva.Compact(input);
        if (text.Length == 11)
        {
            return PartitaIva.HasValidCheckDigit(text)
                ? new CodiceFiscale(text)
                : Invalid("the 11-digit form must have a valid check digit.");
        }

        if (text.Length != 16)
        {
            return Invalid("it has 16 characters (or 11 digits for a company).");
        }

        if (!HasPersonalShape(text))
        {
            return Invalid("its letters and digits are not in the expected places.");
        }

        if (!HasValidBirthDay(text))
        {
            return Invalid("the month or day of birth it encodes does not exist.");
        }

        return CheckLetter(text) == text[15]
            ? new CodiceFiscale(text)
            : Invalid("the last letter does not match the check character.");
    }

    /// <summary>The check letter of the first 15 characters of a personal code.</summary>
    internal static char CheckLetter(string code)
    {
        var sum = 0;
        for (var i = 0; i < 15; i++)
        {
            var c = code[i];
            var index = char.IsAsciiDigit(c) ? c - '0' : c - 'A';
            sum += i % 2 == 0 ? OddValues[index] : index;
        }

        return (char)('A' + (sum % 26));
    }

    private static bool HasPersonalShape(string code)
    {
        for (var i = 0; i < 16; i++)
        {
            var c = code[i];
            var ok = NumericPositions.Contains(i)
                ? char.IsAsciiDigit(c) || OmocodiaLetters.Contains(c, StringComparison.Ordinal)
                : char.IsAsciiLetterUpper(c);
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }

    private static bool HasValidBirthDay(string code)
    {
        if (!MonthLetters.Contains(code[8], StringComparison.Ordinal))
        {
            return false;
        }

        // Women's codes add 40 to the day.
        var day = (Digit(code[9]) * 10) + Digit(code[10]);
        return day is >= 1 and <= 31 or >= 41 and <= 71;
    }

    private static int Digit(char c) => char.IsAsciiDigit(c) ? c - '0' : OmocodiaLetters.IndexOf(c, StringComparison.Ordinal);

    private static DomainError Invalid(string reason) => new("codice_fiscale.invalid", $"Invalid codice fiscale: {reason}");

    public override string ToString() => Value;
}
