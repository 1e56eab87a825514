using System.Globalization;
using System.Text.Json;

namespace Tunda.Web.Platform.Localisation;

/// <summary>
/// The texts of every language, loaded once from the JSON files embedded from Resources/
/// (flat objects: <c>{ "nav.login": "Accedi" }</c>).
/// </summary>
public sealed class TextCatalogue
{
    private readonly Dictionary<string, IReadOnlyDictionary<string, string>> _languages;

    public TextCatalogue(IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> languages)
    {
        _languages = languages.ToDictionary(pair => pair.Key, pair => pair.Value, StringComparer.OrdinalIgnoreCase);
        if (!_languages.ContainsKey(Languages.Italian))
        {
            throw new InvalidOperationException("The text catalogue has no Italian texts: Italian is the fallback of every other language.");
        }
    }

    public IReadOnlyCollection<string> LanguageCodes => _languages.Keys;

    public IReadOnlyDictionary<string, string> Entries(string language) =>
        _languages.TryGetValue(language, out var entries) ? entries : new Dictionary<string, string>();

    /// <summary>The text in the culture's language, else in Italian, else null.</summary>
    public string? Find(CultureInfo culture, string key)
    {
        var language = culture.TwoLetterISOLanguageName;
        if (_languages.TryGetValue(language, out var entries) && entries.TryGetValue(key, out var text))
        {
            return text;
        }

        return _languages[Languages.Italian].TryGetValue(key, out var italian) ? italian : null;
    }

    /// <summary>
    /// Reads, for every supported language, <c>Resources/&lt;code&gt;.json</c> and every feature's own
    /// <c>Resources/&lt;feature&gt;.&lt;code&gt;.json</c> from this assembly, so features never edit one
    /// shared file. A key defined twice is a startup error, not a silent override.
    /// </summary>
    public static TextCatalogue LoadEmbedded()
    {
        var assembly = typeof(TextCatalogue).Assembly;
        var resources = assembly.GetManifestResourceNames();
        var languages = new Dictionary<string, IReadOnlyDictionary<string, string>>();
        foreach (var code in Languages.Supported)
        {
            var main = $"{Prefix}{code}.json";
            if (!resources.Contains(main))
            {
                throw new InvalidOperationException($"Embedded text catalogue {main} is missing.");
            }

            var entries = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var name in resources.Where(n => n == main || (n.StartsWith(Prefix, StringComparison.Ordinal) && n.EndsWith($".{code}.json", StringComparison.Ordinal))).Order(StringComparer.Ordinal))
            {
                using var stream = assembly.GetManifestResourceStream(name)!;
                foreach (var (key, text) in Parse(stream, name))
                {
                    if (!entries.TryAdd(key, text))
                    {
                        throw new InvalidOperationException($"Text key '{key}' is defined twice for '{code}' (again in {name}).");
                    }
                }
            }

            languages[code] = entries;
        }

        return new TextCatalogue(languages);
    }

    private const string Prefix = "Tunda.Web.Resources.";

    private static Dictionary<string, string> Parse(Stream stream, string name)
    {
        try
        {
            return JsonSerializer.Deserialize<Dictionary<string, string>>(stream)
                ?? throw new InvalidOperationException($"Text catalogue {name} is empty.");
        }
        catch (JsonException ex)
        {
            throw new InvalidOperationException($"Text catalogue {name} is not a flat JSON object of strings: {ex.Message}", ex);
        }
    }
}
