using Tunda.Mail.Classification;

namespace Tunda.Mail.Tests.Classification;

/// <summary>Whatever the text, stripping only ever removes an end part of it and never loses all of it.</summary>
public sealed class ReplyTextPropertyTests
{
    private static readonly string[] Pieces =
    [
        "Buongiorno, il sito non va.", "", "   ", "> citato", ">", "> > doppio", "-- ", "Mario Rossi",
        "On Thu, Dec 3, 2026 at 9:15 AM Tunda <support@tunda.it> wrote:", "Il 03/12/2026 09:15, Tunda ha scritto:",
        "On Thu, Dec 3, 2026 at 9:15 AM Tunda <", "support@tunda.it> wrote:", "-----Original Message-----",
        "From: Tunda", "Sent: oggi", "Subject: x", "Da: Tunda", "Inviato: oggi", "Oggetto: x", "____________________",
        ReplyText.OurSeparator, "> " + ReplyText.OurSeparator, "---------- Forwarded message ---------", "\t", "è già 😀",
    ];

    [Fact]
    public void stripping_random_texts_keeps_a_leading_part_and_never_empties_a_text_with_content()
    {
        var random = new Random(20261203);
        string[] endings = ["\n", "\r\n", "\r"];
        for (var round = 0; round < 5_000; round++)
        {
            var ending = endings[random.Next(endings.Length)];
            var text = string.Join(ending, Enumerable.Range(0, random.Next(1, 16)).Select(_ => Pieces[random.Next(Pieces.Length)]));

            var stripped = ReplyText.StripQuoted(text);

            var isLeadingPart = text.TrimStart('\r', '\n').StartsWith(stripped, StringComparison.Ordinal) || stripped == text.Trim();
            isLeadingPart.ShouldBeTrue($"round {round}: \"{text}\" gave \"{stripped}\"");
            (stripped.Length > 0).ShouldBe(text.Trim().Length > 0, $"round {round}: \"{text}\"");
        }
    }
}
