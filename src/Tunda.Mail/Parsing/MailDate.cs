using System.Text;
using System.Text.RegularExpressions;
using MimeKit.Utils;

namespace Tunda.Mail.Parsing;

/// <summary>
/// The Date header as MimeKit's <see cref="DateUtils"/> reads it, with two corrections: an offset written
/// "+01:00" keeps its hours (MimeKit would drop it), and an impossible time of day ("25:61") makes the
/// date unreadable instead of being silently dropped, so the arrival time is used.
/// </summary>
internal static partial class MailDate
{
    public static bool TryParse(byte[] rawValue, out DateTimeOffset date)
    {
        var text = Encoding.Latin1.GetString(rawValue);
        date = default;
        if (ImpossibleTime().IsMatch(text))
        {
            return false;
        }

        var normalized = OffsetWithColon().Replace(text, "${sign}${hours}${minutes}");
        return DateUtils.TryParse(normalized, out date);
    }

    [GeneratedRegex(@"(?<![0-9:])(?:(?:2[4-9]|[3-9][0-9]):[0-9]{2}|[0-9]{1,2}:[6-9][0-9])(?![0-9])")]
    private static partial Regex ImpossibleTime();

    [GeneratedRegex(@"(?<sign>[+-])(?<hours>[0-9]{2}):(?<minutes>[0-9]{2})(?=\s*(?:\(.*\))?\s*$)")]
    private static partial Regex OffsetWithColon();
}
