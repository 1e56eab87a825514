using System.Globalization;
using Tunda.Domain;

namespace Tunda.Web.Platform.Localisation;

/// <summary>
/// Localised texts for pages, API answers and e-mails. The indexers use the request's language
/// (<see cref="CultureInfo.CurrentUICulture"/>, set by the localisation middleware); the
/// <c>In</c> methods take the language explicitly (e-mails, error handlers).
/// A key missing in English falls back to Italian, then to the key itself, so a gap shows up
/// on screen instead of failing the request.
/// </summary>
public sealed class Texts(TextCatalogue catalogue)
{
    public string this[string key] => In(CultureInfo.CurrentUICulture, key);

    public string this[string key, params object?[] args] => In(CultureInfo.CurrentUICulture, key, args);

    public string In(CultureInfo culture, string key, params object?[] args)
    {
        var text = catalogue.Find(culture, key) ?? key;
        return args.Length == 0 ? text : string.Format(culture, text, args);
    }

    public bool Has(CultureInfo culture, string key) => catalogue.Find(culture, key) is not null;

    /// <summary>The error's text under <c>error.&lt;code&gt;</c> (with the error's values), else the message the domain wrote.</summary>
    public string Error(DomainError error) => Error(error, CultureInfo.CurrentUICulture);

    public string Error(DomainError error, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(error);
        return catalogue.Find(culture, "error." + error.Code) is { } text
            ? error.Values.Count == 0 ? text : string.Format(culture, text, [.. error.Values])
            : error.Message;
    }
}
