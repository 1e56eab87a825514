using Npgsql;

namespace Tunda.Web.Configuration;

/// <summary>
/// Starts Wolverine's hosted services (the runtime and its helpers) in their place among the app's.
/// Wolverine registers its node in the database while it starts and fails the whole host when that
/// is down; this starts it with the host when the database answers, and otherwise lets the app come
/// up without it (so /health and the intake can say "try again later") and starts it as soon as the
/// database answers.
/// </summary>
public sealed partial class MessagingStartup(
    IReadOnlyList<IHostedService> wolverine, NpgsqlDataSource dataSource, IHostApplicationLifetime lifetime, ILogger<MessagingStartup> logger) : IHostedService
{
    private static readonly TimeSpan RetryInterval = TimeSpan.FromSeconds(2);

    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task _deferred = Task.CompletedTask;
    private int _started;

    /// <summary>Completes once Wolverine runs: commands can be invoked and messages handled.</summary>
    public Task Ready => _ready.Task;

    public bool IsRunning => _ready.Task.IsCompletedSuccessfully;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (await DatabaseAnswersAsync(cancellationToken))
        {
            await StartWolverineAsync(cancellationToken);
            return;
        }

        LogDeferred();
        _deferred = StartWhenTheDatabaseAnswersAsync(lifetime.ApplicationStopping);
    }

    /// <summary>The host signals ApplicationStopping first, which ends a wait for the database.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _deferred;
        var started = Interlocked.Exchange(ref _started, 0);   // a second stop stops nothing again
        for (var i = started - 1; i >= 0; i--)
        {
            await wolverine[i].StopAsync(cancellationToken);
        }
    }

    private async Task StartWhenTheDatabaseAnswersAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!await DatabaseAnswersAsync(stoppingToken))
            {
                await Task.Delay(RetryInterval, stoppingToken);
            }

            await StartWolverineAsync(stoppingToken);
            LogStarted();
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            _ready.TrySetCanceled(stoppingToken);
        }
        catch (Exception ex)
        {
            LogFailed(ex);
            _ready.TrySetException(ex);
        }
    }

    private async Task StartWolverineAsync(CancellationToken cancellationToken)
    {
        foreach (var service in wolverine)
        {
            await service.StartAsync(cancellationToken);
            _started++;
        }

        _ready.TrySetResult();
    }

    private async Task<bool> DatabaseAnswersAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            return true;
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
        {
            return false;
        }
    }

    /// <summary>Replaces the hosted services <paramref name="addWolverine"/> registers with one <see cref="MessagingStartup"/> in their place.</summary>
    internal static void Wrap(IServiceCollection services, Action<IServiceCollection> addWolverine)
    {
        var before = services.Where(d => d.ServiceType == typeof(IHostedService)).ToHashSet();
        addWolverine(services);
        var added = services.Where(d => d.ServiceType == typeof(IHostedService) && !before.Contains(d)).ToList();
        var position = added.Count == 0 ? services.Count : services.IndexOf(added[0]);
        foreach (var descriptor in added)
        {
            services.Remove(descriptor);
        }

        services.Insert(Math.Min(position, services.Count), ServiceDescriptor.Singleton(provider => new MessagingStartup(
            [.. added.Select(d => Resolve(provider, d))],
            provider.GetRequiredService<NpgsqlDataSource>(),
            provider.GetRequiredService<IHostApplicationLifetime>(),
            provider.GetRequiredService<ILogger<MessagingStartup>>())));
        services.Insert(Math.Min(position + 1, services.Count), ServiceDescriptor.Singleton<IHostedService>(provider => provider.GetRequiredService<MessagingStartup>()));
    }

    private static IHostedService Resolve(IServiceProvider provider, ServiceDescriptor descriptor) =>
        (IHostedService)(descriptor.ImplementationInstance
            ?? descriptor.ImplementationFactory?.Invoke(provider)
            ?? ActivatorUtilities.CreateInstance(provider, descriptor.ImplementationType!));

    [LoggerMessage(LogLevel.Warning, "Database not reachable: messaging starts once it answers")]
    private partial void LogDeferred();

    [LoggerMessage(LogLevel.Information, "Database reachable again: messaging started")]
    private partial void LogStarted();

    [LoggerMessage(LogLevel.Error, "Messaging could not start")]
    private partial void LogFailed(Exception exception);
}
