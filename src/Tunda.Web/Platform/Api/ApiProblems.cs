using System.Diagnostics;
using System.Reflection;
using System.Text.RegularExpressions;
using System.Text.Json;
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

/// <summary>
/// Exceptions under /api become problem+json: a request the API could not read is a 400 naming the
/// field (<see cref="BadInput"/>), any other exception a 500, logged once at error level with the
/// trace id the client is given. Elsewhere the error page shows (and the middleware logs).
/// </summary>
internal sealed partial class ApiExceptionHandler(ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        // The middleware has already rewritten the path to the error page's; the feature keeps the original.
        var path = httpContext.Features.Get<IExceptionHandlerPathFeature>()?.Path ?? httpContext.Request.Path;
        if (!ApiRoutes.IsApi(path))
        {
            return false;
        }

        if (exception is BadHttpRequestException unreadable)
        {
            await Unreadable(unreadable, BodyType(httpContext, unreadable)).ExecuteAsync(httpContext);
            return true;
        }

        LogUnhandled(logger, exception, httpContext.Request.Method, path, Activity.Current?.Id ?? httpContext.TraceIdentifier);
        httpContext.Response.StatusCode = StatusCodes.Status500InternalServerError;
        await ApiProblems.WriteStatusAsync(httpContext);
        return true;
    }

    private static IResult Unreadable(BadHttpRequestException exception, Type? body) => exception switch
    {
        { InnerException: JsonException json } => BadInput.Json(json, body),
        _ when exception.Message.Contains("no body was provided", StringComparison.Ordinal)
            || exception.Message.Contains("was not provided from body", StringComparison.Ordinal) => BadInput.BodyRequired(),
        _ => new StatusProblem(exception.StatusCode),
    };

    // "Failed to read parameter "ContactInput input" from the request body as JSON": the endpoint's parameter of that name.
    private static Type? BodyType(HttpContext httpContext, BadHttpRequestException exception)
    {
        var method = httpContext.Features.Get<IExceptionHandlerFeature>()?.Endpoint?.Metadata.GetMetadata<MethodInfo>();
        var name = ParameterName().Match(exception.Message) is { Success: true } match ? match.Groups[1].Value : null;
        return method?.GetParameters().FirstOrDefault(p => p.Name == name)?.ParameterType;
    }

    [GeneratedRegex("parameter \"[^\"]*?(\\w+)\"", RegexOptions.CultureInvariant)]
    private static partial Regex ParameterName();

    [LoggerMessage(EventId = 500, Level = LogLevel.Error, Message = "Unhandled exception answering {Method} {Path} (trace id {TraceId})")]
    private static partial void LogUnhandled(ILogger logger, Exception exception, string method, string path, string traceId);

    private sealed class StatusProblem(int status) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = status;
            return ApiProblems.WriteStatusAsync(httpContext);
        }
    }
}
