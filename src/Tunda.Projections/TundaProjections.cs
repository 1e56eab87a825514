using Tunda.EventStore;
using Tunda.EventStore.Projections;

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
        EventAliases.RegisterAccounts(options.Events);

        // Inline: the portal and the permission checks read their own writes.
        options.Projections
            .Add(new CustomerProfileProjection(), ProjectionLifecycle.Inline)
            .Add(new AccountAccessProjection(), ProjectionLifecycle.Inline)
            .Add(new StaffDirectoryProjection(), ProjectionLifecycle.Inline);
    }
}
