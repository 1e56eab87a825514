using Tunda.Domain.Customers;

namespace Tunda.Projections.Tests.Support;

/// <summary>Account events as the deciders would produce them.</summary>
internal static class Events
{
    public static readonly DateTimeOffset At = new(2026, 11, 22, 9, 0, 0, TimeSpan.FromHours(1));

    public static CustomerDetails Details => new(new PostalAddress("Via Roma 1", "Milano", "20121", "MI", "IT"), "+39 02 1234567", "rossi@pec.it", "ABC1234", "it");

    public static CustomerRegistered Person(Guid id, string email = "mario.rossi@example.it") => new(
        id, CustomerKind.Person, new LegalIdentity("Mario", "Rossi", null, "RSSMRA85T10A562S", null), Details, email, new TermsAcceptance("t-1", "p-1", At), At);

    public static CustomerRegistered Company(Guid id, string email) => new(
        id, CustomerKind.Company, new LegalIdentity("Anna", "Neri", "Caffè Neri S.r.l.", "01234567897", "01234567897"), Details, email, new TermsAcceptance("t-1", "p-1", At), At);

    public static ContactInvited Invited(Guid customerId, Guid contactId, string email, Permissions permissions = Permissions.Invoices, string name = "Luca Verdi") =>
        new(customerId, contactId, name, email, permissions, Notifications.Invoices, At);
}
