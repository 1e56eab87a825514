using Microsoft.Extensions.Logging;

namespace Tunda.Benchmarks;

/// <summary>
/// The daemon's logger: warnings and errors to stderr, the rest dropped (the daemon logs every batch
/// at Information, which would cost the measurement more than it tells).
/// </summary>
internal sealed class ConsoleWarnings : ILogger
{
    public static ConsoleWarnings Instance { get; } = new();

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        if (IsEnabled(logLevel))
        {
            Console.Error.WriteLine($"daemon {logLevel}: {formatter(state, exception)}{(exception is null ? string.Empty : " " + exception.Message)}");
        }
    }
}
