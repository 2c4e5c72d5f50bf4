using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Provisioner.AuditService.Retention;

namespace Provisioner.AuditService.Tests;

/// <summary>Retention moves every old entry of the database, so this class has a host of its own.</summary>
public sealed class RetentionTests(AuditHostFixture fixture) : IClassFixture<AuditHostFixture>
{
    private AuditHost Host => fixture.Host;

    [Fact]
    public async Task Archive_EntriesBeforeCutoff_MovedUnchangedAndChainStillVerifies()
    {
        var agency = "ag-" + Guid.NewGuid().ToString("N");
        var ids = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add(await Host.AppendAsync(agency, actor: $"user-{i}"));
        }

        var client = Host.ClientFor(agency, "admin");
        var before = await client.GetJsonAsync($"/api/audit/{ids[0]}");
        var archiver = Host.Services.GetRequiredService<AuditArchiver>();

        // A batch size of 2 makes the move take several transactions.
        var moved = await archiver.ArchiveAsync(DateTimeOffset.UtcNow.AddMinutes(1), batchSize: 2, CancellationToken.None);
        var after = await client.GetJsonAsync($"/api/audit/{ids[0]}");
        var counts = await CountsAsync(agency);
        var newId = await Host.AppendAsync(agency, actor: "user-after");
        var verify = await client.GetJsonAsync("/api/audit/verify");
        var list = await client.GetJsonAsync("/api/audit?pageSize=10");

        Assert.True(moved >= 5);
        Assert.Equal((0L, 5L), counts);
        Assert.Equal(before.GetProperty("hash").GetString(), after.GetProperty("hash").GetString());
        Assert.True(after.GetProperty("archived").GetBoolean());
        Assert.True(verify.GetProperty("ok").GetBoolean(), verify.ToString());
        Assert.Equal(6, verify.GetProperty("checked").GetInt64());
        Assert.Equal(newId.ToString(), list.Ids()[0]);
        Assert.Equal(6, list.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Archive_NothingBeforeCutoff_MovesNothing()
    {
        var agency = "ag-" + Guid.NewGuid().ToString("N");
        await Host.AppendAsync(agency);
        var archiver = Host.Services.GetRequiredService<AuditArchiver>();

        await archiver.ArchiveAsync(DateTimeOffset.UtcNow.AddDays(-1), batchSize: 100, CancellationToken.None);

        Assert.Equal(1L, (await CountsAsync(agency)).Live);
    }

    private async Task<(long Live, long Archived)> CountsAsync(string agency)
    {
        await using var connection = new NpgsqlConnection(Host.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT (SELECT count(*) FROM audit_entries WHERE agency_id = $1), (SELECT count(*) FROM audit_archive WHERE agency_id = $1)",
            connection) { Parameters = { new() { Value = agency } } };
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }
}
