using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Provisioner.AuthService.Data;
using Provisioner.AuthService.Data.Entities;
using Provisioner.Contracts.Auth;

namespace Provisioner.AuthService.Tests;

/// <summary>
/// AuthService's events go through the Messaging bus outbox in authdb: stored by the SaveChanges of the change that
/// caused them and sent by the relay after the commit, through the real RabbitMQ (the host's own virtual host).
/// </summary>
public sealed class OutboxTests(AuthWorldFixture fixture) : IClassFixture<AuthWorldFixture>
{
    private AuthHost Host => fixture.World.Host;

    [Fact]
    public async Task Publish_TransactionRolledBack_SendsNothingWhileCommittedOneIsDelivered()
    {
        var rolledBack = TestAgency.NewCompanyId();
        var committed = TestAgency.NewCompanyId();

        await ConnectAgencyAsync(rolledBack, commit: false);
        Assert.Equal(0, await Host.Events.OutboxCountAsync(rolledBack));
        await ConnectAgencyAsync(committed, commit: true);

        var delivered = await Host.Events.WaitForAsync<AgencyConnected>(m => m.AgencyId == committed);
        Assert.Equal("Outbox Agency", delivered.AgencyName);
        // The rolled-back event was saved before the committed one; once the outbox is empty nothing of it can follow.
        Assert.Empty(await Host.Events.SettledAsync<AgencyConnected>(m => m.AgencyId == rolledBack));
        await using var scope = Host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AuthDbContext>();
        Assert.False(await db.Agencies.AnyAsync(a => a.Id == rolledBack));
        Assert.True(await db.Agencies.AnyAsync(a => a.Id == committed));
    }

    [Fact]
    public async Task CreateAndRevokeApiKey_Committed_BothEventsDeliveredOnce()
    {
        var companyId = TestAgency.NewCompanyId();
        var admin = await fixture.World.ConnectAsync(companyId, "u1");

        var created = await ApiKeyTests.CreateKeyAsync(admin, "outbox", "viewer");
        var keyId = created.GetProperty("id").GetGuid();
        using var revoke = await admin.DeleteAsync($"/api/auth/api-keys/{keyId}");
        revoke.EnsureSuccessStatusCode();

        var createdEvent = await Host.Events.SingleAsync<ApiKeyCreated>(m => m.AgencyId == companyId);
        Assert.Equal(keyId, createdEvent.ApiKeyId);
        Assert.Equal("viewer", createdEvent.Role);
        Assert.Equal(keyId, (await Host.Events.SingleAsync<ApiKeyRevoked>(m => m.AgencyId == companyId)).ApiKeyId);
    }

    /// <summary>As the connect flow does: agency row and AgencyConnected in one explicit transaction.</summary>
    private async Task ConnectAgencyAsync(string agencyId, bool commit)
    {
        await using var scope = Host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AuthDbContext>();
        var publish = scope.ServiceProvider.GetRequiredService<IPublishEndpoint>();
        var now = DateTimeOffset.UtcNow;
        await using var transaction = await db.Database.BeginTransactionAsync();
        db.Agencies.Add(new Agency { Id = agencyId, Name = "Outbox Agency", State = ConnectionState.Connected, CreatedAt = now, UpdatedAt = now });
        await publish.Publish(new AgencyConnected(agencyId, "Outbox Agency", "test:outbox", now));
        await db.SaveChangesAsync();

        // Saved, so the outbox row exists inside the transaction; only the commit decides whether it is ever sent.
        if (commit)
        {
            await transaction.CommitAsync();
        }
        else
        {
            await transaction.RollbackAsync();
        }
    }
}
