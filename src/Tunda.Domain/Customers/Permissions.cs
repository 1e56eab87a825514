using System.Text.Json.Serialization;

namespace Tunda.Domain.Customers;

/// <summary>
/// What a contact (sub-account) may see and do. The main account holds all of them. Stored by name
/// ("Invoices, Tickets") so adding a permission never changes the meaning of old events.
/// </summary>
[Flags]
[JsonConverter(typeof(JsonStringEnumConverter<Permissions>))]
public enum Permissions
{
    None = 0,
    Profile = 1 << 0,
    Contacts = 1 << 1,
    ViewServices = 1 << 2,
    ManageServices = 1 << 3,
    ViewDomains = 1 << 4,
    ManageDomains = 1 << 5,
    Orders = 1 << 6,
    Invoices = 1 << 7,
    Tickets = 1 << 8,
    All = Profile | Contacts | ViewServices | ManageServices | ViewDomains | ManageDomains | Orders | Invoices | Tickets,
}
