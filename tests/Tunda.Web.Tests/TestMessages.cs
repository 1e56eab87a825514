namespace Tunda.Web.Tests;

/// <summary>Waiting for what the app does in the background, without sleeping a fixed time.</summary>
internal static class TestMessages
{
    /// <summary>Polls until <paramref name="condition"/> holds; fails the test after a generous timeout.</summary>
    public static async Task EventuallyAsync(Func<Task<bool>> condition, string what, int timeoutSeconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(timeoutSeconds);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out waiting until {what}.");
            }

            await Task.Delay(50);
        }
    }
}
