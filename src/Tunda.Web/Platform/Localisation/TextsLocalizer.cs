using System.Globalization;
using Microsoft.Extensions.Localization;

namespace Tunda.Web.Platform.Localisation;

/// <summary>
/// <see cref="Texts"/> behind ASP.NET Core's localiser interfaces, so data annotations
/// (<c>[Display(Name = "field.email")]</c>, <c>[Required(ErrorMessage = "validation.required")]</c>)
/// and any <c>IStringLocalizer</c> read the same catalogue. One catalogue serves every type.
/// </summary>
public sealed class TextsLocalizer(Texts texts, TextCatalogue catalogue) : IStringLocalizer
{
    public LocalizedString this[string name] => Lookup(name, []);

    public LocalizedString this[string name, params object[] arguments] => Lookup(name, arguments);

    public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures)
    {
        var culture = CultureInfo.CurrentUICulture;
        var keys = catalogue.Entries(culture.TwoLetterISOLanguageName).Keys.AsEnumerable();
        if (includeParentCultures)
        {
            keys = keys.Union(catalogue.Entries(Languages.Italian).Keys);
        }

        return keys.Select(key => Lookup(key, []));
    }

    private LocalizedString Lookup(string name, object[] arguments)
    {
        var culture = CultureInfo.CurrentUICulture;
        return new LocalizedString(name, texts.In(culture, name, arguments), resourceNotFound: !texts.Has(culture, name));
    }
}

public sealed class TextsLocalizerFactory(TextsLocalizer localizer) : IStringLocalizerFactory
{
    public IStringLocalizer Create(Type resourceSource) => localizer;

    public IStringLocalizer Create(string baseName, string location) => localizer;
}
