using Tunda.Web.Features.Email;
using Wolverine;
using Wolverine.Tracking;

namespace Tunda.Web.Tests.Messaging;

/// <summary>
/// Scheduled messages wait in the durable inbox until their time; with several nodes on one schema
/// (Balanced durability) each is claimed by one node only.
/// </summary>
public sealed class ScheduledMessageTests
{
    [Fact]
    public async Task mails_scheduled_on_one_of_two_nodes_are_each_sent_once_and_none_before_its_time()
    {
        await using var smtp = new LoopbackSmtpServer();
        await using var first = await MessagingApps.StartAsync(smtp);
        await using var second = await MessagingApps.StartAsync(smtp, otherNode: first);
        var mails = Enumerable.Range(1, 6).Select(i => EmailApps.Mail("confirm-email", "it", EmailApps.ConfirmValues(), to: $"cliente{i}@example.it")).ToList();
        var due = DateTimeOffset.UtcNow.AddSeconds(3);

        var tracked = await first.Host.TrackActivity().AlsoTrack(second.Host).Timeout(TimeSpan.FromSeconds(60)).WaitForExecutionOf<SendEmail>(mails.Count)
            .ExecuteAndWaitAsync((Func<IMessageContext, Task>)(async _ =>
            {
                foreach (var mail in mails)
                {
                    await first.Bus.ScheduleAsync(mail, due);
                }
            }));

        tracked.Executed.MessagesOf<SendEmail>().Select(m => m.Id).ShouldBe(mails.Select(m => m.Id), ignoreOrder: true);
        var received = smtp.Received;
        received.Select(m => m.Header("Message-ID")).ShouldBe(await Task.WhenAll(mails.Select(m => EmailApps.MessageIdFieldAsync(first, m))), ignoreOrder: true);
        received.ShouldAllBe(m => m.ReceivedAt >= due);
        // Each is marked handled in the shared inbox, so no node will fire it again.
        await TestMessages.EventuallyAsync(
            async () => await first.InboxAsync() is var inbox && inbox.Count == mails.Count && inbox.All(e => e.Status == EnvelopeStatus.Handled),
            "every scheduled mail is marked handled");
    }
}
