using System.Globalization;
using Tunda.Domain;
using Tunda.Domain.Customers;
using Tunda.Web.Platform.Localisation;

namespace Tunda.Web.Features.Accounts.Registration;

/// <summary>A field of <see cref="RegistrationInput"/> (camelCase, as in the JSON), the rule's code and its localised text.</summary>
public sealed record LocalisedFieldError(string Field, string Code, string Message);

/// <summary>
/// Turns the domain's errors into messages per form field in the visitor's language. The domain
/// writes English with one code for every field error, so the text is chosen by field
/// (<c>register.error.&lt;field&gt;</c>) or, for the password rules, by code.
/// </summary>
public static class RegistrationFieldErrors
{
    public static IReadOnlyList<LocalisedFieldError> Localise(IEnumerable<DomainError> errors, Texts texts, CultureInfo culture, Domain.Identity.PasswordPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(texts);
        ArgumentNullException.ThrowIfNull(policy);
        return [.. errors.Select(error =>
        {
            var field = InputField(error.Field ?? "form");
            var key = error.Code == CustomerErrors.InvalidField ? $"register.error.{field}" : $"register.error.{error.Code}";
            var message = texts.Has(culture, key) ? texts.In(culture, key, policy.MinLength, policy.MaxLength) : texts.Error(error, culture);
            return new LocalisedFieldError(field, error.Code, message);
        }).Distinct()];
    }

    /// <summary>The input the visitor filled for a domain field (the checkboxes stand for the versions they accept).</summary>
    public static string InputField(string domainField) => domainField switch
    {
        "termsVersion" => "acceptTerms",
        "privacyVersion" => "acceptPrivacy",
        _ => domainField,
    };

    /// <summary>The model-state key of a field on a page whose input model is bound as "Input".</summary>
    public static string ModelStateKey(string field) => "Input." + char.ToUpperInvariant(field[0]) + field[1..];
}
