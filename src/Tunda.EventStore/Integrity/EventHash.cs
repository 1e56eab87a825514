using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Tunda.EventStore.Integrity;

/// <summary>
/// The per-stream hash chain, as the <c>append_stream</c> function computes it at append time and
/// the verifier recomputes it from the stored row:
/// <c>hash(n) = SHA-256(hash(n-1) || int64 version || int64 µs since epoch || body)</c> (big-endian),
/// <c>body = SHA-256(id \n stream \n alias \n schema version \n data::text \n metadata::text)</c>.
/// jsonb's text form is canonical and has no raw newline, so the joined body is unambiguous. The
/// global sequence number is left out on purpose, so a store copied or renumbered keeps its chains.
/// </summary>
internal static class EventHash
{
    public static byte[] Body(Guid eventId, Guid streamId, string type, int schemaVersion, string dataText, string metadataText)
    {
        var joined = string.Join('\n', eventId.ToString("D"), streamId.ToString("D"), type, schemaVersion.ToString(CultureInfo.InvariantCulture), dataText, metadataText);
        return SHA256.HashData(Encoding.UTF8.GetBytes(joined));
    }

    public static byte[] Chain(ReadOnlySpan<byte> previousHash, long version, DateTimeOffset timestamp, ReadOnlySpan<byte> bodyHash)
    {
        Span<byte> input = stackalloc byte[previousHash.Length + 16 + bodyHash.Length];
        previousHash.CopyTo(input);
        BinaryPrimitives.WriteInt64BigEndian(input[previousHash.Length..], version);
        BinaryPrimitives.WriteInt64BigEndian(input[(previousHash.Length + 8)..], ToUnixMicroseconds(timestamp));
        bodyHash.CopyTo(input[(previousHash.Length + 16)..]);
        return SHA256.HashData(input);
    }

    // PostgreSQL keeps microseconds; anything finer would not survive the round trip.
    private static long ToUnixMicroseconds(DateTimeOffset timestamp) =>
        (timestamp.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10;
}
