using System.Text.RegularExpressions;
using Tunda.Domain.Identity;

namespace Tunda.Domain.Customers;

/// <summary>Validation and normalisation of the fields a customer types at registration and in the profile.</summary>
internal static partial class CustomerFields
{
    public const string Italy = "IT";
    public static LegalIdentity? Legal(RegisterCustomer command, string country, FieldErrors errors)
    {
        var firstName = errors.Required("firstName", command.FirstName);
        var lastName = errors.Required("lastName", command.LastName);
        string? companyName = null;
        if (command.Kind == CustomerKind.Company)
        {
            companyName = errors.Required("companyName", command.CompanyName, LegalIdentity.MaxCompanyNameLength);
        }
        else if (!string.IsNullOrWhiteSpace(command.CompanyName))
        {
            errors.Add("companyName", "is only for companies.");
        }

        var codiceFiscale = CodiceFiscaleFor(command, country, errors);
        var vatNumber = VatNumberFor(command, country, errors);
        return errors.Any ? null : new LegalIdentity(firstName, lastName, companyName, codiceFiscale ?? string.Empty, vatNumber);
    }

    public static CustomerDetails? Details(CustomerDetailsInput input, FieldErrors errors)
    {
        var country = Country(input.Country, errors);
        var street = errors.Required("street", input.Street, 200);
        var city = errors.Required("city", input.City);
        var zip = Zip(input.Zip, country, errors);
        var province = Province(input.Province, country, errors);
        var phone = Phone(input.Phone, errors);
        var pec = string.IsNullOrWhiteSpace(input.Pec) ? null : errors.Valid("pec", EmailAddress.Parse(input.Pec))?.Value;
        var codiceDestinatario = CodiceDestinatario(input.CodiceDestinatario, errors);
        var language = input.Language?.Trim().ToLowerInvariant();
        if (language is not ("it" or "en"))
        {
            errors.Add("language", "is 'it' or 'en'.");
        }

        return errors.Any ? null : new CustomerDetails(new PostalAddress(street, city, zip, province, country), phone, pec, codiceDestinatario, language!);
    }

    /// <summary>The country code as compared everywhere: trimmed, upper-case (validated by <see cref="Country"/>).</summary>
    public static string CountryCode(string? input) => input?.Trim().ToUpperInvariant() ?? string.Empty;

    public static string Country(string? input, FieldErrors errors)
    {
        var country = CountryCode(input);
        if (!CountryPattern().IsMatch(country))
        {
            errors.Add("country", "is a two-letter ISO 3166 country code such as IT.");
        }

        return country;
    }

    private static string? CodiceFiscaleFor(RegisterCustomer command, string country, FieldErrors errors)
    {
        if (string.IsNullOrWhiteSpace(command.CodiceFiscale))
        {
            if (country == Italy)
            {
                errors.Add("codiceFiscale", "is required for Italian customers.");
            }

            return null;
        }

        var parsed = errors.Valid("codiceFiscale", CodiceFiscale.Parse(command.CodiceFiscale));
        if (parsed is { IsNumeric: true } && command.Kind == CustomerKind.Person)
        {
            errors.Add("codiceFiscale", "a person's codice fiscale has 16 characters; the 11-digit form is for companies.");
        }

        return parsed?.Value;
    }

    private static string? VatNumberFor(RegisterCustomer command, string country, FieldErrors errors)
    {
        var isCompany = command.Kind == CustomerKind.Company;
        if (string.IsNullOrWhiteSpace(command.VatNumber))
        {
            if (isCompany && EuVatNumber.IsEuCountry(country))
            {
                errors.Add("vatNumber", country == Italy ? "the partita IVA is required for Italian companies." : "the VAT number is required for EU companies.");
            }

            return null;
        }

        if (country == Italy)
        {
            return errors.Valid("vatNumber", PartitaIva.Parse(command.VatNumber))?.Value;
        }

        if (EuVatNumber.IsEuCountry(country))
        {
            return errors.Valid("vatNumber", EuVatNumber.Parse(country, command.VatNumber))?.Value;
        }

        // Outside the EU there is no format to check; keep the number as given, compacted.
        var other = command.VatNumber.Trim().ToUpperInvariant();
        if (other.Length > 30)
        {
            errors.Add("vatNumber", "has at most 30 characters.");
        }

        return other;
    }

    private static string Zip(string? input, string country, FieldErrors errors)
    {
        var zip = input?.Trim().ToUpperInvariant() ?? string.Empty;
        if (country == Italy ? !ItalianZipPattern().IsMatch(zip) : !ForeignZipPattern().IsMatch(zip))
        {
            errors.Add("zip", country == Italy ? "an Italian CAP has 5 digits." : "is required (letters, digits, spaces or '-', at most 12).");
        }

        return zip;
    }

    private static string? Province(string? input, string country, FieldErrors errors)
    {
        var province = input?.Trim();
        if (country == Italy)
        {
            province = province?.ToUpperInvariant() ?? string.Empty;
            if (!ItalianProvincePattern().IsMatch(province))
            {
                errors.Add("province", "is the two-letter code of the Italian province, such as MI.");
            }

            return province;
        }

        if (province is { Length: > 50 })
        {
            errors.Add("province", "has at most 50 characters.");
        }

        return string.IsNullOrEmpty(province) ? null : province;
    }

    private static string Phone(string? input, FieldErrors errors)
    {
        var phone = input?.Trim() ?? string.Empty;
        var digits = phone.Count(char.IsAsciiDigit);
        if (!PhonePattern().IsMatch(phone) || digits is < 6 or > 15)
        {
            errors.Add("phone", "is a phone number of 6 to 15 digits, optionally starting with '+'.");
        }

        return phone;
    }

    private static string? CodiceDestinatario(string? input, FieldErrors errors)
    {
        if (string.IsNullOrWhiteSpace(input))
        {
            return null;
        }

        var code = input.Trim().ToUpperInvariant();
        if (!CodiceDestinatarioPattern().IsMatch(code))
        {
            errors.Add("codiceDestinatario", "has exactly 7 letters or digits.");
        }

        return code;
    }

    [GeneratedRegex("^[A-Z]{2}$")]
    private static partial Regex CountryPattern();

    [GeneratedRegex("^[0-9]{5}$")]
    private static partial Regex ItalianZipPattern();

    [GeneratedRegex("^[A-Z0-9][A-Z0-9 -]{1,11}$")]
    private static partial Regex ForeignZipPattern();

    [GeneratedRegex("^[A-Z]{2}$")]
    private static partial Regex ItalianProvincePattern();

    [GeneratedRegex(@"^\+?[0-9][0-9 ./()-]*$")]
    private static partial Regex PhonePattern();

    [GeneratedRegex("^[A-Z0-9]{7}$")]
    private static partial Regex CodiceDestinatarioPattern();
}
