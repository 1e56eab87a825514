using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Tunda.Web.Tests.Messaging;

/// <summary>Keeps the errors an app logs, for a test waiting on something only the log tells (a duplicate dropped).</summary>
internal sealed class LogCapture : ILoggerProvider
{
    private readonly ConcurrentQueue<(string Category, string Message, Exception? Exception)> _errors = new();

    public IReadOnlyList<(string Category, string Message, Exception? Exception)> Errors => [.. _errors];

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _errors);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<(string, string, Exception?)> errors) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                errors.Enqueue((category, formatter(state, exception), exception));
            }
        }
    }
}
