using Tunda.EventStore;

namespace Tunda.Projections;

/// <summary>
/// The one place that declares Tunda's event aliases and read models, and whether each projection
/// runs inline or in the daemon. Domain issues add theirs here.
/// </summary>
public static class TundaProjections
{
    public static void Register(EventStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
    }
}
