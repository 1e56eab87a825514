namespace Tunda.Web.Platform.Headers;

/// <summary>
/// Security headers on every response, including error pages and problems: they are added when
/// the response starts, because the exception handler clears headers set earlier.
/// </summary>
public sealed class SecurityHeaders(RequestDelegate next)
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; img-src 'self' data:; script-src 'self'; style-src 'self'; frame-ancestors 'none'; " +
        "form-action 'self'; base-uri 'none'; object-src 'none'";

    public const string PermissionsPolicy =
        "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=()";

    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(static state =>
        {
            var context = (HttpContext)state;
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "same-origin";
            headers["Permissions-Policy"] = PermissionsPolicy;

            // What a signed-in user sees is theirs alone: no shared or back-button cache keeps it.
            if (context.User.Identity?.IsAuthenticated == true)
            {
                NoStore.Apply(context.Response);
            }

            return Task.CompletedTask;
        }, context);
        return next(context);
    }
}

public static class NoStore
{
    public static void Apply(HttpResponse response)
    {
        response.Headers.CacheControl = "no-store";
        response.Headers.Pragma = "no-cache";
    }
}
