using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Provisioner.AuditService.Chain;
using Provisioner.AuditService.Data;

namespace Provisioner.AuditService.Tests;

public sealed class CanonicalFormTests
{
    private static AuditEntry Sample() => new()
    {
        MessageId = Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e"),
        AgencyId = "agency-1",
        Sequence = 7,
        MessageType = "Provisioner.Contracts.Auth.AgencyConnected",
        JobId = null,
        Actor = "user-1",
        OccurredAt = new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero).AddTicks(1230),
        ReceivedAt = new DateTimeOffset(2025, 1, 2, 3, 4, 6, TimeSpan.Zero),
        Payload = """{"a": 1}""",
        PreviousHash = new string('0', 64),
    };

    [Fact]
    public void Hash_DocumentedEncoding_MatchesAnIndependentImplementation()
    {
        // The README's canonical form, written out again here so code and documentation cannot drift apart.
        string?[] fields =
        [
            "audit-v1", "agency-1", "7", "0f8fad5b-d9cb-469f-a165-70867728950e", "Provisioner.Contracts.Auth.AgencyConnected",
            null, "user-1", "2025-01-02T03:04:05.000123Z", "2025-01-02T03:04:06.000000Z", """{"a": 1}""", new string('0', 64),
        ];
        using var bytes = new MemoryStream();
        foreach (var field in fields)
        {
            var length = new byte[4];
            var data = field is null ? [] : Encoding.UTF8.GetBytes(field);
            BinaryPrimitives.WriteUInt32BigEndian(length, field is null ? uint.MaxValue : (uint)data.Length);
            bytes.Write(length);
            bytes.Write(data);
        }

        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes.ToArray())), CanonicalForm.Hash(Sample()));
    }

    public static TheoryData<string, Action<AuditEntry>> Changes => new()
    {
        { "agency", e => e.AgencyId = "agency-2" },
        { "sequence", e => e.Sequence = 8 },
        { "message id", e => e.MessageId = Guid.NewGuid() },
        { "type", e => e.MessageType += "X" },
        { "job null to empty", e => e.JobId = "" },
        { "actor", e => e.Actor = "user-2" },
        { "occurred", e => e.OccurredAt = e.OccurredAt.AddTicks(10) },
        { "received", e => e.ReceivedAt = e.ReceivedAt.AddTicks(10) },
        { "payload", e => e.Payload = """{"a": 2}""" },
        { "previous", e => e.PreviousHash = new string('1', 64) },
        { "field boundary", e => (e.AgencyId, e.MessageType) = ("agency-1Provisioner", ".Contracts.Auth.AgencyConnected") },
    };

    [Theory]
    [MemberData(nameof(Changes))]
    public void Hash_AnyFieldChanged_HashChanges(string field, Action<AuditEntry> change)
    {
        var changed = Sample();
        change(changed);

        Assert.True(CanonicalForm.Hash(Sample()) != CanonicalForm.Hash(changed), $"changing {field} kept the hash");
    }

    [Fact]
    public void ToStoredPrecision_SubMicrosecondTicks_TruncatedToUtcMicroseconds()
    {
        var value = new DateTimeOffset(2025, 1, 1, 12, 0, 0, TimeSpan.FromHours(3)).AddTicks(19);

        var stored = CanonicalForm.ToStoredPrecision(value);

        Assert.Equal(TimeSpan.Zero, stored.Offset);
        Assert.Equal(value.UtcTicks - 9, stored.UtcTicks);
    }
}
