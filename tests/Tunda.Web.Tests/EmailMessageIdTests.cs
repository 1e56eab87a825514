using System.Security.Cryptography;
using Microsoft.AspNetCore.Hosting;
using Tunda.Mail;
using Tunda.Web.Features.Email;
using Tunda.Web.Tests.Messaging;
using Wolverine;

namespace Tunda.Web.Tests;

/// <summary>Every Message-ID Tunda sends is signed, so a reply that names it can be told from a forged one.</summary>
public sealed class EmailMessageIdTests
{
    [Fact]
    public async Task a_sent_mails_message_id_verifies_on_this_node_and_on_a_second_node_of_the_same_installation()
    {
        await using var smtp = new LoopbackSmtpServer();
        await using var app = await MessagingApps.StartAsync(smtp);
        await using var otherNode = await MessagingApps.StartAsync(smtp, otherNode: app);

        await app.TrackAsync(bus => bus.PublishAsync(EmailApps.Mail("confirm-email", "it", EmailApps.ConfirmValues())));

        var id = smtp.Received.ShouldHaveSingleItem().Parsed().MessageId;
        id.ShouldEndWith("@tunda.example");
        (await app.Get<MessageIdSigning>().GetAsync(CancellationToken.None)).TryRead($"<{id}>", out var reference).ShouldBeTrue();
        reference.ShouldBeNull();
        (await otherNode.Get<MessageIdSigning>().GetAsync(CancellationToken.None)).TryRead(id.ToUpperInvariant(), out _).ShouldBeTrue();
        new SignedMessageIds(RandomNumberGenerator.GetBytes(32)).TryRead(id, out _).ShouldBeFalse();
    }

    [Fact]
    public async Task a_configured_key_signs_the_message_ids()
    {
        var key = RandomNumberGenerator.GetBytes(32);
        await using var smtp = new LoopbackSmtpServer();
        await using var app = await TundaApp.StartAsync(builder =>
        {
            EmailApps.Smtp(smtp)(builder);
            builder.UseSetting(MessageIdSigning.Setting, Convert.ToBase64String(key));
        });

        await app.TrackAsync(bus => bus.PublishAsync(EmailApps.Mail("confirm-email", "it", EmailApps.ConfirmValues())));

        new SignedMessageIds(key).TryRead(smtp.Received.ShouldHaveSingleItem().Parsed().MessageId, out _).ShouldBeTrue();
    }

    [Theory]
    [InlineData("not base64!")]
    [InlineData("c2hvcnQ=")]
    public async Task a_configured_key_that_is_not_base64_of_32_bytes_stops_the_app_at_start(string value)
    {
        var error = await Should.ThrowAsync<InvalidOperationException>(() =>
            PlatformApp.StartAsync(settings: new Dictionary<string, string?> { [MessageIdSigning.Setting] = value }));

        error.Message.ShouldStartWith("Tunda:Mail:MessageIdKey must be base64 of at least 32 random bytes");
    }
}
