using MassTransit;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Provisioner.Bench.AuditBench;

/// <summary>
/// The real AuditService (its own Program and wiring, RabbitMQ transport, PostgreSQL writer) in this process, with one
/// addition: <see cref="StoredRecorder"/> observes each consume to time it.
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

        builder.ConfigureServices(services => services.AddConsumeObserver(_ => recorder));
    }
}
