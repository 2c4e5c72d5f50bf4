using System.Text.Json;
using Npgsql;
using Microsoft.Extensions.DependencyInjection;
using Provisioner.AuditService.Data;
using Provisioner.AuditService.Ingestion;
using Provisioner.AuditService.Tests.Messages;
using Provisioner.TestSupport;

namespace Provisioner.AuditService.Tests;

public sealed class IngestionTests(AuditHostFixture fixture) : IClassFixture<AuditHostFixture>
{
    private AuditHost Host => fixture.Host;

    [Fact]
    public async Task Consume_ConventionProperties_StoresAgencyJobActorAndOccurredAt()
    {
        var host = Host;
        var agency = "ag-" + Guid.NewGuid().ToString("N");
        var jobId = Guid.NewGuid();
        var occurredAt = new DateTimeOffset(2025, 3, 4, 5, 6, 7, 123, TimeSpan.FromHours(2)).AddTicks(4567);

        await host.PublishAsync(new TestStepCompleted(agency, jobId, "user-7", occurredAt, "create-location"));
        await host.WaitForEntriesAsync(agency, 1);

        var row = await ReadSingleAsync(host, agency);
        Assert.Equal(typeof(TestStepCompleted).FullName, row.Type);
        Assert.Equal(jobId.ToString("D"), row.JobId);
        Assert.Equal("user-7", row.Actor);
        Assert.Equal(occurredAt.AddTicks(-7).UtcDateTime, row.OccurredAt); // stored to the microsecond
        Assert.Equal(1, row.Sequence);
        Assert.Equal("create-location", JsonDocument.Parse(row.Payload).RootElement.GetProperty("step").GetString());
    }

    [Fact]
    public async Task Consume_NoConventionProperties_FallsBackToCorrelationIdAndSentTime()
    {
        var host = Host;
        var correlationId = Guid.NewGuid();
        var note = Guid.NewGuid().ToString("N");
        var before = DateTime.UtcNow.AddSeconds(-5);

        await host.PublishAsync(new TestBareNotice(note), correlationId: correlationId);
        var row = await Eventually.GetAsync(
            () => ReadAsync(host, "payload->>'note' = $1", note), r => r is not null, TimeSpan.FromSeconds(30), "the bare notice");

        Assert.Equal("-", row!.AgencyId);
        Assert.Equal(correlationId.ToString("D"), row.JobId);
        Assert.Null(row.Actor);
        Assert.InRange(row.OccurredAt, before, DateTime.UtcNow.AddSeconds(5));
    }

    [Fact]
    public async Task Append_SameMessageIdDeliveredAgain_StoredOnce()
    {
        var host = Host;
        var writer = host.Services.GetRequiredService<AuditWriter>();
        var agency = "ag-" + Guid.NewGuid().ToString("N");
        var messageId = Guid.NewGuid();

        // What a broker redelivery does: the consumer runs again with the same message id. AppendAsync returns only
        // after the commit, so each step below is stored (or recognised) before the next starts.
        await Task.WhenAll(writer.AppendAsync(Entry(agency, messageId), default), writer.AppendAsync(Entry(agency, messageId), default));
        await writer.AppendAsync(Entry(agency, messageId), default);
        await writer.AppendAsync(Entry(agency, Guid.NewGuid()), default);

        Assert.Equal(2, await host.CountAsync(agency));
    }

    [Fact]
    public async Task Consume_SameMessagePublishedTwice_StoredOnce()
    {
        var host = Host;
        var agency = "ag-" + Guid.NewGuid().ToString("N");
        var messageId = Guid.NewGuid();
        var message = new TestStepCompleted(agency, Guid.NewGuid(), "user-1", DateTimeOffset.UtcNow, "users");

        var marker = "ag-" + Guid.NewGuid().ToString("N");

        await host.PublishAsync(message, messageId);
        await host.WaitForEntriesAsync(agency, 1);
        await host.PublishAsync(message, messageId);
        // One receiver stores in queue order: once the marker published after the copy is stored, the copy is settled.
        await host.PublishAsync(new TestStepCompleted(marker, Guid.NewGuid(), "user-1", DateTimeOffset.UtcNow, "marker"));
        await host.WaitForEntriesAsync(marker, 1);

        Assert.Equal(1, await host.CountAsync(agency));
    }

