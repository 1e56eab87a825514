using System.Text;
using Tunda.Mail.Parsing;

namespace Tunda.Mail.Tests.Parsing;

public sealed class HeaderBlockTests
{
    [Theory]
    [InlineData("\r\n")]
    [InlineData("\n")]
    [InlineData("\r")]
    public void headers_and_body_are_read_with_any_line_ending(string newline)
    {
        var text = "Subject: Ciao\nFrom: a@example.com\n\nriga uno\nriga due\n".Replace("\n", newline, StringComparison.Ordinal);

        var message = Parse.Bytes(Encoding.UTF8.GetBytes(text));

        message.Subject.ShouldBe("Ciao");
        message.From.Single().Address.ShouldBe("a@example.com");
        message.TextBody.ShouldBe("riga uno\nriga due\n");
    }

    [Fact]
    public void mbox_from_line_is_skipped()
    {
        var message = Parse.Message("From a@example.com Thu Dec  3 10:00:00 2026\nSubject: Hi\n\nbody");

        message.Headers.Count.ShouldBe(1);
        message.Subject.ShouldBe("Hi");
    }

    [Fact]
    public void an_obsolete_blank_before_the_colon_is_a_header_not_an_mbox_line()
    {
        var message = Parse.Message("From : a@example.com\nSubject : Hi\n\nbody");

        message.From.Single().Address.ShouldBe("a@example.com");
        message.Subject.ShouldBe("Hi");
    }

    [Fact]
    public void folded_values_are_unfolded_and_raw_bytes_kept()
    {
        var message = Parse.Message("Subject: una\n  lunga\n\triga\nX-Empty:\n value on next line\n\nbody");

        message.Subject.ShouldBe("una  lunga\triga");
        Encoding.ASCII.GetString(message.Headers[0].RawValue).ShouldBe(" una\r\n  lunga\r\n\triga");
        message.Headers["X-Empty"].ShouldBe("value on next line");
    }

    [Fact]
    public void a_garbage_line_between_headers_is_skipped_as_a_problem()
    {
        var message = Parse.Message("Subject: Hi\nthis is not a header\nFrom: a@example.com\n\nbody");

        message.From.Single().Address.ShouldBe("a@example.com");
        message.Problems.ShouldContain(p => p.Contains("without a field name", StringComparison.Ordinal));
        message.TextBody.ShouldBe("body");
    }

    [Theory]
    [InlineData("X-Spam-Score: 0.1")]
    [InlineData("List-Unsubscribe: <mailto:u@tunda.it>")]
    [InlineData("List-Id: <clienti.tunda.it>")]
    [InlineData("Date: Thu, 03 Dec 2026 08:00:00 +0100")]
    public void a_garbage_line_followed_by_a_field_only_a_header_block_holds_is_still_skipped(string field)
    {
        var message = Parse.Message($"Subject: Hi\nthis is not a header\n{field}\n\nbody");

        message.Headers.Contains(field[..field.IndexOf(':', StringComparison.Ordinal)]).ShouldBeTrue();
        message.TextBody.ShouldBe("body");
    }

    [Theory]
    [InlineData("\r\n")]
    [InlineData("\n")]
    [InlineData("\r")]
    public void without_a_blank_line_the_body_starts_at_the_first_line_that_is_not_a_field(string newline)
    {
        var text = "From: a@example.com\nSubject: Hi\nCiao, il sito non risponde.\nOrario: dalle 9 di stamattina.\n\nGrazie\n".Replace("\n", newline, StringComparison.Ordinal);

        var message = Parse.Bytes(Encoding.UTF8.GetBytes(text));

        message.Subject.ShouldBe("Hi");
        message.Headers.Count.ShouldBe(2);
        message.TextBody.ShouldBe("Ciao, il sito non risponde.\nOrario: dalle 9 di stamattina.\n\nGrazie\n");
        MimeParser.ReadMessageId(Encoding.UTF8.GetBytes(text.Replace("Subject: Hi", "Message-ID: <x@y>", StringComparison.Ordinal))).ShouldBe("x@y");
    }

    [Fact]
    public void message_id_is_read_from_the_header_block_only()
    {
        var raw = Encoding.ASCII.GetBytes("From: a@b.it\r\nMessage-ID:\r\n <abc@host.example> (comment)\r\n\r\nMessage-ID: <other@x>");

        MimeParser.ReadMessageId(raw).ShouldBe("abc@host.example");
        MimeParser.ReadMessageId(Encoding.ASCII.GetBytes("Subject: x\r\n\r\nMessage-ID: <a@b>")).ShouldBeNull();
    }

    [Fact]
    public void read_message_id_agrees_with_the_parsed_message_for_8bit_ids()
    {
        var utf8 = Encoding.UTF8.GetBytes("Content-Type: text/plain; charset=utf-8\r\nMessage-ID: <x\u00ea@h\u00e4.example>\r\nMessage-ID: <second@x>\r\n\r\nbody");
        var latin1 = Encoding.Latin1.GetBytes("Content-Type: text/plain; charset=utf-8\r\nMessage-ID: <x\u00ea@h\u00e4.example>\r\nMessage-ID: <second@x>\r\n\r\nbody");

        MimeParser.ReadMessageId(utf8).ShouldBe("xê@hä.example");
        Parse.Bytes(utf8).MessageId.ShouldBe("xê@hä.example");
        Parse.Bytes(latin1).MessageId.ShouldBe(MimeParser.ReadMessageId(latin1));
    }

    [Theory]
    [InlineData("<a@b.example>", "a@b.example")]
    [InlineData("a@b.example", "a@b.example")]
    [InlineData("(old) <a@b.example> (new)", "a@b.example")]
    [InlineData("   ", null)]
    public void message_id_brackets_and_comments_are_removed(string value, string? expected)
    {
        Parse.Message($"Message-ID: {value}\n\nx").MessageId.ShouldBe(expected);
    }

    [Fact]
    public void references_and_in_reply_to_are_lists_of_bare_ids()
    {
        var message = Parse.Message("In-Reply-To: <p@x.it> (Mario's message)\nReferences: <a@x.it>\n <b@x.it>\n\t<c@x.it>\n\nx");

        message.InReplyTo.ShouldBe("p@x.it");
        message.References.ShouldBe(["a@x.it", "b@x.it", "c@x.it"]);
    }
}
