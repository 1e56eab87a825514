using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Tunda.Browser.Tests;

/// <summary>
/// The real app on Kestrel (a browser needs a socket), on the test PostgreSQL in a schema of its own,
/// sending its mail to a loopback SMTP server. The port is chosen before start so the public base URL
/// (the links in e-mails) points at this very server.
/// </summary>
internal sealed class BrowserApp : WebApplicationFactory<Program>
{
    private readonly LoopbackSmtpServer _smtp;
    private readonly int _port = FreePort();

    public BrowserApp(LoopbackSmtpServer smtp)
    {
        _smtp = smtp;
        UseKestrel(_port);
    }

    public string Schema { get; } = TestDatabase.NewSchemaName("browser");

    public Uri Address => new($"http://127.0.0.1:{_port}");

    /// <summary>Warnings and errors the app logged, so a failing step can say what the server saw.</summary>
    public IReadOnlyCollection<string> Problems => _problems.Log;

    private readonly ProblemLog _problems = new();

    public Uri Start()
    {
        StartServer();
        return Address;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("TUNDA_DB", TestDatabase.ConnectionString);
        builder.UseSetting("Tunda:Schema", Schema);
        builder.UseSetting("Tunda:PublicBaseUrl", Address.ToString());
        builder.UseSetting("Tunda:Mail:From", "assistenza@tunda.test");
        builder.UseSetting("Tunda:Mail:Smtp:Host", _smtp.Host);
        builder.UseSetting("Tunda:Mail:Smtp:Port", _smtp.Port.ToString(CultureInfo.InvariantCulture));
        builder.UseSetting("Tunda:Mail:Smtp:Security", "None");
        builder.ConfigureServices(services => services.AddSingleton<ILoggerProvider>(_problems));
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await TestDatabase.DropSchemaAsync(Schema);
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private sealed class ProblemLog : ILoggerProvider
    {
        public ConcurrentQueue<string> Log { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, Log);

        public void Dispose()
        {
        }

        private sealed class Logger(string category, ConcurrentQueue<string> log) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel is >= LogLevel.Warning and < LogLevel.None;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (IsEnabled(logLevel))
                {
                    log.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {exception?.GetType().Name}: {exception?.Message}");
                }
            }
        }
    }
}
