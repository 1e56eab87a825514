using Microsoft.Extensions.DependencyInjection.Extensions;
using Tunda.Domain.Identity;
using Tunda.Web.Features.Accounts.Profile;
using Tunda.Web.Platform;

namespace Tunda.Web.Configuration;

public static class ProfileSetup
{
    /// <summary>Forgotten password and username, the profile, login e-mail, password and two-factor pages and API.</summary>
    public static IServiceCollection AddTundaProfile(this IServiceCollection services)
    {
        services.AddSingleton<PasswordReset>();
        services.AddSingleton<OwnPassword>();
        services.AddSingleton<OwnTwoFactor>();
        services.AddSingleton<LoginEmailChange>();
        services.AddSingleton<ProfileReader>();
        services.AddSingleton(new EndpointModule(endpoints => endpoints.MapProfileApi()));
        return services;
    }
}
