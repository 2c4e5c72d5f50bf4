using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Provisioner.ServiceDefaults.Health;

namespace Microsoft.Extensions.Hosting;

public static class TelemetryExtensions
{
    /// <summary>ActivitySource and Meter names of the libraries we trace beyond ASP.NET Core and HttpClient.</summary>
    public static readonly string[] ExtraSources = ["MassTransit", "Microsoft.SemanticKernel*", "Provisioner.*"];

    public static TBuilder ConfigureOpenTelemetry<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        // Trace and span ids on every log scope, so a console log line can be matched to its trace.
        builder.Logging.Configure(o => o.ActivityTrackingOptions =
            ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId | ActivityTrackingOptions.ParentId);
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });

        builder.Services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddNpgsqlInstrumentation()
                .AddMeter(ExtraSources))
            .WithTracing(tracing => tracing
                .AddSource(builder.Environment.ApplicationName)
                .AddSource(ExtraSources)
                .AddAspNetCoreInstrumentation(o => o.Filter = ctx => !HealthEndpoints.IsProbe(ctx.Request.Path))
                .AddHttpClientInstrumentation()
                .AddNpgsql());

        // Export only where a collector is configured (Aspire sets this variable; so does our AppHost when asked).
        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            builder.Services.AddOpenTelemetry().UseOtlpExporter();
        }

        return builder;
    }
}
