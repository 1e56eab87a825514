using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

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
}
