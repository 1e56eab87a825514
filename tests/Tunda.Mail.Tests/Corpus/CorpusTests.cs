namespace Tunda.Mail.Tests.Corpus;

public sealed class CorpusTests
{
    public static TheoryData<string> Messages() => new(CorpusFolder.MessageNames());

    public static TheoryData<string> Generated() => new(GeneratedMessages.Names);

    [Theory]
    [MemberData(nameof(Messages))]
    public void corpus_message_is_read_as_its_expected_result_says(string name)
    {
        var mismatches = CorpusCheck.Mismatches(CorpusFolder.ReadMessage(name), CorpusFolder.ReadExpected(name));

        mismatches.ShouldBeEmpty($"{name}.eml:\n  " + string.Join("\n  ", mismatches));
    }

    [Theory]
    [MemberData(nameof(Generated))]
    public void generated_oversized_message_is_read_as_expected(string name)
    {
        var (raw, expected) = GeneratedMessages.Build(name);

        var mismatches = CorpusCheck.Mismatches(raw, ExpectedResult.FromJson(expected));

        mismatches.ShouldBeEmpty($"{name}:\n  " + string.Join("\n  ", mismatches));
    }

    [Fact]
    public void corpus_holds_at_least_sixty_messages_each_with_subject_sender_and_kind_expected()
    {
        var names = CorpusFolder.MessageNames();

        names.Count.ShouldBeGreaterThanOrEqualTo(60);
        foreach (var name in names)
        {
            File.Exists(CorpusFolder.ExpectedPath(name)).ShouldBeTrue($"{name}.eml has no {name}.expected.json");
            var expected = CorpusFolder.ReadExpected(name);
            new[] { "subject", "from", "kind" }.Where(field => !expected.Has(field)).ShouldBeEmpty($"{name}.expected.json lacks required fields");
        }
    }

    [Fact]
    public void the_large_generated_message_is_over_eleven_megabytes()
    {
        GeneratedMessages.Build(GeneratedMessages.Large).Raw.Length.ShouldBeGreaterThan(11 * 1024 * 1024);
    }
}
