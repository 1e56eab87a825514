using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using MimeKit.Utils;

namespace Tunda.Mail.Parsing;

/// <summary>
/// The Date header as MimeKit's <see cref="DateUtils"/> reads it, after the broken forms real mailers
/// send are put right: a zone name before an offset ("GMT+0100"), an offset with a colon ("+01:00"), the
/// European zone names MimeKit does not know (it would read "CET" as UTC), ISO 8601. An impossible time
/// of day ("25:61") makes the date unreadable instead of being silently dropped, so the arrival time is used.
/// </summary>
internal static partial class MailDate
{
    private static readonly Dictionary<string, string> EuropeanZones = new(StringComparer.OrdinalIgnoreCase)
    {
        ["WET"] = "+0000", ["WEST"] = "+0100", ["CET"] = "+0100", ["MET"] = "+0100", ["CEST"] = "+0200", ["MEST"] = "+0200", ["EET"] = "+0200", ["EEST"] = "+0300",
    };

    public static bool TryParse(byte[] rawValue, out DateTimeOffset date)
    {
        var text = Encoding.Latin1.GetString(rawValue).Trim();
        date = default;
        if (ImpossibleTime().IsMatch(text))
        {
            return false;
        }

        if (IsoDate().IsMatch(text))
        {
            return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out date);
        }

        text = ZoneNameBeforeOffset().Replace(text, "");
        text = OffsetWithColon().Replace(text, "${sign}${hours}${minutes}");
        text = EuropeanZone().Replace(text, m => EuropeanZones[m.Value]);
        return DateUtils.TryParse(text, out date);
    }

    [GeneratedRegex(@"(?<![0-9:])(?:(?:2[4-9]|[3-9][0-9]):[0-9]{2}|[0-9]{1,2}:[6-9][0-9])(?![0-9])")]
    private static partial Regex ImpossibleTime();

    [GeneratedRegex(@"^[0-9]{4}-[0-9]{2}-[0-9]{2}")]
    private static partial Regex IsoDate();

    [GeneratedRegex(@"\b(?:GMT|UTC|UT)(?=[+-][0-9])", RegexOptions.IgnoreCase)]
    private static partial Regex ZoneNameBeforeOffset();

    [GeneratedRegex(@"(?<sign>[+-])(?<hours>[0-9]{2}):(?<minutes>[0-9]{2})(?=\s*(?:\(.*\))?\s*$)")]
    private static partial Regex OffsetWithColon();

    // Only as the zone itself: at the end, not inside a "(CET)" comment after a numeric offset.
    [GeneratedRegex(@"(?<=[0-9]\s+)(?:WET|WEST|CET|MET|CEST|MEST|EET|EEST)(?=\s*$)", RegexOptions.IgnoreCase)]
    private static partial Regex EuropeanZone();
}
