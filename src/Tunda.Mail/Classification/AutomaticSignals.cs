using Tunda.Mail.Parsing;

namespace Tunda.Mail.Classification;

/// <summary>The header and sender signals of mail written by a program (RFC 3834 and the common non-standard ones).</summary>
internal static class AutomaticSignals
{
    // Headers that vacation responders add (Zimbra, cPanel, Postfix vacation, various webmails).
    private static readonly string[] AutoReplyHeaders = ["X-Autoreply", "X-Autorespond", "X-AutoReply-From", "X-Mail-Autoreply"];

    private static readonly string[] RobotLocalParts =
        ["mailer-daemon", "postmaster", "noreply", "no-reply", "no_reply", "donotreply", "do-not-reply", "do_not_reply"];

    public static IEnumerable<Signal> Read(ParsedMessage message)
    {
        var headers = message.Headers;
        var signals = new List<Signal>();
        var autoSubmitted = headers["Auto-Submitted"];
        var autoSubmittedKeyword = StructuredValue.FirstKeyword(autoSubmitted);
        if (autoSubmittedKeyword is not ("" or "no"))
        {
            signals.Add(new(MailKind.AutoReply, $"Auto-Submitted: {StructuredValue.Shown(autoSubmitted!)}"));
        }

        var precedence = StructuredValue.FirstKeyword(headers["Precedence"]);
        if (precedence is "bulk" or "junk" or "list")
        {
            signals.Add(new(MailKind.Bulk, $"Precedence: {precedence}"));
        }
        else if (precedence is "auto_reply" or "auto-reply")
        {
            signals.Add(new(MailKind.AutoReply, $"Precedence: {precedence}"));
        }

        var autoReplyHeaders = AutoReplyHeaders.Where(h => headers[h] is { } v && StructuredValue.FirstKeyword(v) is not ("no" or "false")).ToList();
        signals.AddRange(autoReplyHeaders.Select(h => new Signal(MailKind.AutoReply, $"{h} present")));
        if (headers["X-Loop"] is { } loop)
        {
            signals.Add(new(MailKind.AutoReply, $"X-Loop: {StructuredValue.Shown(loop)}"));
        }

        var exchangeRule = headers.Contains("X-MS-Exchange-Inbox-Rules-Loop");
        if (exchangeRule)
        {
            signals.Add(new(MailKind.AutoReply, "X-MS-Exchange-Inbox-Rules-Loop present (sent by an Exchange inbox rule)"));
        }

        foreach (var list in (string[])["List-Id", "List-Unsubscribe"])
        {
            if (headers.Contains(list))
            {
                signals.Add(new(MailKind.Bulk, $"{list} present"));
            }
        }

        // Return-Path is written by the final MTA from the envelope sender; the topmost one is that MTA's.
        if (headers["Return-Path"] is { } returnPath && StructuredValue.WithoutComments(returnPath).Replace(" ", "", StringComparison.Ordinal).Trim() == "<>")
        {
            signals.Add(new(MailKind.AutoReply, "Return-Path is empty (<>)"));
        }

        var senders = message.From.Append(message.Sender).OfType<InboundMailbox>().Select(m => m.Address).Distinct(StringComparer.OrdinalIgnoreCase);
        foreach (var robot in senders.Where(IsRobot))
        {
            signals.Add(new(MailKind.AutoReply, $"Sent by {StructuredValue.Shown(robot)}"));
        }

        if (OutOfOfficeSubjects.HasAutomaticPrefix(message.Subject))
        {
            signals.Add(new(MailKind.AutoReply, $"Subject starts like an automatic answer (\"{StructuredValue.Shown(message.Subject)}\")"));
        }

        var isAutomatic = signals.Any(s => s.Kind == MailKind.AutoReply);
        var vacation = autoSubmitted?.Contains("vacation", StringComparison.OrdinalIgnoreCase) == true;
        var gmailVacation = autoSubmittedKeyword == "auto-replied" && precedence == "bulk";
        if (OutOfOfficeSubjects.HasPrefix(message.Subject)
            || (isAutomatic && (vacation || gmailVacation || autoReplyHeaders.Count > 0 || OutOfOfficeSubjects.MentionsAbsence(message.Subject))))
        {
            signals.Add(new(MailKind.OutOfOffice, $"Out-of-office answer (subject \"{StructuredValue.Shown(message.Subject)}\")"));
        }

        return signals;
    }

    /// <summary>True when the sender names a robot (mailer-daemon, postmaster, noreply...).</summary>
    public static bool IsRobot(string address) =>
        RobotLocalParts.Contains(StructuredValue.LocalPart(address).Trim('"'), StringComparer.OrdinalIgnoreCase);

    public static bool IsMailerDaemon(ParsedMessage message) =>
        message.From.Any(m => StructuredValue.LocalPart(m.Address).Trim('"') is var local
            && (local.Equals("mailer-daemon", StringComparison.OrdinalIgnoreCase) || local.Equals("postmaster", StringComparison.OrdinalIgnoreCase)));

    /// <summary>X-Auto-Response-Suppress (Exchange) naming automatic answers: the sender asks us not to send one.</summary>
    public static bool AsksNoAutoReply(HeaderList headers) =>
        headers["X-Auto-Response-Suppress"] is { } value
        && value.Split((char[])[',', ' ', '\t'], StringSplitOptions.RemoveEmptyEntries)
            .Any(v => v.Equals("All", StringComparison.OrdinalIgnoreCase) || v.Equals("AutoReply", StringComparison.OrdinalIgnoreCase) || v.Equals("OOF", StringComparison.OrdinalIgnoreCase));
}
