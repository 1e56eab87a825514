using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Tunda.Web.Features.Email;
using Wolverine;
using Wolverine.Tracking;

namespace Tunda.Web.Tests.Messaging;

/// <summary>
/// Two nodes on one schema (Balanced durability): a separate OS process running the app is killed
/// while it sends a mail (its mail server hangs), and the other node, once it sees the dead node's
/// heartbeat stop, takes over its unfinished message and sends it, once.
/// </summary>
public sealed class WorkerCrashTests
{
    [Fact]
    public async Task a_mail_whose_worker_process_is_killed_mid_send_is_sent_once_by_the_other_node()
    {
        await using var smtp = new LoopbackSmtpServer();
        await using var hanging = new StallingSmtpServer();
        await using var node = await MessagingApps.StartAsync(smtp, configure: NoticesDeadNodesSoon);
        await using var worker = await WorkerProcess.StartAsync(node.Schema, new Dictionary<string, string>
        {
            ["Tunda:Mail:From"] = EmailApps.From,
            ["Tunda:Mail:Smtp:Host"] = "127.0.0.1",
            ["Tunda:Mail:Smtp:Port"] = hanging.Port.ToString(CultureInfo.InvariantCulture),
            ["Tunda:Mail:Smtp:Security"] = "None",
            ["Tunda:Mail:Smtp:Timeout"] = "00:10:00",
        });
        using var client = new HttpClient { BaseAddress = worker.Address };

        var registered = await client.PostAsJsonAsync("/api/customers", MessagingApps.RegistrationForm("sopravvissuta@example.it"));

        registered.StatusCode.ShouldBe(HttpStatusCode.Accepted, await registered.Content.ReadAsStringAsync());
        await hanging.Connected.WaitAsync(TimeSpan.FromSeconds(60));
        var inFlight = (await node.InboxAsync()).ShouldHaveSingleItem($"the worker's summary mail; worker output:\n{worker.Output}");
        inFlight.Status.ShouldBe(EnvelopeStatus.Incoming);
        inFlight.OwnerId.ShouldNotBe(node.Get<WolverineOptions>().Durability.AssignedNodeNumber, "the worker holds it");

        var recovered = await node.Host.TrackActivity().Timeout(TimeSpan.FromMinutes(2)).WaitForExecutionOf<SendEmail>()
            .ExecuteAndWaitAsync((Func<IMessageContext, Task>)(_ => worker.KillAsync()));

        recovered.Executed.SingleEnvelope<SendEmail>().Id.ShouldBe(inFlight.Id);
        var mail = smtp.Received.ShouldHaveSingleItem();
        mail.Recipients.ShouldBe(["sopravvissuta@example.it"]);
        mail.Header("Subject")!.ShouldContain("Tunda");
        await TestMessages.EventuallyAsync(async () => (await node.InboxAsync()).Single().Status == EnvelopeStatus.Handled, "the taken-over mail is marked handled");
    }

    /// <summary>
    /// The worker keeps Wolverine's defaults (a heartbeat every 10 s): this node checks every second and
    /// calls a node dead after 20 s of silence, long enough never to bury the worker while it lives.
    /// </summary>
    private static void NoticesDeadNodesSoon(IWebHostBuilder builder) =>
        builder.ConfigureServices(services => services.ConfigureWolverine(options =>
        {
            options.Durability.HealthCheckPollingTime = TimeSpan.FromSeconds(1);
            options.Durability.StaleNodeTimeout = TimeSpan.FromSeconds(20);
            options.Durability.OrphanedMessageSweepPollingTime = TimeSpan.FromSeconds(1);
        }));
}
