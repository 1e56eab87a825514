using System.Diagnostics;
using Tunda.EventStore;
using Store = Tunda.EventStore.EventStore;

namespace Tunda.Messaging.Tests.Support;

/// <summary>
/// A worker process that takes a ping, marks that it started handling it, and hangs there with the
/// row deleted in an open transaction, until the test kills the process.
/// </summary>
internal static class DoomedNode
{
    public const string Verb = "doomed-node";

    public static async Task<int> Main(string[] args)
    {
        if (args is not [Verb, var schema, var nodeName])
        {
            Console.Error.WriteLine($"usage: {Verb} <schema> <node name>");
            return 2;
        }

        var messaging = BusScope.FastOptions();
        messaging.Messages.Register<Ping>("ping");
        messaging.Handlers.Handle<Ping>(async (message, context, cancellationToken) =>
        {
            await using (var marker = context.Store.DataSource.CreateCommand($"INSERT INTO {schema}.doomed_marker (label) VALUES ($1)"))
            {
                marker.Parameters.Add(new() { Value = message.Label });
                await marker.ExecuteNonQueryAsync(cancellationToken);
            }

            await Task.Delay(Timeout.Infinite, cancellationToken);
        });
        await using var store = new Store(new EventStoreOptions { ConnectionString = TestDatabase.ConnectionString, Schema = schema, NodeName = nodeName });
        var bus = new MessageBus(store, messaging);
        await using var worker = bus.CreateWorker(nodeName);
        await worker.StartAsync();

        // Killed by the test long before this; the limit only ends a process a crashed test run left behind.
        await Task.Delay(TimeSpan.FromMinutes(3));
        return 1;
    }

    /// <summary>Starts this test assembly as a doomed node process.</summary>
    public static Process Start(string schema, string nodeName)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { typeof(DoomedNode).Assembly.Location, Verb, schema, nodeName })
        {
            start.ArgumentList.Add(argument);
        }

        return Process.Start(start) ?? throw new InvalidOperationException("Could not start the node process.");
    }
}
