using System.Globalization;
using Tunda.Web.Platform.Api;

namespace Tunda.Web.Features.Accounts.Registration;

/// <summary>problem+json answers of registration and sign-in, with texts from this feature's catalogue.</summary>
internal static class RegistrationProblems
{
    public static IResult Problem(int status, string code, string textKey, params object?[] args) => new LocalisedProblem((problem, texts, culture) =>
    {
        problem.Status = status;
        problem.Title = texts.In(culture, ApiProblems.TitleKey(status));
        problem.Detail = texts.In(culture, textKey, args);
        problem.Extensions["code"] = code;
    });

    /// <summary>422 naming every field (as the client sent it) with its localised messages and stable codes.</summary>
    public static IResult Validation(IReadOnlyList<LocalisedFieldError> errors) => new LocalisedProblem((problem, texts, culture) =>
    {
        problem.Status = StatusCodes.Status422UnprocessableEntity;
        problem.Title = texts.In(culture, ApiProblems.TitleKey(StatusCodes.Status422UnprocessableEntity));
        problem.Detail = texts.In(culture, "error." + ApiResults.ValidationCode);
        problem.Extensions["code"] = ApiResults.ValidationCode;
        problem.Extensions["errors"] = errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Message).Distinct().ToArray());
        problem.Extensions["codes"] = errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Code).Distinct().ToArray());
    });

    /// <summary>A wait as people say it: seconds under two minutes, minutes after.</summary>
    public static string Wait(TimeSpan wait, IFormatProvider? culture = null)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        return seconds < 120
            ? string.Create(culture ?? CultureInfo.InvariantCulture, $"{seconds} s")
            : string.Create(culture ?? CultureInfo.InvariantCulture, $"{(int)Math.Ceiling(seconds / 60.0)} min");
    }
}
