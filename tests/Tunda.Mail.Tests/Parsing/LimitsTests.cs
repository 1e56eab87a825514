using System.Text;
using Tunda.Mail.Parsing;

namespace Tunda.Mail.Tests.Parsing;

public sealed class LimitsTests
{
    private const string Head = "From: Mario <mario@example.com>\nSubject: Aiuto\n";

    [Fact]
    public void a_message_over_the_size_limit_is_quarantined_with_its_headers_read()
    {
        var message = Parse.Message(Head + "\n" + new string('x', 2000), limits: new MimeParserLimits { MaxMessageBytes = 1000 });

        message.QuarantineReason.ShouldNotBeNull().ShouldContain("MaxMessageBytes");
        message.Subject.ShouldBe("Aiuto");
        message.From.Single().Address.ShouldBe("mario@example.com");
        message.TextBody.ShouldBeEmpty();
    }

    [Fact]
    public void too_many_header_fields_quarantine_the_message()
    {
        var headers = string.Concat(Enumerable.Range(0, 50).Select(i => $"X-Field-{i}: {i}\n"));
        var message = Parse.Message(Head + headers + "\nbody", limits: new MimeParserLimits { MaxHeaderCount = 10 });

        message.QuarantineReason.ShouldNotBeNull().ShouldContain("MaxHeaderCount");
        message.Headers.Count.ShouldBe(10);
        message.Subject.ShouldBe("Aiuto");
    }

    [Fact]
    public void nesting_deeper_than_the_limit_stops_descending()
    {
        var text = new StringBuilder(Head);
        for (var i = 0; i < 40; i++)
        {
            text.Append($"Content-Type: multipart/mixed; boundary=b{i}\n\n--b{i}\n");
        }

        text.Append("Content-Type: text/plain\n\nfondo\n");
        var message = Parse.Message(text.ToString());

        message.QuarantineReason.ShouldNotBeNull().ShouldContain("MaxNestingDepth");
        message.Subject.ShouldBe("Aiuto");
        message.TextBody.ShouldBeEmpty();
    }

    [Fact]
    public void embedded_messages_count_toward_the_nesting_limit()
    {
        var text = new StringBuilder();
        for (var i = 0; i < 10; i++)
        {
            text.Append($"Subject: livello {i}\nContent-Type: message/rfc822\n\n");
        }

        text.Append("Subject: fondo\n\nx");
        var message = Parse.Message(text.ToString(), limits: new MimeParserLimits { MaxNestingDepth = 5 });

        message.QuarantineReason.ShouldNotBeNull().ShouldContain("MaxNestingDepth");
        message.Subject.ShouldBe("livello 0");
    }

    [Fact]
    public void too_many_parts_quarantine_the_message_keeping_the_parts_read()
    {
        var parts = string.Concat(Enumerable.Range(0, 30).Select(i => $"--b\nContent-Type: text/plain; name=f{i}.txt\n\n{i}\n"));
        var message = Parse.Message(Head + "Content-Type: multipart/mixed; boundary=b\n\n" + parts + "--b--\n", limits: new MimeParserLimits { MaxParts = 10 });

        message.QuarantineReason.ShouldNotBeNull().ShouldContain("MaxParts");
        message.Attachments.Count.ShouldBe(9);
    }

    [Fact]
    public void garbage_and_empty_input_still_give_a_message()
    {
        Parse.Bytes([]).Body.ShouldNotBeNull();
        Parse.Bytes([0, 255, 13, 10, 13, 58, 10, 0]).Problems.ShouldNotBeNull();
        MimeParser.ReadMessageId(new byte[] { 0xFF, 0x3A }).ShouldBeNull();
    }
}
