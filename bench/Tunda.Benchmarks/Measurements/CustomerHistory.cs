using Tunda.Domain.Customers;

namespace Tunda.Benchmarks.Measurements;

/// <summary>
/// A long Customer stream made of the domain's own events: registration, then years of detail
/// changes and contacts invited, activated, changed, blocked and deleted.
/// </summary>
internal static class CustomerHistory
{
    private static readonly DateTimeOffset Start = new(2020, 3, 2, 10, 0, 0, TimeSpan.FromHours(1));

    /// <summary>Event number <paramref name="index"/> (0-based) of customer <paramref name="customerId"/>'s stream.</summary>
    public static object Event(Guid customerId, int index)
    {
        var at = Start.AddHours(index);
        if (index == 0)
        {
            var legal = new LegalIdentity("Giulia", "Bianchi", "Bianchi Hosting S.r.l.", "BNCGLI80A41H501U", "IT01234567890");
            return new CustomerRegistered(customerId, CustomerKind.Company, legal, Details(0), "giulia@bianchi-hosting.it", new TermsAcceptance("2020-01", "2020-01", at), at);
        }

        // Contacts come and go in groups of five events: invited, activated, changed, blocked, deleted.
        var contact = new Guid(index / 5, 0, 0, [0, 0, 0, 0, 0, 0, 0, 1]);
        return (index % 10) switch
        {
            0 => new CustomerDetailsChanged(customerId, Details(index), at),
            1 => new ContactInvited(customerId, contact, $"Contatto {index}", $"contatto{index}@bianchi-hosting.it", Permissions.ViewServices | Permissions.Tickets, Notifications.Support, at),
            2 => new ContactActivated(customerId, contact, at),
            3 => new ContactChanged(customerId, contact, $"Contatto {index} (amministrazione)", Permissions.Invoices | Permissions.Tickets, Notifications.Invoices, at),
            4 => new ContactDeleted(customerId, contact, at),
            5 => new CustomerDetailsChanged(customerId, Details(index), at),
            6 => new ContactInvited(customerId, contact, $"Tecnico {index}", $"tecnico{index}@bianchi-hosting.it", Permissions.ManageServices | Permissions.ManageDomains, Notifications.Services | Notifications.Domains, at),
            7 => new ContactActivated(customerId, contact, at),
            8 => new ContactBlocked(customerId, contact, at),
            _ => new ContactUnblocked(customerId, contact, at),
        };
    }

    private static CustomerDetails Details(int index) => new(
        new PostalAddress($"Via Nazionale {1 + (index % 200)}", "Roma", "00184", "RM", "IT"),
        $"+39 06 {4_000_000 + index}",
        "bianchi-hosting@pec.it",
        "M5UXCR1",
        index % 2 == 0 ? "it" : "en");
}
