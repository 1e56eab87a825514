using JasperFx.Events.Projections;
using Marten;
using Marten.Services;
using Npgsql;

namespace Tunda.Projections.Tests.Store;

/// <summary>
/// A transaction that drew a sequence number and has not finished leaves a gap below later, committed
/// events. The daemon must hold its high-water mark at the gap while that transaction is alive, then
/// project the event when it commits, or move past the gap when it rolls back.
/// </summary>
public sealed class DaemonGapTests
{
    private const string Tallies = nameof(StreamTally);

    [Fact]
    public async Task an_open_transaction_that_appended_is_never_passed_and_its_event_is_projected_after_commit()
    {
        await using var scope = await StartAsync();
        var (held, later) = (Guid.NewGuid(), Guid.NewGuid());
        await using var connection = await scope.DataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var heldSequence = await AppendAsync(scope, held, 7, transaction);
        var laterSequence = await AppendAsync(scope, later, 3);
        laterSequence.ShouldBeGreaterThan(heldSequence);

        await ShouldHoldBeforeAsync(scope, heldSequence);
        (await LoadAsync(scope, later)).ShouldBeNull();

        await transaction.CommitAsync();
        await scope.WaitForProgressAsync(Tallies, laterSequence);
        (await LoadAsync(scope, held))!.Sum.ShouldBe(7);
        (await LoadAsync(scope, later))!.Sum.ShouldBe(3);
    }

    [Fact]
    public async Task an_open_transaction_that_appended_is_never_passed_and_after_rollback_the_daemon_moves_past_its_gap()
    {
        await using var scope = await StartAsync();
        var (held, later) = (Guid.NewGuid(), Guid.NewGuid());
        await using var connection = await scope.DataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var heldSequence = await AppendAsync(scope, held, 11, transaction);
        var laterSequence = await AppendAsync(scope, later, 4);

        await ShouldHoldBeforeAsync(scope, heldSequence);

        await transaction.RollbackAsync();
        await scope.WaitForProgressAsync(Tallies, laterSequence);
        (await LoadAsync(scope, held)).ShouldBeNull();
        (await LoadAsync(scope, later))!.Sum.ShouldBe(4);
    }

    /// <summary>
    /// The reserver has called nextval and sits idle in its transaction: it holds no lock on mt_events
    /// yet, so only its open transaction tells the daemon that the number may still arrive.
    /// </summary>
    [Fact]
    public async Task a_transaction_idle_after_drawing_a_sequence_number_is_never_passed_and_the_event_it_writes_there_is_projected()
    {
        await using var scope = await StartAsync();
        var (held, later) = (Guid.NewGuid(), Guid.NewGuid());
        await using var connection = await scope.DataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var drawn = await DrawSequenceNumberAsync(scope, transaction);
        var laterSequence = await AppendAsync(scope, later, 3);
        laterSequence.ShouldBeGreaterThan(drawn);

        await ShouldHoldBeforeAsync(scope, drawn);

        await WriteEventAtAsync(scope, transaction, drawn, held, new Counted(5));
        await transaction.CommitAsync();
        await scope.WaitForProgressAsync(Tallies, laterSequence);
        (await LoadAsync(scope, held))!.Sum.ShouldBe(5);
        (await LoadAsync(scope, later))!.Sum.ShouldBe(3);
    }

    /// <summary>Why Tunda keeps UseTransactionEvidenceForGapSkipping on (ARCHITECTURE.md §1): without it the same event is lost.</summary>
    [Fact]
    public async Task with_transaction_evidence_off_the_daemon_passes_an_open_transaction_and_its_event_is_never_projected()
    {
        await using var scope = await StartAsync(o => o.Projections.UseTransactionEvidenceForGapSkipping = false);
        var (held, later) = (Guid.NewGuid(), Guid.NewGuid());
        await using var connection = await scope.DataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var heldSequence = await AppendAsync(scope, held, 7, transaction);
        var laterSequence = await AppendAsync(scope, later, 3);

        await scope.WaitForProgressAsync(Tallies, laterSequence);
        await transaction.CommitAsync();
        var afterCommit = await AppendAsync(scope, later, 1);
        await scope.WaitForProgressAsync(Tallies, afterCommit);

        (await LoadAsync(scope, later))!.Sum.ShouldBe(4);
        (await LoadAsync(scope, held)).ShouldBeNull($"event {heldSequence} was committed but passed while in flight");
    }

