using System.Text.RegularExpressions;
using Tunda.Mail;

namespace Tunda.Mail.Tests;

/// <summary>Values meant to break out of a header line, or to read as something else, are refused or encoded.</summary>
public sealed class ComposerHostileInputTests
{
    [Theory]
    [InlineData("Avviso\u000bnascosto")]
    [InlineData("Esc\u001b[31m rosso")]
    [InlineData("Riga\u2028separata")]
    [InlineData("Riga\u0085NEL")]
    [InlineData("Canc\u007fellato")]
    public void control_and_unicode_line_separators_in_a_subject_are_encoded_and_decode_back(string escaped)
    {
        var subject = Regex.Unescape(escaped);

        var mail = ComposedMail.Of(ComposedMail.Simple(subject));

        mail.Bytes.ShouldAllBe(b => b >= 32 && b < 127 || b == '\r' || b == '\n' || b == '\t');
        mail.Message.Subject.ShouldBe(subject);
        mail.Message.Headers.Count.ShouldBe(ComposedMail.Of(ComposedMail.Simple()).Message.Headers.Count);
    }

    [Theory]
    [InlineData("=?UTF-8?B?c3VwcG9ydEB0dW5kYS5pdA==?=")]
    [InlineData("Mario =?ISO-8859-1?Q?Rossi?=")]
    public void a_display_name_that_looks_like_an_encoded_word_is_encoded_so_it_reads_back_literally(string name)
    {
        var mail = ComposedMail.Of(ComposedMail.Simple() with { To = [new MailboxAddress("a@example.it", name)] });

        var to = mail.Message.To.Mailboxes.ShouldHaveSingleItem();
        (to.Name, to.Address).ShouldBe((name, "a@example.it"));
        mail.RawHeaders.ShouldNotContain(name);
    }

    [Theory]
    [InlineData("Mario\r\nBcc: vittima@example.it", "Mario Bcc: vittima@example.it")]
    [InlineData("Mario\nRossi\u0000", "Mario Rossi")]
    [InlineData("\tAnna\u001b[31m  Bianchi\r", "Anna [31m Bianchi")]
    public void a_name_with_line_breaks_or_control_characters_is_folded_so_the_mail_always_goes_and_injects_nothing(string name, string folded)
    {
        var mail = ComposedMail.Of(ComposedMail.Simple() with
        {
            From = new MailboxAddress("support@tunda.example", name),
            To = [new MailboxAddress("a@example.it", name)],
        });

        mail.Message.To.Mailboxes.ShouldHaveSingleItem().Name.ShouldBe(folded);
        mail.Message.From.Mailboxes.ShouldHaveSingleItem().Name.ShouldBe(folded);
        mail.Count("Bcc").ShouldBe(0);
        mail.Message.Bcc.Count.ShouldBe(0);
    }

    [Theory]
    [InlineData("testo =?UTF-8?B?finto?= qui")]
    [InlineData("=?ISO-8859-1?Q?Rossi?=")]
    public void a_subject_or_extra_field_that_looks_like_an_encoded_word_reads_back_literally(string value)
    {
        var mail = ComposedMail.Of(ComposedMail.Simple(value) with { Headers = [new("X-Note", value)] });

        mail.Message.Subject.ShouldBe(value);
        mail.Header("X-Note").ShouldBe(value);
        mail.RawHeaders.ShouldNotContain(value);
    }

    [Theory]
    [InlineData("Subject", "Ciao\r\nBcc: vittima@example.it")]
    [InlineData("Subject", "Ciao\nBcc: vittima@example.it")]
    [InlineData("Subject", "Ciao\rBcc: vittima@example.it")]
    [InlineData("Address", "mario@example.it\r\nBcc: vittima@example.it")]
    [InlineData("MessageId", "x@y\r\nBcc: vittima@example.it")]
    [InlineData("InReplyTo", "<x@y>\r\nBcc: vittima@example.it")]
    [InlineData("References", "<x@y>\nBcc: vittima@example.it")]
    [InlineData("CcAddress", "luca@example.it\nBcc: vittima@example.it")]
    [InlineData("Header", "valore\r\nBcc: vittima@example.it")]
    [InlineData("Header", "valore\n\r\n<html>corpo finto")]
    [InlineData("HeaderName", "X-Note\r\nBcc")]
    [InlineData("Subject", "Ciao\0nul")]
    public void a_line_break_in_any_header_value_is_refused(string where, string value)
    {
        Should.Throw<ArgumentException>(() => MimeComposer.Compose(where switch
        {
            "Subject" => ComposedMail.Simple(value),
            "Address" => ComposedMail.Simple() with { To = [new MailboxAddress(value)] },
            "MessageId" => ComposedMail.Simple() with { MessageId = value },
            "InReplyTo" => ComposedMail.Simple() with { InReplyTo = value },
            "References" => ComposedMail.Simple() with { References = ["<a@b>", value] },
            "CcAddress" => ComposedMail.Simple() with { Cc = [new MailboxAddress(value)] },
            "HeaderName" => ComposedMail.Simple() with { Headers = [new(value, "x")] },
            _ => ComposedMail.Simple() with { Headers = [new("X-Note", value)] },
        }));
    }

    [Theory]
    [InlineData("<a@b> <c@d>")]
    [InlineData("a@b>")]
    [InlineData("<>")]
    [InlineData("<a b@c>")]
    [InlineData("<à@b>")]
    public void threading_ids_that_are_not_one_message_id_are_refused(string id)
    {
        Should.Throw<ArgumentException>(() => MimeComposer.Compose(ComposedMail.Simple() with { InReplyTo = id }));
        Should.Throw<ArgumentException>(() => MimeComposer.Compose(ComposedMail.Simple() with { References = [id] }));
    }

    [Theory]
    [InlineData("From")]
    [InlineData("bcc")]
    [InlineData("Content-Type")]
    [InlineData("content-disposition")]
    [InlineData("Content-ID")]
    [InlineData("Message-Id")]
    [InlineData("Auto-Submitted")]
    [InlineData("X Bad Name")]
    [InlineData("X-Bad:Name")]
    public void extra_headers_cannot_replace_the_composers_own_or_use_invalid_names(string name)
    {
        Should.Throw<ArgumentException>(() => MimeComposer.Compose(ComposedMail.Simple() with { Headers = [new(name, "x")] }));
    }

    [Theory]
    [InlineData("senza-chiocciola")]
    [InlineData("@example.it")]
    [InlineData("mario@")]
    [InlineData("ma rio@example.it")]
    [InlineData("màrio@example.it")]
    [InlineData("mario@exa_mple.it")]
    public void invalid_addresses_are_refused_with_a_clear_error(string address)
    {
        Should.Throw<ArgumentException>(() => new MailboxAddress(address)).Message.ShouldContain(address);
    }

    [Fact]
    public void a_message_without_recipients_is_refused()
    {
        Should.Throw<ArgumentException>(() => MimeComposer.Compose(ComposedMail.Simple() with { To = [] }));
    }
}
