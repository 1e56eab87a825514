using Tunda.Web.Features.Accounts.Contacts;
using Tunda.Web.Platform;

namespace Tunda.Web.Configuration;

public static class ContactsSetup
{
    /// <summary>
    /// Contacts (sub-accounts): their directory, invitations and API, and the permission-guarded
    /// sections. The handlers are registered by <c>AccountHandlers</c>. Needs AddTundaAccounts first.
    /// </summary>
    public static IServiceCollection AddTundaContacts(this IServiceCollection services)
    {
        services.AddSingleton<ContactDirectory>();
        services.AddSingleton<ContactInvitations>();
        services.AddSingleton<InvitationAcceptance>();
        services.AddSingleton(new EndpointModule(endpoints =>
        {
            ContactsApi.Map(endpoints);
            InvitationApi.Map(endpoints);
            SectionsApi.Map(endpoints);
        }));
        return services;
    }
}