    /// <summary>A store with one async projection and the daemon running and caught up on a first event.</summary>
    private static async Task<MartenScope> StartAsync(Action<StoreOptions>? configure = null)
    {
        var scope = await MartenScope.CreateAsync(o =>
        {
            o.Projections.Add(new TallyProjection<StreamTally>(), ProjectionLifecycle.Async);
            configure?.Invoke(o);
        });
        await scope.StartDaemonAsync();
        await scope.WaitForProgressAsync(Tallies, await AppendAsync(scope, Guid.NewGuid(), 1));
        return scope;
    }

    /// <summary>
    /// Waits for the moment the high-water detector has found the gap stale and decided to hold at it
    /// (it says so in its log), then checks that neither the mark nor the projection passed it.
    /// </summary>
    private static async Task ShouldHoldBeforeAsync(MartenScope scope, long gap)
    {
        await scope.Log.WaitForAsync($"before the sequence gap above {gap - 1}", MartenScope.Patience);
        (await scope.ProgressAsync("HighWaterMark")).ShouldBeLessThan(gap);
        (await scope.ProgressAsync(Tallies)).ShouldBeLessThan(gap);
    }

    /// <summary>Appends in its own unit of work, or in <paramref name="transaction"/> without committing it; returns the event's sequence number.</summary>
    private static async Task<long> AppendAsync(MartenScope scope, Guid stream, int amount, NpgsqlTransaction? transaction = null)
    {
        await using var session = transaction is null ? scope.Store.LightweightSession() : scope.Store.LightweightSession(SessionOptions.ForTransaction(transaction));
        var action = session.Events.Append(stream, new Counted(amount));
        await session.SaveChangesAsync();
        return action.Events.Single().Sequence;
    }

    private static async Task<long> DrawSequenceNumberAsync(MartenScope scope, NpgsqlTransaction transaction)
    {
        await using var command = new NpgsqlCommand($"SELECT nextval('{scope.Schema}.mt_events_sequence')", transaction.Connection, transaction);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Writes a new stream's first event at a sequence number drawn earlier, as a repair script would.</summary>
    private static async Task WriteEventAtAsync(MartenScope scope, NpgsqlTransaction transaction, long sequence, Guid stream, Counted data)
    {
        var mapping = scope.Store.Events.EventMappingFor(typeof(Counted));
        await using var batch = new NpgsqlBatch(transaction.Connection, transaction)
        {
            BatchCommands =
            {
                new($"INSERT INTO {scope.Schema}.mt_streams (id, version) VALUES ($1, 1)") { Parameters = { new() { Value = stream } } },
                new(
                    $"""
                    INSERT INTO {scope.Schema}.mt_events (seq_id, id, stream_id, version, data, type, mt_dotnet_type)
                    VALUES ($1, gen_random_uuid(), $2, 1, jsonb_build_object('amount', $3::int), $4, $5)
                    """)
                {
                    Parameters =
                    {
                        new() { Value = sequence },
                        new() { Value = stream },
                        new() { Value = data.Amount },
                        new() { Value = mapping.EventTypeName },
                        new() { Value = mapping.DotNetTypeName },
                    },
                },
            },
        };
        await batch.ExecuteNonQueryAsync();
    }

    private static async Task<StreamTally?> LoadAsync(MartenScope scope, Guid stream)
    {
        await using var session = scope.Store.QuerySession();
        return await session.LoadAsync<StreamTally>(stream);
    }
}
