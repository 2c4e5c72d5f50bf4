namespace Provisioner.Reliability.Tests;

/// <summary>
/// What GhlSandbox must hold for the submitted jobs (<see cref="ScenarioIntake"/>'s): per succeeded job exactly one
/// location of the right agency and snapshot, both custom values resolved, exactly its two users; overall no duplicate
/// location (by name), user (by e-mail) or custom value (by name per location).
/// </summary>
internal sealed class SandboxExpectations
{
    private readonly SandboxState _state;
    private readonly List<SandboxLocation> _locations;
    private readonly List<SandboxUser> _users;

    public SandboxExpectations(SandboxState state, IEnumerable<SubmittedJob> submitted)
    {
        _state = state;
        var jobs = submitted.ToList();
        var names = jobs.Select(j => j.Name).ToHashSet(StringComparer.Ordinal);
        _locations = state.Locations.Where(l => names.Contains(l.Name)).ToList();
        var emails = jobs.SelectMany(j => ScenarioIntake.UserEmails(j.Email)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        _users = state.Users.Where(u => !u.Deleted && emails.Contains(u.Email)).ToList();

        var locationIds = _locations.Select(l => l.Id).ToHashSet(StringComparer.Ordinal);
        DuplicateLocations = _locations.GroupBy(l => l.Name).Sum(g => g.Count() - 1);
        DuplicateUsers = _users.GroupBy(u => u.Email, StringComparer.OrdinalIgnoreCase).Sum(g => g.Count() - 1);
        DuplicateCustomValues = state.CustomValues.Where(v => locationIds.Contains(v.LocationId))
            .GroupBy(v => (v.LocationId, Name: v.Name.ToUpperInvariant())).Sum(g => g.Count() - 1);
    }

    public int DuplicateLocations { get; }

    public int DuplicateUsers { get; }

    public int DuplicateCustomValues { get; }

    /// <summary>Adds to <paramref name="problems"/> where the job's sandbox state differs from what a succeeded job leaves.</summary>
    public void CheckProvisioned(SubmittedJob job, string? jobLocationId, List<string> problems)
    {
        var locations = _locations.Where(l => l.Name == job.Name).ToList();
        if (locations.Count != 1)
        {
            problems.Add($"job {job.Name}: {locations.Count} locations in the sandbox ({string.Join(", ", locations.Select(l => l.Id))})");
            return;
        }

        var location = locations[0];
        if (location.CompanyId != job.Agency || location.SnapshotId != job.Snapshot || location.Id != jobLocationId)
        {
            problems.Add($"job {job.Name}: location {location.Id} of {location.CompanyId} with snapshot {location.SnapshotId}, job says {jobLocationId}");
        }

        var values = _state.CustomValues.Where(v => v.LocationId == location.Id).ToList();
        if (!values.Any(v => v.Name == "Booking Link" && v.Value == ScenarioIntake.BookingLink)
            || !values.Any(v => v.Name == "Greeting" && v.Value == $"Welcome to {job.Name}"))
        {
            problems.Add($"job {job.Name}: custom values not set at {location.Id}");
        }

        var users = _users.Where(u => u.LocationIds.Contains(location.Id)).Select(u => u.Email).Order(StringComparer.Ordinal).ToList();
        if (!users.SequenceEqual(ScenarioIntake.UserEmails(job.Email), StringComparer.OrdinalIgnoreCase))
        {
            problems.Add($"job {job.Name}: users at {location.Id} are [{string.Join(", ", users)}]");
        }
    }
}
