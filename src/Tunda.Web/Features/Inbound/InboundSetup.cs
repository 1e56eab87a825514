using Microsoft.Extensions.Options;
using Tunda.Mail.Classification;
using Tunda.Web.Features.Inbound;
using Tunda.Web.Platform;
using Tunda.Web.Platform.Api;
using Tunda.Web.Platform.Commands;
using Wolverine;

namespace Tunda.Web.Configuration;

public static class InboundSetup
{
    /// <summary>
    /// Mail intake: the table (component "inbound"), <see cref="IInboundMailIntake"/>, the processing
    /// of <see cref="ProcessInboundMail"/>, <c>POST /api/inbound/mail</c> and the staff quarantine API.
    /// Needs the event store and messaging first.
    /// </summary>
    public static IServiceCollection AddTundaInbound(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<InboundOptions>()
            .Bind(configuration.GetSection(InboundOptions.Section))
            .Validate(options => options.MaxMessageBytes > InboundOptions.TruncatedKeepBytes, $"{InboundOptions.Section}:MaxMessageBytes must be larger than {InboundOptions.TruncatedKeepBytes}.")
            .ValidateOnStart();
        services.AddSingleton(provider => new MailClassifierOptions { TrustedAuthServId = provider.GetRequiredService<IOptions<InboundOptions>>().Value.TrustedAuthServId });
        services.AddSingleton<InboundMailIntake>();
        services.ConfigureWolverine(options => options.Policies.Add(QueuedMessageRetries.For<ProcessInboundMail>(ProcessInboundMailHandler.RetryDelays)));
        services.AddSingleton<IInboundMailIntake>(provider => provider.GetRequiredService<InboundMailIntake>());
        services.AddSingleton<QuarantineList>();
        services.AddSingleton<InboundStartup>();
        services.AddHostedService(provider => provider.GetRequiredService<InboundStartup>());
        services.AddSingleton(new MachineApiRoute(InboundMailApi.Route));
        services.AddSingleton(new EndpointModule(endpoints =>
        {
            InboundMailApi.Map(endpoints);
            InboundStaffApi.Map(endpoints);
        }));
        return services;
    }
}
