using Tunda.Domain;
using Tunda.Domain.Customers;

namespace Tunda.Domain.Tests.Support;

/// <summary>Givens for the Customer stream: a valid registration and the events that follow it.</summary>
internal static class Accounts
{
    public static readonly DateTimeOffset Now = new(2026, 11, 22, 9, 0, 0, TimeSpan.Zero);
    public static readonly Guid CustomerId = Guid.Parse("0b6a3f1e-1111-4c1e-9d1a-000000000001");
    public static readonly Guid AdminContact = Guid.Parse("0b6a3f1e-2222-4c1e-9d1a-000000000002");
    public static readonly Guid Accountant = Guid.Parse("0b6a3f1e-3333-4c1e-9d1a-000000000003");

    public static CustomerDetailsInput ItalianDetails => new("Via Roma 1", "Milano", "20121", "mi", "it", "+39 02 1234567", "mario@pec.it", "abc1234", "it");

    public static RegisterCustomer ItalianPerson => new(
        CustomerId, CustomerKind.Person, "Mario", "Rossi", null, "rssmra85t10a562s", null, ItalianDetails, "Mario.Rossi@Example.it", "terms-2026", "privacy-2026");

    public static RegisterCustomer ItalianCompany => ItalianPerson with
    {
        Kind = CustomerKind.Company,
        CompanyName = "Caffè Rossi S.r.l.",
        CodiceFiscale = "01234567897",
        VatNumber = "IT 01234567897",
    };

    public static CustomerRegistered Registered(RegisterCustomer? command = null) =>
        (CustomerRegistered)CustomerDecider.Decide(Customer.Empty, command ?? ItalianPerson, Now).Events.Single();

    public static Customer Given(params object[] events) => events.Aggregate(Customer.Empty, Customer.Evolve);

    /// <summary>A registered, confirmed customer with an active administrator contact and an active accountant.</summary>
    public static Customer WithContacts(params object[] more) => Given([
        Registered(),
        new CustomerEmailConfirmed(CustomerId, "mario.rossi@example.it", Now),
        new ContactInvited(CustomerId, AdminContact, "Giulia Bianchi", "giulia@example.it", Permissions.Contacts | Permissions.Invoices | Permissions.Tickets, Notifications.Support, Now),
        new ContactActivated(CustomerId, AdminContact, Now),
        new ContactInvited(CustomerId, Accountant, "Luca Verdi", "luca@studio.it", Permissions.Invoices, Notifications.Invoices, Now),
        new ContactActivated(CustomerId, Accountant, Now),
        .. more,
    ]);

    public static AccountActor AsAdminContact => AccountActor.Contact(AdminContact, Permissions.Contacts | Permissions.Invoices | Permissions.Tickets);

    public static AccountActor AsAccountant => AccountActor.Contact(Accountant, Permissions.Invoices);

    public static TEvent ShouldAccept<TEvent>(this Decision decision)
    {
        decision.Error.ShouldBeNull();
        return decision.Events.ShouldHaveSingleItem().ShouldBeOfType<TEvent>();
    }

    public static void ShouldRejectWith(this Decision decision, string code)
    {
        decision.IsAccepted.ShouldBeFalse();
        decision.Events.ShouldBeEmpty();
        decision.Error!.Code.ShouldBe(code);
    }
}
