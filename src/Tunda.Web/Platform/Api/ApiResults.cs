using Tunda.Domain;
using Tunda.Web.Platform.Localisation;

namespace Tunda.Web.Platform.Api;

/// <summary>A field the client sent and the rule it broke.</summary>
public sealed record FieldError(string Field, DomainError Error);

/// <summary>
/// Domain errors as problem+json (RFC 9457): the stable code in the <c>code</c> member, the
/// localised message in <c>detail</c>, the status from the code's shape.
/// </summary>
public static class ApiResults
{
    public const string ValidationCode = "validation.failed";

    public static IResult Problem(DomainError error) => new LocalisedProblem((problem, texts, culture) =>
    {
        problem.Status = StatusFor(error.Code);
        problem.Title = texts.In(culture, ApiProblems.TitleKey(problem.Status.Value));
        problem.Detail = texts.Error(error, culture);
        problem.Extensions["code"] = error.Code;
    });

    /// <summary>
    /// 422 naming every field that broke a rule: <c>errors</c> maps each field to its localised
    /// messages (the shape ASP.NET Core clients know), <c>codes</c> to the stable codes.
    /// </summary>
    public static IResult ValidationProblem(IEnumerable<FieldError> errors)
    {
        var list = errors.ToList();
        return new LocalisedProblem((problem, texts, culture) =>
        {
            problem.Status = StatusCodes.Status422UnprocessableEntity;
            problem.Title = texts.In(culture, ApiProblems.TitleKey(StatusCodes.Status422UnprocessableEntity));
            problem.Detail = texts.In(culture, "error." + ValidationCode);
            problem.Extensions["code"] = ValidationCode;
            problem.Extensions["errors"] = list.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => texts.Error(e.Error, culture)).ToArray());
            problem.Extensions["codes"] = list.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Error.Code).ToArray());
        });
    }

    public static IResult ValidationProblem(params FieldError[] errors) => ValidationProblem(errors.AsEnumerable());

    /// <summary>
    /// <c>*.not_found</c> 404; <c>*.forbidden</c> and permission codes 403; <c>concurrency.conflict</c>
    /// 409; every other broken rule 422.
    /// </summary>
    public static int StatusFor(string code)
    {
        var parts = code.Split('.');
        if (parts[^1] == "not_found")
        {
            return StatusCodes.Status404NotFound;
        }

        if (parts[^1] == "forbidden" || parts.Contains("permission"))
        {
            return StatusCodes.Status403Forbidden;
        }

        return code == DomainError.Conflict("").Code ? StatusCodes.Status409Conflict : StatusCodes.Status422UnprocessableEntity;
    }
}
