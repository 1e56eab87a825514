using System.Diagnostics;
using Tunda.Mail.Classification;
using Tunda.Mail.Parsing;

namespace Tunda.Mail.Benchmarks;

/// <summary>One measured row: how many messages, how many bytes, how long, how much allocated.</summary>
internal sealed record ParseResult(string Workload, int Messages, long Bytes, TimeSpan Elapsed, long AllocatedBytes, int Quarantined)
{
    public double MessagesPerSecond => Messages / Elapsed.TotalSeconds;

    public double MegabytesPerSecond => Bytes / 1_000_000.0 / Elapsed.TotalSeconds;

    public double AllocatedPerMessageKilobytes => AllocatedBytes / 1_000.0 / Messages;
}

/// <summary>Parses a list of raw messages back to back on one thread, optionally classifying and stripping each as intake does.</summary>
internal static class ParseRun
{
    private static readonly DateTimeOffset ArrivedAt = new(2026, 12, 3, 9, 0, 0, TimeSpan.Zero);
    private static readonly MailClassifierOptions Options = new() { TrustedAuthServId = "mx.tunda.it" };

    public static ParseResult Measure(string workload, IReadOnlyList<byte[]> messages, bool classify)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var bytes = 0L;
        var quarantined = 0;
        var clock = Stopwatch.StartNew();
        foreach (var raw in messages)
        {
            var message = MimeParser.Parse(raw, ArrivedAt);
            if (classify)
            {
                MailClassifier.Classify(message, Options);
                ReplyText.StripQuoted(message.TextBody);
            }

            bytes += raw.Length;
            quarantined += message.QuarantineReason is null ? 0 : 1;
        }

        clock.Stop();
        return new ParseResult(workload, messages.Count, bytes, clock.Elapsed, GC.GetAllocatedBytesForCurrentThread() - allocatedBefore, quarantined);
    }

    /// <summary>The fastest of several rounds: the least disturbed by the other processes sharing the cores.</summary>
    public static ParseResult Best(int rounds, Func<ParseResult> run) =>
        Enumerable.Range(0, rounds).Select(_ => run()).MinBy(r => r.Elapsed)!;
}
