using System.Globalization;

namespace Tunda.Mail.Parsing;

/// <summary>
/// Reads the Date header in RFC 5322 form and in the broken forms real mailers send: no weekday, a
/// wrong weekday, two-digit years, named zones, "+0100 (CET)", no seconds, asctime order, ISO 8601.
/// Never throws; false when no date can be made out.
/// </summary>
internal static class MailDateParser
{
    // English first; then the Italian and German abbreviations some local mailers write.
    private static readonly Dictionary<string, int> Months = new(StringComparer.OrdinalIgnoreCase)
    {
        ["jan"] = 1, ["feb"] = 2, ["mar"] = 3, ["apr"] = 4, ["may"] = 5, ["jun"] = 6, ["jul"] = 7, ["aug"] = 8, ["sep"] = 9, ["oct"] = 10, ["nov"] = 11, ["dec"] = 12,
        ["gen"] = 1, ["mag"] = 5, ["giu"] = 6, ["lug"] = 7, ["ago"] = 8, ["set"] = 9, ["ott"] = 10, ["dic"] = 12,
        ["mär"] = 3, ["mai"] = 5, ["okt"] = 10, ["dez"] = 12,
    };

    private static readonly Dictionary<string, int> ZoneMinutes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["UT"] = 0, ["UTC"] = 0, ["GMT"] = 0, ["Z"] = 0, ["WET"] = 0, ["BST"] = 60,
        ["CET"] = 60, ["MET"] = 60, ["CEST"] = 120, ["MEST"] = 120, ["EET"] = 120, ["EEST"] = 180,
        ["EST"] = -300, ["EDT"] = -240, ["CST"] = -360, ["CDT"] = -300,
        ["MST"] = -420, ["MDT"] = -360, ["PST"] = -480, ["PDT"] = -420,
        ["JST"] = 540, ["IST"] = 330, ["AEST"] = 600, ["AEDT"] = 660,
    };

    public static bool TryParse(string? value, out DateTimeOffset date)
    {
        date = default;
        if (string.IsNullOrWhiteSpace(value) || value.Length > 200)
        {
            return false;
        }

        var text = ContentTypeReader.WithoutComments(value).Trim();
        return TryIso(text, out date) || TryTokens(text, out date);
    }

    private static bool TryIso(string text, out DateTimeOffset date)
    {
        date = default;
        return text.Length >= 10 && char.IsAsciiDigit(text[0]) && text.Length > 4 && text[4] == '-'
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out date);
    }

    private static bool TryTokens(string text, out DateTimeOffset date)
    {
        date = default;
        int? day = null, month = null, year = null, offset = null;
        (int H, int M, int S)? time = null;
        foreach (var raw in Tokens(text))
        {
            var token = raw.Trim('.');
            if (token.Length == 0)
            {
                continue;
            }

            if (token.Contains(':', StringComparison.Ordinal) && time is null && char.IsAsciiDigit(token[0]))
            {
                if (!TryTime(token, out var t))
                {
                    return false;
                }

                time = t;
            }
            else if (token[0] is '+' or '-' && token.Length > 1 && offset is null)
            {
                offset = NumericZone(token);
            }
            else if (char.IsAsciiDigit(token[0]) && int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
            {
                if (day is null && token.Length <= 2 && number is >= 1 and <= 31)
                {
                    day = number;
                }
                else if (year is null)
                {
                    year = token.Length <= 2 ? (number < 50 ? 2000 + number : 1900 + number) : token.Length == 3 ? 1900 + number : number;
                }
            }
            else if (month is null && MonthOf(token) is int m)
            {
                month = m;
            }
            else if (offset is null && ZoneMinutes.TryGetValue(token, out var minutes))
            {
                offset = minutes;
            }
        }

        if (day is null || month is null || year is null || year < 1900 || year > 9999 || day > DateTime.DaysInMonth(year.Value, month.Value))
        {
            return false;
        }

        var (h, min, s) = time ?? (0, 0, 0);
        var local = new DateTime(year.Value, month.Value, day.Value, h, min, s, DateTimeKind.Unspecified);
        date = new DateTimeOffset(local, TimeSpan.FromMinutes(offset ?? 0));
        return true;
    }

    /// <summary>Words of the date; "3-Dec-2026" is split into its parts, a leading sign of a zone is kept.</summary>
    private static IEnumerable<string> Tokens(string text)
    {
        foreach (var word in text.Split([' ', ',', '\t'], StringSplitOptions.RemoveEmptyEntries))
        {
            if (word.IndexOf('-', 1) > 0 && !word.Contains(':', StringComparison.Ordinal))
            {
                foreach (var part in word.Split('-', StringSplitOptions.RemoveEmptyEntries))
                {
                    yield return part;
                }
            }
            else
            {
                yield return word;
            }
        }
    }

    private static bool TryTime(string token, out (int, int, int) time)
    {
        time = default;
        var parts = token.Split(':');
        if (parts.Length is < 2 or > 3)
        {
            return false;
        }

        var seconds = 0;
        var ok = int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var hours)
            & int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var minutes)
            & (parts.Length == 2 || int.TryParse(parts[2].Split('.')[0], NumberStyles.None, CultureInfo.InvariantCulture, out seconds));
        if (!ok || hours > 23 || minutes > 59 || seconds > 60)
        {
            return false;
        }

        time = (hours, minutes, Math.Min(seconds, 59));
        return true;
    }

    /// <summary>"+0100", "-05", "+01:00"; null when it is not one or lies beyond ±14 hours.</summary>
    private static int? NumericZone(string token)
    {
        var digits = token[1..].Replace(":", "", StringComparison.Ordinal);
        if (digits.Length is not (2 or 4) || !int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            return null;
        }

        var minutes = digits.Length == 2 ? value * 60 : (value / 100 * 60) + (value % 100);
        return minutes > 14 * 60 || value % 100 > 59 && digits.Length == 4 ? null : token[0] == '-' ? -minutes : minutes;
    }

    private static int? MonthOf(string token)
    {
        if (token.Length < 3)
        {
            return null;
        }

        return Months.TryGetValue(token[..3], out var month) ? month : null;
    }
}
