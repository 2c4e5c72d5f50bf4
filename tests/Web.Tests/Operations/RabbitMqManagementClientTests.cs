extern alias web;

using Microsoft.Extensions.Options;
using Provisioner.TestSupport;
using Provisioner.Web.Tests.Infrastructure;
using web::Provisioner.Web.Operations;

namespace Provisioner.Web.Tests.Operations;

public sealed class RabbitMqManagementClientTests
{
    [Fact]
    public async Task GetQueuesAsync_WithoutUrl_ReturnsNotConfigured()
    {
        var listing = await GetQueuesAsync(url: null);

        Assert.Equal(QueueListingState.NotConfigured, listing.State);
        Assert.Empty(listing.Queues);
    }

    [Fact]
    public async Task GetQueuesAsync_WithDeclaredQueue_ReportsItsDepthAndConsumers()
    {
        await using var queue = await TestQueue.DeclareAsync(messages: 2);

        // The broker refreshes queue statistics every few seconds, not all fields at once: poll until they are complete.
        var info = await Eventually.GetAsync(
            async () => (await GetQueuesAsync(TestEnvironment.RabbitMqManagementUri.ToString())).Queues
                .SingleOrDefault(q => q.Name == queue.Name),
            q => q is { Messages: 2, MessagesReady: not null, MessagesUnacknowledged: not null, Consumers: not null },
            TimeSpan.FromSeconds(30),
            $"queue {queue.Name} with 2 messages");

        Assert.Equal("/", info!.VirtualHost);
        Assert.Equal(2, info.MessagesReady);
        Assert.Equal(0, info.MessagesUnacknowledged);
        Assert.Equal(0, info.Consumers);
    }

    [Fact]
    public async Task GetQueuesAsync_WithWrongPassword_FailsWithStatusInTitle()
    {
        var url = new UriBuilder(TestEnvironment.RabbitMqManagementUri) { Password = "not-the-password" }.Uri;

        var listing = await GetQueuesAsync(url.ToString());

        Assert.Equal(QueueListingState.Failed, listing.State);
        Assert.Equal("RabbitMQ management API: Request failed (HTTP 401 Unauthorized)", listing.Problem!.Title);
    }

    [Fact]
    public async Task GetQueuesAsync_WhenNothingListens_FailsAsUnreachable()
    {
        var url = new UriBuilder(ClosedPort.Address()) { UserName = "user", Password = "secret" }.Uri;

        var listing = await GetQueuesAsync(url.ToString());

        Assert.Equal(QueueListingState.Failed, listing.State);
        Assert.Equal("RabbitMQ management API unreachable", listing.Problem!.Title);
        Assert.DoesNotContain("secret", listing.Problem.Detail);
    }

    private static async Task<QueueListing> GetQueuesAsync(string? url)
    {
        using var http = new HttpClient();
        var client = new RabbitMqManagementClient(
            http,
            Options.Create(new RabbitMqManagementOptions { Url = url }),
            Options.Create(new OperationsOptions { ProbeTimeout = TimeSpan.FromSeconds(20) }));
        return await client.GetQueuesAsync(CancellationToken.None);
    }
}
