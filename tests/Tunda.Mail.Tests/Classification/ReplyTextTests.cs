using System.Diagnostics;
using Tunda.Mail.Classification;

namespace Tunda.Mail.Tests.Classification;

public sealed class ReplyTextTests
{
    [Fact]
    public void everything_from_our_separator_down_is_cut_with_the_attribution_above_it()
    {
        var text = $"Grazie, ora funziona.\n\nLe 3 déc. 2026, Tunda Assistenza a écrit :\n> {ReplyText.OurSeparator}\n> Gentile cliente, ...\n";

        ReplyText.StripQuoted(text).ShouldBe("Grazie, ora funziona.");
    }

    [Fact]
    public void our_separator_unquoted_is_cut_from_its_line()
    {
        ReplyText.StripQuoted($"Va bene.\r\n{ReplyText.OurSeparator}\r\nTicket #12: ...").ShouldBe("Va bene.");
    }

    [Theory]
    [InlineData("On Thu, Dec 3, 2026 at 9:15 AM Tunda Assistenza <support@tunda.it> wrote:")]
    [InlineData("On 3 Dec 2026, at 09:15, Tunda Assistenza <support@tunda.it> wrote:")]
    [InlineData("Il giorno gio 3 dic 2026 alle ore 09:15 Tunda Assistenza <support@tunda.it> ha scritto:")]
    [InlineData("Il giorno 3 dic 2026, alle ore 09:15, Tunda Assistenza <support@tunda.it> ha scritto:")]
    [InlineData("Il 03/12/2026 09:15, Tunda Assistenza ha scritto:")]
    [InlineData("03/12/2026 09:15, Tunda Assistenza wrote:")]
    [InlineData("Am 03.12.2026 um 09:15 schrieb Tunda Assistenza <support@tunda.it>:")]
    public void a_client_attribution_line_starts_the_quotation(string attribution)
    {
        var text = $"Sì, confermo il rinnovo.\n\nMario\n\n{attribution}\n> Gentile cliente,\n> il dominio scade il 10/12.\n";

        ReplyText.StripQuoted(text).ShouldBe("Sì, confermo il rinnovo.\n\nMario");
    }

    [Theory]
    [InlineData("On Thu, Dec 3, 2026 at 9:15 AM Tunda Assistenza <\nsupport@tunda.it> wrote:")]
    [InlineData("Il giorno gio 3 dic 2026 alle ore 09:15 Tunda Assistenza\n<support@tunda.it> ha scritto:")]
    public void an_attribution_wrapped_over_two_lines_is_recognised(string attribution)
    {
        ReplyText.StripQuoted($"Confermo.\n\n{attribution}\n> testo precedente\n").ShouldBe("Confermo.");
    }

    [Theory]
    [InlineData("-----Original Message-----")]
    [InlineData("-----Messaggio originale-----")]
    [InlineData("  ----- Original Message -----  ")]
    public void outlooks_original_message_line_starts_the_quotation(string line)
    {
        ReplyText.StripQuoted($"Ecco il documento.\r\n\r\n{line}\r\nFrom: Tunda\r\nSent: ...\r\n").ShouldBe("Ecco il documento.");
    }

    [Theory]
    [InlineData("From: Tunda Assistenza <support@tunda.it>\nSent: Thursday, December 3, 2026 9:15 AM\nTo: Mario Rossi <mario@example.it>\nSubject: Rinnovo")]
    [InlineData("Da: Tunda Assistenza <support@tunda.it>\nInviato: giovedì 3 dicembre 2026 09:15\nA: Mario Rossi <mario@example.it>\nOggetto: Rinnovo")]
    [InlineData("________________________________\n*From:* Tunda Assistenza <support@tunda.it>\n*Sent:* Thursday\n*To:* Mario\n*Subject:* Rinnovo")]
    [InlineData("________________________________\nDa: Tunda Assistenza\nData: 3 dicembre 2026\nA: Mario\nCc: Luca\nOggetto: R: Rinnovo")]
    public void outlooks_header_block_starts_the_quotation(string block)
    {
        ReplyText.StripQuoted($"Ok, procedete pure.\n\n{block}\n\nGentile cliente, il dominio scade.\n").ShouldBe("Ok, procedete pure.");
    }

    [Theory]
    [InlineData("---------- Forwarded message ---------")]
    [InlineData("-------- Messaggio inoltrato --------")]
    [InlineData("Begin forwarded message:")]
    [InlineData("Inizio messaggio inoltrato:")]
    public void a_forwarded_mail_is_kept_whole_because_it_is_what_the_customer_wants_us_to_read(string marker)
    {
        var text = $"Ho ricevuto questa mail, è phishing?\n\n{marker}\nFrom: Banca <info@banca.example>\nDate: Thu, 3 Dec 2026 at 09:15\n"
            + "Subject: Conto bloccato\nTo: mario@example.it\n\n> Clicca qui per sbloccare il conto";

        ReplyText.StripQuoted(text).ShouldBe(text);
    }

