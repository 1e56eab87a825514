using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace Tunda.Web.Platform.Links;

/// <summary><c>Tunda:PublicBaseUrl</c>: the address customers reach the portal at.</summary>
public sealed class PublicUrlOptions
{
    public const string Section = "Tunda";

    public const string DevelopmentDefault = "http://localhost:5080";

    public string? PublicBaseUrl { get; set; }
}

/// <summary>
/// Absolute links for e-mails, built only from the configured public address. Never from the
/// request's Host header: an attacker could set it and receive a victim's reset link.
/// </summary>
public sealed class PublicUrls
{
    private readonly Uri _base;

    public PublicUrls(IOptions<PublicUrlOptions> options)
    {
        _base = Parse(options.Value.PublicBaseUrl);
    }

    public Uri BaseUrl => _base;

    /// <summary>E.g. <c>Link("/reimposta-password", new() { ["token"] = token })</c>.</summary>
    public Uri Link(string path, IReadOnlyDictionary<string, string?>? query = null)
    {
        if (!path.StartsWith('/') || path.StartsWith("//", StringComparison.Ordinal))
        {
            throw new ArgumentException($"Link paths are site-relative and start with one '/': '{path}'.", nameof(path));
        }

        var relative = query is null ? path : QueryHelpers.AddQueryString(path, query);
        return new Uri(_base.GetLeftPart(UriPartial.Authority) + _base.AbsolutePath.TrimEnd('/') + relative);
    }

    internal static Uri Parse(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new InvalidOperationException(
                "Tunda:PublicBaseUrl is not set: it is the portal's public address (e.g. https://area.example.it), used for every link in e-mails.");
        }

        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
            || !string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment))
        {
            throw new InvalidOperationException($"Tunda:PublicBaseUrl must be an absolute http(s) address without query or fragment, not '{value}'.");
        }

        return uri;
    }
}
