using JasperFx.Events;
using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using Npgsql;
using Tunda.Domain.Customers;
using Tunda.Domain.Logins;
using Tunda.Domain.Staff;
using Tunda.Domain.Tickets;
using Weasel.Core;

namespace Tunda.Projections.Store;

/// <summary>Where the store lives: the connection string and the schema for events, documents and projections.</summary>
public sealed record TundaStoreSettings(string ConnectionString, string Schema)
{
    /// <summary>How long the daemon waits between polls when no notification arrives.</summary>
    public TimeSpan SlowPollingTime { get; init; } = TimeSpan.FromMilliseconds(100);
}

/// <summary>
/// Tunda's one Marten configuration, used by the app, its verbs, the tests and the benchmarks, so
/// what is proven in a test is what runs in production (docs/event-store.md explains each choice).
/// </summary>
public static class TundaStore
{
    public static void Configure(StoreOptions options, TundaStoreSettings settings)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(settings);
        options.Connection(InUtc(settings.ConnectionString));
        options.DatabaseSchemaName = settings.Schema;
        options.Events.DatabaseSchemaName = settings.Schema;
        options.UseSystemTextJsonForSerialization(EnumStorage.AsString, Casing.CamelCase);

        options.Events.StreamIdentity = StreamIdentity.AsGuid;
        options.Events.AppendMode = EventAppendMode.Quick;
        options.Events.MetadataConfig.CorrelationIdEnabled = true;
        options.Events.MetadataConfig.CausationIdEnabled = true;
        options.Events.MetadataConfig.HeadersEnabled = true;
        foreach (var (type, name) in StoredEventNames.All)
        {
            options.Events.MapEventType(type, name);
        }

        // The daemon polls every SlowPollingTime (100 ms) and holds its high-water mark while a
        // transaction that could fill a gap is alive. No notify on appends: a pg_notify makes every
        // committing append wait for one server-wide lock until its commit is flushed, so appends
        // queue behind each other (bench/results/eventstore.md: 0.41x a raw transaction with it,
        // 0.59x without, chain on), while polling alone kept the daemon's p99 lag at 178 ms under load.
        options.Events.UseListenNotifyForEventAppends = false;
        options.Projections.UseTransactionEvidenceForGapSkipping = true;
        options.Projections.DaemonLockId = DaemonLockId(settings.Schema);
        options.Projections.SlowPollingTime = settings.SlowPollingTime;
        options.Projections.FastPollingTime = TimeSpan.FromMilliseconds(50);
        options.Projections.RebuildWithBulkCopy = true;

        // A projection that throws on an event pauses with the failure recorded, never skips it; the
        // extended progression keeps the pause (status, reason, sequence) in mt_event_progression,
        // where /health on any node sees it, not only in the memory of the node that paused.
        options.Events.EnableExtendedProgressionTracking = true;
        options.Projections.Errors.SkipApplyErrors = false;
        options.Projections.Errors.SkipSerializationErrors = false;
        options.Projections.Errors.SkipUnknownEvents = false;
        options.Projections.RebuildErrors.SkipApplyErrors = false;

        // The write side: each aggregate folded by the domain's own Evolve, never a second implementation.
        options.Projections.Add(new DomainAggregate<Customer>(Customer.Empty, Customer.Evolve), ProjectionLifecycle.Live);
        options.Projections.Add(new DomainAggregate<Login>(Login.Empty, Login.Evolve), ProjectionLifecycle.Live);
        options.Projections.Add(new DomainAggregate<StaffMember>(StaffMember.Empty, StaffMember.Evolve), ProjectionLifecycle.Live);
        options.Projections.Add(new DomainAggregate<Ticket>(Ticket.Empty, Ticket.Evolve), ProjectionLifecycle.Live);

        ReadModels.Register(options);
        EventChain.Register(options);
    }

    /// <summary>Quick append writes the server's <c>now()</c> into timestamptz columns: the session must be in UTC.</summary>
    public static string InUtc(string connectionString) =>
        new NpgsqlConnectionStringBuilder(connectionString) { Timezone = "UTC" }.ConnectionString;

    /// <summary>One advisory lock per schema, so the apps of several schemas on one server never wait for each other.</summary>
    private static int DaemonLockId(string schema) =>
        System.Buffers.Binary.BinaryPrimitives.ReadInt32LittleEndian(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes("tunda-daemon:" + schema)));
}
