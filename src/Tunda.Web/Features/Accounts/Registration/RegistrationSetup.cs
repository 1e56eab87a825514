using Microsoft.Extensions.DependencyInjection.Extensions;
using Tunda.Domain.Identity;
using Tunda.Web.Features.Accounts.Registration;
using Tunda.Web.Platform;

namespace Tunda.Web.Configuration;

public static class RegistrationSetup
{
    /// <summary>
    /// Registration, e-mail confirmation, sign-in steps, sign-out, the session API and the customer
    /// dashboard. Terms and privacy versions from <c>Tunda:Legal</c>; the password rules come
    /// from AddTundaAccounts.
    /// </summary>
    public static IServiceCollection AddTundaRegistrationAndSignIn(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<LegalVersions>().Bind(configuration.GetSection(LegalVersions.Section));
        services.AddSingleton<RegistrationServices>();
        services.AddScoped<CustomerRegistration>();
        services.AddScoped<SignInFlow>();
        services.AddSingleton(new EndpointModule(endpoints =>
        {
            RegistrationApi.Map(endpoints);
            SessionApi.Map(endpoints);
        }));
        return services;
    }
}
