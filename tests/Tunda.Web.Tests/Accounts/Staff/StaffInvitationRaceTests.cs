using Tunda.Domain.Staff;
using Tunda.Web.Platform.Commands;
using Tunda.Web.Features.Accounts.Staff;

namespace Tunda.Web.Tests.Accounts.Staff;

public sealed class StaffInvitationRaceTests
{
    [Fact]
    public async Task racing_invitations_of_one_address_make_exactly_one_member()
    {
        await using var app = await AccountsApp.StartAsync();
        var bus = app.Get<ICommandSender>();
        using var start = new ManualResetEventSlim();

        var invitations = Enumerable.Range(0, 8).Select(i => Task.Run(async () =>
        {
            start.Wait();
            return await bus.InvokeAsync(new InviteStaffMember(Guid.NewGuid(), $"Anna {i}", i % 2 == 0 ? "anna@tunda.it" : "Anna@Tunda.it", StaffRoles.Support, "it", SendMail: false));
        })).ToList();
        start.Set();
        var results = await Task.WhenAll(invitations);

        results.Count(r => r.Succeeded).ShouldBe(1);
        results.Where(r => !r.Succeeded).ShouldAllBe(r => r.Errors.Single().Code == StaffErrors.EmailTaken.Code);
        (await TestDatabase.ScalarAsync<long>($"SELECT count(*) FROM {app.Schema}.mt_doc_staffdirectoryentry WHERE data->>'email' = 'anna@tunda.it'")).ShouldBe(1);
    }
}
