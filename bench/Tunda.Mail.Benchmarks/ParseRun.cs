using System.Diagnostics;
using Tunda.Mail.Classification;
using Tunda.Mail.Parsing;

namespace Tunda.Mail.Benchmarks;

/// <summary>One measured row: how many messages, how many bytes, how long (wall clock and on-CPU time of the thread), how much allocated.</summary>
internal sealed record ParseResult(string Workload, int Messages, long Bytes, TimeSpan Elapsed, TimeSpan CpuTime, long AllocatedBytes, int Quarantined)
{
    public double MessagesPerSecond => Messages / Elapsed.TotalSeconds;

    /// <summary>What one core does when the thread has it to itself: robust to other work on a shared machine.</summary>
    public double MessagesPerCpuSecond => Messages / CpuTime.TotalSeconds;

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
        var cpuBefore = ThreadCpuTime();
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
        var cpu = ThreadCpuTime() - cpuBefore;
        return new ParseResult(workload, messages.Count, bytes, clock.Elapsed, cpu, GC.GetAllocatedBytesForCurrentThread() - allocatedBefore, quarantined);
    }

    /// <summary>The fastest of several rounds: the least disturbed by the other processes sharing the cores.</summary>
    public static ParseResult Best(int rounds, Func<ParseResult> run) =>
        Enumerable.Range(0, rounds).Select(_ => run()).MinBy(r => r.CpuTime)!;

    /// <summary>The calling thread's time on a CPU (Linux schedstat, nanoseconds): waiting for a core does not count.</summary>
    private static TimeSpan ThreadCpuTime() =>
        TimeSpan.FromTicks(long.Parse(File.ReadAllText("/proc/thread-self/schedstat").Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture) / 100);
}
