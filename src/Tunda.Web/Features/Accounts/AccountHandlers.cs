using Tunda.Messaging;

namespace Tunda.Web.Features.Accounts;

/// <summary>
/// Every accounts use case's handlers, registered in one place: one line per feature, so "who handles
/// X" is a search for X. Handlers get what they need (credentials, tokens, sessions) from the provider.
/// </summary>
internal static class AccountHandlers
{
    public static void Register(MessagingOptions messaging, IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(messaging);
        ArgumentNullException.ThrowIfNull(services);
        Registration.RegistrationHandlers.Register(messaging, services);
        Contacts.ContactHandlers.Register(messaging, services);
        Profile.ProfileHandlers.Register(messaging, services);
        Staff.StaffHandlers.Register(messaging, services);
    }
}
