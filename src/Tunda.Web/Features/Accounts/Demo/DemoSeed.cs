using Tunda.Web.Platform.Commands;
using Tunda.Web.Configuration;
using Tunda.Web.Security;

namespace Tunda.Web.Features.Accounts.Demo;

/// <summary>
/// <c>./tunda run</c> in Development with <c>Tunda:Demo:Seed</c> true: once the store, messaging and
/// security tables are migrated, makes sure the demo customer, contact and administrator exist
/// (DemoAccounts). Seeding again finds them and adds nothing.
/// </summary>
public sealed partial class DemoSeed(StoreStartup store, SecurityStartup security, ICommandSender bus, ILogger<DemoSeed> logger) : BackgroundService
{
    public const string SettingKey = "Tunda:Demo:Seed";

    public async Task<DemoSeedResult> SeedAsync(CancellationToken cancellationToken = default)
    {
        await store.Ready.WaitAsync(cancellationToken);
        await security.Ready.WaitAsync(cancellationToken);
        var result = await bus.InvokeAsync(new SeedDemoAccounts(), cancellationToken: cancellationToken);
        return result.ValueAs<DemoSeedResult>();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            var result = await SeedAsync(stoppingToken);
            LogSeeded(result.CustomerCreated, result.StaffCreated);
        }
        catch (InvalidOperationException ex)
        {
            LogFailed(ex.Message);
        }
    }

    [LoggerMessage(LogLevel.Information, "Demo accounts ready (customer created: {Customer}, staff created: {Staff})")]
    private partial void LogSeeded(bool customer, bool staff);

    [LoggerMessage(LogLevel.Error, "Demo seed failed: {Reason}")]
    private partial void LogFailed(string reason);
}
