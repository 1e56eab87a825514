using System.Globalization;
using Tunda.Domain;
using Tunda.Web.Platform.Api;
using Tunda.Web.Platform.Localisation;

namespace Tunda.Web.Features.Accounts.Profile;

/// <summary>
/// Texts and problems for the errors of the profile and password pages. The domain's customer and
/// login codes are localised under <c>profile.error.&lt;code&gt;</c> (this feature's own keys, so no
/// other catalogue can collide with them); password rules under the shared <c>error.password.*</c>.
/// </summary>
public static class ProfileErrors
{
    public const string TokenInvalid = "password.token_invalid";
    public const string WrongPassword = "profile.wrong_password";
    public const string EmailTaken = "profile.email_taken";
    public const string NotMainAccount = "profile.main_account_only.forbidden";
    public const string PasswordMismatch = "password.mismatch";
    public const string CodeInvalid = "profile.two_factor_code_invalid";

    public static DomainError Error(string code, string? field = null) => new(code, code, field);

    public static string Text(Texts texts, DomainError error, CultureInfo culture) =>
        texts.Has(culture, "profile.error." + error.Code) ? texts.In(culture, "profile.error." + error.Code) : texts.Error(error, culture);

    public static string Text(Texts texts, DomainError error) => Text(texts, error, CultureInfo.CurrentUICulture);

    /// <summary>The problem for one error (status from its code, as <see cref="ApiResults.StatusFor"/> decides).</summary>
    public static IResult Problem(DomainError error) => new LocalisedProblem((problem, texts, culture) =>
    {
        problem.Status = ApiResults.StatusFor(error.Code);
        problem.Title = texts.In(culture, ApiProblems.TitleKey(problem.Status.Value));
        problem.Detail = Text(texts, error, culture);
        problem.Extensions["code"] = error.Code;
    });

    /// <summary>422 with every error under its field (errors without a field under "general"), texts localised here.</summary>
    public static IResult Problem(IReadOnlyList<DomainError> errors) => errors.Count == 1 && errors[0].Field is null
        ? Problem(errors[0])
        : Problem(errors, errors.Count == 1 || errors.All(e => e.Code == errors[0].Code) ? errors[0].Code : ApiResults.ValidationCode);

    public static IResult Problem(IReadOnlyList<DomainError> errors, string code) => code == "concurrency.conflict" ? Problem(errors[0])
        : new LocalisedProblem((problem, texts, culture) =>
        {
            problem.Status = StatusCodes.Status422UnprocessableEntity;
            problem.Title = texts.In(culture, ApiProblems.TitleKey(StatusCodes.Status422UnprocessableEntity));
            problem.Detail = code == ApiResults.ValidationCode ? texts.In(culture, "error." + ApiResults.ValidationCode) : Text(texts, errors[0], culture);
            problem.Extensions["code"] = code;
            problem.Extensions["errors"] = errors.GroupBy(e => e.Field ?? "general").ToDictionary(g => g.Key, g => g.Select(e => Text(texts, e, culture)).ToArray());
            problem.Extensions["codes"] = errors.GroupBy(e => e.Field ?? "general").ToDictionary(g => g.Key, g => g.Select(e => e.Code).ToArray());
        });
}
