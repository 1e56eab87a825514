using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Tunda.Web.Security;
using Tunda.Web.Security.Authentication;
using Tunda.Web.Security.Authorization;
using Tunda.Web.Security.Credentials;
using Tunda.Web.Security.Sessions;
using Tunda.Web.Security.SignIn;
using Tunda.Web.Security.Throttling;
using Tunda.Web.Security.Tokens;
using Tunda.Web.Security.TwoFactor;

namespace Tunda.Web.Configuration;

public static class SecuritySetup
{
    /// <summary>
    /// Server-side sessions (scheme "tunda"), Tunda's policies, and the credential, token, throttle and
    /// sign-in services. <see cref="IAccountDirectory"/> and <see cref="IStaffDirectory"/> come from the
    /// module that owns customers and staff. Needs <see cref="EventStoreSetup.AddTundaEventStore"/> first.
    /// </summary>
    public static IServiceCollection AddTundaSecurity(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SecurityOptions>()
            .Bind(configuration.GetSection(SecurityOptions.Section))
            .Validate(SecurityOptions.IsValid, $"{SecurityOptions.Section}: timeouts must be positive, the idle timeout no longer than the absolute lifetime, limits at least 1, and PasswordIterations at least 100000.")
            .ValidateOnStart();
        services.AddDataProtection();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<SecurityDatabase>();
        services.AddSingleton<PasswordHashing>();
        services.AddSingleton<CredentialStore>();
        services.AddSingleton<SessionStore>();
        services.AddSingleton<OneTimeTokens>();
        services.AddSingleton<LoginThrottle>();
        services.AddSingleton<DeviceCookies>();
        services.AddSingleton<TwoFactorSetup>();
        services.AddScoped<SignInService>();
        services.AddSingleton<SecurityStartup>();
        services.AddHostedService(provider => provider.GetRequiredService<SecurityStartup>());

        services.AddAuthentication(TundaAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, TundaAuthenticationHandler>(TundaAuthenticationHandler.SchemeName, _ => { });
        services.AddAuthorization(options => options.DefaultPolicy = TundaPolicyProvider.CompleteSession);
        services.AddSingleton<IAuthorizationPolicyProvider, TundaPolicyProvider>();
        return services;
    }

    public static IApplicationBuilder UseTundaSecurity(this IApplicationBuilder app) =>
        app.UseAuthentication().UseAuthorization();
}
