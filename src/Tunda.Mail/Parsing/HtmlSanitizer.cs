namespace Tunda.Mail.Parsing;

internal static class HtmlSanitizer
{
    public static string Sanitize(string html) => System.Net.WebUtility.HtmlEncode(html);
}