    private static AuditEntry Entry(string agency, Guid messageId) => new()
    {
        MessageId = messageId,
        AgencyId = agency,
        MessageType = "Test.Redelivered",
        OccurredAt = DateTimeOffset.UtcNow,
        Payload = """{"n":1}""",
    };

    [Fact]
    public async Task Consume_NestedSecrets_RedactedAtEveryDepth()
    {
        var host = Host;
        var agency = "ag-" + Guid.NewGuid().ToString("N");
        var credentials = new TestCredentials
        {
            ClientId = "client-1",
            ClientSecret = "s3cr3t-value",
            Inner = new TestInner { Label = "kept", PASSWORD = "hunter2", RefreshTokens = ["rt-1", "rt-2"] },
        };

        await host.PublishAsync(new TestCredentialsRotated(
            agency, "admin-1", DateTime.UtcNow, credentials, "tok-123", [credentials]));
        await host.WaitForEntriesAsync(agency, 1);

        var payload = (await ReadSingleAsync(host, agency)).Payload;
        foreach (var secret in new[] { "s3cr3t-value", "hunter2", "rt-1", "tok-123" })
        {
            Assert.DoesNotContain(secret, payload, StringComparison.Ordinal);
        }

        var root = JsonDocument.Parse(payload).RootElement;
        Assert.Equal("***", root.GetProperty("apiToken").GetString());
        Assert.Equal("client-1", root.GetProperty("credentials").GetProperty("clientId").GetString());
        Assert.Equal("kept", root.GetProperty("history")[0].GetProperty("inner").GetProperty("label").GetString());
        Assert.Equal("***", root.GetProperty("history")[0].GetProperty("inner").GetProperty("password").GetString());
    }

    [Fact]
    public async Task Consume_BurstAcrossAgencies_EachChainGaplessInOrder()
    {
        var host = Host;
        var agencies = Enumerable.Range(0, 3).Select(_ => "ag-" + Guid.NewGuid().ToString("N")).ToArray();

        await Task.WhenAll(Enumerable.Range(0, 450).Select(i => host.PublishAsync(
            new TestStepCompleted(agencies[i % 3], Guid.NewGuid(), "actor", DateTimeOffset.UtcNow, $"step-{i}"))));
        foreach (var agency in agencies)
        {
            await host.WaitForEntriesAsync(agency, 150);
        }

        await using var connection = new NpgsqlConnection(host.ConnectionString);
        await connection.OpenAsync();
        foreach (var agency in agencies)
        {
            await using var command = new NpgsqlCommand(
                "SELECT count(*), min(sequence), max(sequence), count(DISTINCT sequence) FROM audit_entries WHERE agency_id = $1",
                connection) { Parameters = { new() { Value = agency } } };
            await using var reader = await command.ExecuteReaderAsync();
            await reader.ReadAsync();
            Assert.Equal((150L, 1L, 150L, 150L), (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3)));
        }
    }

    private static async Task<StoredRow> ReadSingleAsync(AuditHost host, string agency) =>
        await ReadAsync(host, "agency_id = $1", agency) ?? throw new InvalidOperationException($"No entry for {agency}.");

    private static async Task<StoredRow?> ReadAsync(AuditHost host, string where, string value)
    {
        await using var connection = new NpgsqlConnection(host.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            $"SELECT agency_id, message_type, job_id, actor, occurred_at, sequence, payload::text FROM audit_entries WHERE {where}",
            connection) { Parameters = { new() { Value = value } } };
        await using var reader = await command.ExecuteReaderAsync();
        if (!await reader.ReadAsync())
        {
            return null;
        }

        var row = new StoredRow(
            reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2),
            reader.IsDBNull(3) ? null : reader.GetString(3), reader.GetDateTime(4), reader.GetInt64(5), reader.GetString(6));
        Assert.False(await reader.ReadAsync(), "one entry expected");
        return row;
    }

    private sealed record StoredRow(
        string AgencyId, string Type, string? JobId, string? Actor, DateTime OccurredAt, long Sequence, string Payload);
}
