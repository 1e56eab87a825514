using System.Net;
using System.Net.Http.Json;
using Tunda.Domain.Customers;

namespace Tunda.Web.Tests.Accounts.Contacts;

/// <summary>A customer never reaches another customer's contact, whatever id it sends.</summary>
public sealed class ContactIsolationTests
{
    [Fact]
    public async Task customer_a_cannot_read_change_block_or_delete_the_contact_of_customer_b()
    {
        await using var app = await AccountsApp.StartAsync();
        var a = await app.SeedCustomerAsync("anna@example.it", firstName: "Anna", lastName: "Verdi");
        var b = await app.SeedCustomerAsync("bruno@example.it", firstName: "Bruno", lastName: "Neri");
        await app.SeedContactAsync(a, "giulia@example.it", Permissions.Tickets, name: "Giulia Gialli");
        var theirs = await app.SeedContactAsync(b, "segreto@example.it", Permissions.Invoices, name: "Contatto Riservato");
        using var anna = await app.SignInAsync("anna@example.it");
        using var bruno = await app.SignInAsync("bruno@example.it");

        var answers = new Dictionary<string, HttpResponseMessage>
        {
            ["GET api"] = await anna.GetAsync(new Uri($"/api/contacts/{theirs}", UriKind.Relative)),
            ["PUT api"] = await anna.PutAsJsonAsync(new Uri($"/api/contacts/{theirs}", UriKind.Relative), new { name = "Preso", permissions = new[] { "Invoices" } }),
            ["block api"] = await anna.SendAsync(ContactsKit.Json(HttpMethod.Post, $"/api/contacts/{theirs}/block")),
            ["unblock api"] = await anna.SendAsync(ContactsKit.Json(HttpMethod.Post, $"/api/contacts/{theirs}/unblock")),
            ["DELETE api"] = await anna.DeleteAsync(new Uri($"/api/contacts/{theirs}", UriKind.Relative)),
            ["edit page"] = await anna.GetAsync(new Uri($"/contatti/{theirs}", UriKind.Relative)),
            ["delete page"] = await anna.GetAsync(new Uri($"/contatti/{theirs}/elimina", UriKind.Relative)),
        };
        var ownEditPage = await anna.GetAsync(new Uri($"/contatti/{(await (await anna.GetAsync(new Uri("/api/contacts", UriKind.Relative))).JsonAsync())[0].GetProperty("id").GetGuid()}", UriKind.Relative));
        var postWithOwnToken = await anna.PostFormAsync("/contatti/nuovo", [new("Input.Name", "Preso")], action: $"/contatti/{theirs}?handler=Block");
        var deleteWithOwnToken = await anna.PostFormAsync("/contatti/nuovo", [], action: $"/contatti/{theirs}/elimina");
        var listPage = await (await anna.GetAsync(new Uri("/contatti", UriKind.Relative))).Content.ReadAsStringAsync();
        var listApi = await (await anna.GetAsync(new Uri("/api/contacts", UriKind.Relative))).JsonAsync();
        var stillTheirs = await (await bruno.GetAsync(new Uri($"/api/contacts/{theirs}", UriKind.Relative))).JsonAsync();

        foreach (var (what, answer) in answers)
        {
            answer.StatusCode.ShouldBe(HttpStatusCode.NotFound, what);
            (await answer.Content.ReadAsStringAsync()).ShouldNotContain("Riservato", customMessage: what);
        }

        ownEditPage.StatusCode.ShouldBe(HttpStatusCode.OK);
        postWithOwnToken.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        deleteWithOwnToken.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        listPage.ShouldContain("Giulia Gialli");
        listPage.ShouldNotContain("Riservato");
        listApi.EnumerateArray().Select(c => c.GetProperty("name").GetString()).ShouldBe(["Giulia Gialli"]);
        stillTheirs.GetProperty("name").GetString().ShouldBe("Contatto Riservato");
        stillTheirs.GetProperty("status").GetString().ShouldBe("active");
        b.ShouldNotBe(a);
    }
}
