namespace Provisioner.ProvisioningService.Streaming;

public static class StreamingServiceExtensions
{
    /// <summary>
    /// The job event streams: options, the commit notifications, the shared job channels and the watermark of the agency
    /// streams. Register after the database migrator (hosted services start in order; the listener needs the trigger and
    /// the watermark reads <c>job_events</c> as it starts).
    /// </summary>
    public static IServiceCollection AddJobStreaming(this IServiceCollection services)
    {
        if (services.Any(d => d.ServiceType == typeof(JobEventWatermark)))
        {
            return services;
        }

        services.AddOptions<JobStreamOptions>()
            .BindConfiguration(nameof(JobStreamOptions)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<JobEventNotifications>();
        services.AddHostedService(provider => provider.GetRequiredService<JobEventNotifications>());
        services.AddSingleton<JobEventChannels>();
        services.AddSingleton<JobEventWatermark>();
        services.AddHostedService(provider => provider.GetRequiredService<JobEventWatermark>());
        return services;
    }
}
