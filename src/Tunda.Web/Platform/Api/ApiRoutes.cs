using Tunda.Web.Platform.Input;

namespace Tunda.Web.Platform.Api;

/// <summary>Where the JSON API lives and how features add to it.</summary>
public static class ApiRoutes
{
    public const string Prefix = "/api";

    public static bool IsApi(HttpRequest request) => IsApi(request.Path);

    public static bool IsApi(PathString path) => path.StartsWithSegments(Prefix, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// A route group under <c>/api</c> (e.g. <c>endpoints.MapApi("/customers")</c>) whose endpoints
    /// are described in the OpenAPI document and answer errors as problem+json.
    /// </summary>
    public static RouteGroupBuilder MapApi(this IEndpointRouteBuilder endpoints, string path = "", string? tag = null)
    {
        var group = endpoints.MapGroup(Prefix + path).CheckTextArguments();
        if (tag is not null)
        {
            group.WithTags(tag);
        }

        group.ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        group.ProducesProblem(StatusCodes.Status500InternalServerError);
        return group;
    }
}
