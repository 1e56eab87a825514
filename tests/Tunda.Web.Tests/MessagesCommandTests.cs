using Microsoft.Extensions.Configuration;
using Tunda.Web.Features.Messaging;

namespace Tunda.Web.Tests;

public sealed class MessagesCommandTests
{
    [Fact]
    public async Task dead_letters_lists_id_type_attempts_and_the_errors_first_line_and_replay_requeues_it()
    {
        await using var app = new TundaApp(messaging: TestMessages.Module());
        var bus = await app.BusReadyAsync();
        var id = Guid.NewGuid();
        await bus.PublishAsync(new SendToBrokenMailServer("amani@example.com"), id);
        await TestMessages.EventuallyAsync(async () => (await bus.DeadLetters.ListAsync()).Count == 1, "the message is dead-lettered");

        var (listed, listing, _) = await RunAsync(app, "dead-letters");

        listed.ShouldBe(MessagesCommand.Ok);
        var lines = listing.TrimEnd().Split('\n');
        lines.Length.ShouldBe(2);
        lines[0].ShouldStartWith("ID");
        lines[1].ShouldStartWith(id.ToString());
        lines[1].ShouldContain("send_to_broken_mail_server");
        lines[1].ShouldContain("  2  ");
        lines[1].ShouldContain($"InvalidOperationException: {TestMessages.BrokenMailServerError}");
        lines[1].ShouldNotContain("second line");

        var (replayed, replayOutput, _) = await RunAsync(app, "replay", id.ToString());

        replayed.ShouldBe(MessagesCommand.Ok);
        replayOutput.ShouldContain($"Replayed {id}");
        // The app's worker fails it again, so it comes back with fresh attempts counted from zero.
        await TestMessages.EventuallyAsync(async () => (await bus.DeadLetters.ListAsync()).Count == 1, "the replayed message is dead-lettered again");
        (await bus.DeadLetters.ListAsync()).Single().Id.ShouldBe(id);
    }

    [Fact]
    public async Task replaying_an_unknown_id_says_so_and_exits_1()
    {
        await using var app = new TundaApp(messaging: TestMessages.Module());
        await app.BusReadyAsync();
        var id = Guid.NewGuid();

        var (exitCode, output, error) = await RunAsync(app, "replay", id.ToString());

        exitCode.ShouldBe(MessagesCommand.Failed);
        output.ShouldBeEmpty();
        error.ShouldContain($"No dead letter with id {id}");
    }

    [Fact]
    public async Task an_empty_dead_letter_table_is_reported_as_such()
    {
        await using var app = new TundaApp(messaging: TestMessages.Module());
        await app.BusReadyAsync();

        var (exitCode, output, _) = await RunAsync(app, "dead-letters");

        exitCode.ShouldBe(MessagesCommand.Ok);
        output.Trim().ShouldBe("No dead letters.");
    }

    [Theory]
    [InlineData]
    [InlineData("replay")]
    [InlineData("replay", "not-a-guid")]
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
        error.ToString().ShouldContain($"No messaging tables in schema '{schema}'");
    }

    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(TundaApp app, params string[] args)
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
