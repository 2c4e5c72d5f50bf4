using Microsoft.Extensions.Options;
using Provisioner.ServiceDefaults;
using Provisioner.SnapshotAdvisor.Ranking;

namespace Provisioner.SnapshotAdvisor.Extensions;

public static class ApplicationServiceExtensions
{
    /// <summary>Every registration of the service, in one place.</summary>
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        var connectionString = builder.Configuration.GetConnectionString(ResourceNames.AdvisorDb)
            ?? throw new InvalidOperationException(
                $"ConnectionStrings:{ResourceNames.AdvisorDb} is not set. AppHost sets it; see the README's configuration table.");
        builder.Services.AddHealthChecks().AddNpgSql(connectionString, name: ResourceNames.AdvisorDb);

        builder.Services.AddOptions<SnapshotRankerOptions>()
            .BindConfiguration(nameof(SnapshotRankerOptions))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton(sp => new SnapshotRanker(sp.GetRequiredService<IOptions<SnapshotRankerOptions>>().Value));
    }
}
