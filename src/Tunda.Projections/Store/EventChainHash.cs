using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Tunda.Projections.Store;

/// <summary>One row of <c>mt_events</c> as the chain hashes it (JSON columns as PostgreSQL's jsonb text).</summary>
internal sealed record ChainedEvent(
    Guid StreamId, long Version, Guid Id, DateTimeOffset Timestamp, string Type, string Data,
    string? Headers, string? CorrelationId, string? CausationId, string? TenantId, byte[]? BinaryData);

/// <summary>
/// The link of an event in its stream's chain, as the trigger computes it and the verifier recomputes it:
/// <code>
/// link(n) = SHA-256( link(n-1)            32 bytes; 32 zero bytes before version 1
///                 || stream_id            16 bytes, RFC 4122 order (uuid_send)
///                 || version              int64 big-endian
///                 || id                   16 bytes, RFC 4122 order
///                 || timestamp            int64 big-endian, microseconds since 1970-01-01 UTC
///                 || field(type) || field(data::text) || field(headers::text)
///                 || field(correlation_id) || field(causation_id) || field(tenant_id) || field(bdata) )
/// field(x) = int32 big-endian byte length, then the bytes (text as UTF-8); NULL is the length -1 alone
/// </code>
/// jsonb's text form is canonical (key order, spacing, number spelling), so the bytes read back are
/// the bytes hashed. The length prefixes make the message unambiguous whatever the text holds.
/// seq_id is left out so a copied or renumbered store keeps its chains; is_archived and is_skipped are
/// left out because Marten changes them on purpose; mt_dotnet_type is left out because event types
/// resolve by their pinned name. (Should a PostgreSQL upgrade ever change jsonb's text output, every
/// link would fail to verify: re-anchor the chains during that upgrade.)
/// </summary>
internal static class EventChainHash
{
    public const int Length = 32;

    public static byte[] Link(ReadOnlySpan<byte> previous, ChainedEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(previous.IsEmpty ? new byte[Length] : previous);

        Span<byte> fixedPart = stackalloc byte[16 + 8 + 16 + 8];
        e.StreamId.TryWriteBytes(fixedPart[..16], bigEndian: true, out _);
        BinaryPrimitives.WriteInt64BigEndian(fixedPart[16..24], e.Version);
        e.Id.TryWriteBytes(fixedPart[24..40], bigEndian: true, out _);
        BinaryPrimitives.WriteInt64BigEndian(fixedPart[40..], UnixMicroseconds(e.Timestamp));
        hash.AppendData(fixedPart);

        AppendField(hash, Utf8(e.Type));
        AppendField(hash, Utf8(e.Data));
        AppendField(hash, Utf8(e.Headers));
        AppendField(hash, Utf8(e.CorrelationId));
        AppendField(hash, Utf8(e.CausationId));
        AppendField(hash, Utf8(e.TenantId));
        AppendField(hash, e.BinaryData);
        return hash.GetHashAndReset();
    }

    private static void AppendField(IncrementalHash hash, byte[]? bytes)
    {
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, bytes?.Length ?? -1);
        hash.AppendData(length);
        if (bytes is not null)
        {
            hash.AppendData(bytes);
        }
    }

    private static byte[]? Utf8(string? text) => text is null ? null : Encoding.UTF8.GetBytes(text);

    // PostgreSQL keeps microseconds, so the division is exact.
    private static long UnixMicroseconds(DateTimeOffset timestamp) => (timestamp.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10;
}
