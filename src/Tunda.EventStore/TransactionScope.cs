using Npgsql;

namespace Tunda.EventStore;

/// <summary>
/// How a unit of work opens and closes: its own transaction (BEGIN ... COMMIT) or a savepoint in
/// the caller's. The opening and closing statements ride in the same batches as the work, so an
/// append costs two round trips, not four.
/// </summary>
internal sealed record TransactionScope(string Open, string Close, string Undo, NpgsqlTransaction? External)
{
    public static TransactionScope Own { get; } = new("BEGIN", "COMMIT", "ROLLBACK", null);

    /// <summary>A failed check rolls back to the savepoint and leaves the caller's transaction usable.</summary>
    public static TransactionScope Savepoint(NpgsqlTransaction external) =>
        new("SAVEPOINT tunda_append", "RELEASE SAVEPOINT tunda_append", "ROLLBACK TO SAVEPOINT tunda_append", external);
}
