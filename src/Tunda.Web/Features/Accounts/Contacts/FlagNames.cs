namespace Tunda.Web.Features.Accounts.Contacts;

/// <summary>
/// Permissions and notifications as the forms and the API show them: one name per flag
/// ("Invoices"), never the combined values the enums also define (None, All).
/// </summary>
public static class FlagNames
{
    public static IReadOnlyList<T> Singles<T>() where T : struct, Enum =>
        [.. Enum.GetValues<T>().Where(flag => IsSingle(Convert.ToInt64(flag, System.Globalization.CultureInfo.InvariantCulture)))];

    public static IReadOnlyList<string> Names<T>(T value) where T : struct, Enum =>
        [.. Singles<T>().Where(flag => value.HasFlag(flag)).Select(flag => flag.ToString())];

    public static T Combine<T>(IEnumerable<T>? flags) where T : struct, Enum
    {
        long combined = 0;
        foreach (var flag in flags ?? [])
        {
            combined |= Convert.ToInt64(flag, System.Globalization.CultureInfo.InvariantCulture);
        }

        return (T)Enum.ToObject(typeof(T), combined);
    }

    private static bool IsSingle(long value) => value != 0 && (value & (value - 1)) == 0;
}
