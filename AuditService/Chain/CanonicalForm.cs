using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Provisioner.AuditService.Data;

namespace Provisioner.AuditService.Chain;

/// <summary>
/// The bytes an entry's hash is computed over. Each field, in this order, is written as a 4-byte big-endian length
/// followed by its UTF-8 bytes (a null field is the length 0xFFFFFFFF and no bytes), so no field value can be
/// mistaken for a separator:
/// <c>"audit-v1"</c>, agency id, sequence (invariant decimal), message id (lower-case GUID with hyphens), message type,
/// job id, actor, occurred-at and received-at (UTC, <c>yyyy-MM-ddTHH:mm:ss.ffffffZ</c>), payload (PostgreSQL's text
/// form of the stored jsonb), previous hash (64 lower-case hex digits).
/// The hash is the lower-case hex SHA-256 of those bytes.
/// </summary>
public static class CanonicalForm
{
    public const string Version = "audit-v1";

    /// <summary>The previous hash of an agency's first entry.</summary>
    public static readonly string GenesisHash = new('0', 64);

    public static string Hash(AuditRecord entry)
    {
        using var buffer = new MemoryStream(256 + entry.Payload.Length);
        Write(buffer, Version);
        Write(buffer, entry.AgencyId);
        Write(buffer, entry.Sequence.ToString(CultureInfo.InvariantCulture));
        Write(buffer, entry.MessageId.ToString("D"));
        Write(buffer, entry.MessageType);
        Write(buffer, entry.JobId);
        Write(buffer, entry.Actor);
        Write(buffer, FormatTime(entry.OccurredAt));
        Write(buffer, FormatTime(entry.ReceivedAt));
        Write(buffer, entry.Payload);
        Write(buffer, entry.PreviousHash);
        return Convert.ToHexStringLower(SHA256.HashData(buffer.GetBuffer().AsSpan(0, (int)buffer.Length)));
    }

    /// <summary>
    /// PostgreSQL keeps microseconds, .NET keeps 100 ns ticks: times are truncated to microseconds before they are
    /// stored, so the hash computed at write time is the one verify recomputes from the database.
    /// </summary>
    public static DateTimeOffset ToStoredPrecision(DateTimeOffset value)
    {
        var utc = value.ToUniversalTime();
        return new DateTimeOffset(utc.Ticks - (utc.Ticks % 10), TimeSpan.Zero);
    }

    private static string FormatTime(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);

    private static void Write(MemoryStream buffer, string? value)
    {
        Span<byte> length = stackalloc byte[4];
        if (value is null)
        {
            BinaryPrimitives.WriteUInt32BigEndian(length, uint.MaxValue);
            buffer.Write(length);
            return;
        }

        var bytes = Encoding.UTF8.GetBytes(value);
        BinaryPrimitives.WriteUInt32BigEndian(length, (uint)bytes.Length);
        buffer.Write(length);
        buffer.Write(bytes);
    }
}
