using System.Globalization;
using Tunda.Domain.Customers;
using Tunda.Web.Features.Email;
using Tunda.Web.Platform.Localisation;

namespace Tunda.Web.Features.Accounts.Registration;

/// <summary>The mails of registration: the summary with the confirmation link, and the notice to an existing owner.</summary>
internal static class RegistrationMails
{
    private const string None = "-";

    public static SendEmail Summary(CustomerRegistered registered, Uri confirmLink, Texts texts)
    {
        var legal = registered.Legal;
        var details = registered.Details;
        var language = details.Language;
        var culture = CultureInfo.GetCultureInfo(language);
        var name = legal.CompanyName ?? $"{legal.FirstName} {legal.LastName}";
        var values = new Dictionary<string, string>
        {
            ["name"] = name,
            ["accountType"] = texts.In(culture, registered.Kind == CustomerKind.Company ? "register.kind.company" : "register.kind.person"),
            ["companyName"] = legal.CompanyName ?? None,
            ["firstName"] = legal.FirstName,
            ["lastName"] = legal.LastName,
            ["codiceFiscale"] = Or(legal.CodiceFiscale),
            ["partitaIva"] = Or(legal.VatNumber),
            ["address"] = details.Address.Street,
            ["zip"] = details.Address.Zip,
            ["city"] = details.Address.City,
            ["province"] = Or(details.Address.Province),
            ["country"] = details.Address.Country,
            ["phone"] = details.Phone,
            ["email"] = registered.LoginEmail,
            ["pec"] = Or(details.Pec),
            ["codiceDestinatario"] = Or(details.CodiceDestinatario),
            ["acceptedAt"] = registered.Terms.AcceptedAt.UtcDateTime.ToString("dd/MM/yyyy HH:mm 'UTC'", CultureInfo.InvariantCulture),
            ["confirmLink"] = confirmLink.ToString(),
        };
        return new SendEmail(Guid.NewGuid(), "registration-summary", language, registered.LoginEmail, name, values);
    }

    /// <summary>Someone tried to register with an address a main account already uses: tell its owner, not the visitor.</summary>
    public static SendEmail Attempt(string email, string name, string language, Uri signInLink, Uri resetLink) =>
        new(Guid.NewGuid(), "registration-attempt", language, email, name, new Dictionary<string, string>
        {
            ["name"] = name,
            ["email"] = email,
            ["signInLink"] = signInLink.ToString(),
            ["resetLink"] = resetLink.ToString(),
        });

    private static string Or(string? value) => string.IsNullOrWhiteSpace(value) ? None : value;
}
