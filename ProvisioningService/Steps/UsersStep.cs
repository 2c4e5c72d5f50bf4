using Microsoft.Extensions.Logging;
using Provisioner.Contracts.Provisioning;
using Provisioner.GhlClient;
using Provisioner.GhlClient.Apis;
using Provisioner.GhlClient.Models;
using Provisioner.ProvisioningService.Intake;

namespace Provisioner.ProvisioningService.Steps;

/// <summary>
/// Creates the intake's users in the new location, skipping any whose e-mail already belongs to a user of the agency
/// (one <c>POST /users/search/filter-by-email</c> for all of them, agency token). Users this job created are listed in
/// <see cref="JobProgress.CreatedUserIds"/> for compensation; existing ones are never touched.
/// </summary>
public sealed class UsersStep(GhlUsersApi users, ILogger<UsersStep> logger) : IProvisioningStep
{
    public string Name => ProvisioningSteps.Users;

    public async Task<StepResult> RunAsync(StepContext context, CancellationToken cancellationToken)
    {
        var progress = context.Progress;
        var locationId = progress.LocationId
            ?? throw new StepFailedException("The job has no location to create users in.", retryable: false);
        if (context.Intake.Users.Count == 0)
        {
            return new StepResult.Completed("no users to create");
        }

        var existing = await FindByEmailAsync(context.AgencyId, context.Intake.Users.Select(u => u.Email), cancellationToken);
        var (created, skipped) = (0, 0);
        foreach (var user in context.Intake.Users)
        {
            if (existing.TryGetValue(user.Email, out var found))
            {
                // Assigned to this job's brand-new location: an earlier run of this job created it and its record was
                // lost with a rolled-back saga transaction. Nobody else knows this location yet.
                if (found.Roles?.LocationIds?.Contains(locationId) == true && !progress.CreatedUserIds.Contains(found.Id!))
                {
                    progress.CreatedUserIds.Add(found.Id!);
                }

                skipped++;
                continue;
            }

            var id = await CreateAsync(context.AgencyId, locationId, user, cancellationToken);
            if (!progress.CreatedUserIds.Contains(id))
            {
                progress.CreatedUserIds.Add(id);
            }

            logger.LogInformation("Job {JobId}: user {UserId} created in location {LocationId} as {Role}", context.JobId, id, locationId, user.Role);
            created++;
        }

        return new StepResult.Completed($"{created} users created, {skipped} already existed");
    }

    private async Task<string> CreateAsync(string agencyId, string locationId, IntakeUser user, CancellationToken cancellationToken)
    {
        var request = new GhlCreateUserRequest
        {
            CompanyId = agencyId,
            FirstName = user.FirstName,
            LastName = user.LastName,
            Email = user.Email,
            Phone = user.Phone,
            Password = UserPasswords.Generate(),
            Type = "account",
            Role = user.Role,
            LocationIds = [locationId],
        };
        try
        {
            var created = await users.CreateAsync(request, cancellationToken: cancellationToken);
            return created.Id ?? throw new StepFailedException($"GHL created user {user.Email} but returned no id.", retryable: true);
        }
        catch (GhlAmbiguousCreateException)
        {
            // POST /users/ is create-once: the user exists now only if our POST made it (it was missing a moment ago).
            var again = await FindByEmailAsync(agencyId, [user.Email], cancellationToken);
            if (again.TryGetValue(user.Email, out var found))
            {
                return found.Id!;
            }

            throw;
        }
    }

    /// <summary>The agency's live users with these e-mails, keyed case-insensitively (GHL e-mails are).</summary>
    private async Task<Dictionary<string, GhlUser>> FindByEmailAsync(string agencyId, IEnumerable<string> emails, CancellationToken cancellationToken)
    {
        var list = emails.ToList();
        var result = await users.FilterByEmailAsync(
            new GhlFilterUsersByEmailRequest
            {
                CompanyId = agencyId,
                Emails = string.Join(',', list),
                Deleted = false,
                Limit = list.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
                Projection = "all",
            },
            cancellationToken);
        var found = new Dictionary<string, GhlUser>(StringComparer.OrdinalIgnoreCase);
        foreach (var user in result.Users ?? [])
        {
            if (user is { Id: not null, Email: not null })
            {
                found.TryAdd(user.Email, user);
            }
        }

        return found;
    }
}
