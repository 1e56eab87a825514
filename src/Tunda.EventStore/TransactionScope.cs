using Npgsql;

namespace Tunda.EventStore;

/// <summary>
/// How a unit of work opens and closes: its own transaction (BEGIN ... COMMIT) or a savepoint in
/// the caller's. The opening and closing statements ride in the same batch as the work, so an
/// append costs one round trip.
/// </summary>
internal sealed record TransactionScope(string Open, string Close, string Undo, NpgsqlTransaction? External)
{
    public static TransactionScope Own { get; } = new("BEGIN", "COMMIT", "ROLLBACK", null);

    /// <summary>
    /// Whether the batch may stand without its BEGIN and COMMIT: a batch outside any transaction is
    /// one implicit transaction (the extended protocol commits what precedes its single Sync, or
    /// rolls all of it back on the first error), so the two statements only cost server and client
    /// work per append. They are needed when more statements must follow in the same transaction.
    /// </summary>
    public bool CanRunImplicitly(bool moreStatementsFollow) => External is null && !moreStatementsFollow;

    /// <summary>A failed check rolls back to the savepoint and leaves the caller's transaction usable.</summary>
    public static TransactionScope Savepoint(NpgsqlTransaction external) =>
        new("SAVEPOINT tunda_append", "RELEASE SAVEPOINT tunda_append", "ROLLBACK TO SAVEPOINT tunda_append", external);
}
