using Tunda.Mail.Classification;
using Tunda.Mail.Parsing;

namespace Tunda.Mail.Tests.Corpus;

public sealed class PathologicalInputTests
{
    /// <summary>A hang detector, not a timing assertion: each case takes well under a second when read linearly.</summary>
    private static readonly TimeSpan HangAfter = TimeSpan.FromSeconds(20);

    public static TheoryData<string> Cases() => new(PathologicalInputs.Names);

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task pathological_input_is_read_without_exception_or_hang(string name)
    {
        var raw = PathologicalInputs.Build(name);

        var run = Task.Run(() =>
        {
            var message = MimeParser.Parse(raw, CorpusCheck.ArrivedAt);
            MailClassifier.Classify(message, CorpusCheck.Options);
            ReplyText.StripQuoted(message.TextBody);
            return message;
        });

        (await Task.WhenAny(run, Task.Delay(HangAfter)) == run).ShouldBeTrue($"{name}: still running after {HangAfter.TotalSeconds:0} s");
        (await run).Headers.Count.ShouldBeGreaterThan(0);
    }
}
