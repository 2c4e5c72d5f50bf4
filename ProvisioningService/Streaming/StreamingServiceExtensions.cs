namespace Provisioner.ProvisioningService.Streaming;

public static class StreamingServiceExtensions
{
    /// <summary>
    /// The job event streams: options and the watermark of the agency streams. Register after the database migrator
    /// (hosted services start in order; the watermark reads <c>job_events</c> as it starts).
    /// </summary>
    public static IServiceCollection AddJobStreaming(this IServiceCollection services)
    {
        if (services.Any(d => d.ServiceType == typeof(JobEventWatermark)))
        {
            return services;
        }

        services.AddOptions<JobStreamOptions>()
            .BindConfiguration(nameof(JobStreamOptions)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<JobEventWatermark>();
        services.AddHostedService(provider => provider.GetRequiredService<JobEventWatermark>());
        return services;
    }
}
