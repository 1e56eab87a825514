using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Tunda.Domain.Customers;
using Tunda.Web.Security.Authentication;

namespace Tunda.Web.Tests.Accounts.Registration;

/// <summary>One e-mail, several customers: the person moves between them without signing in again, and only into its own.</summary>
public sealed class AccountSwitchTests
{
    [Fact]
    public async Task a_person_with_two_accounts_switches_to_the_other_and_gets_its_permissions()
    {
        await using var app = await AccountsApp.StartAsync();
        var own = await app.SeedCustomerAsync("anna@example.it", firstName: "Anna", lastName: "Verdi");
        var studio = await app.SeedCustomerAsync("studio@example.it", companyName: "Studio Neri S.r.l.");
        var contactId = await app.SeedContactAsync(studio, "anna@example.it", Permissions.Invoices);
        var accounts = await app.Get<IAccountDirectory>().ForEmailAsync("anna@example.it");
        var atStudio = accounts.Single(a => a.ContactId == contactId).AccessId;
        using var client = await app.SignInAsync("anna@example.it", customerId: own);

        var dashboard = await client.GetStringAsync(new Uri("/area-clienti", UriKind.Relative));
        var choice = await client.GetStringAsync(new Uri("/area-clienti/cambia-account", UriKind.Relative));
        var switched = await client.PostFormAsync("/area-clienti/cambia-account", [new("accessId", atStudio.ToString())]);
        using var me = JsonDocument.Parse(await client.GetStringAsync(new Uri("/api/me", UriKind.Relative)));

        dashboard.ShouldContain("href=\"/area-clienti/cambia-account\"");
        choice.ShouldContain("Studio Neri S.r.l.");
        choice.ShouldContain("Anna Verdi");
        switched.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        switched.Headers.Location!.ToString().ShouldBe("/area-clienti");
        me.RootElement.GetProperty("customerId").GetGuid().ShouldBe(studio);
        (await client.GetAsync(new Uri("/contatti", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await client.GetAsync(new Uri("/area-clienti/fatture", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task an_account_the_email_does_not_reach_is_refused_and_a_single_account_is_not_offered_a_switch()
    {
        await using var app = await AccountsApp.StartAsync();
        var own = await app.SeedCustomerAsync("solo@example.it");
        await app.SeedCustomerAsync("altro@example.it", companyName: "Altro S.r.l.");
        var strangers = (await app.Get<IAccountDirectory>().ForEmailAsync("altro@example.it")).Single().AccessId;
        using var client = await app.SignInAsync("solo@example.it");

        var dashboard = await client.GetStringAsync(new Uri("/area-clienti", UriKind.Relative));
        var refused = await client.PostFormAsync("/area-clienti/cambia-account", [new("accessId", strangers.ToString())]);
        var me = await client.GetFromJsonAsync<JsonElement>(new Uri("/api/me", UriKind.Relative));

        dashboard.ShouldNotContain("/area-clienti/cambia-account");
        refused.StatusCode.ShouldBe(HttpStatusCode.OK);
        me.GetProperty("customerId").GetGuid().ShouldBe(own);
    }
}
