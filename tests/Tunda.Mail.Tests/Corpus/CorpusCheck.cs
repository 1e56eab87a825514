using Tunda.Mail.Classification;
using Tunda.Mail.Parsing;

namespace Tunda.Mail.Tests.Corpus;

/// <summary>Reads a message the way intake does (parse, classify, strip the quoted reply) and compares it with its expected result.</summary>
internal static class CorpusCheck
{
    /// <summary>The arrival time every corpus message is parsed with: the date expected when the header cannot be read.</summary>
    public static readonly DateTimeOffset ArrivedAt = new(2026, 12, 3, 9, 0, 0, TimeSpan.Zero);

    public static readonly MailClassifierOptions Options = new() { TrustedAuthServId = "mx.tunda.it" };

    public static IReadOnlyList<string> Mismatches(byte[] raw, ExpectedResult expected)
    {
        var message = MimeParser.Parse(raw, ArrivedAt);
        var classification = MailClassifier.Classify(message, Options);
        var strippedReply = ReplyText.StripQuoted(message.TextBody);
        return expected.Mismatches(message, classification, strippedReply, MimeParser.ReadMessageId(raw));
    }
}
