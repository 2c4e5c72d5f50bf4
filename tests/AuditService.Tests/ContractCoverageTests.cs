using System.Reflection;
using System.Text.Json.Nodes;
using MassTransit;
using MassTransit.RabbitMqTransport;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Provisioner.AuditService.Data;
using Provisioner.AuditService.Ingestion;
using Provisioner.AuditService.Tests.Messages;
using Provisioner.TestSupport;

namespace Provisioner.AuditService.Tests;

public sealed class ContractCoverageTests(AuditHostFixture fixture) : IClassFixture<AuditHostFixture>
{
    private AuditHost Host => fixture.Host;

    /// <summary>
    /// Every public record of the real Contracts assembly, whatever its namespace: a contract placed where discovery
    /// does not look fails here instead of going unaudited.
    /// </summary>
    private static List<Type> RealContracts() =>
        [.. Assembly.Load(new AssemblyName("Contracts")).GetExportedTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false, IsGenericTypeDefinition: false }
                && t.GetMethod("<Clone>$") is not null)];

    [Fact]
    public void AuditedTypes_EveryRecordInContractsAssembly_IsAudited()
    {
        var audited = Host.Services.GetRequiredService<AuditEntryFactory>().AuditedTypes.ToHashSet();

        var missing = RealContracts().Where(t => !audited.Contains(t)).Select(t => t.FullName).ToList();

        Assert.NotEmpty(RealContracts());
        Assert.True(missing.Count == 0, "Contract types not audited: " + string.Join(", ", missing));
    }

    [Fact]
    public void AuditedTypes_TestOnlyMessages_AuditedButNestedDataIsNot()
    {
        var audited = Host.Services.GetRequiredService<AuditEntryFactory>().AuditedTypes;

        Assert.Contains(typeof(TestStepCompleted), audited);
        Assert.Contains(typeof(TestCredentialsRotated), audited);
        Assert.Contains(typeof(TestBareNotice), audited);
        Assert.DoesNotContain(typeof(TestCredentials), audited);
    }

    [Fact]
    public void MessageNames_EveryAuditedType_MatchesMassTransitsExchangeAndUrn()
    {
        var formatter = new RabbitMqMessageNameFormatter();

        foreach (var type in Host.Services.GetRequiredService<AuditEntryFactory>().AuditedTypes)
        {
            Assert.Equal(formatter.GetMessageName(type), MessageNames.ExchangeOf(type));
            Assert.Equal(MessageUrn.ForTypeString(type), MessageNames.UrnOf(type));
        }
    }

    /// <summary>
    /// Every contract, published by MassTransit over RabbitMQ, is stored with what the MassTransit consumer stored: the
    /// entry built from the message object in hand (same conventions, same payload serialisation and redaction). Equal
    /// payloads prove the receiver's deserialisation round-trips every contract type.
    /// </summary>
    [Fact]
    public async Task Publish_OneOfEveryContractAndTestMessage_StoredAsTheMessageInHand()
    {
        var agency = "ag-" + Guid.NewGuid().ToString("N");
        var types = RealContracts().Append(typeof(TestStepCompleted)).Append(typeof(TestCredentialsRotated)).ToList();
        var expected = new Dictionary<Guid, AuditEntry>();
        var correlationId = Guid.NewGuid();

        foreach (var type in types)
        {
            var message = SampleMessages.Create(type, agency);
            var messageId = Guid.NewGuid();
            expected[messageId] = InHand(message, type, messageId, correlationId);
            await Host.Publisher.Publish(message, type, ctx =>
            {
                ctx.MessageId = messageId;
                ctx.CorrelationId = correlationId;
            });
        }

        // Nested data records (AdvisorBusiness) carry no agency and land under "-": this host's database is only
        // written by this class, so the types are read across agencies.
        var stored = await Eventually.GetAsync(
            StoredTypesAsync, s => s.Count >= types.Count, TimeSpan.FromSeconds(30), $"all of {string.Join(", ", types.Select(t => t.Name))} stored");
        Assert.Equal(types.Select(t => t.FullName!).Order(), stored.Order());

        foreach (var (messageId, entry) in expected)
        {
            var row = await StoredAsync(messageId);
            Assert.Equal((entry.MessageType, entry.AgencyId, entry.JobId, entry.Actor), (row.MessageType, row.AgencyId, row.JobId, row.Actor));
            Assert.True(
                JsonNode.DeepEquals(JsonNode.Parse(entry.Payload), JsonNode.Parse(row.Payload)),
                $"{entry.MessageType}: stored {row.Payload}, the message in hand serialises to {entry.Payload}");
        }
    }

    private static AuditEntry InHand(object message, Type type, Guid messageId, Guid correlationId) =>
        (AuditEntry)typeof(AuditEntryFactory).GetMethod(nameof(AuditEntryFactory.Create), 1, [Type.MakeGenericMethodParameter(0), typeof(Guid), typeof(Guid?), typeof(DateTime?)])!
            .MakeGenericMethod(type)
            .Invoke(null, [message, messageId, (Guid?)correlationId, (DateTime?)DateTime.UtcNow])!;

    private async Task<AuditEntry> StoredAsync(Guid messageId)
    {
        await using var connection = new NpgsqlConnection(Host.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT message_type, agency_id, job_id, actor, payload::text FROM audit_entries WHERE message_id = $1", connection)
        {
            Parameters = { new() { Value = messageId } },
        };
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync(), $"message {messageId} not stored");
        return new AuditEntry
        {
            MessageType = reader.GetString(0),
            AgencyId = reader.GetString(1),
            JobId = reader.IsDBNull(2) ? null : reader.GetString(2),
            Actor = reader.IsDBNull(3) ? null : reader.GetString(3),
            Payload = reader.GetString(4),
        };
    }

    /// <summary>A list that prints its items, so a timeout says which types were stored.</summary>
    private sealed class StoredTypes : List<string>
    {
        public override string ToString() => "[" + string.Join(", ", this) + "]";
    }

    private async Task<List<string>> StoredTypesAsync()
    {
        await using var connection = new NpgsqlConnection(Host.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT DISTINCT message_type FROM audit_entries", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var types = new StoredTypes();
        while (await reader.ReadAsync())
        {
            types.Add(reader.GetString(0));
        }

        return types;
    }
}
