using JasperFx;
using Marten.Exceptions;
using Npgsql;

namespace Tunda.Web.Platform.Commands;

/// <summary>
/// What counts as losing a race for a stream: another writer appended first (a version conflict), or
/// created the stream first (Marten reports that as a stream id collision, or as a unique violation on
/// mt_events when the stream was appended to without StartStream). Retried by the messaging policy,
/// answered as a conflict when retries run out, never counted as a failure of a queued message.
/// </summary>
public static class StoreConflicts
{
    public static bool Is(Exception exception) => exception
        is ConcurrencyException
        or ExistingStreamIdCollisionException
        or MartenCommandException { InnerException: PostgresException { SqlState: PostgresErrorCodes.UniqueViolation, TableName: "mt_events" } };
}
