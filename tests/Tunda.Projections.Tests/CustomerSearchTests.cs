using Tunda.Domain.Customers;
using Tunda.Projections.Tests.Support;
using static Tunda.Projections.Tests.Support.Events;

namespace Tunda.Projections.Tests;

public sealed class CustomerSearchTests
{
    private static readonly Guid Neri = Guid.NewGuid();
    private static readonly Guid Rossi = Guid.NewGuid();
    private static readonly Guid Bianchi = Guid.NewGuid();

    [Theory]
    [InlineData("neri", "Caffè Neri S.r.l.")]
    [InlineData("ANNA NERI", "Caffè Neri S.r.l.")]
    [InlineData("01234567897", "Caffè Neri S.r.l.")]
    [InlineData(" Mario Rossi ", "Mario Rossi")]
    [InlineData("rssmra85", "Mario Rossi")]
    [InlineData("@studio.it", "Mario Rossi")]
    [InlineData("giulia@", "Giulia Bianchi")]
    [InlineData(".it", "Caffè Neri S.r.l.", "Giulia Bianchi", "Mario Rossi")]
    [InlineData("%")]
    [InlineData("_")]
    [InlineData("  ")]
    public async Task staff_find_customers_by_name_company_codes_and_every_email_sorted_by_display_name(string text, params string[] expected)
    {
        await using var accounts = await SeedAsync();

        var found = await accounts.ReadAsync(s => CustomerProfiles.SearchAsync(s, text, pageNumber: 1, pageSize: 50));

        found.Select(p => p.DisplayName).ShouldBe(expected);
    }

    [Fact]
    public async Task the_search_is_paged()
    {
        await using var accounts = await SeedAsync();

        var second = await accounts.ReadAsync(s => CustomerProfiles.SearchAsync(s, ".it", pageNumber: 2, pageSize: 2));

        second.Select(p => p.CustomerId).ShouldBe([Rossi]);
        (second.TotalItemCount, second.PageCount, second.HasPreviousPage).ShouldBe((3, 2, true));
    }

    private static async Task<AccountsStore> SeedAsync()
    {
        var accounts = await AccountsStore.CreateAsync();
        await accounts.AppendAsync(Neri, Company(Neri, "info@caffeneri.it"));
        await accounts.AppendAsync(Rossi, Person(Rossi), Invited(Rossi, Guid.NewGuid(), "luca@studio.it"));
        await accounts.AppendAsync(Bianchi, Person(Bianchi, "giulia@example.it") with { Legal = new LegalIdentity("Giulia", "Bianchi", null, "BNCGLI90A41F205X", null) });
        return accounts;
    }
}
