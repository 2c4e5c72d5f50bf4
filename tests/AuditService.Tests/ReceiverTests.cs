using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Provisioner.AuditService.Ingestion;
using Provisioner.AuditService.Tests.Messages;

namespace Provisioner.AuditService.Tests;

/// <summary>The RabbitMQ.Client receiver's guarantees: error queue, outages, competing instances, a dropped connection.</summary>
public sealed class ReceiverTests
{
    private const string ReceiverConnection = "AuditService audit receiver";

    [Fact]
    public async Task Receive_MalformedBodyAndUnknownType_MovedToErrorQueueWithReasonAndAcked()
    {
        await using var host = await AuditHost.StartAsync();
        await using var probe = await BrokerProbe.OpenAsync(host.Broker);
        var agency = "ag-" + Guid.NewGuid().ToString("N");

        await probe.PublishRawAsync("this is { not json");
        await probe.PublishRawAsync($$$"""
            {"messageId":"{{{Guid.NewGuid()}}}","messageType":["urn:message:Somewhere.Else:Unknown"],"message":{"agencyId":"{{{agency}}}"}}
            """);
        await probe.PublishRawAsync("""{"messageType":["urn:message:Provisioner.AuditService.Tests.Messages:TestBareNotice"],"message":{"note":"x"}}""");

        var moved = new List<(string Body, RabbitMQ.Client.IReadOnlyBasicProperties Properties)>();
        await Eventually.TrueAsync(
            async () =>
            {
                if (await probe.GetAsync("audit-log_error") is { } message)
                {
                    moved.Add(message);
                }

                return moved.Count == 3;
            },
            TimeSpan.FromSeconds(30),
            "three messages in audit-log_error");

        var reasons = moved.Select(m => ErrorQueue.HeaderText(m.Properties, "MT-Fault-Message")).ToList();
        Assert.All(moved, m => Assert.Equal("fault", ErrorQueue.HeaderText(m.Properties, "MT-Reason")));
        Assert.Contains(reasons, r => r!.StartsWith("The body is not JSON", StringComparison.Ordinal));
        Assert.Contains(reasons, r => r!.Contains("urn:message:Somewhere.Else:Unknown", StringComparison.Ordinal));
        Assert.Contains(reasons, r => r == "The envelope has no valid messageId.");
        Assert.Contains(moved, m => m.Body == "this is { not json");
        await Eventually.TrueAsync(() => Task.FromResult(host.Receiver.Unacknowledged == 0), TimeSpan.FromSeconds(10), "every delivery acked");
        Assert.Equal(0, await host.CountAsync(agency));
    }

    [Fact]
    public async Task Receive_DatabaseUnreachableForAWhile_NothingLostOnceItAnswers()
    {
        await using var host = await AuditHost.StartAsync();
        var agency = "ag-" + Guid.NewGuid().ToString("N");
        await host.CutOffDatabaseAsync();
        try
        {
            for (var i = 0; i < 30; i++)
            {
                await host.PublishAsync(new TestStepCompleted(agency, Guid.NewGuid(), "user-1", DateTimeOffset.UtcNow, $"s{i}"));
            }

            // Received and held: unacknowledged while the writer waits the outage out.
            await Eventually.TrueAsync(() => Task.FromResult(host.Receiver.Unacknowledged == 30), TimeSpan.FromSeconds(30), "30 deliveries held");
            await Task.Delay(TimeSpan.FromSeconds(2));
            Assert.Equal(30, host.Receiver.Unacknowledged);
        }
        finally
        {
            await host.RestoreDatabaseAsync();
        }

        await host.WaitForEntriesAsync(agency, 30);
        await Eventually.TrueAsync(() => Task.FromResult(host.Receiver.Unacknowledged == 0), TimeSpan.FromSeconds(10), "every delivery acked");
        Assert.Equal(30, await host.CountAsync(agency));
        await using var probe = await BrokerProbe.OpenAsync(host.Broker);
        Assert.Null(await probe.GetAsync("audit-log_error"));
    }

