using System.Net.ServerSentEvents;
using Provisioner.Gateway.Tests.Support;
using Provisioner.ServiceDefaults;

namespace Provisioner.Gateway.Tests;

public sealed class ServerSentEventsTests(SharedGateway shared) : IClassFixture<SharedGateway>
{
    private readonly GatewayEnvironment env = shared.Environment;

    /// <summary>
    /// The backend sends event n + 1 only after the test has received event n through the gateway. Were the
    /// gateway to buffer the response, event 1 would never arrive and the backend would never go on: the test
    /// would hit its deadline instead of completing. No timing threshold is involved.
    /// </summary>
    [Fact]
    public async Task Proxy_EventStream_DeliversEachEventBeforeTheNextIsSent()
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var provisioning = env.Backend(ResourceNames.Provisioning);
        var jobId = Guid.NewGuid().ToString("N");
        using var client = env.CreateClient();

        using var response = await client.GetAsync(
            $"/api/jobs/{jobId}/events", HttpCompletionOption.ResponseHeadersRead, deadline.Token);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        await using var stream = await response.Content.ReadAsStreamAsync(deadline.Token);

        var received = new List<string>();
        await foreach (var item in SseParser.Create(stream).EnumerateAsync(deadline.Token))
        {
            Assert.Equal("progress", item.EventType);
            received.Add(item.Data);
            provisioning.Acknowledge(jobId);
        }

        Assert.Equal(["event 1", "event 2", "event 3"], received);
    }
}
