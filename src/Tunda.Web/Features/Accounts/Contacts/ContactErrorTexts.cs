using Tunda.Domain;
using Tunda.Domain.Customers;
using Tunda.Web.Platform.Api;
using Tunda.Web.Platform.Localisation;

namespace Tunda.Web.Features.Accounts.Contacts;

/// <summary>
/// The contact and invitation errors in the request's language (keys <c>contacts.error.&lt;code&gt;</c>,
/// then the platform's <c>error.&lt;code&gt;</c>), and as problem+json: not found 404, acting beyond
/// one's permissions 403, a field's rule 422.
/// </summary>
public static class ContactErrorTexts
{
    private static readonly string[] Forbidden =
        [ContactErrors.NotAuthorised.Code, ContactErrors.PermissionEscalation.Code, ContactErrors.CannotTargetSelf.Code];

    /// <summary>Acting beyond one's own permissions (or on oneself): refused as forbidden, not as a field's rule.</summary>
    public static bool IsForbidden(DomainError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return Forbidden.Contains(error.Code);
    }

    public static string Text(Texts texts, DomainError error)
    {
        ArgumentNullException.ThrowIfNull(texts);
        ArgumentNullException.ThrowIfNull(error);
        var culture = System.Globalization.CultureInfo.CurrentUICulture;
        var key = "contacts.error." + error.Code;
        return error.Field is { } field && texts.Has(culture, $"{key}.{field}") ? texts[$"{key}.{field}"]
            : texts.Has(culture, key) ? texts[key]
            : texts.Error(error);
    }

    public static IResult Problem(Texts texts, DomainError error)
    {
        var localised = error with { Message = Text(texts, error) };
        if (IsForbidden(error))
        {
            return new LocalisedProblem((problem, catalogue, culture) =>
            {
                problem.Status = StatusCodes.Status403Forbidden;
                problem.Title = catalogue.In(culture, ApiProblems.TitleKey(StatusCodes.Status403Forbidden));
                problem.Detail = localised.Message;
                problem.Extensions["code"] = error.Code;
            });
        }

        return error.Field is { } field
            ? ApiResults.ValidationProblem(new FieldError(field, localised))
            : ApiResults.Problem(localised);
    }

    public static IResult Problem(Texts texts, IReadOnlyList<DomainError> errors) =>
        errors.Count > 1 && errors.All(e => e.Field is not null)
            ? ApiResults.ValidationProblem(errors.Select(e => new FieldError(e.Field!, e with { Message = Text(texts, e) })))
            : Problem(texts, errors[0]);
}
