using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Tunda.Web.Tests.Messaging;

/// <summary>
/// Keeps the errors an app logs (or everything from <paramref name="minimum"/> up), for a test waiting on
/// something only the log tells (a duplicate dropped, who replayed a dead letter).
/// </summary>
internal sealed class LogCapture(LogLevel minimum = LogLevel.Error) : ILoggerProvider
{
    private readonly ConcurrentQueue<(string Category, string Message, Exception? Exception)> _entries = new();

    public IReadOnlyList<(string Category, string Message, Exception? Exception)> Entries => [.. _entries];

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, minimum, _entries);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, LogLevel minimum, ConcurrentQueue<(string, string, Exception?)> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= minimum;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                entries.Enqueue((category, formatter(state, exception), exception));
            }
        }
    }
}
