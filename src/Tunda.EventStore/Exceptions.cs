namespace Tunda.EventStore;

/// <summary>
/// The stream was not at the version the caller expected (including two writers racing to start
/// the same stream). Nothing was written.
/// </summary>
public sealed class ConcurrencyException : Exception
{
    public ConcurrencyException(Guid streamId, ExpectedVersion expected, long? actual)
        : base($"Stream {streamId} was expected at version {expected} but is at {(actual is null ? "none (missing)" : actual.Value.ToString(System.Globalization.CultureInfo.InvariantCulture))}.")
    {
        StreamId = streamId;
        Expected = expected;
        Actual = actual;
    }

    public Guid StreamId { get; }

    public ExpectedVersion Expected { get; }

    /// <summary>The version found, or null when the stream does not exist.</summary>
    public long? Actual { get; }
}

/// <summary>The stream is archived: it can be read but never appended to again.</summary>
public sealed class StreamArchivedException(Guid streamId)
    : Exception($"Stream {streamId} is archived and accepts no more events.")
{
    public Guid StreamId { get; } = streamId;
}

/// <summary>An event type was used that is not registered with an alias.</summary>
public sealed class UnknownEventTypeException(string message) : Exception(message);
