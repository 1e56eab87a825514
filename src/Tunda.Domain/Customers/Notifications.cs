using System.Text.Json.Serialization;

namespace Tunda.Domain.Customers;

/// <summary>Which automatic e-mails a contact receives. The main account receives all of them.</summary>
[Flags]
[JsonConverter(typeof(JsonStringEnumConverter<Notifications>))]
public enum Notifications
{
    None = 0,
    General = 1 << 0,
    Services = 1 << 1,
    Domains = 1 << 2,
    Invoices = 1 << 3,
    Support = 1 << 4,
    All = General | Services | Domains | Invoices | Support,
}
