using System.Text.Json;
using Provisioner.Contracts.Provisioning;
using Provisioner.GhlClient.Models;
using Provisioner.ProvisioningService.Intake;
using Provisioner.ProvisioningService.Steps;

namespace Provisioner.ProvisioningService.Tests.Steps;

public sealed class UsersStepTests
{
    [Fact]
    public async Task RunAsync_OneUserAlreadyExists_SkipsItCreatesTheRestAndNeverLogsAPassword()
    {
        await using var harness = await StepsHarness.StartAsync(new SandboxSettings(TimeSpan.Zero));
        var tag = Guid.NewGuid().ToString("N")[..8];
        var (existing, admin, member) = (StepIntakes.User("Eve", "user", tag), StepIntakes.User("Ann", "admin", tag), StepIntakes.User("Bob", "user", tag));
        var intake = StepIntakes.Create(users: [existing, admin, member], tag: tag);
        var progress = await CreateLocationAsync(harness, intake);
        var other = await harness.Locations.CreateAsync(new GhlCreateLocationRequest { CompanyId = harness.AgencyId, Name = $"Other {tag}" });
        var eve = await harness.Users.CreateAsync(new GhlCreateUserRequest
        {
            CompanyId = harness.AgencyId, FirstName = "Eve", LastName = "Tester", Email = existing.Email.ToUpperInvariant(),
            Password = "Pre-existing-Pa55word!", Type = "account", Role = "user", LocationIds = [other.Id!],
        });

        var result = await harness.RunAsync(ProvisioningSteps.Users, harness.Context(intake, progress));

        Assert.Equal("2 users created, 1 already existed", Assert.IsType<StepResult.Completed>(result).Detail);
        var users = (await harness.Sandbox.StateAsync()).Users.Where(u => !u.Deleted && u.Email.EndsWith($"-{tag}@brightsmiles.example", StringComparison.OrdinalIgnoreCase)).ToList();
        Assert.Equal(3, users.Count);
        var ann = Assert.Single(users, u => u.Email == admin.Email);
        var bob = Assert.Single(users, u => u.Email == member.Email);
        Assert.Equal(("account", "admin", progress.LocationId), (ann.Type, ann.Role, Assert.Single(ann.LocationIds)));
        Assert.Equal(("account", "user", progress.LocationId), (bob.Type, bob.Role, Assert.Single(bob.LocationIds)));
        Assert.Equal(new[] { ann.Id, bob.Id }.Order(), progress.CreatedUserIds.Order());
        Assert.DoesNotContain(eve.Id, progress.CreatedUserIds);
        Assert.Equal([other.Id!], Assert.Single(users, u => u.Id == eve.Id).LocationIds);

        // The generated passwords: strong, different, and nowhere but on the wire to GHL.
        var passwords = harness.Requests.Sent.Where(r => r.Method == HttpMethod.Post && r.Path == "/users/")
            .Select(r => JsonDocument.Parse(r.Body).RootElement.GetProperty("password").GetString()!)
            .Where(p => p != "Pre-existing-Pa55word!").ToList();
        Assert.Equal(2, passwords.Distinct().Count());
        var logged = string.Join('\n', harness.Logs.GetSnapshot().Select(r => $"{r.Message} {r.Exception} {string.Join(' ', r.StructuredState ?? [])}"));
        Assert.NotEmpty(logged);
        var kept = JsonSerializer.Serialize(progress) + ((StepResult.Completed)result).Detail;
        foreach (var password in passwords)
        {
            Assert.True(password.Length >= 20 && password.Any(char.IsAsciiLetterUpper) && password.Any(char.IsAsciiLetterLower)
                && password.Any(char.IsAsciiDigit) && password.Any(c => !char.IsAsciiLetterOrDigit(c)), "The generated password is weak.");
            Assert.DoesNotContain(password, logged, StringComparison.Ordinal);
            Assert.DoesNotContain(password, kept, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task RunAsync_RunAgain_CreatesNothingAndKeepsTheUsersItCreated()
    {
        await using var harness = await StepsHarness.StartAsync(new SandboxSettings(TimeSpan.Zero));
        var tag = Guid.NewGuid().ToString("N")[..8];
        var intake = StepIntakes.Create(users: [StepIntakes.User("Ann", "admin", tag), StepIntakes.User("Bob", "user", tag)], tag: tag);
        var progress = await CreateLocationAsync(harness, intake);
        await harness.RunAsync(ProvisioningSteps.Users, harness.Context(intake, progress));
        var created = progress.CreatedUserIds.ToList();

        var again = await harness.RunAsync(ProvisioningSteps.Users, harness.Context(intake, progress));

        Assert.Equal("0 users created, 2 already existed", Assert.IsType<StepResult.Completed>(again).Detail);
        Assert.Equal(created, progress.CreatedUserIds);
        Assert.Equal(2, (await harness.Sandbox.StateAsync()).Users.Count(u => !u.Deleted && u.Email.EndsWith($"-{tag}@brightsmiles.example", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task RunAsync_ProgressLostAfterCreating_RecognisesItsUsersByTheNewLocation()
    {
        await using var harness = await StepsHarness.StartAsync(new SandboxSettings(TimeSpan.Zero));
        var tag = Guid.NewGuid().ToString("N")[..8];
        var intake = StepIntakes.Create(users: [StepIntakes.User("Ann", "admin", tag)], tag: tag);
        var progress = await CreateLocationAsync(harness, intake);
        await harness.RunAsync(ProvisioningSteps.Users, harness.Context(intake, progress));

        // The saga's transaction rolled back: its progress no longer lists the user.
        var rolledBack = new JobProgress { SnapshotId = progress.SnapshotId, LocationId = progress.LocationId };
        var again = await harness.RunAsync(ProvisioningSteps.Users, harness.Context(intake, rolledBack));

        Assert.Equal("0 users created, 1 already existed", Assert.IsType<StepResult.Completed>(again).Detail);
        Assert.Equal(progress.CreatedUserIds, rolledBack.CreatedUserIds);
    }

    private static async Task<JobProgress> CreateLocationAsync(StepsHarness harness, ValidatedIntake intake)
    {
        var progress = new JobProgress { SnapshotId = StepsSandbox.DentalSnapshot };
        await harness.RunAsync(ProvisioningSteps.CreateLocation, harness.Context(intake, progress));
        return progress;
    }
}
