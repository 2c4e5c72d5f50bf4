using System.Text;

namespace Provisioner.Reliability.Tests;

/// <summary>What a run of the outage jobs measured.</summary>
internal sealed partial class OwnInfrastructureJobs
{
    public sealed record Backlog(long ProvisioningMessages, long ProvisioningUndelivered, long AuthMessages, long AuthUndelivered)
    {
        public long Waiting => ProvisioningMessages + ProvisioningUndelivered + AuthMessages + AuthUndelivered;

        public override string ToString() =>
            $"provisioning {ProvisioningMessages} messages / {ProvisioningUndelivered} undelivered, auth {AuthMessages} / {AuthUndelivered}";
    }

    /// <summary>The end-to-end figures of a run.</summary>
    public sealed record Outcome(
        int Jobs,
        int Succeeded,
        int DuplicateStepEvents,
        int MissingStepEvents,
        int DuplicateAuditStepEvents,
        int MissingAuditStepEvents,
        long AuditSucceededEvents,
        int DuplicateLocations,
        Backlog Outboxes,
        IReadOnlyList<string> Problems)
    {
        public int Lost => Jobs - Succeeded;

        public override string ToString()
        {
            var text = new StringBuilder()
                .Append($"jobs {Jobs}, succeeded {Succeeded}, lost {Lost}; JobStepCompleted in job_events: {DuplicateStepEvents} duplicate, ")
                .Append($"{MissingStepEvents} missing; in the audit log: {DuplicateAuditStepEvents} duplicate, {MissingAuditStepEvents} missing, ")
                .Append($"{AuditSucceededEvents} ProvisioningSucceeded; duplicate locations {DuplicateLocations}; outboxes: {Outboxes}");
            foreach (var problem in Problems)
            {
                text.Append("\n  problem: ").Append(problem);
            }

            return text.ToString();
        }
    }
}
