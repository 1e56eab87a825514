using Microsoft.Net.Http.Headers;

namespace Tunda.Web.Platform.Api;

/// <summary>
/// Requests that change something under /api must declare <c>application/json</c> (or
/// <c>application/*+json</c>); anything else is 415.
/// </summary>
/// <remarks>
/// This is the API's defence against cross-site request forgery. The API accepts the portal's
/// session cookie, and a browser attaches that cookie to requests another site makes. But another
/// site can only send a "simple" request without asking first: a form post (urlencoded,
/// multipart or text/plain) or a body-less POST. A request with a JSON content type (and any
/// PUT, PATCH or DELETE) needs a CORS preflight, which Tunda never grants. So POST always needs
/// the JSON content type, even with an empty body; PUT, PATCH and DELETE need it when they
/// carry a body, for a clear 415 instead of a binding failure.
/// </remarks>
public sealed class JsonOnlyApi(RequestDelegate next, IEnumerable<MachineApiRoute> machineRoutes)
{
    private readonly PathString[] _machineRoutes = [.. machineRoutes.Select(r => r.Path)];

    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (!ApiRoutes.IsApi(request) || !Changes(request.Method) || request.HasJsonContentType() || IsMachineRoute(request.Path))
        {
            return next(context);
        }

        var carriesBody = request.ContentLength > 0 || request.Headers.ContainsKey(HeaderNames.TransferEncoding) || request.ContentType is not null;
        if (!HttpMethods.IsPost(request.Method) && !carriesBody)
        {
            return next(context);
        }

        context.Response.StatusCode = StatusCodes.Status415UnsupportedMediaType;
        return ApiProblems.WriteStatusAsync(context);
    }

    private bool IsMachineRoute(PathString path) => _machineRoutes.Any(route => path.Equals(route, StringComparison.OrdinalIgnoreCase));

    private static bool Changes(string method) =>
        HttpMethods.IsPost(method) || HttpMethods.IsPut(method) || HttpMethods.IsPatch(method) || HttpMethods.IsDelete(method);
}

/// <summary>
/// An API route that takes another media type and authenticates without cookies (a bearer token),
/// so no browser can forge a request to it: <see cref="JsonOnlyApi"/> lets its requests through and
/// the endpoint checks the media type itself.
/// </summary>
public sealed record MachineApiRoute(PathString Path);
