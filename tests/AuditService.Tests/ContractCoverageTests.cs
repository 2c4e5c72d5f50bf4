using System.Reflection;
using Npgsql;
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
    public void Registrations_EveryRecordInContractsAssembly_HasAnAuditConsumer()
    {
        var registered = Host.Registrations.Select(d => d.ServiceType).ToHashSet();

        var missing = RealContracts()
            .Where(t => !registered.Contains(typeof(AuditConsumer<>).MakeGenericType(t)))
            .Select(t => t.FullName)
            .ToList();

        Assert.NotEmpty(RealContracts());
        Assert.True(missing.Count == 0, "Contract types without an audit consumer: " + string.Join(", ", missing));
    }

    [Fact]
    public void Registrations_TestOnlyMessages_HaveAuditConsumersButNestedDataDoesNot()
    {
        var registered = Host.Registrations.Select(d => d.ServiceType).ToHashSet();

        Assert.Contains(typeof(AuditConsumer<TestStepCompleted>), registered);
        Assert.Contains(typeof(AuditConsumer<TestCredentialsRotated>), registered);
        Assert.Contains(typeof(AuditConsumer<TestBareNotice>), registered);
        Assert.DoesNotContain(typeof(AuditConsumer<TestCredentials>), registered);
    }

    [Fact]
    public async Task Publish_OneOfEveryContractAndTestMessage_EachStored()
    {
        var agency = "ag-" + Guid.NewGuid().ToString("N");
        var types = RealContracts().Append(typeof(TestStepCompleted)).Append(typeof(TestCredentialsRotated)).ToList();

        foreach (var type in types)
        {
            await Host.Harness.Bus.Publish(SampleMessages.Create(type, agency), type);
        }

        // Nested data records (AdvisorBusiness) carry no agency and land under "-": this host's database is only
        // written by this class, so the types are read across agencies.
        var stored = await Eventually.GetAsync(
            StoredTypesAsync, s => s.Count >= types.Count, TimeSpan.FromSeconds(30), $"all of {string.Join(", ", types.Select(t => t.Name))} stored");
        Assert.Equal(types.Select(t => t.FullName!).Order(), stored.Order());
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
