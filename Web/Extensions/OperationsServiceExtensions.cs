using Microsoft.Extensions.Http.Resilience;
using Provisioner.Web.Operations;

namespace Provisioner.Web.Extensions;

public static class OperationsServiceExtensions
{
    /// <summary>
    /// The Operations page's settings and its typed clients (service health, RabbitMQ management API, the services'
    /// admin-only operations endpoints).
    /// </summary>
    public static void AddOperations(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<OperationsOptions>()
            .BindConfiguration(OperationsOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        // Optional section: absent means "not configured" on the page; present means it must be a usable URL.
        builder.Services.AddOptions<RabbitMqManagementOptions>()
            .BindConfiguration(RabbitMqManagementOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        // No retries or resilience timeouts: the page reports the state now, within OperationsOptions.ProbeTimeout,
        // and polls again a few seconds later; a retried probe would hide a failing service. RemoveAllResilienceHandlers
        // is marked experimental; it is the documented way to undo the handler ServiceDefaults adds to every client.
#pragma warning disable EXTEXP0001
        builder.Services.AddHttpClient<ServiceHealthClient>().RemoveAllResilienceHandlers();
        builder.Services.AddHttpClient<RabbitMqManagementClient>().RemoveAllResilienceHandlers();

        // The services' admin endpoints, as the signed-in user: no cookie jar (the pooled handler serves every circuit,
        // see BackendServiceExtensions) and no retries (the page polls again within seconds).
        builder.Services.AddHttpClient<OperationsApiClient>()
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { UseCookies = false })
            .RemoveAllResilienceHandlers();
#pragma warning restore EXTEXP0001
    }
}
