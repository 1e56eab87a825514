using Microsoft.Extensions.Configuration;
using Tunda.Web.Features.Accounts.Staff;

namespace Tunda.Web.Tests.Accounts.Staff;

public sealed class StaffCommandTests
{
    [Fact]
    public async Task add_prints_and_mails_a_one_time_invitation_link_and_list_shows_the_member_with_roles()
    {
        await using var app = await AccountsApp.StartAsync();

        var (added, output, _) = await RunAsync(app, "add", "--email", "Giulia.Neri@Tunda.it", "--name", "Giulia Neri", "--role", "administrator,support");

        added.ShouldBe(StaffCommand.Ok);
        output.ShouldContain("giulia.neri@tunda.it");
        var link = output.Split('\n').Select(l => l.Trim()).Single(l => l.StartsWith("http", StringComparison.Ordinal));
        link.ShouldStartWith($"{AccountsApp.PublicBaseUrl}/staff/invito?token=");
        // The command only queues the mail; the running app's worker sends it.
        var mail = await app.Mail.WaitForMessageAsync(m => m.Recipients.Contains("giulia.neri@tunda.it"), TimeSpan.FromSeconds(30));
        StaffKit.LinkIn(mail, "/staff/invito").ShouldBe(link);

        var (listed, listing, listError) = await RunAsync(app, "list");

        listed.ShouldBe(StaffCommand.Ok, listError);
        var row = listing.Split('\n').Single(l => l.Contains("giulia.neri@tunda.it", StringComparison.Ordinal));
        row.ShouldContain("Giulia Neri");
        row.ShouldContain("support, administrator");
        row.ShouldContain("active");
    }

    [Fact]
    public async Task add_with_a_password_needs_no_mail_but_the_first_sign_in_still_demands_the_authenticator()
    {
        await using var app = await AccountsApp.StartAsync();

        var (added, output, _) = await RunAsync(app, "add", "--email", "ops@tunda.it", "--name", "Ops Tunda", "--role", "support", "--password", StaffKit.Password);

        added.ShouldBe(StaffCommand.Ok);
        output.ShouldNotContain("token=");
        var client = app.Client();
        var signIn = await client.PostFormAsync("/staff/accedi", [new("Input.Email", "ops@tunda.it"), new("Input.Password", StaffKit.Password)]);
        signIn.Headers.Location!.OriginalString.ShouldBe("/staff/accedi/attiva-2fa");
        (await client.GetAsync(new Uri("/staff", UriKind.Relative))).Headers.Location!.OriginalString.ShouldStartWith("/staff/accedi/attiva-2fa");
    }

    [Fact]
    public async Task bad_usage_and_refused_members_exit_non_zero_with_the_reason()
    {
        await using var app = await AccountsApp.StartAsync();

        var (usage, _, usageError) = await RunAsync(app, "add", "--email", "x@tunda.it", "--name", "X", "--role", "boss");
        await RunAsync(app, "add", "--email", "dup@tunda.it", "--name", "Primo", "--role", "auditor");
        var (duplicate, _, duplicateError) = await RunAsync(app, "add", "--email", "DUP@tunda.it", "--name", "Secondo", "--role", "auditor");

        usage.ShouldBe(StaffCommand.Usage);
        usageError.ShouldContain("usage: staff add");
        duplicate.ShouldBe(StaffCommand.Failed);
        duplicateError.ShouldContain("staff.email_taken");
    }

    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(AccountsApp app, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await StaffCommand.RunAsync(args, output, error, configuration => configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["TUNDA_DB"] = TestDatabase.ConnectionString,
            ["Tunda:Schema"] = app.Schema,
            ["Tunda:PublicBaseUrl"] = AccountsApp.PublicBaseUrl,
        }));
        return (exitCode, output.ToString(), error.ToString());
    }
}
