namespace Tunda.Domain.Identity;

/// <summary>
/// An Italian VAT number (partita IVA): 11 digits, the last a check digit over the first ten
/// (digits in odd positions added as they are, in even positions doubled with 9 taken off when the
/// result exceeds 9). A company's codice fiscale uses the same 11-digit form and check.
/// </summary>
public sealed record PartitaIva
{
    private PartitaIva(string value) => Value = value;

    /// <summary>The 11 digits, without the "IT" prefix.</summary>
    public string Value { get; }

    public static Validated<PartitaIva> Parse(string? input)
    {
        var text = Compact(input);
        if (text.StartsWith("IT", StringComparison.Ordinal))
        {
            text = text[2..];
        }

        return HasValidCheckDigit(text)
            ? new PartitaIva(text)
            : new DomainError("partita_iva.invalid", "Invalid partita IVA: it has 11 digits and the last one must match the check digit.");
    }

    /// <summary>True for 11 digits, not all zero, whose last digit is the check digit of the first ten.</summary>
    internal static bool HasValidCheckDigit(string digits)
    {
        if (digits.Length != 11 || !digits.All(char.IsAsciiDigit) || digits.All(c => c == '0'))
        {
            return false;
        }

        var sum = 0;
        for (var i = 0; i < 10; i++)
        {
            var digit = digits[i] - '0';
            if (i % 2 == 1)
            {
                digit *= 2;
                digit = digit > 9 ? digit - 9 : digit;
            }

            sum += digit;
        }

        return (10 - (sum % 10)) % 10 == digits[10] - '0';
    }

    internal static string Compact(string? input) =>
        new((input ?? string.Empty).Where(c => !char.IsWhiteSpace(c) && c is not '.' and not '-').Select(char.ToUpperInvariant).ToArray());

    public override string ToString() => Value;
}
