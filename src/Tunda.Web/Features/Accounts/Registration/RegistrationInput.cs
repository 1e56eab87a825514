using System.ComponentModel.DataAnnotations;
using Tunda.Domain.Customers;

namespace Tunda.Web.Features.Accounts.Registration;

/// <summary>
/// What the registration form and <c>POST /api/customers</c> send, as typed. No validation here: the
/// domain (CustomerDecider, PasswordPolicy) judges every field, so page and API answer the same.
/// </summary>
public sealed class RegistrationInput
{
    /// <summary>"person" or "company".</summary>
    [Display(Name = "register.field.kind")]
    public string? Kind { get; set; } = "person";

    [Display(Name = "register.field.firstName")]
    public string? FirstName { get; set; }

    [Display(Name = "register.field.lastName")]
    public string? LastName { get; set; }

    [Display(Name = "register.field.companyName", Description = "register.field.companyName.hint")]
    [MaxLength(LegalIdentity.MaxCompanyNameLength)]
    public string? CompanyName { get; set; }

    [Display(Name = "register.field.codiceFiscale")]
    public string? CodiceFiscale { get; set; }

    [Display(Name = "register.field.vatNumber", Description = "register.field.vatNumber.hint")]
    public string? VatNumber { get; set; }

    [Display(Name = "register.field.street")]
    public string? Street { get; set; }

    [Display(Name = "register.field.city")]
    public string? City { get; set; }

    [Display(Name = "register.field.zip")]
    public string? Zip { get; set; }

    [Display(Name = "register.field.province", Description = "register.field.province.hint")]
    public string? Province { get; set; }

    [Display(Name = "register.field.country", Description = "register.field.country.hint")]
    public string? Country { get; set; } = "IT";

    [Display(Name = "register.field.phone")]
    [DataType(DataType.PhoneNumber)]
    public string? Phone { get; set; }

    [Display(Name = "register.field.pec")]
    [DataType(DataType.EmailAddress)]
    public string? Pec { get; set; }

    [Display(Name = "register.field.codiceDestinatario", Description = "register.field.codiceDestinatario.hint")]
    public string? CodiceDestinatario { get; set; }

    [Display(Name = "register.field.email", Description = "register.field.email.hint")]
    [DataType(DataType.EmailAddress)]
    public string? Email { get; set; }

    [Display(Name = "register.field.password", Description = "register.field.password.hint")]
    [DataType(DataType.Password)]
    public string? Password { get; set; }

    [Display(Name = "register.field.passwordConfirmation")]
    [DataType(DataType.Password)]
    public string? PasswordConfirmation { get; set; }

    [Display(Name = "register.field.acceptTerms")]
    public bool AcceptTerms { get; set; }

    [Display(Name = "register.field.acceptPrivacy")]
    public bool AcceptPrivacy { get; set; }

    /// <summary>The command for the bus; the legal versions are the ones in force (configuration), language the visitor's.</summary>
    public RegisterNewCustomer ToCommand(Guid customerId, LegalVersions versions, string language)
    {
        ArgumentNullException.ThrowIfNull(versions);
        var kind = Kind?.Trim().ToLowerInvariant() switch
        {
            "person" => CustomerKind.Person,
            "company" => CustomerKind.Company,
            _ => (CustomerKind?)null,
        };
        var customer = new RegisterCustomer(
            customerId,
            kind ?? CustomerKind.Person,
            FirstName,
            LastName,
            kind == CustomerKind.Company ? CompanyName : null,
            CodiceFiscale,
            VatNumber,
            new CustomerDetailsInput(Street, City, Zip, Province, Country, Phone, Pec, CodiceDestinatario, language),
            Email,
            AcceptTerms ? versions.TermsVersion : null,
            AcceptPrivacy ? versions.PrivacyVersion : null);
        return new RegisterNewCustomer(customer, Password, PasswordConfirmation, KindIsValid: kind is not null);
    }
}

/// <summary><c>Tunda:Legal</c>: the versions of the terms and privacy notice a new customer accepts.</summary>
public sealed class LegalVersions
{
    public const string Section = "Tunda:Legal";

    public string TermsVersion { get; set; } = "2026-01";

    public string PrivacyVersion { get; set; } = "2026-01";
}
