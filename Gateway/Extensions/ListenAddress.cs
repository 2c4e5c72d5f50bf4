namespace Provisioner.Gateway.Extensions;

/// <summary>
/// Makes <see cref="GatewayOptions.ListenUrl"/> (default http://127.0.0.1:8080) the listen address unless the host
/// was already told one. Only the edge has a well-known port; Aspire and our AppHost pass ASPNETCORE_URLS, which wins.
/// </summary>
public static class ListenAddress
{
    public static void ApplyDefault(WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        if (!string.IsNullOrWhiteSpace(configuration[WebHostDefaults.ServerUrlsKey])
            || !string.IsNullOrWhiteSpace(configuration[WebHostDefaults.HttpPortsKey])
            || !string.IsNullOrWhiteSpace(configuration[WebHostDefaults.HttpsPortsKey]))
        {
            return;
        }

        var url = configuration[$"{GatewayOptions.SectionName}:{nameof(GatewayOptions.ListenUrl)}"];
        builder.WebHost.UseUrls(string.IsNullOrWhiteSpace(url) ? GatewayOptions.DefaultListenUrl : url);
    }
}
