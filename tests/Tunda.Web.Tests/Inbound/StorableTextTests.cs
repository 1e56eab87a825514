using Tunda.Web.Features.Inbound;

namespace Tunda.Web.Tests.Inbound;

public sealed class StorableTextTests
{
    private const char High = '\uD83D';
    private const char Low = '\uDE00';

    // Built in code: test data attributes would not carry lone surrogates through unchanged.
    public static TheoryData<string, string> Texts => new()
    {
        { "Fattura di novembre", "Fattura di novembre" },
        { "ciao\0mondo", "ciao\uFFFDmondo" },
        { $"emoji {High}{Low} resta", $"emoji {High}{Low} resta" },
        { $"solo {High} alto", "solo \uFFFD alto" },
        { $"solo {Low} basso\0", "solo \uFFFD basso\uFFFD" },
        { $"fine {High}", "fine \uFFFD" },
    };

    [Theory]
    [MemberData(nameof(Texts))]
    public void nul_and_lone_surrogates_become_replacement_characters(string text, string expected) =>
        StorableText.Clean(text).ShouldBe(expected);
}
