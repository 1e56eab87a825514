using Tunda.Web.Features.Email;
using Tunda.Web.Features.Messaging;
using Wolverine;
using Wolverine.Tracking;

namespace Tunda.Web.Tests.Messaging;

/// <summary>
/// A mail the server keeps refusing is retried through the durable inbox (Tunda:Mail:RetryDelays,
/// here a fifth of a second each), then becomes a dead letter; once the server is back, staff replay
/// it from the command line and a running node sends it, once.
/// </summary>
public sealed class RetryAndDeadLetterTests
{
    [Fact]
    public async Task a_refused_mail_is_retried_then_dead_lettered_and_a_replay_from_the_cli_sends_it_once()
    {
        await using var smtp = new LoopbackSmtpServer();
        smtp.Fail("MAIL", "451 4.3.0 Try again later");
        await using var app = await MessagingApps.StartAsync(smtp);
        var mail = EmailApps.Mail("confirm-email", "it", EmailApps.ConfirmValues());

        var failing = await app.TrackUntilAsync(r => r.MessageEventType == MessageEventType.MovedToErrorQueue, bus => bus.PublishAsync(mail));

        failing.ExecutionStarted.Envelopes().Count().ShouldBe(3, "the first try and the two configured retries");
        failing.Requeued.Envelopes().Count().ShouldBe(2);
        failing.MovedToErrorQueue.SingleMessage<SendEmail>().Id.ShouldBe(mail.Id);
        await TestMessages.EventuallyAsync(async () => (await app.DeadLettersAsync()).Count == 1, "the mail is a dead letter");
        var dead = (await app.DeadLettersAsync()).Single();
        dead.MessageType.ShouldBe(SendEmail.Alias);
        dead.Envelope.Attempts.ShouldBe(3);
        dead.ExceptionMessage.ShouldContain("451 4.3.0 Try again later");
        smtp.Received.ShouldBeEmpty();

        smtp.Recover("MAIL");
        var replay = await app.Host.TrackActivity().Timeout(TimeSpan.FromSeconds(60)).WaitForExecutionOf<SendEmail>()
            .ExecuteAndWaitAsync((Func<IMessageContext, Task>)(async _ =>
                (await MessagesCommandTests.RunAsync(app, "replay", dead.Id.ToString())).ExitCode.ShouldBe(MessagesCommand.Ok)));

        replay.Executed.SingleEnvelope<SendEmail>().Id.ShouldBe(dead.Id);
        smtp.Received.ShouldHaveSingleItem().Header("Message-ID").ShouldBe(await EmailApps.MessageIdFieldAsync(app, mail));
        (await app.DeadLettersAsync()).ShouldBeEmpty();
        await TestMessages.EventuallyAsync(async () => (await app.InboxAsync()).Single().Status == EnvelopeStatus.Handled, "the inbox marked the replayed mail handled");
    }
}
