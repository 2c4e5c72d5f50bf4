using System.Text;

namespace Provisioner.Reliability.Tests;

/// <summary>One SIGKILL: the step a job was Running in (<paramref name="AfterWrite"/>: after a GHL write the step's ledger shows, before the saga's commit), and how long the restarted process took to be healthy.</summary>
internal sealed record KillRecord(int Number, string Step, bool AfterWrite, Guid JobId, int Pid, int ExitCode, TimeSpan At, TimeSpan RestartTook);

/// <summary>What a crash run measured; <see cref="ToString"/> is the line printed to the test output.</summary>
internal sealed record CrashFigures(
    int Jobs,
    IReadOnlyList<KillRecord> Kills,
    int Succeeded,
    TimeSpan Elapsed,
    int DuplicateLocations,
    int DuplicateUsers,
    int DuplicateCustomValues,
    int DuplicateStepEvents,
    int MissingStepEvents,
    int AdoptedLocations,
    int UsersFoundExisting,
    IReadOnlyList<string> Problems)
{
    public override string ToString()
    {
        var text = new StringBuilder()
            .Append($"jobs {Jobs}, succeeded {Succeeded}/{Jobs}, kills {Kills.Count} (")
            .Append(string.Join(", ", KillSteps().Select(g => $"{g.Key} {g.Count()}")))
            .Append($"; {Kills.Count(k => k.AfterWrite)} of them after a GHL write, before the commit")
            .Append($"), wall time {Elapsed.TotalSeconds:0.0} s, mean restart-to-healthy ")
            .Append(Kills.Count == 0 ? "-" : $"{Kills.Average(k => k.RestartTook.TotalSeconds):0.0} s")
            .Append($"; duplicates: locations {DuplicateLocations}, users {DuplicateUsers}, custom values {DuplicateCustomValues}, ")
            .Append($"JobStepCompleted events {DuplicateStepEvents}; missing JobStepCompleted {MissingStepEvents}")
            .Append($"; recovered after a kill: locations adopted {AdoptedLocations}, users steps that found existing users {UsersFoundExisting}");
        foreach (var problem in Problems)
        {
            text.Append('\n').Append("  problem: ").Append(problem);
        }

        return text.ToString();
    }

    private IEnumerable<IGrouping<string, KillRecord>> KillSteps() => Kills.GroupBy(k => k.Step);
}
