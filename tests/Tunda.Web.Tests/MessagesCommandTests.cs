using Microsoft.Extensions.Configuration;
using Tunda.Web.Features.Email;
using Tunda.Web.Features.Messaging;
using Wolverine.Tracking;

namespace Tunda.Web.Tests;

public sealed class MessagesCommandTests
{
    [Fact]
    public async Task dead_letters_lists_id_type_attempts_and_the_errors_first_line_and_replay_requeues_it()
    {
        await using var app = await TundaApp.StartAsync();
        var message = UnknownTemplate();
        await app.TrackFailuresAsync(bus => bus.PublishAsync(message));
        var id = (await app.DeadLettersAsync()).ShouldHaveSingleItem().Id;

        var (listed, listing, _) = await RunAsync(app, "dead-letters");

        listed.ShouldBe(MessagesCommand.Ok);
        var lines = listing.TrimEnd().Split('\n');
        lines.Length.ShouldBe(2);
        lines[0].ShouldStartWith("ID");
        lines[0].ShouldContain("FAILED AT (UTC)");
        lines[1].ShouldStartWith(id.ToString());
        lines[1].ShouldContain(SendEmail.Alias);
        lines[1].ShouldContain("  1  ");
        lines[1].ShouldContain("MessageRefusedException: Refused: email.invalid There is no mail template 'nessun-modello'");

        // The app's worker refuses it again, so it comes back as a dead letter with fresh attempts.
        var replay = await app.Host.TrackActivity().Timeout(TimeSpan.FromSeconds(60)).DoNotAssertOnExceptionsDetected()
            .WaitForExecutionOf<SendEmail>().ExecuteAndWaitAsync((Func<Wolverine.IMessageContext, Task>)(async _ =>
            {
                var (replayed, replayOutput, _) = await RunAsync(app, "replay", id.ToString());
                replayed.ShouldBe(MessagesCommand.Ok);
                replayOutput.ShouldContain($"Replayed {id}");
            }));

        replay.Executed.SingleMessage<SendEmail>().Id.ShouldBe(message.Id);
        await TestMessages.EventuallyAsync(async () => (await app.DeadLettersAsync()).Any(l => l.Id == id && !l.Replayable), "the replayed message is a dead letter again");
        var again = (await app.DeadLettersAsync()).ShouldHaveSingleItem();
        again.Envelope.Attempts.ShouldBe(1);
    }

    [Fact]
    public async Task discard_deletes_the_dead_letter_for_good()
    {
        await using var app = await TundaApp.StartAsync();
        await app.TrackFailuresAsync(bus => bus.PublishAsync(UnknownTemplate()));
        var id = (await app.DeadLettersAsync()).ShouldHaveSingleItem().Id;

        var (discarded, output, _) = await RunAsync(app, "discard", id.ToString());

        discarded.ShouldBe(MessagesCommand.Ok);
        output.ShouldContain($"Discarded {id}");
        (await app.DeadLettersAsync()).ShouldBeEmpty();
        (await RunAsync(app, "discard", id.ToString())).ExitCode.ShouldBe(MessagesCommand.Failed);
    }

    [Fact]
    public async Task replaying_an_unknown_id_says_so_and_exits_1()
    {
        await using var app = await TundaApp.StartAsync();
        var id = Guid.NewGuid();

        var (exitCode, output, error) = await RunAsync(app, "replay", id.ToString());

        exitCode.ShouldBe(MessagesCommand.Failed);
        output.ShouldBeEmpty();
        error.ShouldContain($"No dead letter with id {id}");
    }

    [Fact]
    public async Task an_empty_dead_letter_table_is_reported_as_such()
    {
        await using var app = await TundaApp.StartAsync();

        var (exitCode, output, _) = await RunAsync(app, "dead-letters");

        exitCode.ShouldBe(MessagesCommand.Ok);
        output.Trim().ShouldBe("No dead letters.");
    }

    [Theory]
    [InlineData]
    [InlineData("replay")]
    [InlineData("replay", "not-a-guid")]
    [InlineData("discard")]
    [InlineData("resend", "all")]
    public async Task a_malformed_command_prints_usage_and_exits_2(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exitCode = await MessagesCommand.RunAsync(args, output, error);

        exitCode.ShouldBe(MessagesCommand.Usage);
        error.ToString().ShouldContain("usage: messages dead-letters");
    }

    [Fact]
    public async Task a_schema_the_app_never_started_in_is_named_in_the_error()
    {
        var schema = TestDatabase.NewSchemaName("never");
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exitCode = await MessagesCommand.RunAsync(["dead-letters"], output, error, Configure(schema));

        exitCode.ShouldBe(MessagesCommand.Failed);
        error.ToString().ShouldContain($"No message tables in schema '{schema}'");
    }

    /// <summary>A mail no retry can send: refused at once, so it goes straight to the dead letters.</summary>
    internal static SendEmail UnknownTemplate() => EmailApps.Mail("nessun-modello", "it", new Dictionary<string, string>());

    internal static async Task<(int ExitCode, string Output, string Error)> RunAsync(TundaApp app, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await MessagesCommand.RunAsync(args, output, error, Configure(app.Schema));
        return (exitCode, output.ToString(), error.ToString());
    }

    private static Action<IConfigurationBuilder> Configure(string schema) => configuration => configuration.AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["TUNDA_DB"] = TestDatabase.ConnectionString,
        ["Tunda:Schema"] = schema,
    });
}
