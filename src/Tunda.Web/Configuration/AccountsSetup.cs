using Tunda.Web.Features.Accounts;
using Tunda.Web.Security.Authentication;

namespace Tunda.Web.Configuration;

public static class AccountsSetup
{
    /// <summary>
    /// Customers, contacts, logins and staff: the directories sign-in reads (over the inline
    /// projections) and the use-case handlers. Needs the store, messaging and security first.
    /// </summary>
    public static IServiceCollection AddTundaAccounts(this IServiceCollection services)
    {
        services.AddSingleton<IAccountDirectory, ProjectedAccountDirectory>();
        services.AddSingleton<IStaffDirectory, ProjectedStaffDirectory>();
        services.AddSingleton(provider => new MessagingModule(messaging => AccountHandlers.Register(messaging, provider)));
        return services;
    }
}
