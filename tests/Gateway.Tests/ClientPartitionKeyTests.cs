using System.Net;
using Microsoft.AspNetCore.Http;
using Provisioner.Gateway.RateLimiting;

namespace Provisioner.Gateway.Tests;

public sealed class ClientPartitionKeyTests
{
    private static readonly GatewayOptions Options = new();

    [Fact]
    public void For_ApiKeyPresent_UsesHashedKeyOverEverythingElse()
    {
        var context = Context(apiKey: "secret-key", bearer: "token", session: "cookie");

        var key = ClientPartitionKey.For(context, Options);

        Assert.StartsWith("key:", key);
        Assert.DoesNotContain("secret-key", key);
    }

    [Fact]
    public void For_BearerTokenWithoutKey_UsesHashedToken()
    {
        var key = ClientPartitionKey.For(Context(bearer: "jwt-value", session: "cookie"), Options);

        Assert.StartsWith("bearer:", key);
        Assert.DoesNotContain("jwt-value", key);
    }

    [Fact]
    public void For_SessionCookieOnly_UsesHashedCookie()
    {
        var key = ClientPartitionKey.For(Context(session: "session-value"), Options);

        Assert.StartsWith("session:", key);
        Assert.DoesNotContain("session-value", key);
    }

    [Fact]
    public void For_NoCredentials_UsesRemoteIp()
    {
        Assert.Equal("ip:10.1.2.3", ClientPartitionKey.For(Context(), Options));
    }

    [Fact]
    public void For_EmptyBearerScheme_FallsBackToIp()
    {
        Assert.Equal("ip:10.1.2.3", ClientPartitionKey.For(Context(bearer: ""), Options));
    }

    [Fact]
    public void For_SameCredential_SamePartition_DifferentCredential_DifferentPartition()
    {
        Assert.Equal(
            ClientPartitionKey.For(Context(apiKey: "one"), Options),
            ClientPartitionKey.For(Context(apiKey: "one"), Options));
        Assert.NotEqual(
            ClientPartitionKey.For(Context(apiKey: "one"), Options),
            ClientPartitionKey.For(Context(apiKey: "two"), Options));
    }

    private static DefaultHttpContext Context(string? apiKey = null, string? bearer = null, string? session = null)
    {
        var context = new DefaultHttpContext();
        context.Connection.RemoteIpAddress = IPAddress.Parse("10.1.2.3");
        if (apiKey is not null)
        {
            context.Request.Headers[Options.ApiKeyHeader] = apiKey;
        }

        if (bearer is not null)
        {
            context.Request.Headers.Authorization = $"Bearer {bearer}";
        }

        if (session is not null)
        {
            context.Request.Headers.Cookie = $"{Options.SessionCookie}={session}";
        }

        return context;
    }
}
