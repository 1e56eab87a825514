using Tunda.Mail.Parsing;

namespace Tunda.Web.Features.Inbound;

/// <summary>Settings of mail intake (section <c>Tunda:Inbound</c>).</summary>
public sealed class InboundOptions
{
    public const string Section = "Tunda:Inbound";

    /// <summary>
    /// The bearer token of <c>POST /api/inbound/mail</c>. Unset: the endpoint refuses everything, so
    /// no deployment accepts anonymous mail by forgetting a setting.
    /// </summary>
    public string? HttpToken { get; set; }

    /// <summary>The authserv-id our own MTA writes in Authentication-Results; other ids are not trusted.</summary>
    public string? TrustedAuthServId { get; set; }

    /// <summary>
    /// The most bytes one message may have to be stored whole: twice the parser's limit, so a message
    /// just over that limit is still kept (and quarantined by the parser). HTTP answers 413 above it;
    /// the pipe keeps the first <see cref="TruncatedKeepBytes"/> in quarantine and exits 65.
    /// </summary>
    public long MaxMessageBytes { get; set; } = MimeParserLimits.Default.MaxMessageBytes * 2;

    /// <summary>How much of an over-size piped message is kept, so staff can see what it was.</summary>
    public const int TruncatedKeepBytes = 64 * 1024;
}
