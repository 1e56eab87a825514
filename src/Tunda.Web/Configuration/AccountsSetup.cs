using Tunda.Domain.Identity;
using Tunda.Web.Features.Accounts;
using Tunda.Web.Security.Authentication;

namespace Tunda.Web.Configuration;

public static class AccountsSetup
{
    /// <summary>
    /// Customers, contacts, logins and staff: the directories sign-in reads (over the inline
    /// projections), the password rules every feature that sets a password applies (<c>Tunda:PasswordPolicy</c>,
    /// default: the domain's) and the use-case handlers. Needs the store, messaging and security first.
    /// </summary>
    public static IServiceCollection AddTundaAccounts(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(configuration.GetSection("Tunda:PasswordPolicy").Get<PasswordPolicy>() ?? PasswordPolicy.Default);
        services.AddSingleton<IAccountDirectory, ProjectedAccountDirectory>();
        services.AddSingleton<IStaffDirectory, ProjectedStaffDirectory>();
        services.AddSingleton<LoginEmailMove>();
        return services;
    }
}
