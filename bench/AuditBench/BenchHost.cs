using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Provisioner.AuditService.Ingestion;

namespace Provisioner.Bench.AuditBench;

/// <summary>
/// The real AuditService (its own Program and wiring, RabbitMQ receiver, PostgreSQL writer) in this process, with one
/// addition: <see cref="StoredRecorder"/> subscribes to the writer's <see cref="AuditWriter.BatchCompleted"/> as the
/// writer is created, before the receiver starts (a phased drain begins during start-up).
/// </summary>
internal sealed class BenchHost(IReadOnlyDictionary<string, string?> settings, StoredRecorder recorder) : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        // Registered last, so this registration is the one resolved (the service's hosted-service entry resolves it too).
        builder.ConfigureTestServices(services => services.AddSingleton(sp =>
        {
            var writer = ActivatorUtilities.CreateInstance<AuditWriter>(sp);
            writer.BatchCompleted += recorder.OnBatch;
            return writer;
        }));
    }
}
