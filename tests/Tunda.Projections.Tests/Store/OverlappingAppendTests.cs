using JasperFx;
using JasperFx.Events;
using Marten;
using Marten.Exceptions;
using Marten.Services;
using Npgsql;
using Tunda.Domain.Customers;
using static Tunda.Projections.Tests.Support.Events;

namespace Tunda.Projections.Tests.Store;

/// <summary>
/// Two units of work appending to one stream, the second while the first is still open: where Marten's
/// quick append (as Tunda configures it) behaves differently from the home-built store.
/// </summary>
public sealed class OverlappingAppendTests
{
    /// <summary>
    /// The version check is a plain read (Tunda leaves <c>UseExclusiveLockOnConcurrentAppends</c> off): a
    /// writer that reads before the winner commits passes it, draws its sequence numbers, and only then
    /// fails on the stream/version key. Its numbers are a hole the daemon must wait out (DaemonGapTests).
    /// </summary>
    [Fact]
    public async Task a_writer_that_reads_the_version_before_the_winner_commits_draws_sequence_numbers_before_it_fails()
    {
        await using var scope = await MartenScope.CreateAsync();
        scope.Store.Options.Events.UseExclusiveLockOnConcurrentAppends.ShouldBeFalse();
        var customer = await StartCustomerAsync(scope);

        await using var winner = await UnitOfWork.BeginAsync(scope);
        winner.Session.Events.Append(customer, 2, new CustomerBlocked(customer, "winner", At));
        await winner.Session.SaveChangesAsync();

        await using var loser = await UnitOfWork.BeginAsync(scope);
        loser.Session.Events.Append(customer, 2, new CustomerBlocked(customer, "loser", At));
        var losing = await loser.SaveUntilBlockedAsync();
        (await scope.ScalarAsync<long>("SELECT last_value FROM {schema}.mt_events_sequence")).ShouldBe(3, "the loser drew its number before waiting for the winner");

        await winner.Transaction.CommitAsync();
        await Should.ThrowAsync<EventStreamUnexpectedMaxEventIdException>(() => losing);
        await loser.Transaction.RollbackAsync();

        await using var query = scope.Store.QuerySession();
        var events = await query.Events.FetchStreamAsync(customer);
        events.Select(e => e.Version).ShouldBe([1, 2]);
        events.Select(e => e.Sequence).ShouldBe([1, 2]);
        (await scope.ScalarAsync<long>("SELECT last_value FROM {schema}.mt_events_sequence")).ShouldBe(3, "3 is a hole");
    }

    /// <summary>
    /// The home-built store serialised appends that expect any version. Marten's both read the same
    /// version, and the second fails on the stream/version key once the first commits: Tunda's handlers
    /// get a concurrency exception here even without an expected version, and retry by policy.
    /// </summary>
    [Fact]
    public async Task overlapping_appends_to_one_stream_without_an_expected_version_conflict_and_the_second_fails()
    {
        await using var scope = await MartenScope.CreateAsync();
        var customer = await StartCustomerAsync(scope);

        await using var first = await UnitOfWork.BeginAsync(scope);
        first.Session.Events.Append(customer, new CustomerBlocked(customer, "first", At));
        await first.Session.SaveChangesAsync();

        await using var second = await UnitOfWork.BeginAsync(scope);
        second.Session.Events.Append(customer, new CustomerEmailConfirmed(customer, "mario.rossi@example.it", At));
        var saving = await second.SaveUntilBlockedAsync();

        await first.Transaction.CommitAsync();
        await Should.ThrowAsync<EventStreamUnexpectedMaxEventIdException>(() => saving);
        await second.Transaction.RollbackAsync();

        await using var query = scope.Store.QuerySession();
        (await query.Events.FetchStreamAsync(customer)).Select(e => e.Data.GetType()).ShouldBe([typeof(CustomerRegistered), typeof(CustomerBlocked)]);
    }

    /// <summary>
    /// The home-built store let racing appends create a missing stream together. With Marten the second
    /// fails on mt_streams' key and the failure is not translated: a MartenCommandException, not the
    /// concurrency exception a retry policy catches. Streams are started with StartStream.
    /// </summary>
    [Fact]
    public async Task overlapping_first_appends_to_a_missing_stream_fail_with_an_untranslated_key_violation()
    {
        await using var scope = await MartenScope.CreateAsync();
        var customer = Guid.NewGuid();

        await using var first = await UnitOfWork.BeginAsync(scope);
        first.Session.Events.Append(customer, Person(customer));
        await first.Session.SaveChangesAsync();

        await using var second = await UnitOfWork.BeginAsync(scope);
        second.Session.Events.Append(customer, Person(customer));
        var saving = await second.SaveUntilBlockedAsync();

        await first.Transaction.CommitAsync();
        var failure = await Should.ThrowAsync<MartenCommandException>(() => saving);
        failure.ShouldNotBeAssignableTo<ConcurrencyException>();
        failure.InnerException.ShouldBeOfType<PostgresException>().SqlState.ShouldBe(PostgresErrorCodes.UniqueViolation);
        await second.Transaction.RollbackAsync();

        await using var query = scope.Store.QuerySession();
        (await query.Events.FetchStreamAsync(customer)).Count.ShouldBe(1);
    }

    private static async Task<Guid> StartCustomerAsync(MartenScope scope)
    {
        var customer = Guid.NewGuid();
        await using var session = scope.Store.LightweightSession();
        session.Events.StartStream<Customer>(customer, Person(customer));
        await session.SaveChangesAsync();
        return customer;
    }

    /// <summary>A session on a transaction the test commits or rolls back itself.</summary>
    private sealed class UnitOfWork(NpgsqlConnection connection, NpgsqlTransaction transaction, IDocumentSession session) : IAsyncDisposable
    {
        public NpgsqlTransaction Transaction => transaction;

        public IDocumentSession Session => session;

        public static async Task<UnitOfWork> BeginAsync(MartenScope scope)
        {
            var connection = await scope.DataSource.OpenConnectionAsync();
            var transaction = await connection.BeginTransactionAsync();
            return new UnitOfWork(connection, transaction, scope.Store.LightweightSession(SessionOptions.ForTransaction(transaction)));
        }

        /// <summary>Starts saving and returns once PostgreSQL has this save waiting on another transaction's lock.</summary>
        public async Task<Task> SaveUntilBlockedAsync()
        {
            var saving = session.SaveChangesAsync();
            using var cancel = new CancellationTokenSource(MartenScope.Patience);
            while (!await TestDatabase.ScalarAsync<bool>($"SELECT EXISTS (SELECT 1 FROM pg_stat_activity WHERE pid = {connection.ProcessID} AND wait_event_type = 'Lock')"))
            {
                saving.IsCompleted.ShouldBeFalse("the save was expected to wait for the other transaction");
                cancel.Token.ThrowIfCancellationRequested();
                await Task.Delay(50, CancellationToken.None);
            }

            return saving;
        }

        public async ValueTask DisposeAsync()
        {
            await session.DisposeAsync();
            await transaction.DisposeAsync();
            await connection.DisposeAsync();
        }
    }
}
