using System.Globalization;

namespace Tunda.Web.Platform.Formatting;

/// <summary>Dates as people in Italy read them ("7 dic 2026, 14:05"), in Italian time, in the page's language.</summary>
public static class DisplayFormats
{
    private static readonly TimeZoneInfo Italy = TimeZoneInfo.FindSystemTimeZoneById("Europe/Rome");

    public static string DateTime(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, Italy).ToString("d MMM yyyy, HH:mm", CultureInfo.CurrentCulture);

    /// <summary>The machine-readable value for a &lt;time datetime&gt; attribute.</summary>
    public static string Iso(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
}
