using Tunda.Messaging.Tests.Support;

namespace Tunda.Messaging.Tests;

public sealed class CrashTests
{
    [Fact]
    public async Task message_of_a_worker_process_killed_mid_handling_is_handled_exactly_once_by_another_node()
    {
        await using var scope = await BusScope.CreateAsync(TestMessages.RegisterPing);
        await scope.ExecuteAsync("CREATE TABLE {schema}.doomed_marker (label text NOT NULL)");
        await scope.Bus.PublishAsync(new Ping("doomed"));

        using var doomed = DoomedNode.Start(scope.Schema, "node-doomed");
        try
        {
            await BusScope.EventuallyAsync(
                async () => doomed.HasExited || await scope.CountAsync("doomed_marker") == 1,
                "the doomed process starts handling the ping");
            if (doomed.HasExited)
            {
                throw new InvalidOperationException($"The node process exited early: {await doomed.StandardError.ReadToEndAsync()}");
            }
        }
        finally
        {
            doomed.Kill(entireProcessTree: true);
            await doomed.WaitForExitAsync();
        }

        await scope.StartWorkerAsync("node-survivor");

        await BusScope.EventuallyAsync(async () => await scope.Handled.CountAsync("doomed") == 1, "the survivor handles the orphaned ping");
        (await scope.CountAsync("messages")).ShouldBe(0);
        (await scope.CountAsync("doomed_marker")).ShouldBe(1);
        (await scope.CountAsync("message_nodes", "name = 'node-doomed'")).ShouldBe(0);
        await scope.Bus.PublishAsync(new Ping("fence"));
        await BusScope.EventuallyAsync(async () => await scope.Handled.CountAsync("fence") == 1, "the fence is handled");
        (await scope.Handled.CountAsync("doomed")).ShouldBe(1);
    }
}
