using System.Text.Json;
using Provisioner.Contracts.Provisioning;
using Provisioner.ProvisioningService.Data;

namespace Provisioner.ProvisioningService.Tests.Saga;

/// <summary>
/// Every step, the first snapshot poll included, runs in a consume of its own, so each step's events are committed (and
/// streamed live) as soon as that step is done: what the timeline shows, and what a rollback in one step does.
/// </summary>
public sealed class ProvisioningSagaStepBoundaryTests
{
    private static readonly string[] StepEvents = [nameof(JobStepStarted), nameof(JobStepCompleted), nameof(JobStepFailed)];

    [Fact]
    public async Task Job_LocationCreated_FirstSnapshotPollIsItsOwnMessage()
    {
        await using var saga = await SagaHarness.StartAsync();
        var jobId = await saga.SubmitAsync("agency-boundary");

        await saga.WaitForStatusAsync(jobId, JobStatus.Succeeded);

        Assert.True(await SentWithinAsync(saga, jobId, ProvisioningSteps.WaitForSnapshot), "wait-for-snapshot was not sent as a message");
        Assert.True(await SentWithinAsync(saga, jobId, ProvisioningSteps.CustomValues), "custom-values was not sent as a message");
        Assert.Equal(
        [
            "JobStepStarted choose-snapshot", "JobStepCompleted choose-snapshot",
            "JobStepStarted create-location", "JobStepCompleted create-location",
            "JobStepStarted wait-for-snapshot", "JobStepCompleted wait-for-snapshot",
            "JobStepStarted custom-values", "JobStepCompleted custom-values",
            "JobStepStarted users", "JobStepCompleted users",
        ], await StepTimelineAsync(saga, jobId));
    }

    [Fact]
    public async Task Job_SnapshotLoadPending_StepStaysRunningAndIsPolledByMessage()
    {
        await using var saga = await SagaHarness.StartAsync();
        saga.Steps.Plan(ProvisioningSteps.WaitForSnapshot, Outcome.Wait, Outcome.Complete);
        var jobId = await saga.SubmitAsync("agency-boundary-wait");

        await saga.WaitForStatusAsync(jobId, JobStatus.Succeeded);

        Assert.Equal(2, saga.Steps.Runs.Count(r => r.Step == ProvisioningSteps.WaitForSnapshot));
        Assert.True(await SentWithinAsync(saga, jobId, ProvisioningSteps.WaitForSnapshot), "the second poll was not sent as a message");
        var types = (await saga.EventsAsync(jobId)).Select(e => e.Type).ToList();
        Assert.Single(types, t => t == nameof(SnapshotLoadProgressed));
    }

    [Fact]
    public async Task Job_DatabaseOutageInSnapshotPoll_RollsBackOnlyThatStepAndRecordsEachOnce()
    {
        // A crash in the poll would look the same to the database: the poll's consume did not commit, create-location's
        // did. The redelivery runs only the poll again.
        await using var saga = await SagaHarness.StartAsync();
        saga.Steps.Plan(ProvisioningSteps.WaitForSnapshot, Outcome.DatabaseOutage, Outcome.Complete);
        var jobId = await saga.SubmitAsync("agency-boundary-rollback");

        var job = await saga.WaitForStatusAsync(jobId, JobStatus.Succeeded);

        Assert.Equal(
            [ProvisioningSteps.CreateLocation, ProvisioningSteps.WaitForSnapshot, ProvisioningSteps.WaitForSnapshot,
             ProvisioningSteps.CustomValues, ProvisioningSteps.Users],
            saga.Steps.Runs.Select(r => r.Step));
        Assert.All(saga.Steps.Runs, r => Assert.Equal(1, r.Attempt));
        var timeline = await StepTimelineAsync(saga, jobId);
        Assert.DoesNotContain(timeline, e => e.StartsWith(nameof(JobStepFailed), StringComparison.Ordinal));
        Assert.Equal(ProvisioningSteps.All.Select(s => $"JobStepCompleted {s}"), timeline.Where(e => e.StartsWith(nameof(JobStepCompleted), StringComparison.Ordinal)));
        Assert.All(job.Steps, s => Assert.Equal(1, s.Attempts));
    }

    [Fact]
    public async Task Job_StepCompleted_NextStepCommandLeavesBeforeTheStepsEvents()
    {
        // The consume's outgoing messages leave one at a time, each after its broker confirm: the command that starts
        // the next step goes first, not behind the progress events of the step that just ended.
        await using var saga = await SagaHarness.StartAsync();
        var jobId = await saga.SubmitAsync("agency-boundary-order");

        await saga.WaitForStatusAsync(jobId, JobStatus.Succeeded);

        var outgoing = saga.Outgoing.Messages
            .Select(m => m switch
            {
                RunProvisioningStep run when run.JobId == jobId => $"run {run.Step}",
                JobStepStarted started when started.JobId == jobId => $"started {started.Step}",
                JobStepCompleted completed when completed.JobId == jobId => $"completed {completed.Step}",
                _ => null,
            })
            .OfType<string>()
            .ToList();
        foreach (var (finished, next) in ProvisioningSteps.All.Zip(ProvisioningSteps.All.Skip(1)))
        {
            var run = outgoing.IndexOf($"run {next}");
            Assert.True(run >= 0, $"run {next} was not sent: {string.Join(", ", outgoing)}");
            Assert.True(run < outgoing.IndexOf($"completed {finished}"), $"run {next} left after completed {finished}: {string.Join(", ", outgoing)}");
            Assert.True(run < outgoing.IndexOf($"started {next}"), $"run {next} left after started {next}: {string.Join(", ", outgoing)}");
        }
    }

    /// <summary>The job's step events as "Type step", in the order they were recorded.</summary>
    private static async Task<List<string>> StepTimelineAsync(SagaHarness saga, Guid jobId) =>
        (await saga.EventsAsync(jobId))
            .Where(e => StepEvents.Contains(e.Type))
            .Select(e => $"{e.Type} {JsonDocument.Parse(e.Data).RootElement.GetProperty("step").GetString()}")
            .ToList();

    /// <summary>Whether the step was sent to the saga as a message (it was, once the job succeeded; the wait only bounds a miss).</summary>
    private static async Task<bool> SentWithinAsync(SagaHarness saga, Guid jobId, string step)
    {
        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        try
        {
            return await saga.Bus.Sent.Any<RunProvisioningStep>(m => m.Context.Message.JobId == jobId && m.Context.Message.Step == step, wait.Token);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
