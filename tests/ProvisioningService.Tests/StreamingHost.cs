using System.Globalization;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Provisioner.ProvisioningService.Bulk;
using Provisioner.ProvisioningService.Data;
using Provisioner.ProvisioningService.Streaming;

namespace Provisioner.ProvisioningService.Tests;

/// <summary>
/// <see cref="ProvisioningHost"/> (its database, broker and tokens) with short stream intervals and small bulk limits,
/// for <see cref="JobEventStreamTests"/> and <see cref="BulkProvisionTests"/>. The streaming and bulk services are
/// registered here as well as by the service (registering twice is harmless), so these tests run either way.
/// </summary>
public sealed class StreamingHost : IAsyncLifetime
{
    public const int MaxRows = 5;
    public const int MaxUploadBytes = 8 * 1024;

    private readonly ProvisioningHost inner = new();
    private WebApplicationFactory<Program>? factory;

    public WebApplicationFactory<Program> Factory => factory ?? throw new InvalidOperationException("The host has not started.");

    public string ConnectionString => inner.ConnectionString;

    public async Task InitializeAsync()
    {
        await inner.InitializeAsync();
        factory = inner.WithWebHostBuilder(builder =>
        {
            builder.UseSetting("JobStreamOptions:PollInterval", "00:00:00.050");
            builder.UseSetting("JobStreamOptions:HeartbeatInterval", "00:00:00.300");
            builder.UseSetting("JobStreamOptions:GapSettle", "00:00:00.200");
            builder.UseSetting("BulkProvisionOptions:MaxRows", MaxRows.ToString(CultureInfo.InvariantCulture));
            builder.UseSetting("BulkProvisionOptions:MaxUploadBytes", MaxUploadBytes.ToString(CultureInfo.InvariantCulture));
            builder.ConfigureTestServices(services =>
            {
                services.AddJobStreaming();
                services.AddBulkProvisioning();
            });
        });
        _ = factory.Server;
    }

    public HttpClient ClientFor(string agency, string role = "operator")
    {
        var client = Factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TestTokens.Issue(agency, role));
        return client;
    }

    /// <summary>A job row of <paramref name="agency"/> in <paramref name="status"/>, without events.</summary>
    public async Task<Guid> NewJobAsync(string agency, JobStatus status)
    {
        var id = Guid.NewGuid();
        var now = DateTimeOffset.UtcNow;
        await WithDbAsync(db =>
        {
            db.Jobs.Add(new ProvisioningJob
            {
                Id = id,
                AgencyId = agency,
                IdempotencyKey = id.ToString(),
                RequestHash = new string('0', 64),
                Intake = "{}",
                BusinessName = "Stream Test",
                BusinessEmail = "owner@stream.test",
                Status = status,
                CreatedBy = "test",
                CreatedAt = now,
                UpdatedAt = now,
            });
            return Task.CompletedTask;
        });
        return id;
    }

    /// <summary>Adds an event, and sets the job's status in the same transaction when given (as the saga does).</summary>
    public async Task<long> AddEventAsync(Guid job, string agency, string type, string data, JobStatus? status = null)
    {
        var e = new JobEvent { JobId = job, AgencyId = agency, Type = type, Data = data, OccurredAt = DateTimeOffset.UtcNow };
        await WithDbAsync(async db =>
        {
            db.JobEvents.Add(e);
            if (status is { } s)
            {
                (await db.Jobs.FindAsync(job))!.Status = s;
            }
        });
        return e.Id;
    }

    public Task WithDbAsync(Func<ProvisioningDbContext, Task> action) => inner.WithDbAsync(action);

    public Task<long> CountAsync(string sql, params object[] values) => inner.CountAsync(sql, values);

    public async Task DisposeAsync()
    {
        if (factory is not null)
        {
            await factory.DisposeAsync();
        }

        await ((IAsyncLifetime)inner).DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class StreamingCollection : ICollectionFixture<StreamingHost>
{
    public const string Name = "streaming and bulk";
}
