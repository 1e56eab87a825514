using System.Globalization;
using System.Text;

namespace Tunda.Mail.Imap;

/// <summary>Writes UIDs as an IMAP sequence set, runs collapsed: 1,2,3,7 → "1:3,7".</summary>
internal static class UidSet
{
    public static string Format(IEnumerable<long> uids)
    {
        var sorted = uids.Distinct().Order().ToList();
        if (sorted.Count == 0 || sorted[0] <= 0)
        {
            throw new ArgumentException("A UID set needs at least one positive UID.", nameof(uids));
        }

        var set = new StringBuilder();
        for (var i = 0; i < sorted.Count; i++)
        {
            var start = sorted[i];
            while (i + 1 < sorted.Count && sorted[i + 1] == sorted[i] + 1)
            {
                i++;
            }

            set.Append(set.Length > 0 ? "," : "").Append(start.ToString(CultureInfo.InvariantCulture));
            if (sorted[i] != start)
            {
                set.Append(':').Append(sorted[i].ToString(CultureInfo.InvariantCulture));
            }
        }

        return set.ToString();
    }
}
