using System.Text;
using Tunda.Web.Features.Inbound;

namespace Tunda.Web.Tests.Inbound;

public sealed class UnreadableMailTests
{
    [Theory]
    [InlineData("From: a@example.it\r\nSubject: x\r\n\r\nbody")]
    [InlineData("From sender@example.it Thu Dec  3 08:00:00 2026\nReceived: from mx\nSubject: mbox\n\nbody")]
    [InlineData("Subject: only a header, no body")]
    [InlineData("X-Broken :obsolete blank before the colon\n\nbody")]
    [InlineData("Subject: =?ISO-2022-JP?B?GyRCJUYlOSVIGyhC?=\r\n\r\n\u001b$B%F%9%H\u001b(B")]
    public void messages_even_broken_ones_are_readable(string text) =>
        UnreadableMail.Reason(Encoding.UTF8.GetBytes(text)).ShouldBeNull();

    [Theory]
    [InlineData("", "empty")]
    [InlineData("\r\n \r\n", "empty")]
    [InlineData("Hello, this is just text\r\nwithout any header\r\n", "no header block")]
    [InlineData(": no field name\r\n\r\n", "no header block")]
    [InlineData("Subject: x\0\0\0\r\n\r\n", "binary")]
    public void input_without_a_header_block_is_unreadable(string text, string reason) =>
        UnreadableMail.Reason(Encoding.UTF8.GetBytes(text)).ShouldNotBeNull().ShouldContain(reason);

    [Fact]
    public void random_bytes_are_unreadable() =>
        UnreadableMail.Reason(SampleMail.Garbage()).ShouldNotBeNull();
}
