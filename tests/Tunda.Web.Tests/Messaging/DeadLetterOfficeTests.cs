using System.Text;
using Tunda.Web.Features.Messaging;

namespace Tunda.Web.Tests.Messaging;

public sealed class DeadLetterOfficeTests
{
    [Fact]
    public async Task pages_list_the_latest_failure_first_and_know_the_total()
    {
        await using var app = await TundaApp.StartAsync();
        // One after the other, so each fails after the one before.
        for (var i = 0; i < 3; i++)
        {
            await app.TrackFailuresAsync(bus => bus.PublishAsync(MessagesCommandTests.UnknownTemplate()));
        }

        var newestFirst = (await app.DeadLettersAsync()).Select(l => l.Id).Reverse().ToList();
        var office = app.Get<DeadLetterOffice>();

        var first = await office.PageAsync(1, 2, CancellationToken.None);
        var second = await office.PageAsync(2, 2, CancellationToken.None);
        var beyond = await office.PageAsync(3, 2, CancellationToken.None);

        first.Letters.Select(l => l.Id).ShouldBe(newestFirst.Take(2));
        second.Letters.Select(l => l.Id).ShouldBe(newestFirst.Skip(2));
        beyond.Letters.ShouldBeEmpty();
        (first.Total, first.PageCount, beyond.Total).ShouldBe((3, 2, 3));
        first.Letters[0].MessageType.ShouldBe(Features.Email.SendEmail.Alias);
        first.Letters[0].ExceptionName.ShouldBe("MessageRefusedException");
        first.Letters[0].Attempts.ShouldBe(1);
    }

    [Fact]
    public void a_body_is_indented_json_with_links_codes_and_passwords_hidden()
    {
        var body = Encoding.UTF8.GetBytes("""{"to":"mario@example.it","values":{"name":"Mario Rossì","resetLink":"https://x.example/r?token=s3greto","code":"123456","password":"hunter2"}}""");

        var readable = DeadLetterBody.Readable(body);

        readable.ShouldContain("\n");
        readable.ShouldContain("\"name\": \"Mario Rossì\"");
        readable.ShouldContain($"\"resetLink\": \"{DeadLetterBody.Hidden}\"");
        readable.ShouldNotContain("s3greto");
        readable.ShouldNotContain("123456");
        readable.ShouldNotContain("hunter2");
    }

    [Fact]
    public void a_body_that_is_not_json_is_shown_as_text_without_control_characters_and_bounded()
    {
        var readable = DeadLetterBody.Readable([.. Encoding.UTF8.GetBytes("<script>\u001b[31m\0"), 0xFF, .. Encoding.UTF8.GetBytes(new string('x', 20_000))]);

        readable.ShouldStartWith("<script>\uFFFD[31m\uFFFD\uFFFD");
        readable.Length.ShouldBe(DeadLetterBody.MaxLength + 1);
        readable.ShouldEndWith("…");
        DeadLetterBody.Readable(null).ShouldBeEmpty();
    }
}
