using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Tunda.Domain.Staff;
using Tunda.Web.Features.Inbound;
using Tunda.Web.Tests.Accounts;
using Tunda.Web.Tests.Accounts.Staff;

namespace Tunda.Web.Tests.Inbound;

public sealed class QuarantinePageTests
{
    [Fact]
    public async Task support_sees_quarantined_mail_and_downloads_the_identical_bytes()
    {
        await using var app = await AccountsApp.StartAsync();
        await app.Services.GetRequiredService<InboundStartup>().Ready.WaitAsync(TimeSpan.FromSeconds(30));
        var garbage = SampleMail.Garbage(2000);
        var stored = await app.Get<InboundMailIntake>().StoreAsync(garbage, InboundChannel.Http, "http 203.0.113.9", CancellationToken.None);
        var (support, _, _) = await StaffKit.SignedInAsync(app, "assistenza@tunda.it", StaffRoles.Support);

        (await support.GetStringAsync(new Uri("/staff", UriKind.Relative))).ShouldContain("href=\"/staff/posta/quarantena\"");
        var page = await support.GetStringAsync(new Uri("/staff/posta/quarantena", UriKind.Relative));
        page.ShouldContain("Posta in quarantena");
        page.ShouldContain("http 203.0.113.9");
        page.ShouldContain("unreadable");
        page.ShouldContain($"id={stored.Id}");

        var download = await support.GetAsync(new Uri($"/staff/posta/quarantena?handler=Eml&id={stored.Id}", UriKind.Relative));
        download.StatusCode.ShouldBe(HttpStatusCode.OK);
        download.Content.Headers.ContentType!.MediaType.ShouldBe("message/rfc822");
        download.Content.Headers.ContentDisposition!.DispositionType.ShouldBe("attachment");
        download.Content.Headers.ContentDisposition.FileName.ShouldBe($"{stored.Id}.eml");
        (await download.Content.ReadAsByteArrayAsync()).ShouldBe(garbage);

        var list = await support.GetFromJsonAsync<JsonElement>(new Uri("/api/staff/inbound/quarantine", UriKind.Relative));
        list.EnumerateArray().ShouldHaveSingleItem().GetProperty("id").GetGuid().ShouldBe(stored.Id);
        var raw = await support.GetAsync(new Uri($"/api/staff/inbound/{stored.Id}/raw", UriKind.Relative));
        raw.Content.Headers.ContentType!.MediaType.ShouldBe("message/rfc822");
        (await raw.Content.ReadAsByteArrayAsync()).ShouldBe(garbage);
    }

    [Fact]
    public async Task a_customer_is_sent_to_the_staff_sign_in_and_gets_401_from_the_api_and_billing_gets_403()
    {
        await using var app = await AccountsApp.StartAsync();
        await app.SeedCustomerAsync("curioso@example.it");
        using var customer = await app.SignInAsync("curioso@example.it");
        var (billing, _, _) = await StaffKit.SignedInAsync(app, "fatture@tunda.it", StaffRoles.Billing);
        var id = Guid.NewGuid();

        var page = await customer.GetAsync(new Uri("/staff/posta/quarantena", UriKind.Relative));
        page.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        page.Headers.Location!.OriginalString.ShouldStartWith("/staff/accedi");
        (await customer.GetAsync(new Uri($"/staff/posta/quarantena?handler=Eml&id={id}", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await customer.GetAsync(new Uri("/api/staff/inbound/quarantine", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await customer.GetAsync(new Uri($"/api/staff/inbound/{id}/raw", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await billing.GetStringAsync(new Uri("/staff", UriKind.Relative))).ShouldNotContain("/staff/posta/quarantena");
        (await billing.GetAsync(new Uri("/staff/posta/quarantena", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await billing.GetAsync(new Uri("/api/staff/inbound/quarantine", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }
}
