using System.Net;
using Alba;
using JasperFx.Events;
using Tunda.Domain.Customers;
using Tunda.Domain.Logins;
using Tunda.Web.Features.Accounts.Profile;
using Tunda.Web.Features.Accounts.Registration;
using Tunda.Web.Features.Email;
using Tunda.Web.Platform.Commands;
using Wolverine;
using Wolverine.Tracking;

namespace Tunda.Web.Tests.Messaging;

/// <summary>
/// What an HTTP request carries (a correlation id, who acts, the client's IP and user agent) reaches
/// the Marten metadata of every event it causes, directly or through the messages it queues, and the
/// envelopes of those messages; each event names the message whose handling appended it (causation).
/// </summary>
public sealed class MetadataFlowTests
{
    private const string ClientIp = "203.0.113.9";
    private const string UserAgent = "Mozilla/5.0 (X11; Linux x86_64) TundaTest/1.0";

    [Fact]
    public async Task a_registration_over_http_stamps_its_events_and_the_mail_it_queues()
    {
        await using var smtp = new LoopbackSmtpServer();
        await using var app = await MessagingApps.StartAsync(smtp);
        var form = MessagingApps.RegistrationForm("tracciata@example.it");

        var tracked = await TrackRequestAsync(app, "/api/customers", form, HttpStatusCode.Accepted);

        var command = tracked.Executed.SingleEnvelope<RegisterNewCustomer>();
        var customerId = tracked.Executed.SingleMessage<RegisterNewCustomer>().Customer.CustomerId;
        var events = (await app.StreamAsync(customerId)).Concat(await app.StreamAsync(LoginId.For(LoginRealm.Customer, "tracciata@example.it"))).ToList();
        events.Count.ShouldBeGreaterThanOrEqualTo(2);
        events.ShouldContain(e => e.Data is CustomerRegistered);
        Guid.TryParse(command.CorrelationId, out _).ShouldBeTrue("the request's correlation id is the command's");
        events.ShouldAllBe(e => e.CorrelationId == command.CorrelationId && e.CausationId == command.Id.ToString());
        events.ForEach(e => ShouldCarryTheRequest(e, "anonymous", ActorKind.System));
        ShouldCarryTheRequest(tracked.Executed.SingleEnvelope<SendEmail>(), command.CorrelationId!, "anonymous", ActorKind.System);
    }

    [Fact]
    public async Task a_queued_message_passes_the_requests_metadata_on_to_its_events_and_to_the_mail_it_sends()
    {
        await using var smtp = new LoopbackSmtpServer();
        await using var app = await MessagingApps.StartAsync(smtp);
        await app.TrackAsync(bus => bus.InvokeAsync(MessagingApps.Registration("dimentica@example.it")));

        var tracked = await TrackRequestAsync(app, "/api/password/forgot", new ForgotPasswordRequest("dimentica@example.it"), HttpStatusCode.Accepted);

        var wanted = tracked.Executed.SingleEnvelope<PasswordResetWanted>();
        Guid.TryParse(wanted.CorrelationId, out _).ShouldBeTrue();
        var requested = (await app.StreamAsync(LoginId.For(LoginRealm.Customer, "dimentica@example.it"))).Single(e => e.Data is PasswordResetRequested);
        requested.CorrelationId.ShouldBe(wanted.CorrelationId);
        requested.CausationId.ShouldBe(wanted.Id.ToString());
        ShouldCarryTheRequest(requested, "anonymous", ActorKind.System);
        var mail = tracked.Executed.SingleEnvelope<SendEmail>();
        ShouldCarryTheRequest(mail, wanted.CorrelationId!, "anonymous", ActorKind.System);
        ((SendEmail)mail.Message!).TemplateName.ShouldBe("password-reset");
    }

    /// <summary>Sends the request from a client at <see cref="ClientIp"/> with <see cref="UserAgent"/> and waits for all it caused.</summary>
    private static Task<ITrackedSession> TrackRequestAsync<T>(TundaApp app, string url, T body, HttpStatusCode expected) =>
        app.Host.TrackActivity().Timeout(TimeSpan.FromSeconds(60)).ExecuteAndWaitAsync((Func<IMessageContext, Task>)(_ => app.Host.Scenario(s =>
        {
            s.Post.Json(body).ToUrl(url);
            s.WithRequestHeader("User-Agent", UserAgent);
            s.ConfigureHttpContext(http => http.Connection.RemoteIpAddress = IPAddress.Parse(ClientIp));
            s.StatusCodeShouldBe(expected);
        })));

    private static void ShouldCarryTheRequest(IEvent e, string actorId, ActorKind kind)
    {
        e.Headers.ShouldNotBeNull();
        Header(e, "actorId").ShouldBe(actorId);
        Header(e, "actorKind").ShouldBe(kind.ToString());
        Header(e, "clientIp").ShouldBe(ClientIp);
        Header(e, "userAgent").ShouldBe(UserAgent);
    }

    private static void ShouldCarryTheRequest(Envelope envelope, string correlationId, string actorId, ActorKind kind)
    {
        envelope.CorrelationId.ShouldBe(correlationId);
        envelope.Headers[MetadataHeaders.ActorId].ShouldBe(actorId);
        envelope.Headers[MetadataHeaders.ActorKind].ShouldBe(kind.ToString());
        envelope.Headers[MetadataHeaders.ClientIp].ShouldBe(ClientIp);
        envelope.Headers[MetadataHeaders.UserAgent].ShouldBe(UserAgent);
    }

    private static string? Header(IEvent e, string name) => e.Headers!.TryGetValue(name, out var value) ? value?.ToString() : null;
}
