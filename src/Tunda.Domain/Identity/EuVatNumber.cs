using System.Collections.Frozen;
using System.Text.RegularExpressions;

namespace Tunda.Domain.Identity;

/// <summary>
/// A VAT number of an EU member state, checked by format only (VIES confirms existence; that is a
/// network call and not the domain's business). <see cref="Value"/> is the country prefix followed
/// by the national number, upper-case, without spaces or dots. Greece uses the prefix "EL" (its ISO
/// code GR is accepted as input). Italian numbers are checked as a <see cref="PartitaIva"/>.
/// </summary>
public sealed record EuVatNumber
{
    private static readonly FrozenDictionary<string, Regex> NationalPatterns = new Dictionary<string, string>
    {
        ["AT"] = @"U\d{8}",
        ["BE"] = @"[01]\d{9}",
        ["BG"] = @"\d{9,10}",
        ["CY"] = @"\d{8}[A-Z]",
        ["CZ"] = @"\d{8,10}",
        ["DE"] = @"\d{9}",
        ["DK"] = @"\d{8}",
        ["EE"] = @"\d{9}",
        ["EL"] = @"\d{9}",
        ["ES"] = @"[A-Z]\d{7}[A-Z0-9]|\d{8}[A-Z]",
        ["FI"] = @"\d{8}",
        ["FR"] = @"[A-HJ-NP-Z0-9]{2}\d{9}",
        ["HR"] = @"\d{11}",
        ["HU"] = @"\d{8}",
        ["IE"] = @"\d{7}[A-W][A-IW]?|\d[A-Z+*]\d{5}[A-W]",
        ["IT"] = @"\d{11}",
        ["LT"] = @"\d{9}|\d{12}",
        ["LU"] = @"\d{8}",
        ["LV"] = @"\d{11}",
        ["MT"] = @"\d{8}",
        ["NL"] = @"\d{9}B\d{2}",
        ["PL"] = @"\d{10}",
        ["PT"] = @"\d{9}",
        ["RO"] = @"[1-9]\d{1,9}",
        ["SE"] = @"\d{10}01",
        ["SI"] = @"\d{8}",
        ["SK"] = @"\d{10}",
    }.ToFrozenDictionary(p => p.Key, p => new Regex($"^(?:{p.Value})$", RegexOptions.CultureInvariant));

    private EuVatNumber(string countryPrefix, string number)
    {
        CountryPrefix = countryPrefix;
        Number = number;
    }

    /// <summary>The VAT prefix: the ISO country code, except "EL" for Greece.</summary>
    public string CountryPrefix { get; }

    public string Number { get; }

    public string Value => CountryPrefix + Number;

    /// <summary>True for the ISO 3166 code (or VAT prefix) of one of the 27 EU member states.</summary>
    public static bool IsEuCountry(string? countryCode) => countryCode is not null && NationalPatterns.ContainsKey(PrefixFor(countryCode));

    /// <summary>Parses a number of <paramref name="countryCode"/>'s format, with or without the country prefix.</summary>
    public static Validated<EuVatNumber> Parse(string countryCode, string? input)
    {
        var prefix = PrefixFor(countryCode);
        if (!NationalPatterns.TryGetValue(prefix, out var pattern))
        {
            return new DomainError("vat_number.not_eu", $"'{countryCode}' is not an EU member state.");
        }

        var number = PartitaIva.Compact(input);
        if (number.StartsWith(prefix, StringComparison.Ordinal) || (prefix == "EL" && number.StartsWith("GR", StringComparison.Ordinal)))
        {
            number = number[2..];
        }

        if (prefix == "IT")
        {
            var partitaIva = PartitaIva.Parse(number);
            return partitaIva.IsValid ? new EuVatNumber(prefix, partitaIva.Value!.Value) : partitaIva.Error!;
        }

        return pattern.IsMatch(number)
            ? new EuVatNumber(prefix, number)
            : new DomainError("vat_number.invalid", $"'{input}' is not in the format of a VAT number of {prefix}.");
    }

    private static string PrefixFor(string countryCode)
    {
        var code = countryCode.Trim().ToUpperInvariant();
        return code == "GR" ? "EL" : code;
    }

    public override string ToString() => Value;
}
