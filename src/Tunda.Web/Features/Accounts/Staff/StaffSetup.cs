using Tunda.Web.Features.Accounts.Demo;
using Tunda.Web.Features.Accounts.Staff;
using Tunda.Web.Platform;

namespace Tunda.Web.Configuration;

public static class StaffSetup
{
    /// <summary>
    /// The back office: the /api/staff endpoints and, in Development with <c>Tunda:Demo:Seed</c> true,
    /// the demo accounts. The pages are Razor Pages under Pages/Staff; the handlers come with AddTundaAccounts.
    /// </summary>
    public static IServiceCollection AddTundaStaff(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(environment);
        services.AddSingleton<DemoSeed>();
        services.AddSingleton<CustomerSearch>();
        if (environment.IsDevelopment() && configuration.GetValue<bool>(DemoSeed.SettingKey))
        {
            services.AddHostedService(provider => provider.GetRequiredService<DemoSeed>());
        }

        services.AddSingleton(new EndpointModule(StaffApi.Map));
        return services;
    }
}
