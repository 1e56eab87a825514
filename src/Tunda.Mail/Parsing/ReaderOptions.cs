using System.Text;
using MimeKit;

namespace Tunda.Mail.Parsing;

/// <summary>
/// How MimeKit is asked to read inbound mail: as leniently as real senders need (loose addresses,
/// parameters and encoded words, undeclared 8-bit text read as windows-1252) and never deeper than
/// one level past Tunda's nesting limit, so the reader sees the excess and quarantines the message.
/// </summary>
internal static class ReaderOptions
{
    public static readonly Encoding Windows1252;

    private static readonly ParserOptions DefaultOptions;

    static ReaderOptions()
    {
        Windows1252 = Encoding.GetEncoding(1252);
        DefaultOptions = Create(MimeParserLimits.Default);
    }

    public static ParserOptions For(MimeParserLimits limits) =>
        limits.MaxNestingDepth == MimeParserLimits.Default.MaxNestingDepth ? DefaultOptions : Create(limits);

    private static ParserOptions Create(MimeParserLimits limits) => new()
    {
        AddressParserComplianceMode = RfcComplianceMode.Looser,
        ParameterComplianceMode = RfcComplianceMode.Looser,
        Rfc2047ComplianceMode = RfcComplianceMode.Looser,
        AllowUnquotedCommasInAddresses = true,
        AllowAddressesWithoutDomain = false,
        CharsetEncoding = Windows1252,
        RespectContentLength = false,
        MaxMimeDepth = limits.MaxNestingDepth + 2,
    };
}
