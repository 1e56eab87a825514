using Marten;

namespace Tunda.Projections.Store;

/// <summary>
/// Tamper evidence for Marten's event table (ARCHITECTURE.md §3): every event gets a link in a
/// per-stream SHA-256 chain (<see cref="EventChainHash"/>), written by a trigger on <c>mt_events</c>
/// into <c>tunda_event_chain</c> in the same transaction, and checked by <see cref="EventChainVerifier"/>.
/// The chain is installed with the rest of the schema by <c>ApplyAllConfiguredChangesToDatabaseAsync</c>
/// (Marten's lazy creation of event storage alone does not install it). Marten's own operations that
/// rewrite history (stream compaction, event masking, hard-deleting a stream) show up as breaks.
/// </summary>
public static class EventChain
{
    public static void Register(StoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var metadata = options.Events.MetadataConfig;
        if (!(metadata.HeadersEnabled && metadata.CorrelationIdEnabled && metadata.CausationIdEnabled))
        {
            throw new InvalidOperationException("The event chain hashes each event's headers, correlation and causation ids: enable them before registering it.");
        }

        options.Storage.Add(new EventChainSchema(options));
    }
}
