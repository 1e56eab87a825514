using System.Net;
using Tunda.Domain.Customers;
using Marten;
using Tunda.Domain.Logins;
using Tunda.Domain.Tickets;
using Tunda.Projections.Tickets;
using Tunda.Web.Features.Accounts.Demo;
using Tunda.Web.Security.Authentication;
using Tunda.Web.Security.SignIn;

namespace Tunda.Web.Tests.Accounts.Staff;

public sealed class DemoSeedTests
{
    [Fact]
    public async Task the_demo_seed_creates_the_customer_contact_and_administrator_once_and_running_it_again_adds_nothing()
    {
        await using var app = await AccountsApp.StartAsync();
        var seed = app.Get<DemoSeed>();

        var first = await seed.SeedAsync();
        var events = await TestDatabase.ScalarAsync<long>($"SELECT count(*) FROM {app.Schema}.mt_events");
        var second = await seed.SeedAsync();

        first.ShouldBe(new DemoSeedResult(CustomerCreated: true, StaffCreated: true));
        second.ShouldBe(new DemoSeedResult(CustomerCreated: false, StaffCreated: false));
        (await TestDatabase.ScalarAsync<long>($"SELECT count(*) FROM {app.Schema}.mt_events")).ShouldBe(events);
        (await TestDatabase.ScalarAsync<long>($"SELECT count(*) FROM {app.Schema}.mt_doc_staffdirectoryentry")).ShouldBe(1);

        var main = (await app.Get<IAccountDirectory>().ForEmailAsync(DemoAccounts.CustomerEmail)).ShouldHaveSingleItem();
        main.CustomerName.ShouldBe("Pizzeria Da Mario S.r.l.");
        var contact = (await app.Get<IAccountDirectory>().ForEmailAsync(DemoAccounts.ContactEmail)).ShouldHaveSingleItem();
        contact.Permissions.ShouldBe(Permissions.Invoices);
        using (await app.SignInAsync(DemoAccounts.CustomerEmail, DemoAccounts.CustomerPassword))
        using (await app.SignInAsync(DemoAccounts.ContactEmail, DemoAccounts.ContactPassword))
        {
        }

        using var admin = await StaffSignInTests.DemoAdminAsync(app);
        (await admin.GetAsync(new Uri("/staff/membri", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.OK);

        await using var session = app.Get<Marten.IDocumentStore>().QuerySession();
        var tickets = (await session.Query<TicketThread>().ToListAsync()).OrderBy(t => t.Number).ToList();
        tickets.Select(t => t.State.Status).ShouldBe([TicketStatus.AwaitingStaff, TicketStatus.AwaitingCustomer, TicketStatus.Closed, TicketStatus.AwaitingStaff, TicketStatus.Held]);
        tickets[4].CustomerId.ShouldBeNull();
        tickets[3].State.AssigneeId.ShouldBe(DemoAccounts.StaffId);
    }
}
