using Tunda.Domain.Customers;
using Tunda.Web.Security.Authentication;

namespace Tunda.Web.Tests.Accounts;

/// <summary>The fixture leaves accounts as the product would: reachable by their e-mail, signed in for real.</summary>
public sealed class AccountsAppTests
{
    [Fact]
    public async Task a_seeded_customer_and_its_contact_are_accounts_of_their_emails_and_can_sign_in()
    {
        await using var app = await AccountsApp.StartAsync();
        var customerId = await app.SeedCustomerAsync("Mario.Rossi@Example.it");
        var contactId = await app.SeedContactAsync(customerId, "laura@example.it", Permissions.Invoices);

        var main = await app.Get<IAccountDirectory>().ForEmailAsync("mario.rossi@example.it");
        var contact = await app.Get<IAccountDirectory>().ForEmailAsync("laura@example.it");
        using var client = await app.SignInAsync("laura@example.it");

        main.ShouldHaveSingleItem().CustomerId.ShouldBe(customerId);
        main[0].ContactId.ShouldBeNull();
        contact.ShouldHaveSingleItem().ContactId.ShouldBe(contactId);
        contact[0].Permissions.ShouldBe(Permissions.Invoices);
    }
}
