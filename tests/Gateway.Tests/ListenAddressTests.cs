using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Provisioner.Gateway.Extensions;

namespace Provisioner.Gateway.Tests;

public sealed class ListenAddressTests
{
    [Fact]
    public void ApplyDefault_NothingConfigured_Listens127001Port8080()
    {
        var builder = Builder([]);

        ListenAddress.ApplyDefault(builder);

        Assert.Equal("http://127.0.0.1:8080", builder.Configuration[WebHostDefaults.ServerUrlsKey]);
    }

    [Fact]
    public void ApplyDefault_GatewayOptionSet_ListensThere()
    {
        var builder = Builder(new() { ["GatewayOptions:ListenUrl"] = "http://127.0.0.1:9080" });

        ListenAddress.ApplyDefault(builder);

        Assert.Equal("http://127.0.0.1:9080", builder.Configuration[WebHostDefaults.ServerUrlsKey]);
    }

    [Theory]
    [InlineData("urls", "http://127.0.0.1:5999", "http://127.0.0.1:5999")]
    [InlineData("http_ports", "5998", null)]
    public void ApplyDefault_HostAlreadyToldWhereToListen_LeavesItAlone(string key, string value, string? expectedUrls)
    {
        var builder = Builder(new() { [key] = value, ["GatewayOptions:ListenUrl"] = "http://127.0.0.1:9080" });

        ListenAddress.ApplyDefault(builder);

        Assert.Equal(expectedUrls, builder.Configuration[WebHostDefaults.ServerUrlsKey]);
    }

    private static WebApplicationBuilder Builder(Dictionary<string, string?> settings)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Configuration.AddInMemoryCollection(settings);
        return builder;
    }
}
