using Tunda.Web.Platform.Api;

namespace Tunda.Web.Features.Inbound;

/// <summary>problem+json answers of the intake endpoint, with texts from this feature's catalogue (inbound.*.json).</summary>
internal static class InboundProblems
{
    public static IResult Problem(int status, string code, Action<Microsoft.AspNetCore.Mvc.ProblemDetails>? extend = null) => new LocalisedProblem((problem, texts, culture) =>
    {
        problem.Status = status;
        problem.Title = texts.In(culture, $"inbound.problem.{code}.title");
        problem.Detail = texts.In(culture, $"inbound.problem.{code}.detail");
        problem.Extensions["code"] = "inbound." + code;
        extend?.Invoke(problem);
    });
}
