namespace Tunda.Mail.Parsing;

internal static class HtmlToText
{
    public static string Convert(string html) => html;
}
