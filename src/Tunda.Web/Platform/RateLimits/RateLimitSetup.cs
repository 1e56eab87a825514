using System.Globalization;
using System.Threading.RateLimiting;

namespace Tunda.Web.Platform.RateLimits;

public static class RateLimitSetup
{
    /// <summary>
    /// One fixed-window policy per name in <see cref="RateLimitPolicies.Defaults"/>. A rejected
    /// request gets 429 with Retry-After and no body; the status code pages then answer with a
    /// problem under /api and with the localised page elsewhere.
    /// </summary>
    public static IServiceCollection AddTundaRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = (context, _) =>
            {
                if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                {
                    context.HttpContext.Response.Headers.RetryAfter =
                        Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                }

                return ValueTask.CompletedTask;
            };
            foreach (var name in RateLimitPolicies.Defaults.Keys)
            {
                var limit = RateLimit.From(configuration, name);
                options.AddPolicy(name, context => IsReadOnly(context) ? RateLimitPartition.GetNoLimiter(string.Empty) : RateLimitPartition.GetFixedWindowLimiter(
                    ClientAddress(context),
                    _ => new FixedWindowRateLimiterOptions
                    {
                        PermitLimit = limit.PermitLimit,
                        Window = TimeSpan.FromSeconds(limit.WindowSeconds),
                        QueueLimit = 0,
                    }));
            }
        });
        return services;
    }

    // A policy on a page limits what the page's form does; showing the page (or the error page a
    // rejected POST leads to) is never counted, so a visitor who hit the limit can still read why.
    private static bool IsReadOnly(HttpContext context) =>
        HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method) || HttpMethods.IsOptions(context.Request.Method);

    // Behind a reverse proxy this is the proxy's address unless forwarded headers are configured
    // for it; all clients would then share one partition.
    private static string ClientAddress(HttpContext context) =>
        context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
}
