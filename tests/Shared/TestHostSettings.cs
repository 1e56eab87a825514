using System.Runtime.CompilerServices;

namespace Tunda.Testing;

/// <summary>
/// Settings every host a test starts shares, set once per test assembly before any host is built, so
/// that no host holds an inotify instance: a run starts hundreds of hosts, several at a time, and the
/// instances a Linux user may hold are few (128 by default) and shared with everything that user runs.
/// A test never edits appsettings while its host runs, so configuration is not watched; and the web
/// root, which the layout's <c>asp-append-version</c> watches for a changed stylesheet, is polled
/// instead: ASP.NET never disposes a host's web root file provider, so each host's watcher outlived it
/// (one instance per host, 64 after 80 account tests, measured with /proc/&lt;pid&gt;/fd).
/// </summary>
internal static class TestHostSettings
{
#pragma warning disable CA2255 // A test assembly's module initializer on purpose: it must run before the first host is built.
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void NoFileWatchers()
    {
        Environment.SetEnvironmentVariable("DOTNET_hostBuilder__reloadConfigOnChange", "false");
        Environment.SetEnvironmentVariable("DOTNET_USE_POLLING_FILE_WATCHER", "true");
    }
}
