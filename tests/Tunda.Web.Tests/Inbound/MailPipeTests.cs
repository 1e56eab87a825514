using Microsoft.Extensions.Configuration;
using Tunda.Web.Features.Inbound;

namespace Tunda.Web.Tests.Inbound;

/// <summary>The verb an MTA's pipe transport runs, in-process with a stdin stream, against the app's schema.</summary>
public sealed class MailPipeTests
{
    [Fact]
    public async Task a_good_message_is_stored_queued_and_exits_0()
    {
        await using var app = await InboundApp.StartAsync();
        var raw = SampleMail.Personal();

        var (exitCode, _) = await PipeAsync(app.Schema, raw, "pipe", "--source", "postfix pipe");

        exitCode.ShouldBe(MailCommand.Ok);
        var row = (await app.RowsAsync()).ShouldHaveSingleItem();
        row.Raw.ShouldBe(raw);
        row.Channel.ShouldBe("pipe");
        row.Source.ShouldBe("postfix pipe");
        await app.ProcessedAsync();
        (await app.RowsAsync()).Single().Status.ShouldBe("processed");
        (await app.EventCountAsync("inbound_mail_received")).ShouldBe(1);
    }

    [Fact]
    public async Task a_message_piped_twice_exits_0_both_times_and_is_stored_once()
    {
        await using var app = await InboundApp.StartAsync();

        (await PipeAsync(app.Schema, SampleMail.Personal(), "pipe")).ExitCode.ShouldBe(MailCommand.Ok);
        (await PipeAsync(app.Schema, SampleMail.Personal(), "pipe")).ExitCode.ShouldBe(MailCommand.Ok);

        (await app.RowsAsync()).ShouldHaveSingleItem().DuplicatesSeen.ShouldBe(1);
    }

    [Fact]
    public async Task garbage_exits_65_and_is_kept_in_quarantine()
    {
        await using var app = await InboundApp.StartAsync();
        var garbage = SampleMail.Garbage();

        var (exitCode, error) = await PipeAsync(app.Schema, garbage, "pipe");

        exitCode.ShouldBe(MailCommand.DataError);
        error.ShouldContain("quarantine");
        var row = (await app.RowsAsync()).ShouldHaveSingleItem();
        row.Status.ShouldBe("quarantined");
        row.Raw.ShouldBe(garbage);
        (await InboundRows.QueuedCountAsync(app.Schema)).ShouldBe(0);
    }

    [Fact]
    public async Task empty_input_exits_65_and_leaves_a_trace()
    {
        await using var app = await InboundApp.StartAsync();

        var (exitCode, _) = await PipeAsync(app.Schema, [], "pipe");

        exitCode.ShouldBe(MailCommand.DataError);
        (await app.RowsAsync()).ShouldHaveSingleItem().QuarantineReason.ShouldNotBeNull().ShouldContain("empty");
    }

    [Fact]
    public async Task input_over_the_hard_cap_keeps_its_first_bytes_in_quarantine_and_exits_65()
    {
        await using var app = await InboundApp.StartAsync();
        var huge = SampleMail.Personal().Concat(Enumerable.Repeat((byte)'x', (int)InboundApp.MaxMessageBytes)).ToArray();

        var (exitCode, _) = await PipeAsync(app.Schema, huge, "pipe");

        exitCode.ShouldBe(MailCommand.DataError);
        var row = (await app.RowsAsync()).ShouldHaveSingleItem();
        row.Status.ShouldBe("quarantined");
        row.QuarantineReason.ShouldNotBeNull().ShouldContain("too large");
        row.Raw.ShouldBe(huge[..InboundOptions.TruncatedKeepBytes]);
    }

    [Fact]
    public async Task an_unreachable_database_exits_75_so_the_mta_retries()
    {
        var closedPort = "Host=127.0.0.1;Port=1;Username=tunda;Password=x;Database=tunda;Timeout=3";

        var (exitCode, error) = await PipeAsync("unreachable", SampleMail.Personal(), ["pipe"], closedPort);

        exitCode.ShouldBe(MailCommand.TempFail);
        error.ShouldContain("retry");
    }

    [Fact]
    public async Task a_schema_the_app_never_started_in_gets_its_tables_and_the_message()
    {
        var schema = TestDatabase.NewSchemaName("pipe");
        try
        {
            var (exitCode, _) = await PipeAsync(schema, SampleMail.Personal(), "pipe");

            exitCode.ShouldBe(MailCommand.Ok);
            (await InboundRows.ReadAsync(schema)).ShouldHaveSingleItem().Status.ShouldBe("queued");
            (await InboundRows.QueuedCountAsync(schema)).ShouldBe(1);
        }
        finally
        {
            await TestDatabase.DropSchemaAsync(schema);
        }
    }

    [Theory]
    [InlineData]
    [InlineData("send")]
    [InlineData("pipe", "--source")]
    public async Task a_malformed_command_prints_usage_and_exits_64(params string[] args)
    {
        var (exitCode, error) = await PipeAsync("unused", [], args);

        exitCode.ShouldBe(MailCommand.Usage);
        error.ShouldContain("usage: mail pipe");
    }

    private static Task<(int ExitCode, string Error)> PipeAsync(string schema, byte[] input, params string[] args) =>
        PipeAsync(schema, input, args, TestDatabase.ConnectionString);

    private static async Task<(int ExitCode, string Error)> PipeAsync(string schema, byte[] input, string[] args, string connectionString)
    {
        using var stdin = new MemoryStream(input);
        using var error = new StringWriter();
        var exitCode = await MailCommand.RunAsync(args, stdin, error, configuration => configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["TUNDA_DB"] = connectionString,
            ["Tunda:Schema"] = schema,
            ["Tunda:Inbound:MaxMessageBytes"] = InboundApp.MaxMessageBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }));
        return (exitCode, error.ToString());
    }
}
