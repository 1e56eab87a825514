using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Tunda.Web.Platform.Localisation;

namespace Tunda.Web.Platform.Api;

/// <summary>
/// A problem+json answer filled in when it is written, in the request's language, through the
/// app's <see cref="IProblemDetailsService"/> (which adds the trace id).
/// </summary>
internal sealed class LocalisedProblem(Action<ProblemDetails, Texts, CultureInfo> fill) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var problem = new ProblemDetails();
        fill(problem, httpContext.RequestServices.GetRequiredService<Texts>(), Languages.Of(httpContext));
        await ApiProblems.WriteAsync(httpContext, problem);
    }
}
