using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Microsoft.OpenApi;
using Npgsql;
using Tunda.Web.Configuration;
using Tunda.Web.Platform.Api;
using Tunda.Web.Security;

namespace Tunda.Web.Features.Inbound;

/// <summary>
/// <c>POST /api/inbound/mail</c>: an MTA or relay hands over one raw message (<c>message/rfc822</c>)
/// with the configured bearer token; 202 once the bytes are stored and queued. A machine endpoint:
/// no cookies, no antiforgery (a browser cannot attach the token cross-site).
/// </summary>
public static class InboundMailApi
{
    public const string Route = "/api/inbound/mail";
    public const string MediaType = "message/rfc822";

    /// <param name="Duplicate">True when this message was already stored (same Message-ID, or same bytes without one): nothing new was queued.</param>
    public sealed record Stored(Guid Id, string Sha256, bool Duplicate);

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapApi("/inbound", "Inbound mail")
            .MapPost("/mail", ReceiveAsync)
            .WithSummary("Receive one e-mail message (raw RFC 5322 bytes, Content-Type message/rfc822, bearer token)")
            // Not .Accepts(): routing would then answer a wrong media type with its own 415, before the token is checked.
            .AddOpenApiOperationTransformer((operation, _, _) =>
            {
                operation.RequestBody = new OpenApiRequestBody
                {
                    Required = true,
                    Description = "The message exactly as received (RFC 5322).",
                    Content = new Dictionary<string, OpenApiMediaType> { [MediaType] = new() { Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" } } },
                };
                return Task.CompletedTask;
            })
            .Produces<Stored>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .DisableAntiforgery();
    }

    private static async Task<IResult> ReceiveAsync(HttpContext http, InboundMailIntake intake, MessagingStartup messaging, IOptions<InboundOptions> options)
    {
        var settings = options.Value;
        if (string.IsNullOrEmpty(settings.HttpToken))
        {
            return InboundProblems.Problem(StatusCodes.Status403Forbidden, "http_disabled");
        }

        if (!SecretValues.BearerMatches(http.Request, settings.HttpToken))
        {
            http.Response.Headers.WWWAuthenticate = "Bearer";
            return InboundProblems.Problem(StatusCodes.Status401Unauthorized, "unauthorized");
        }

        if (!MediaTypeHeaderValue.TryParse(http.Request.ContentType, out var type) || !type.MediaType.Equals(MediaType, StringComparison.OrdinalIgnoreCase))
        {
            return InboundProblems.Problem(StatusCodes.Status415UnsupportedMediaType, "media_type");
        }

        var raw = await ReadBodyAsync(http, settings.MaxMessageBytes);
        if (raw is null)
        {
            return InboundProblems.Problem(StatusCodes.Status413PayloadTooLarge, "too_large", p => p.Extensions["maxBytes"] = settings.MaxMessageBytes);
        }

        // Messaging starts once the database answers; until then nothing can be stored.
        if (!messaging.IsRunning)
        {
            return Unavailable(http);
        }

        InboundReceipt receipt;
        try
        {
            receipt = await intake.StoreAsync(raw, InboundChannel.Http, $"http {http.Connection.RemoteIpAddress?.ToString() ?? "(no address)"}", http.RequestAborted);
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            return Unavailable(http);
        }

        return UnreadableMail.Reason(raw) is { } reason
            ? InboundProblems.Problem(StatusCodes.Status422UnprocessableEntity, "unreadable", p =>
            {
                p.Extensions["id"] = receipt.Id;
                p.Extensions["reason"] = reason;
            })
            : Results.Json(new Stored(receipt.Id, receipt.Sha256, receipt.Duplicate), statusCode: StatusCodes.Status202Accepted);
    }

    /// <summary>The sender keeps the message and tries again, as an MTA does after a 4xx.</summary>
    private static IResult Unavailable(HttpContext http)
    {
        http.Response.Headers.RetryAfter = "60";
        return InboundProblems.Problem(StatusCodes.Status503ServiceUnavailable, "unavailable");
    }

    /// <summary>The whole body, or null when it is longer than <paramref name="limit"/> (declared or counted).</summary>
    private static async Task<byte[]?> ReadBodyAsync(HttpContext http, long limit)
    {
        if (http.Request.ContentLength > limit)
        {
            return null;
        }

        if (http.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            // The server's own cap (Kestrel: 30 MB) would cut a legitimate large message short.
            size.MaxRequestBodySize = limit + 1;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await http.Request.Body.ReadAsync(chunk, http.RequestAborted)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
