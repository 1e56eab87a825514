using Tunda.Domain.Customers;
using Tunda.Projections.Tests.Support;
using static Tunda.Projections.Tests.Support.Events;

namespace Tunda.Projections.Tests;

public sealed class CustomerProfileTests
{
    [Fact]
    public async Task a_registration_is_readable_as_soon_as_the_append_returns()
    {
        await using var accounts = await AccountsStore.CreateAsync();
        var id = Guid.NewGuid();

        await accounts.AppendAsync(id, Company(id, "anna@caffeneri.it"));

        var profile = (await accounts.ReadAsync(s => CustomerProfiles.FindAsync(s, id)))!;
        profile.ShouldBe(profile with
        {
            CustomerId = id,
            Kind = CustomerKind.Company,
            FirstName = "Anna",
            LastName = "Neri",
            CompanyName = "Caffè Neri S.r.l.",
            CodiceFiscale = "01234567897",
            VatNumber = "01234567897",
            Street = "Via Roma 1",
            City = "Milano",
            Zip = "20121",
            Province = "MI",
            Country = "IT",
            Phone = "+39 02 1234567",
            Pec = "rossi@pec.it",
            CodiceDestinatario = "ABC1234",
            Language = "it",
            LoginEmail = "anna@caffeneri.it",
            EmailConfirmed = false,
            PendingLoginEmail = null,
            Blocked = false,
            TermsVersion = "t-1",
            PrivacyVersion = "p-1",
        });
        profile.TermsAcceptedAt.ShouldBe(At.UtcDateTime);
        profile.DisplayName.ShouldBe("Caffè Neri S.r.l.");
        profile.RegisteredAt.ShouldBe(At.UtcDateTime);
        profile.UpdatedAt.ShouldBe(profile.RegisteredAt);
    }

    [Fact]
    public async Task confirmation_details_login_email_and_blocking_follow_the_stream()
    {
        await using var accounts = await AccountsStore.CreateAsync();
        var id = Guid.NewGuid();
        var newDetails = Details with { Address = new PostalAddress("Corso Como 5", "Milano", "20154", "MI", "IT"), Pec = null, Language = "en" };
        await accounts.AppendAsync(id, Person(id), new CustomerEmailConfirmed(id, "mario.rossi@example.it", At));
        await accounts.AppendAsync(id, new CustomerDetailsChanged(id, newDetails, At), new LoginEmailChangeRequested(id, "mario@new.it", At.AddDays(1)));

        var pending = (await accounts.ReadAsync(s => CustomerProfiles.FindAsync(s, id)))!;
        pending.EmailConfirmed.ShouldBeTrue();
        pending.PendingLoginEmail.ShouldBe("mario@new.it");
        pending.LoginEmail.ShouldBe("mario.rossi@example.it");
        (pending.Street, pending.Zip, pending.Pec, pending.Language).ShouldBe(("Corso Como 5", "20154", (string?)null, "en"));

        await accounts.AppendAsync(id, new LoginEmailChanged(id, "mario.rossi@example.it", "mario@new.it", false, At), new CustomerBlocked(id, "unpaid invoices", At.AddDays(2)));
        var blocked = (await accounts.ReadAsync(s => CustomerProfiles.FindByLoginEmailAsync(s, "mario@new.it")))!;
        (blocked.CustomerId, blocked.LoginEmail, blocked.PendingLoginEmail, blocked.Blocked, blocked.BlockedReason).ShouldBe((id, "mario@new.it", (string?)null, true, "unpaid invoices"));
        (pending.UpdatedAt, blocked.UpdatedAt).ShouldBe((At.AddDays(1).UtcDateTime, At.AddDays(2).UtcDateTime));

        await accounts.AppendAsync(id, new CustomerUnblocked(id, At.AddDays(3)), Invited(id, Guid.NewGuid(), "luca@studio.it") with { At = At.AddDays(4) });
        var unblocked = (await accounts.ReadAsync(s => CustomerProfiles.FindAsync(s, id)))!;
        (unblocked.Blocked, unblocked.BlockedReason, unblocked.UpdatedAt).ShouldBe((false, (string?)null, At.AddDays(3).UtcDateTime));
    }

    [Fact]
    public async Task an_unknown_customer_has_no_profile()
    {
        await using var accounts = await AccountsStore.CreateAsync();

        (await accounts.ReadAsync(s => CustomerProfiles.FindAsync(s, Guid.NewGuid()))).ShouldBeNull();
    }
}