    [Fact]
    public async Task Receive_TwoInstancesOnOneQueue_EachEventStoredOnceByEither()
    {
        var small = new Dictionary<string, string?> { ["AuditIngestionOptions:MaxInFlight"] = "10", ["AuditIngestionOptions:BatchSize"] = "10" };
        await using var first = await AuditHost.StartAsync(small);
        await using var second = await first.StartSecondAsync();
        var committedBy = new int[2];
        first.Services.GetRequiredService<AuditWriter>().BatchCompleted += (batch, error) => Interlocked.Add(ref committedBy[0], error is null ? batch.Count : 0);
        second.Services.GetRequiredService<AuditWriter>().BatchCompleted += (batch, error) => Interlocked.Add(ref committedBy[1], error is null ? batch.Count : 0);
        var agencies = new[] { "ag-" + Guid.NewGuid().ToString("N"), "ag-" + Guid.NewGuid().ToString("N") };

        await Task.WhenAll(Enumerable.Range(0, 300).Select(i => first.PublishAsync(
            new TestStepCompleted(agencies[i % 2], Guid.NewGuid(), "actor", DateTimeOffset.UtcNow, $"step-{i}"))));
        foreach (var agency in agencies)
        {
            await first.WaitForEntriesAsync(agency, 150);
        }

        foreach (var agency in agencies)
        {
            Assert.Equal(150, await first.CountAsync(agency));
            var verify = await first.ClientFor(agency, "admin").GetJsonAsync("/api/audit/verify");
            Assert.True(verify.GetProperty("ok").GetBoolean());
            Assert.Equal(150, verify.GetProperty("checked").GetInt64());
        }

        Assert.True(committedBy[0] > 0 && committedBy[1] > 0, $"both instances should store some: {committedBy[0]} and {committedBy[1]}");
    }

    [Fact]
    public async Task Receive_BrokerClosesTheConnection_RecoversAndKeepsStoringOnce()
    {
        await using var host = await AuditHost.StartAsync();
        await using var probe = await BrokerProbe.OpenAsync(host.Broker);
        var agency = "ag-" + Guid.NewGuid().ToString("N");

        for (var i = 0; i < 20; i++)
        {
            await host.PublishAsync(new TestStepCompleted(agency, Guid.NewGuid(), "user-1", DateTimeOffset.UtcNow, $"before-{i}"));
        }

        await host.WaitForEntriesAsync(agency, 20);
        var closed = await Eventually.GetAsync(
            () => probe.CloseConnectionsAsync(ReceiverConnection), n => n > 0, TimeSpan.FromSeconds(20), "the receiver's connection closed by the broker");
        await Eventually.TrueAsync(() => Task.FromResult(!host.Receiver.IsConsuming), TimeSpan.FromSeconds(10), "the receiver noticing");
        await Eventually.TrueAsync(() => Task.FromResult(host.Receiver.IsConsuming), TimeSpan.FromSeconds(30), "the receiver recovering");

        for (var i = 0; i < 20; i++)
        {
            await host.PublishAsync(new TestStepCompleted(agency, Guid.NewGuid(), "user-1", DateTimeOffset.UtcNow, $"after-{i}"));
        }

        await host.WaitForEntriesAsync(agency, 40);
        var health = await host.CreateClient().GetJsonAsync("/health");
        await Eventually.TrueAsync(() => Task.FromResult(host.Receiver.Unacknowledged == 0), TimeSpan.FromSeconds(10), "every delivery acked");
        Assert.Equal(1, closed);
        Assert.Equal(40, await host.CountAsync(agency));
        Assert.Equal("Healthy", health.GetProperty("entries").GetProperty(AuditReceiverHealthCheck.Name).GetProperty("status").GetString());
    }

