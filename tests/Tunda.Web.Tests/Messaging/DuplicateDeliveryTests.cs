using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using Tunda.Web.Features.Email;
using Wolverine;
using Wolverine.Persistence.Durability;
using Wolverine.Runtime;
using Wolverine.Tracking;

namespace Tunda.Web.Tests.Messaging;

/// <summary>
/// A queued message that reaches the app twice with the same envelope id (a broker redelivering, a
/// sender retrying after a lost acknowledgement) is handled once: the durable inbox stores each
/// envelope id once and keeps a handled one for a while (Wolverine's KeepAfterMessageHandling, five
/// minutes), so the second copy is dropped before any handler sees it.
/// </summary>
public sealed class DuplicateDeliveryTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task a_mail_delivered_twice_with_one_envelope_id_is_sent_once(bool copiesArriveTogether)
    {
        var log = new LogCapture();
        await using var smtp = new LoopbackSmtpServer();
        await using var app = await MessagingApps.StartAsync(smtp, configure: builder => builder.ConfigureLogging(logging => logging.AddProvider(log)));
        var runtime = app.Get<IWolverineRuntime>();
        var queue = runtime.Endpoints.LocalQueueForMessageType(typeof(SendEmail)).ShouldNotBeNull();
        var inbox = runtime.Endpoints.AgentForLocalQueue(queue.Uri).ShouldNotBeNull();
        var mail = EmailApps.Mail("confirm-email", "it", EmailApps.ConfirmValues());
        var envelopeId = Guid.NewGuid();
        Envelope Copy() => new(mail) { Id = envelopeId, Destination = queue.Uri, MessageType = SendEmail.Alias, Serializer = runtime.Options.DefaultSerializer };

        var tracked = await app.Host.TrackActivity().Timeout(TimeSpan.FromSeconds(60)).ExecuteAndWaitAsync((Func<IMessageContext, Task>)(async _ =>
        {
            await inbox.StoreAndForwardAsync(Copy());
            if (copiesArriveTogether)
            {
                await inbox.StoreAndForwardAsync(Copy());
            }
        }));
        if (!copiesArriveTogether)
        {
            await inbox.StoreAndForwardAsync(Copy());
        }

        await TestMessages.EventuallyAsync(
            () => Task.FromResult(log.Entries.Any(e => e.Exception is DuplicateIncomingEnvelopeException && e.Exception.Message.Contains(envelopeId.ToString(), StringComparison.Ordinal))),
            "the inbox turned the second copy away");
        tracked.Executed.Envelopes().ShouldHaveSingleItem().Id.ShouldBe(envelopeId);
        smtp.Received.ShouldHaveSingleItem().Header("Message-ID").ShouldBe(await EmailApps.MessageIdFieldAsync(app, mail));
        await TestMessages.EventuallyAsync(async () => (await app.InboxAsync()).Single().Status == EnvelopeStatus.Handled, "the inbox marked the envelope handled");
    }
}
