using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Provisioner.Messaging.Diagnostics;
using Provisioner.Messaging.Schema;
using Provisioner.Messaging.Tests.Host;
using Provisioner.TestSupport;

namespace Provisioner.Messaging.Tests;

public sealed class DiagnosticsTests
{
    [Fact]
    public async Task ReadAsync_EmptyTables_ReportsZeroAndNoAges()
    {
        await using var database = await TestDatabase.CreateAsync("messaging_diag_empty");
        await using var db = await CreateDbAsync(database);

        var report = await MessagingBacklogReport.ReadAsync(db, CancellationToken.None);

        Assert.Equal((0L, 0L, 0L, 0L, 0L, 0L), (report.OutboxMessages, report.OutboxTransactions, report.InboxAwaitingDelivery,
            report.ScheduledDue, report.ScheduledPending, report.InboxRows));
        Assert.Null(report.OldestUndeliveredSeconds);
        Assert.Null(report.OldestDueSeconds);
        Assert.Null(report.NextScheduledAt);
    }

    [Fact]
    public async Task ReadAsync_RowsOfEveryKind_CountsEachAndAgesTheOldest()
    {
        await using var database = await TestDatabase.CreateAsync("messaging_diag_counts");
        await using var db = await CreateDbAsync(database);
        var now = DateTime.UtcNow;

        // Bus outbox: one undelivered transaction 10 min old with 3 messages, one delivered (its marker row only).
        var waiting = new OutboxState { OutboxId = Guid.NewGuid(), LockId = Guid.NewGuid(), Created = now.AddMinutes(-10) };
        db.Add(waiting);
        db.Add(new OutboxState { OutboxId = Guid.NewGuid(), LockId = Guid.NewGuid(), Created = now.AddHours(-1), Delivered = now.AddHours(-1) });
        for (var i = 0; i < 3; i++)
        {
            db.Add(Message(new OutboxMessage { OutboxId = waiting.OutboxId }));
        }

        // Inbox: one consumed 4 min ago whose outgoing message is unconfirmed (consumer outbox), two delivered.
        var consumed = Inbox(now.AddMinutes(-4), delivered: null);
        db.Add(consumed);
        db.Add(Inbox(now.AddMinutes(-2), delivered: now.AddMinutes(-2)));
        db.Add(Inbox(now.AddMinutes(-1), delivered: now.AddMinutes(-1)));
        await db.SaveChangesAsync();
        db.Add(Message(new OutboxMessage { InboxMessageId = consumed.MessageId, InboxConsumerId = consumed.ConsumerId }));

        // Scheduler: two due (the oldest 3 min late), one in an hour.
        db.Add(Message(new ScheduledMessage { TokenId = Guid.NewGuid(), ScheduledTime = now.AddMinutes(-3) }));
        db.Add(Message(new ScheduledMessage { TokenId = Guid.NewGuid(), ScheduledTime = now.AddSeconds(-5) }));
        db.Add(Message(new ScheduledMessage { TokenId = Guid.NewGuid(), ScheduledTime = now.AddHours(1) }));
        await db.SaveChangesAsync();

        var report = await MessagingBacklogReport.ReadAsync(db, CancellationToken.None);

        Assert.Equal(4, report.OutboxMessages);
        Assert.Equal(1, report.OutboxTransactions);
        Assert.Equal(1, report.InboxAwaitingDelivery);
        Assert.Equal(3, report.InboxRows);
        Assert.InRange(report.OldestUndeliveredSeconds!.Value, 10 * 60 - 5, 10 * 60 + 60);
        Assert.Equal(2, report.ScheduledDue);
        Assert.Equal(1, report.ScheduledPending);
        Assert.InRange(report.OldestDueSeconds!.Value, 3 * 60 - 5, 3 * 60 + 60);
        Assert.InRange(report.NextScheduledAt!.Value, now.AddMinutes(59), now.AddMinutes(61));
    }

    [Fact]
    public async Task CheckHealth_OutboxOlderThanDegradedThreshold_DegradedWithFigures()
    {
        await using var database = await TestDatabase.CreateAsync("messaging_diag_health");
        await using var db = await CreateDbAsync(database);
        var check = new MessagingBacklogHealthCheck<TestDbContext>(
            db, Options.Create(new MessagingDiagnosticsOptions { OutboxDegradedAfter = TimeSpan.FromSeconds(30) }));

        var empty = await check.CheckHealthAsync(new HealthCheckContext());
        var fresh = new OutboxState { OutboxId = Guid.NewGuid(), LockId = Guid.NewGuid(), Created = DateTime.UtcNow };
        db.Add(fresh);
        db.Add(Message(new OutboxMessage { OutboxId = fresh.OutboxId }));
        await db.SaveChangesAsync();
        var young = await check.CheckHealthAsync(new HealthCheckContext());
        var old = new OutboxState { OutboxId = Guid.NewGuid(), LockId = Guid.NewGuid(), Created = DateTime.UtcNow.AddMinutes(-2) };
        db.Add(old);
        db.Add(Message(new OutboxMessage { OutboxId = old.OutboxId }));
        await db.SaveChangesAsync();
        var stale = await check.CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(HealthStatus.Healthy, empty.Status);
        Assert.Equal(HealthStatus.Healthy, young.Status);
        Assert.Equal(HealthStatus.Degraded, stale.Status);
        Assert.Equal(2L, stale.Data["outboxMessages"]);
        Assert.True((double)stale.Data["oldestUndeliveredSeconds"] >= 115);
        Assert.Contains("more than 30 s", stale.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_ThresholdOutOfRange_FailsValidationNamingIt()
    {
        var options = new MessagingDiagnosticsOptions { OutboxDegradedAfter = TimeSpan.Zero };
        var results = new List<System.ComponentModel.DataAnnotations.ValidationResult>();

        var valid = System.ComponentModel.DataAnnotations.Validator.TryValidateObject(
            options, new System.ComponentModel.DataAnnotations.ValidationContext(options), results, validateAllProperties: true);

        Assert.False(valid);
        Assert.Contains(nameof(MessagingDiagnosticsOptions.OutboxDegradedAfter), Assert.Single(results).MemberNames);
    }

    private static async Task<TestDbContext> CreateDbAsync(TestDatabase database)
    {
        var db = new TestDbContext(new DbContextOptionsBuilder<TestDbContext>().UseNpgsql(database.ConnectionString).Options);
        await db.Database.EnsureCreatedAsync();
        return db;
    }

    private static T Message<T>(T row) where T : StoredMessage
    {
        row.MessageId = Guid.NewGuid();
        row.MessageType = "urn:message:Test";
        row.Body = "{}";
        row.ContentType = "application/json";
        row.SentTime = DateTime.UtcNow;
        return row;
    }

    private static InboxState Inbox(DateTime consumed, DateTime? delivered) => new()
    {
        MessageId = Guid.NewGuid(),
        ConsumerId = Guid.NewGuid(),
        LockId = Guid.NewGuid(),
        Received = consumed,
        ReceiveCount = 1,
        Consumed = consumed,
        Delivered = delivered,
    };
}
