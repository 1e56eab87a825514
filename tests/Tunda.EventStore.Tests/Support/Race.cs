namespace Tunda.EventStore.Tests.Support;

internal static class Race
{
    /// <summary>
    /// Saves the sessions all at once, released by one gate (awaited, not blocking pool threads,
    /// so every contender is really waiting); true for each one that won, false for each conflict.
    /// </summary>
    public static async Task<bool[]> SaveAsync(int contenders, Func<int, EventSession> prepare)
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var attempts = Enumerable.Range(0, contenders).Select(async i =>
        {
            await using var session = prepare(i);
            await gate.Task;
            try
            {
                await session.SaveChangesAsync();
                return true;
            }
            catch (ConcurrencyException)
            {
                return false;
            }
        }).ToList();
        gate.SetResult();
        return await Task.WhenAll(attempts);
    }
}
