using System.Text;
using Tunda.Mail.Parsing;

namespace Tunda.Mail.Tests.Parsing;

/// <summary>Parses a message written inline in a test; LF line endings become CRLF unless asked otherwise.</summary>
internal static class Parse
{
    public static readonly DateTimeOffset ArrivedAt = new(2026, 12, 3, 9, 0, 0, TimeSpan.Zero);

    public static ParsedMessage Message(string text, bool crlf = true, MimeParserLimits? limits = null) =>
        Bytes(Encoding.UTF8.GetBytes(crlf ? text.Replace("\n", "\r\n", StringComparison.Ordinal) : text), limits);

    /// <summary>For 8-bit tests: each char below 256 becomes that byte.</summary>
    public static ParsedMessage Latin1(string text) => Bytes(Encoding.Latin1.GetBytes(text.Replace("\n", "\r\n", StringComparison.Ordinal)));

    public static ParsedMessage Bytes(byte[] bytes, MimeParserLimits? limits = null) => MimeParser.Parse(bytes, ArrivedAt, limits);
}
