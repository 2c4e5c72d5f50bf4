using Npgsql;

namespace Provisioner.AuditService.Tests;

public sealed class AppendOnlyTests(AuditHostFixture fixture) : IClassFixture<AuditHostFixture>
{
    private AuditHost Host => fixture.Host;

    [Theory]
    [InlineData("UPDATE audit_entries SET actor = 'mallory' WHERE message_id = $1")]
    [InlineData("DELETE FROM audit_entries WHERE message_id = $1")]
    [InlineData("UPDATE audit_archive SET actor = 'mallory' WHERE message_id = $1")]
    [InlineData("DELETE FROM audit_archive WHERE message_id = $1")]
    public async Task ChangeRow_AsServiceRole_PermissionDenied(string sql)
    {
        var host = Host;
        var id = await host.AppendAsync("ag-" + Guid.NewGuid().ToString("N"));

        var error = await Assert.ThrowsAsync<PostgresException>(() => host.ExecuteAsServiceAsync(sql, id));

        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, error.SqlState);
    }

    [Fact]
    public async Task Truncate_AsServiceRole_PermissionDenied()
    {
        var host = Host;
        var agency = "ag-" + Guid.NewGuid().ToString("N");
        await host.AppendAsync(agency);

        var error = await Assert.ThrowsAsync<PostgresException>(() => host.ExecuteAsServiceAsync("TRUNCATE audit_entries"));

        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, error.SqlState);
        Assert.Equal(1, await host.CountAsync(agency));
    }

    [Theory]
    [InlineData("UPDATE audit_entries SET actor = 'mallory' WHERE message_id = $1")]
    [InlineData("DELETE FROM audit_entries WHERE message_id = $1")]
    public async Task ChangeRow_AsSuperuserWithTriggersOn_RefusedByTrigger(string sql)
    {
        // A superuser skips privilege checks, so this proves the trigger refuses on its own.
        var host = Host;
        var agency = "ag-" + Guid.NewGuid().ToString("N");
        var id = await host.AppendAsync(agency, actor: "alice");

        var error = await Assert.ThrowsAsync<PostgresException>(() => host.ExecuteAsSuperuserAsync(sql, disableTriggers: false, id));

        Assert.Contains("append-only", error.MessageText, StringComparison.Ordinal);
        var entry = await host.ClientFor(agency, "viewer").GetJsonAsync($"/api/audit/{id}");
        Assert.Equal("alice", entry.GetProperty("actor").GetString());
    }

    [Fact]
    public async Task Verify_UntouchedChain_Ok()
    {
        var host = Host;
        var agency = await SeedAsync(host, 5);

        var result = await host.ClientFor(agency.Name, "admin").GetJsonAsync("/api/audit/verify");

        Assert.True(result.GetProperty("ok").GetBoolean());
        Assert.Equal(5, result.GetProperty("checked").GetInt64());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, result.GetProperty("firstBrokenId").ValueKind);
    }

    [Theory]
    [InlineData("actor = 'mallory'")]
    [InlineData("payload = '{\"step\":\"forged\"}'")]
    [InlineData("occurred_at = occurred_at - interval '1 day'")]
    [InlineData("hash = repeat('a', 64)")]
    public async Task Verify_RowEditedWithTriggersDisabled_ReportsThatEntry(string assignment)
    {
        var host = Host;
        var agency = await SeedAsync(host, 5);

        await TamperAsync(host, $"UPDATE audit_entries SET {assignment} WHERE message_id = $1", agency.Ids[2]);
        var result = await host.ClientFor(agency.Name, "operator").GetJsonAsync("/api/audit/verify");

        Assert.False(result.GetProperty("ok").GetBoolean());
        Assert.Equal(agency.Ids[2].ToString(), result.GetProperty("firstBrokenId").GetString());
        Assert.Equal(3, result.GetProperty("checked").GetInt64());
    }

    [Fact]
    public async Task Verify_MiddleRowDeletedWithTriggersDisabled_ReportsNextEntry()
    {
        var host = Host;
        var agency = await SeedAsync(host, 5);

        await TamperAsync(host, "DELETE FROM audit_entries WHERE message_id = $1", agency.Ids[1]);
        var result = await host.ClientFor(agency.Name, "admin").GetJsonAsync("/api/audit/verify");

        Assert.False(result.GetProperty("ok").GetBoolean());
        Assert.Equal(agency.Ids[2].ToString(), result.GetProperty("firstBrokenId").GetString());
    }

    [Fact]
    public async Task Verify_LastRowDeletedWithTriggersDisabled_ReportsMissingEnd()
    {
        var host = Host;
        var agency = await SeedAsync(host, 5);

        await TamperAsync(host, "DELETE FROM audit_entries WHERE message_id = $1", agency.Ids[4]);
        var result = await host.ClientFor(agency.Name, "admin").GetJsonAsync("/api/audit/verify");

        Assert.False(result.GetProperty("ok").GetBoolean());
        Assert.Equal(4, result.GetProperty("checked").GetInt64());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, result.GetProperty("firstBrokenId").ValueKind);
    }

    private static Task TamperAsync(AuditHost host, string sql, Guid id) =>
        host.ExecuteAsSuperuserAsync(sql, disableTriggers: true, id);

    private static async Task<(string Name, List<Guid> Ids)> SeedAsync(AuditHost host, int count)
    {
        var agency = "ag-" + Guid.NewGuid().ToString("N");
        var ids = new List<Guid>();
        for (var i = 0; i < count; i++)
        {
            ids.Add(await host.AppendAsync(agency, actor: $"user-{i}", payload: $$"""{"step":"s{{i}}"}"""));
        }

        return (agency, ids);
    }
}
