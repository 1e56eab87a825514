using Microsoft.Extensions.Options;
using Marten;
using Tunda.Web.Features.Tickets;
using Tunda.Web.Features.Tickets.Mail;
using Tunda.Web.Platform.Commands;
using Wolverine;
using Tunda.Web.Platform;

namespace Tunda.Web.Configuration;

public static class HelpdeskSetup
{
    /// <summary>
    /// Tickets: departments and limits (section Tunda:Helpdesk), attachment storage (component
    /// "helpdesk"), mail routed into tickets, the customer and staff API. Handlers are found by Wolverine. Needs the store,
    /// messaging and accounts first.
    /// </summary>
    public static IServiceCollection AddTundaHelpdesk(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<HelpdeskOptions>()
            .Bind(configuration.GetSection(HelpdeskOptions.Section))
            .PostConfigure(options =>
            {
                if (options.Departments.Count == 0)
                {
                    options.Departments.AddRange(options.DefaultDepartments());
                }

                if (options.CannedReplies.Count == 0)
                {
                    options.CannedReplies.AddRange(HelpdeskOptions.DefaultCannedReplies());
                }
            })
            .Validate(options => options.Departments.All(d => d.Key.Length > 0 && d.NameIt.Length > 0 && d.Address.Contains('@', StringComparison.Ordinal)),
                $"Every {HelpdeskOptions.Section}:Departments entry needs a Key, a NameIt and an Address.")
            .ValidateOnStart();
        services.AddSingleton(provider => provider.GetRequiredService<IOptions<HelpdeskOptions>>().Value);
        services.AddSingleton<TicketAttachments>();
        services.AddSingleton<MailRouter>();
        services.AddSingleton<QueueCountsCache>();
        services.ConfigureMarten(options => options.Schema.For<TicketMailReference>());
        services.ConfigureWolverine(options => options.Policies.Add(QueuedMessageRetries.For<RouteMailToHelpdesk>(RouteMailToHelpdeskHandler.RetryDelays)));
        services.AddSingleton<HelpdeskStartup>();
        services.AddHostedService(provider => provider.GetRequiredService<HelpdeskStartup>());
        services.AddSingleton(new EndpointModule(TicketsApi.Map));
        return services;
    }
}
