using Provisioner.AuditService.Tests.Messages;

namespace Provisioner.AuditService.Tests;

/// <summary>The production wiring end to end: the RabbitMQ transport, the durable queue and its bindings.</summary>
public sealed class RabbitMqIngestionTests
{
    [Fact]
    public async Task Consume_PublishedThroughRabbitMq_StoredOncePerMessage()
    {
        await using var host = await AuditHost.StartAsync();
        var agency = "ag-" + Guid.NewGuid().ToString("N");
        var redelivered = Guid.NewGuid();

        await host.PublishAsync(new TestStepCompleted(agency, Guid.NewGuid(), "user-1", DateTimeOffset.UtcNow, "a"), redelivered);
        await host.WaitForEntriesAsync(agency, 1);
        await host.PublishAsync(new TestStepCompleted(agency, Guid.NewGuid(), "user-1", DateTimeOffset.UtcNow, "a"), redelivered);
        for (var i = 0; i < 20; i++)
        {
            await host.PublishAsync(new TestStepCompleted(agency, Guid.NewGuid(), "user-1", DateTimeOffset.UtcNow, $"b{i}"));
        }

        await host.WaitForEntriesAsync(agency, 21);
        var verify = await host.ClientFor(agency, "admin").GetJsonAsync("/api/audit/verify");

        Assert.True(verify.GetProperty("ok").GetBoolean());
        Assert.Equal(21, verify.GetProperty("checked").GetInt64());
    }
}
