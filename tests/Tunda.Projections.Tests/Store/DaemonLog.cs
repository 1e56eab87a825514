using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Tunda.Projections.Tests.Store;

/// <summary>
/// The async daemon's log, kept in memory: the high-water detector says in it when it holds before a
/// gap, which is the moment a test can check that nothing was passed (rather than sleeping and hoping).
/// </summary>
internal sealed class DaemonLog : ILogger
{
    private readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyCollection<string> Lines => _lines;

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        if (IsEnabled(logLevel))
        {
            _lines.Enqueue($"{logLevel}: {formatter(state, exception)}{(exception is null ? "" : " " + exception.GetType().Name + ": " + exception.Message)}");
        }
    }

    /// <summary>Waits until a line contains <paramref name="text"/>, counting only lines logged from now on when <paramref name="fromNow"/>.</summary>
    public async Task WaitForAsync(string text, TimeSpan timeout, bool fromNow = false)
    {
        var skip = fromNow ? _lines.Count : 0;
        using var cancel = new CancellationTokenSource(timeout);
        while (!_lines.Skip(skip).Any(l => l.Contains(text, StringComparison.Ordinal)))
        {
            if (cancel.IsCancellationRequested)
            {
                throw new TimeoutException($"The daemon did not log \"{text}\" within {timeout}. Last lines:\n{Tail()}");
            }

            await Task.Delay(100, CancellationToken.None);
        }
    }

    public string Tail(int count = 30) => string.Join('\n', _lines.TakeLast(count));
}
