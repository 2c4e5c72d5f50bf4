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
