using System.Text;
using Tunda.Mail.Classification;
using Tunda.Mail.Parsing;

namespace Tunda.Mail.Tests.Corpus;

/// <summary>
/// Every corpus message, damaged in seeded random ways, must still be read, classified and stripped without
/// an exception and without hanging, and keep the promises that hold for any input (safe unique file names,
/// no script in the sanitised HTML). A failure names the message and seed; the damaged bytes are written to
/// a temporary folder so the case can be replayed.
/// </summary>
public sealed class MutationFuzzTests
{
    private const int MutationsPerMessage = 30;

    private const int KeptFailures = 30;

    /// <summary>A hang detector, not a timing assertion: a case that has not finished by then is stuck.</summary>
    private static readonly TimeSpan HangAfter = TimeSpan.FromSeconds(10);

    [Fact]
    public void damaged_corpus_messages_never_throw_never_hang_and_stay_safe()
    {
        var failures = new List<string>();
        var cases = 0;
        foreach (var name in CorpusFolder.MessageNames())
        {
            var original = CorpusFolder.ReadMessage(name);
            for (var iteration = 0; iteration < MutationsPerMessage; iteration++)
            {
                var seed = SeedOf(name, iteration);
                var (mutation, damaged) = Damage(original, new Random(seed));
                cases++;
                var failure = RunWithHangDetector(damaged);
                if (failure is not null)
                {
                    var kept = failures.Count < KeptFailures ? " -> " + Keep(name, seed, damaged) : "";
                    failures.Add($"{name} seed {seed} ({mutation}): {failure}{kept}");
                }
            }
        }

        cases.ShouldBeGreaterThan(2_000);
        failures.ShouldBeEmpty($"{failures.Count} of {cases} damaged messages failed:\n" + string.Join("\n", failures.Take(30)));
    }

    /// <summary>One or two mutations, the second applied on top of the first, so damage compounds.</summary>
    private static (string Mutation, byte[] Damaged) Damage(byte[] original, Random random)
    {
        var (firstName, first) = Mutations.All[random.Next(Mutations.All.Length)];
        var damaged = first(original, random);
        if (random.Next(4) != 0)
        {
            return (firstName, damaged);
        }

        var (secondName, second) = Mutations.All[random.Next(Mutations.All.Length)];
        return ($"{firstName} + {secondName}", second(damaged, random));
    }

    private static string? RunWithHangDetector(byte[] damaged)
    {
        var run = Task.Run(() =>
        {
            var message = MimeParser.Parse(damaged, CorpusCheck.ArrivedAt);
            MailClassifier.Classify(message, CorpusCheck.Options);
            ReplyText.StripQuoted(message.TextBody);
            var quickMessageId = MimeParser.ReadMessageId(damaged);
            return quickMessageId == message.MessageId
                ? BrokenPromise(message)
                : $"ReadMessageId gave {quickMessageId ?? "null"}, Parse gave {message.MessageId ?? "null"}";
        });
        try
        {
            return run.Wait(HangAfter) ? run.Result : $"still running after {HangAfter.TotalSeconds:0} s";
        }
        catch (AggregateException error)
        {
            var inner = error.InnerException ?? error;
            return $"{inner.GetType().Name}: {inner.Message} {inner.StackTrace?.Split('\n').FirstOrDefault()?.Trim()}";
        }
    }

    /// <summary>What must hold for any input, however damaged: safe unique file names and no active HTML (and, above, the quick Message-ID intake deduplicates on agrees with the parsed one).</summary>
    private static string? BrokenPromise(ParsedMessage message)
    {
        var names = message.Attachments.Select(a => a.FileName).ToList();
        var unsafeName = names.FirstOrDefault(n => n.Length == 0 || n.Any(c => c is '/' or '\\' || char.IsControl(c)));
        if (unsafeName is not null)
        {
            return $"unsafe attachment name \"{unsafeName}\"";
        }

        if (names.Distinct(StringComparer.Ordinal).Count() != names.Count)
        {
            return $"attachment names not unique: {string.Join(", ", names)}";
        }

        var html = message.HtmlBody ?? "";
        return html.Contains("<script", StringComparison.OrdinalIgnoreCase) || html.Contains("<iframe", StringComparison.OrdinalIgnoreCase)
            ? "sanitised HTML still holds a <script> or <iframe>"
            : null;
    }

    /// <summary>A stable seed per message and iteration (string.GetHashCode differs between runs).</summary>
    private static int SeedOf(string name, int iteration)
    {
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(name))
        {
            hash = (hash ^ b) * 16777619u;
        }

        return (int)((hash ^ (uint)iteration) * 16777619u & 0x7FFFFFFF);
    }

    private static string Keep(string name, int seed, byte[] damaged)
    {
        var folder = Path.Combine(Path.GetTempPath(), "tunda-mail-fuzz-failures");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, $"{name}.{seed}.eml");
        File.WriteAllBytes(path, damaged);
        return path;
    }
}