    [Fact]
    public void a_forward_inside_the_quoted_history_does_not_stop_the_cut()
    {
        ReplyText.StripQuoted("Grazie.\n\nOn Thu, Dec 3, 2026 at 9:15 AM Tunda <support@tunda.it> wrote:\n> ---------- Forwarded message ---------\n> From: x")
            .ShouldBe("Grazie.");
    }

    [Fact]
    public void a_from_line_without_the_rest_of_a_header_block_is_kept()
    {
        var text = "Vi scrivo per conto del cliente.\nFrom: Mario Rossi, ufficio acquisti\n\nGrazie";

        ReplyText.StripQuoted(text).ShouldBe(text);
    }

    [Fact]
    public void a_quoted_block_at_the_end_is_cut()
    {
        ReplyText.StripQuoted("Confermo.\n\n> Gentile cliente,\n>\n> il dominio scade.\n\n").ShouldBe("Confermo.");
    }

    [Fact]
    public void an_answer_written_below_the_quotation_is_kept()
    {
        var text = "On Thu, Dec 3, 2026 at 9:15 AM Tunda <support@tunda.it> wrote:\n> Il dominio va rinnovato?\n\nSì, rinnovatelo.\n\n> E la casella?\n\nAnche quella.";

        ReplyText.StripQuoted(text).ShouldBe(text);
    }

    [Fact]
    public void the_signature_is_kept()
    {
        var text = "Confermo il rinnovo.\n\n-- \nMario Rossi\nRossi S.r.l.\n\nOn Thu, Dec 3, 2026 at 9:15 AM Tunda <support@tunda.it> wrote:\n> testo";

        ReplyText.StripQuoted(text).ShouldBe("Confermo il rinnovo.\n\n-- \nMario Rossi\nRossi S.r.l.");
    }

    [Theory]
    [InlineData("> solo testo citato\n> niente altro\n")]
    [InlineData("On Thu, Dec 3, 2026 at 9:15 AM Tunda <support@tunda.it> wrote:\n> solo citazione")]
    [InlineData("##- Scrivi sopra questa riga / Write above this line -##\nTesto del ticket")]
    public void a_text_that_is_all_quotation_comes_back_whole(string text)
    {
        ReplyText.StripQuoted(text).ShouldBe(text.Trim());
    }

    [Theory]
    [InlineData("Il tecnico mi ha scritto:\n\"riavviate il server\"\nma non funziona.")]
    [InlineData("Il 3 dicembre il tecnico ha scritto:\n\"riavviate il server\"\nma non funziona.")]
    [InlineData("On 12/03/2026 your colleague wrote:\nrestart the server\nbut it does not work.")]
    [InlineData("Il 03.12.2026 il collega ha scritto:\nriavviate\nma niente.")]
    [InlineData("Come ha scritto il collega, On call wrote:\nnulla di fatto")]
    [InlineData("Riga uno\r\nRiga due con -----\r\n")]
    public void a_persons_words_that_look_like_markers_are_kept(string text)
    {
        ReplyText.StripQuoted(text).ShouldBe(text.TrimEnd());
    }

    [Fact]
    public void line_endings_of_the_kept_text_are_preserved()
    {
        ReplyText.StripQuoted("Riga uno\r\nRiga due\r\n\r\n-----Original Message-----\r\nvecchio").ShouldBe("Riga uno\r\nRiga due");
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n\n")]
    [InlineData(null)]
    public void empty_text_gives_empty_text(string? text)
    {
        ReplyText.StripQuoted(text!).ShouldBe("");
    }

    [Fact]
    public void huge_hostile_text_is_handled_in_linear_time()
    {
        var hostile = string.Concat(Enumerable.Repeat("On 1 ", 200_000)) + "\n"
            + string.Concat(Enumerable.Repeat("Il 1 ha scritto ha scritto\n", 50_000))
            + string.Concat(Enumerable.Repeat("From: x\n", 50_000))
            + string.Concat(Enumerable.Repeat("> q\n\n", 50_000));

        var watch = Stopwatch.StartNew();
        var result = ReplyText.StripQuoted(hostile);

        // Not a benchmark: a backtracking pattern would take hours here, linear code takes well under a second.
        watch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(30));
        result.ShouldStartWith("On 1 On 1");
    }
}
