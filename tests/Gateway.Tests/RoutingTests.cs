using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using Provisioner.Gateway.Tests.Support;
using Provisioner.ServiceDefaults;

namespace Provisioner.Gateway.Tests;

public sealed class RoutingTests(SharedGateway shared) : IClassFixture<SharedGateway>
{
    private readonly GatewayEnvironment env = shared.Environment;

    [Theory]
    [InlineData("GET", "/api/auth/login?returnUrl=%2Fjobs", ResourceNames.Auth)]
    [InlineData("POST", "/api/auth/callback", ResourceNames.Auth)]
    [InlineData("POST", "/api/provision/requests", ResourceNames.Provisioning)]
    [InlineData("GET", "/api/jobs/4f1c/steps", ResourceNames.Provisioning)]
    [InlineData("GET", "/api/snapshots/recommendations?industry=dental", ResourceNames.Advisor)]
    [InlineData("GET", "/api/audit/events", ResourceNames.Audit)]
    [InlineData("GET", "/", ResourceNames.Web)]
    [InlineData("GET", "/jobs/4f1c", ResourceNames.Web)]
    [InlineData("GET", "/_content/MudBlazor/MudBlazor.min.css", ResourceNames.Web)]
    [InlineData("POST", "/_blazor/negotiate?negotiateVersion=1", ResourceNames.Web)]
    [InlineData("GET", "/api/unknown/thing", ResourceNames.Web)]
    [InlineData("GET", "/api/authority", ResourceNames.Web)]
    public async Task Proxy_PathOfService_ReachesThatServiceWithPathUnchanged(string method, string pathAndQuery, string service)
    {
        using var client = env.CreateClient();

        using var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), pathAndQuery));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var echo = await response.Content.ReadFromJsonAsync<EchoResponse>();
        Assert.NotNull(echo);
        Assert.Equal(service, echo.Service);
        Assert.Equal(method, echo.Method);
        Assert.Equal(pathAndQuery, echo.PathAndQuery);
    }

    [Fact]
    public async Task Proxy_BlazorWebSocket_IsUpgradedAndReachesWeb()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("X-Api-Key", Guid.NewGuid().ToString("N"));
        var uri = new UriBuilder(env.Address) { Scheme = "ws", Path = "/_blazor", Query = "id=circuit-1" }.Uri;

        await socket.ConnectAsync(uri, timeout.Token);
        await socket.SendAsync(Encoding.UTF8.GetBytes("ping"), WebSocketMessageType.Text, endOfMessage: true, timeout.Token);
        var buffer = new byte[1024];
        var received = await socket.ReceiveAsync(buffer, timeout.Token);

        Assert.Equal($"{ResourceNames.Web}/_blazor:ping", Encoding.UTF8.GetString(buffer, 0, received.Count));
    }
}