    /// <summary>
    /// Deliveries held unacknowledged (waiting for the database) when the connection dies: the broker redelivers them on
    /// the recovered channel while the old ones are still in hand. Each is stored once, the dead channel's late acks do
    /// not close the new one, and every delivery ends acknowledged.
    /// </summary>
    [Fact]
    public async Task Receive_ConnectionDroppedWhileEntriesWaitForTheDatabase_EachStoredOnceAndAllAcked()
    {
        await using var host = await AuditHost.StartAsync();
        await using var probe = await BrokerProbe.OpenAsync(host.Broker);
        var agency = "ag-" + Guid.NewGuid().ToString("N");
        await host.CutOffDatabaseAsync();
        try
        {
            for (var i = 0; i < 10; i++)
            {
                await host.PublishAsync(new TestStepCompleted(agency, Guid.NewGuid(), "user-1", DateTimeOffset.UtcNow, $"held-{i}"));
            }

            await Eventually.TrueAsync(() => Task.FromResult(host.Receiver.Unacknowledged == 10), TimeSpan.FromSeconds(30), "10 deliveries held");
            await Eventually.GetAsync(
                () => probe.CloseConnectionsAsync(ReceiverConnection), n => n > 0, TimeSpan.FromSeconds(20), "the receiver's connection closed");
            await Eventually.TrueAsync(() => Task.FromResult(host.Receiver.IsConsuming), TimeSpan.FromSeconds(30), "the receiver recovering");

            // The broker hands the 10 out again on the new channel; the dead channel's deliveries are forgotten.
            await Eventually.TrueAsync(() => Task.FromResult(host.Receiver.Unacknowledged == 10), TimeSpan.FromSeconds(30), "10 redelivered");
        }
        finally
        {
            await host.RestoreDatabaseAsync();
        }

        await host.WaitForEntriesAsync(agency, 10);
        await host.PublishAsync(new TestStepCompleted(agency, Guid.NewGuid(), "user-1", DateTimeOffset.UtcNow, "after"));
        await host.WaitForEntriesAsync(agency, 11);
        await Eventually.TrueAsync(() => Task.FromResult(host.Receiver.Unacknowledged == 0), TimeSpan.FromSeconds(20), "every delivery acked");
        await Eventually.TrueAsync(async () => await probe.DepthAsync("audit-log") == (0, 0), TimeSpan.FromSeconds(30), "the queue empty on the broker");
        Assert.Equal(11, await host.CountAsync(agency));
        Assert.True(host.Receiver.IsConsuming);
    }

    /// <summary>
    /// An installation upgraded from the MassTransit consumer already has the queue and exchanges: declaring them with
    /// other arguments would fail start-up with PRECONDITION_FAILED.
    /// </summary>
    [Fact]
    public async Task Start_OnTopologyMassTransitDeclared_StartsAndConsumes()
    {
        await using var vhost = await TestVirtualHost.CreateAsync("audit-mt");
        var bus = Bus.Factory.CreateUsingRabbitMq(cfg =>
        {
            cfg.Host(vhost.AmqpUri);
            cfg.ReceiveEndpoint("audit-log", e =>
            {
                e.PrefetchCount = 2000;
                e.UseMessageRetry(r => r.None());
                e.Handler<TestStepCompleted>(_ => throw new InvalidOperationException("so that MassTransit declares audit-log_error too"));
            });
        });
        await bus.StartAsync();
        await bus.Publish(new TestStepCompleted("ag-mt", Guid.NewGuid(), "user-1", DateTimeOffset.UtcNow, "faults"));
        await using (var probe = await BrokerProbe.OpenAsync(vhost))
        {
            await Eventually.TrueAsync(() => probe.QueueExistsAsync("audit-log_error"), TimeSpan.FromSeconds(30), "MassTransit's error queue");
        }

        await bus.StopAsync();

        await using var host = await AuditHost.StartOnAsync(vhost);
        var agency = "ag-" + Guid.NewGuid().ToString("N");
        await host.PublishAsync(new TestStepCompleted(agency, Guid.NewGuid(), "user-1", DateTimeOffset.UtcNow, "after upgrade"));

        await host.WaitForEntriesAsync(agency, 1);
        Assert.True(host.Receiver.IsConsuming);
    }
}
