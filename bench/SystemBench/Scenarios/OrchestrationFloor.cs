using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Provisioner.Bench.SystemBench.Hosting;
using Provisioner.GhlClient;
using Provisioner.GhlClient.Apis;
using Provisioner.GhlClient.Models;

namespace Provisioner.Bench.SystemBench.Scenarios;

/// <summary>Scenario 2's floor: a job's GHL calls made one after another by a plain loop over the service's GhlClient.</summary>
internal static class OrchestrationFloor
{
    /// <summary>
    /// The job's GHL calls with nothing between them: create the location with its snapshot, read the load status,
    /// list the location's custom values, update or create the intake's two, look the users up by e-mail, create both.
    /// The location token is minted by the provider on the first custom-values call, as in the job.
    /// </summary>
    public static async Task<double> RunAsync(BenchProvisioning service, string agencyId, string snapshot)
    {
        var tag = BenchJobs.NewTag();
        var email = $"{tag}@bench.example.com";
        var locations = service.Services.GetRequiredService<GhlLocationsApi>();
        var snapshots = service.Services.GetRequiredService<GhlSnapshotsApi>();
        var customValues = service.Services.GetRequiredService<GhlCustomValuesApi>();
        var users = service.Services.GetRequiredService<GhlUsersApi>();
        using var scope = GhlAgencyScope.Begin(agencyId);

        var started = Stopwatch.GetTimestamp();
        var location = await locations.CreateAsync(new GhlCreateLocationRequest
        {
            CompanyId = agencyId,
            Name = $"Bench {tag}",
            Phone = "+13127445000",
            Address = "1 Main St",
            City = "Chicago",
            State = "IL",
            Country = "US",
            PostalCode = "60601",
            Website = "https://acme-plumbing.com",
            Timezone = "America/Chicago",
            ProspectInfo = new GhlProspectInfo { FirstName = "Ann", LastName = "Lee", Email = email },
            SnapshotId = snapshot,
        });
        var locationId = location.Id!;
        await snapshots.GetLoadStatusAsync(agencyId, snapshot, locationId);
        var existing = await customValues.ListAsync(locationId);
        foreach (var (name, value) in new[] { ("Booking Link", "https://acme-plumbing.com/book"), ("Greeting", $"Welcome to Bench {tag}") })
        {
            var current = existing.FirstOrDefault(v => string.Equals(v.Name, name, StringComparison.OrdinalIgnoreCase));
            if (current is null)
            {
                await customValues.CreateAsync(locationId, new GhlCustomValueRequest { Name = name, Value = value });
            }
            else if (current.Value != value)
            {
                await customValues.UpdateAsync(locationId, current.Id!, new GhlCustomValueRequest { Name = current.Name ?? name, Value = value });
            }
        }

        string[] emails = [$"ann.{email}", $"bob.{email}"];
        await users.FilterByEmailAsync(new GhlFilterUsersByEmailRequest
        {
            CompanyId = agencyId,
            Emails = string.Join(',', emails),
            Deleted = false,
            Limit = "2",
            Projection = "all",
        });
        foreach (var (userEmail, first, role) in new[] { (emails[0], "Ann", "admin"), (emails[1], "Bob", "user") })
        {
            await users.CreateAsync(new GhlCreateUserRequest
            {
                CompanyId = agencyId,
                FirstName = first,
                LastName = "Bench",
                Email = userEmail,
                Password = "Bench-Password-1234!",
                Type = "account",
                Role = role,
                LocationIds = [locationId],
            });
        }

        return Stopwatch.GetElapsedTime(started).TotalSeconds;
    }
}
