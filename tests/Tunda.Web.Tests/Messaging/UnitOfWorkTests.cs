using Marten;
using Tunda.Domain.Customers;
using Tunda.Domain.Logins;
using Tunda.Projections;
using Tunda.Web.Features.Accounts.Registration;
using Tunda.Web.Features.Email;
using Tunda.Web.Platform.Commands;

namespace Tunda.Web.Tests.Messaging;

/// <summary>
/// A command's events, documents, own rows and outgoing messages commit in one transaction or not at
/// all, shown on registration: it appends the customer's and the login's events (the customer profile
/// is projected inline), writes the credential, the e-mail reservation and the confirmation token, and
/// queues the summary mail.
/// </summary>
public sealed class UnitOfWorkTests
{
    [Fact]
    public async Task an_accepted_registration_commits_its_events_rows_document_and_mail_together()
    {
        await using var smtp = new LoopbackSmtpServer();
        await using var app = await MessagingApps.StartAsync(smtp);
        var command = MessagingApps.Registration("accolta@example.it");

        var result = InvokeResult.Success(null);
        var tracked = await app.TrackAsync(async bus => result = await bus.InvokeAsync(command));

        result.Succeeded.ShouldBeTrue();
        var written = await WrittenAsync(app, command);
        written.ShouldBe(new Written(CustomerEvents: 1, LoginEvents: 1, Profiles: 1, Credentials: 1, Reservations: 1, Tokens: 1));
        tracked.Executed.SingleMessage<SendEmail>().ToAddress.ShouldBe("accolta@example.it");
        smtp.Received.ShouldHaveSingleItem().Recipients.ShouldBe(["accolta@example.it"]);
    }

    [Fact]
    public async Task a_registration_refused_after_writing_its_rows_leaves_no_event_row_document_or_mail()
    {
        await using var smtp = new LoopbackSmtpServer();
        await using var app = await MessagingApps.StartAsync(smtp);
        // Another customer's registration won the address a moment earlier: this one gets as far as
        // storing the credential and appending its events before the reservation refuses it.
        await TestDatabase.ExecuteAsync($"INSERT INTO {app.Schema}.main_account_emails (email, customer_id, reserved_at) VALUES ('presa@example.it', '{Guid.NewGuid()}', now())");
        var command = MessagingApps.Registration("presa@example.it");

        var result = InvokeResult.Success(null);
        var tracked = await app.TrackAsync(async bus => result = await bus.InvokeAsync(command));

        result.Status.ShouldBe(InvokeStatus.Rejected);
        result.Error!.Code.ShouldBe(RegistrationErrors.EmailTaken.Code);
        (await WrittenAsync(app, command)).ShouldBe(new Written(CustomerEvents: 0, LoginEvents: 0, Profiles: 0, Credentials: 0, Reservations: 1, Tokens: 0));
        tracked.Sent.MessagesOf<SendEmail>().ShouldBeEmpty();
        (await app.InboxAsync()).ShouldBeEmpty();
        smtp.Received.ShouldBeEmpty();
    }

    [Fact]
    public async Task a_commit_the_database_rejects_takes_the_rows_and_the_queued_mail_with_it()
    {
        await using var smtp = new LoopbackSmtpServer();
        await using var app = await MessagingApps.StartAsync(smtp);
        var command = MessagingApps.Registration("respinta@example.it");
        // The database fails the commit itself (as a full disk or a lost connection would), after the
        // handler accepted and wrote its rows on the same transaction.
        await TestDatabase.ExecuteAsync($"""
            CREATE FUNCTION {app.Schema}.refuse_test_stream() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              IF NEW.stream_id = '{command.Customer.CustomerId}' THEN RAISE EXCEPTION 'the disk is full (test)'; END IF;
              RETURN NEW;
            END $$;
            CREATE TRIGGER refuse_test_stream BEFORE INSERT ON {app.Schema}.mt_events FOR EACH ROW EXECUTE FUNCTION {app.Schema}.refuse_test_stream();
            """);

        var tracked = await app.TrackFailuresAsync(async bus =>
            (await Should.ThrowAsync<Exception>(() => bus.InvokeAsync(command))).ToString().ShouldContain("the disk is full (test)"));

        (await WrittenAsync(app, command)).ShouldBe(new Written(CustomerEvents: 0, LoginEvents: 0, Profiles: 0, Credentials: 0, Reservations: 0, Tokens: 0));
        tracked.Sent.MessagesOf<SendEmail>().ShouldBeEmpty();
        (await app.InboxAsync()).ShouldBeEmpty();
        (await app.Get<Wolverine.Persistence.Durability.IMessageStore>().Admin.AllOutgoingAsync()).ShouldBeEmpty();
        smtp.Received.ShouldBeEmpty();
    }

    private sealed record Written(long CustomerEvents, long LoginEvents, long Profiles, long Credentials, long Reservations, long Tokens);

    private static async Task<Written> WrittenAsync(TundaApp app, RegisterNewCustomer command)
    {
        var customerId = command.Customer.CustomerId;
        var email = command.Customer.Email!;
        await using var session = app.Get<IDocumentStore>().QuerySession();
        var customerEvents = (await session.Events.FetchStreamAsync(customerId)).Count(e => e.Data is CustomerRegistered);
        var loginEvents = (await session.Events.FetchStreamAsync(LoginId.For(LoginRealm.Customer, email))).Count;
        var profiles = await session.LoadAsync<CustomerProfile>(customerId) is null ? 0 : 1;
        return new Written(
            customerEvents,
            loginEvents,
            profiles,
            await app.CountAsync($"SELECT count(*) FROM {{schema}}.credentials WHERE email = '{email}'"),
            await app.CountAsync($"SELECT count(*) FROM {{schema}}.main_account_emails WHERE email = '{email}'"),
            await app.CountAsync($"SELECT count(*) FROM {{schema}}.one_time_tokens WHERE subject = '{customerId}'"));
    }
}
