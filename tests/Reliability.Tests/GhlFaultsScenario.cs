using System.Diagnostics;

namespace Provisioner.Reliability.Tests;

/// <summary>
/// Issue 11, scenario 4 (and the job part of scenario 5): jobs over both agencies, submitted round-robin to every
/// ProvisioningService instance, while GhlSandbox injects 429 bursts, 20 % 5xx and 5 s latency spikes, access tokens
/// expire (the world's short <c>AccessTokenLifetime</c>) and one agency's tokens — its refresh token included — are
/// revoked mid-run. Then every Failed job is cancelled as an operator would, which runs its compensation. What was
/// measured is returned; the tests assert on it.
/// </summary>
internal sealed partial class GhlFaultsScenario(ScaleOutWorld world, Action<string> log)
{
    private static readonly TimeSpan FaultCycle = TimeSpan.FromSeconds(4);
    private static readonly TimeSpan CompensationTimeout = TimeSpan.FromMinutes(2);
    private static readonly string[] Terminal = ["Succeeded", "Failed", "Cancelled", "Compensated"];

    public async Task<GhlFaultsFigures> RunAsync(GhlFaultsPlan plan)
    {
        var clock = Stopwatch.StartNew();
        var journalStart = (await world.JournalAsync()).Select(e => e.Sequence).DefaultIfEmpty(0).Max();
        var run = Guid.NewGuid().ToString("N")[..8];
        using var stop = new CancellationTokenSource();
        var faults = plan.Faults ? Task.Run(() => DriveFaultsAsync(stop.Token)) : Task.CompletedTask;

        var submitted = new List<SubmittedJob>();
        for (var i = 0; i < plan.Jobs; i++)
        {
            var (agency, snapshot) = SandboxSeed.AgencyOf(i);
            submitted.Add(await SubmitAsync(i % world.Options.Instances, agency, snapshot, $"{plan.Label} {run} {i:00}", $"{plan.Label.Replace(' ', '-')}-{run}-{i:00}@reliability.example.com"));
        }

        log($"[{plan.Label}] submitted {plan.Jobs} jobs to {world.Options.Instances} instance(s) in {clock.Elapsed.TotalSeconds:0.0} s");
        var submittedAt = clock.Elapsed;
        var ids = submitted.Select(j => j.JobId).ToArray();

        var side = new List<Task>();
        var revokedAt = (TimeSpan?)null;
        if (plan.RevokeAgency is { } victim)
        {
            side.Add(Task.Run(async () =>
            {
                await WaitUntilAsync(ids, "status = 'Succeeded' AND agency_id = '" + victim + "'", TimeSpan.FromMinutes(3));
                var revoked = await world.RevokeTokensAsync(victim);
                revokedAt = clock.Elapsed;
                log($"[{plan.Label}] revoked {revoked} tokens of {victim} (refresh tokens included) at {revokedAt.Value.TotalSeconds:0.0} s");
            }));
        }

        var kills = new List<string>();
        if (plan.KillOneInstanceOfEach)
        {
            side.Add(Task.Run(async () =>
            {
                await WaitUntilAsync(ids, "status = 'Running'", TimeSpan.FromMinutes(3));
                foreach (var project in new[] { "ProvisioningService", "AuthService", "AuditService" }.Where(p => world.Options.WithAudit || p != "AuditService"))
                {
                    var exit = await world.KillAsync(project, 1);
                    var at = clock.Elapsed;
                    await world.RestartAsync(project, 1);
                    var line = $"{project}#1 SIGKILLed (exit {exit}) at {at.TotalSeconds:0.0} s, healthy again after {(clock.Elapsed - at).TotalSeconds:0.0} s";
                    lock (kills)
                    {
                        kills.Add(line);
                    }

                    log($"[{plan.Label}] {line}");
                }
            }));
        }

        var finished = await WaitForTerminalAsync(ids, plan.FinishTimeout);
        var allTerminalAt = clock.Elapsed;
        await Task.WhenAll(side);
        await stop.CancelAsync();
        await faults;
        await world.SetFaultsAsync([]);

        // An operator cancels each failed job: that runs its compensation (a Failed job stays retryable until then).
        var failed = finished.Where(j => j.Value.Status == "Failed").Select(j => j.Key).ToList();
        foreach (var jobId in failed)
        {
            var job = submitted.Single(j => j.JobId == jobId);
            using var cancel = world.ApiRequest(0, HttpMethod.Post, $"/api/jobs/{jobId}/cancel", job.Agency);
            using var answer = await world.SendAsync(cancel);
            Assert.True(answer.IsSuccessStatusCode, $"cancel {jobId}: {(int)answer.StatusCode} {await answer.Content.ReadAsStringAsync()}");
        }

        var afterCancel = failed.Count == 0 ? [] : await WaitForCompensationAsync(failed.ToArray(), CompensationTimeout);
        clock.Stop();
        var figures = await MeasureAsync(plan, submitted, finished, afterCancel, journalStart, submittedAt, allTerminalAt, clock.Elapsed, revokedAt, kills);
        log(figures.ToString());
        return figures;
    }

    /// <summary>
    /// Every other <see cref="FaultCycle"/>: a burst of three 429s (with GHL's <c>X-RateLimit-Remaining: 0</c>) on
    /// whatever comes next; every third cycle three 5 s latency spikes; under them 20 % of every GHL call answered 500
    /// or 503.
    /// The sandbox applies the first matching rule, so the rules are replaced in this order each cycle.
    /// </summary>
    private async Task DriveFaultsAsync(CancellationToken ct)
    {
        for (var cycle = 0; !ct.IsCancellationRequested; cycle++)
        {
            var rules = new List<object>();
            if (cycle % 2 == 0)
            {
                rules.Add(new { path = "*", status = 429, count = 3 });
            }

            if (cycle % 3 == 1)
            {
                rules.Add(new { path = "*", latencyMs = 5000, count = 3 });
            }

            rules.Add(new { path = "*", status = cycle % 2 == 0 ? 500 : 503, rate = 0.2 });
            try
            {
                await world.SetFaultsAsync(rules);
                await Task.Delay(FaultCycle, ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
        }
    }

    private async Task<SubmittedJob> SubmitAsync(int instance, string agency, string snapshot, string name, string email)
    {
        using var request = world.ApiRequest(instance, HttpMethod.Post, "/api/provision", agency);
        var jobId = await ScenarioIntake.SubmitAsync(request, ScenarioIntake.Create(name, email, snapshot), world.SendAsync);
        return new SubmittedJob(jobId, agency, snapshot, name, email);
    }
}
