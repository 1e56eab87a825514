using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Tunda.Web.Platform.Localisation;

namespace Tunda.Web.Platform.Api;

/// <summary>
/// Answers under /api that no endpoint wrote (unknown route, wrong method, wrong media type, rate
/// limit, unhandled exception) as problem+json with a stable <c>code</c>. Never a stack trace,
/// not even in Development: the exception goes to the log, the client gets the trace id.
/// </summary>
public static class ApiProblems
{
    public static string TitleKey(int status) => $"problem.{status}.title";

    public static string CodeFor(int status) => status switch
    {
        StatusCodes.Status400BadRequest => "http.bad_request",
        StatusCodes.Status401Unauthorized => "http.unauthorized",
        StatusCodes.Status403Forbidden => "http.forbidden",
        StatusCodes.Status404NotFound => "http.not_found",
        StatusCodes.Status405MethodNotAllowed => "http.method_not_allowed",
        StatusCodes.Status415UnsupportedMediaType => "http.unsupported_media_type",
        StatusCodes.Status429TooManyRequests => "http.too_many_requests",
        StatusCodes.Status500InternalServerError => "http.internal_error",
        _ => $"http.{status}",
    };

    /// <summary>The problem for a bare status code, localised: title and detail from <c>problem.&lt;status&gt;.*</c>.</summary>
    public static Task WriteStatusAsync(HttpContext context)
    {
        var status = context.Response.StatusCode;
        var texts = context.RequestServices.GetRequiredService<Texts>();
        var culture = Languages.Of(context);
        var problem = new ProblemDetails
        {
            Status = status,
            Title = texts.In(culture, TitleKey(status)),
            Detail = texts.In(culture, $"problem.{status}.detail"),
        };
        problem.Extensions["code"] = CodeFor(status);
        return WriteAsync(context, problem);
    }

    internal static async Task WriteAsync(HttpContext context, ProblemDetails problem)
    {
        context.Response.StatusCode = problem.Status ?? StatusCodes.Status500InternalServerError;
        var service = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        if (!await service.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem }))
        {
            // Clients that refuse JSON still get the problem; the API speaks nothing else.
            await Results.Problem(problem).ExecuteAsync(context);
        }
    }
}

/// <summary>Unhandled exceptions under /api become a 500 problem; elsewhere the error page shows.</summary>
internal sealed class ApiExceptionHandler : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        // The middleware has already rewritten the path to the error page's; the feature keeps the original.
        var path = httpContext.Features.Get<IExceptionHandlerPathFeature>()?.Path ?? httpContext.Request.Path;
        if (!ApiRoutes.IsApi(path))
        {
            return false;
        }

        httpContext.Response.StatusCode = StatusCodes.Status500InternalServerError;
        await ApiProblems.WriteStatusAsync(httpContext);
        return true;
    }
}
