using Provisioner.ProvisioningService.Data;

namespace Provisioner.ProvisioningService.Streaming;

/// <summary>Where a stream's events come from: one job's (<see cref="JobFeed"/>) or an agency's (<see cref="AgencyFeed"/>).</summary>
internal interface IJobEventFeed : IDisposable
{
    /// <summary>Whether the stream is over once every event up to <paramref name="after"/> was sent.</summary>
    Task<bool> IsCompleteAsync(long after, CancellationToken cancellationToken);

    /// <summary>At most <paramref name="max"/> events with an id above <paramref name="after"/>, in id order.</summary>
    Task<List<JobEvent>> NextAsync(long after, int max, CancellationToken cancellationToken);

    /// <summary>Waits until new events may be there, at most <paramref name="timeout"/>.</summary>
    Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken);
}
