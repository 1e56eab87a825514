using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;
using Tunda.Web.Features.Inbound;

namespace Tunda.Web.Configuration;

public static class ImapIntakeSetup
{
    /// <summary>
    /// The IMAP poller, only when mailboxes are listed under <c>Tunda:Inbound:Imap</c>. Each mailbox is checked
    /// at startup, so a missing password or a plain-text connection to a remote host fails loudly, not at 3 a.m.
    /// </summary>
    public static IServiceCollection AddTundaImapIntake(this IServiceCollection services, IConfiguration configuration)
    {
        var mailboxes = configuration.GetSection(ImapMailboxOptions.Section).Get<List<ImapMailboxOptions>>() ?? [];
        services.AddSingleton(provider => new ImapCheckpoints(provider.GetRequiredService<NpgsqlDataSource>(), provider.GetRequiredService<DatabaseOptions>().Schema));
        services.AddSingleton<ImapPoller>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<ImapPollStatus>();
        if (mailboxes.Count == 0)
        {
            return services;
        }

        foreach (var mailbox in mailboxes)
        {
            mailbox.Validate();
        }

        if (mailboxes.GroupBy(m => m.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw new InvalidOperationException($"{ImapMailboxOptions.Section}: two mailboxes are named '{twice.Key}'; names key the UID checkpoints.");
        }

        services.AddHostedService(provider => new ImapPollingService(
            mailboxes,
            provider.GetRequiredService<StoreStartup>(),
            provider.GetRequiredService<InboundStartup>(),
            provider.GetRequiredService<ImapCheckpoints>(),
            provider.GetRequiredService<ImapPoller>(),
            provider.GetRequiredService<ImapPollStatus>(),
            provider.GetRequiredService<ILogger<ImapPollingService>>()));
        return services;
    }
}
