using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Tunda.Bench;
using Tunda.Mail.Benchmarks;
using Tunda.Mail.Tests.Corpus;

// Parse rate of Tunda.Mail's MimeKit-based reader (MimeParser.Parse) over the hand-written corpus (tests/Tunda.Mail.Tests/Messages)
// repeated to N messages, and over the generated 11 MB message. One thread, no database.
// Usage: ./tunda bench mail [--messages 10000] [--rounds 5]
// Writes the top of bench/results/mail.md up to its own "## Parse rate" section; the sections after it
// (the switch to MimeKit, the intake benchmark's) are kept.
const string ParseHeading = "## Parse rate";
var count = Option("--messages", 10_000);
var rounds = Option("--rounds", 5);
var loadAtStart = File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
var root = BenchEnvironment.FindRepositoryRoot();
var corpusFolder = Path.Combine(root, "tests", "Tunda.Mail.Tests", "Messages");
var corpus = Directory.EnumerateFiles(corpusFolder, "*.eml").Order(StringComparer.Ordinal).Select(File.ReadAllBytes).ToList();
var repeated = Enumerable.Range(0, count).Select(i => corpus[i % corpus.Count]).ToList();
var large = GeneratedMessages.LargeMessage();
var largeRepeated = Enumerable.Repeat(large, 5).ToList();

// A full pass of each workload first, so tiered JIT has promoted the hot paths before any row is timed.
ParseRun.Measure("warm-up", repeated, classify: true);
ParseRun.Measure("warm-up", largeRepeated, classify: false);
var results = new List<ParseResult>
{
    ParseRun.Best(rounds, () => ParseRun.Measure($"corpus ({corpus.Count} messages) repeated, parse only", repeated, classify: false)),
    ParseRun.Best(rounds, () => ParseRun.Measure($"corpus ({corpus.Count} messages) repeated, parse + classify + strip reply", repeated, classify: true)),
    ParseRun.Best(rounds, () => ParseRun.Measure($"generated {large.Length / 1_000_000.0:0.0} MB message (8.5 MB base64 attachment), parse only", largeRepeated, classify: false)),
};

var report = new StringBuilder("# Mail benchmarks\n\n");
report.Append(CultureInfo.InvariantCulture, $"`./tunda bench mail --messages {count} --rounds {rounds}`, {DateTime.UtcNow:u}\n\n");
report.Append(CultureInfo.InvariantCulture, $"Machine: {Environment.ProcessorCount} cores (shared with whatever else runs), {RuntimeInformation.OSDescription} {RuntimeInformation.OSArchitecture}, {RuntimeInformation.FrameworkDescription}, Release build; load average at start {loadAtStart} (other work on the machine makes the figures noisy: compare rows of one run).\n\n");
report.Append(ParseHeading).Append("\n\n");
report.Append("`MimeParser.Parse` (MimeKit underneath) on one thread over raw messages already in memory (no I/O, no database). Goal: parse >= 2,000 messages/s on one core. ");
report.Append(CultureInfo.InvariantCulture, $"The corpus is every `.eml` under `tests/Tunda.Mail.Tests/Messages` ({corpus.Count} files, {corpus.Sum(m => (long)m.Length) / 1_000.0:N0} kB, {corpus.Min(m => m.Length):N0} bytes to {corpus.Max(m => m.Length) / 1_000.0:N0} kB each), cycled to {count:N0} messages; ");
report.Append("the large message is `GeneratedMessages.LargeMessage()` parsed 5 times. Each row is the fastest of ");
report.Append(CultureInfo.InvariantCulture, $"{rounds} rounds (by CPU time) after a warm-up. Seconds and messages/s are wall clock; CPU seconds are the measuring thread's time on a core (Linux schedstat), so messages per CPU-second is what one core does however busy the machine is; allocated is the managed memory allocated per message.\n\n");
report.Append("| workload | messages | MB | seconds | messages/s | MB/s | CPU seconds | messages per CPU-second | allocated kB/message | quarantined |\n|---|---|---|---|---|---|---|---|---|---|\n");
foreach (var r in results)
{
    report.Append(CultureInfo.InvariantCulture,
        $"| {r.Workload} | {r.Messages:N0} | {r.Bytes / 1_000_000.0:N1} | {r.Elapsed.TotalSeconds:N2} | {r.MessagesPerSecond:N0} | {r.MegabytesPerSecond:N1} | {r.CpuTime.TotalSeconds:N2} | {r.MessagesPerCpuSecond:N0} | {r.AllocatedPerMessageKilobytes:N0} | {r.Quarantined:N0} |\n");
}

report.Append('\n');
Console.WriteLine(report);
var path = Path.Combine(root, "bench", "results", "mail.md");
await File.WriteAllTextAsync(path, report + SectionsAfterParseRate(path));
Console.WriteLine($"written to {path}");

int Option(string name, int fallback)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
}

static string SectionsAfterParseRate(string path)
{
    var existing = File.Exists(path) ? File.ReadAllText(path) : "";
    var parse = existing.IndexOf(ParseHeading, StringComparison.Ordinal);
    var next = parse < 0 ? -1 : existing.IndexOf("\n## ", parse, StringComparison.Ordinal);
    return next < 0 ? "" : existing[(next + 1)..];
}
