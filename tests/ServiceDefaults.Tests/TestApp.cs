using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Provisioner.ServiceDefaults.Tests;

/// <summary>A minimal service built the way every Provisioner service is, on an in-memory test server.</summary>
internal static class TestApp
{
    public static async Task<WebApplication> StartAsync(
        Action<WebApplicationBuilder>? configure = null,
        Action<WebApplication>? map = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.WebHost.UseTestServer();
        builder.AddServiceDefaults();
        configure?.Invoke(builder);
        var app = builder.Build();
        app.MapDefaultEndpoints();
        map?.Invoke(app);
        await app.StartAsync();
        return app;
    }

    public static void AddFailingDependency(this WebApplicationBuilder builder) =>
        builder.Services.AddHealthChecks().AddCheck("database", () => HealthCheckResult.Unhealthy("connection refused"));

    public static void CaptureLogs(this WebApplicationBuilder builder, CapturingLoggerProvider provider) =>
        builder.Logging.AddProvider(provider);
}
