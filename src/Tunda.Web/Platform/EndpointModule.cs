namespace Tunda.Web.Platform;

/// <summary>
/// Endpoints added by a module or a test, mapped with the platform's own after the middleware
/// (headers, localisation, problems, rate limits) is in place.
/// </summary>
public sealed record EndpointModule(Action<IEndpointRouteBuilder> Map);
