using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Provisioner.ServiceDefaults.Correlation;
using Provisioner.ServiceDefaults.Errors;
using Provisioner.ServiceDefaults.Health;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// What every Provisioner service shares, in the shape of Aspire's ServiceDefaults: telemetry, health,
/// service discovery, resilient HttpClients, ProblemDetails and the correlation id.
/// </summary>
public static class ServiceDefaultsExtensions
{
    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.ConfigureOpenTelemetry();
        builder.AddDefaultHealthChecks();
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<DatabaseUnavailableExceptionHandler>();
        builder.Services.AddCorrelationId();
        builder.Services.AddServiceDiscovery();
        builder.Services.ConfigureHttpClientDefaults(http =>
        {
            http.AddStandardResilienceHandler();
            http.AddServiceDiscovery();
            http.AddHttpMessageHandler<CorrelationIdHandler>();
        });
        return builder;
    }

    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseMiddleware<CorrelationIdMiddleware>();
        app.MapHealthEndpoints();
        app.MapServiceOpenApi();
        return app;
    }
}
