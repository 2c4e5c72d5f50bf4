using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Provisioner.Contracts.Provisioning;
using Provisioner.ProvisioningService.Intake;
using Provisioner.ProvisioningService.Jobs;
using Provisioner.ProvisioningService.Security;

namespace Provisioner.ProvisioningService.Apis;

/// <summary>
/// POST /api/provision: add the agency's custom value templates, validate the intake, then plan it (dry run) or store it
/// as a job exactly once per key.
/// </summary>
public static class ProvisionEndpoint
{
    public const string IdempotencyHeader = "Idempotency-Key";
    private const int MaxKeyLength = 200;

    public static async Task<Results<Accepted<JobAccepted>, Ok<JobAccepted>, Ok<ProvisionPlan>, ValidationProblem, ProblemHttpResult>> ProvisionAsync(
        [FromBody] ProvisionRequest? request,
        [FromHeader(Name = IdempotencyHeader)] string? idempotencyKey,
        [FromQuery] bool? dryRun,
        ClaimsPrincipal user,
        [FromServices] IntakeValidator validator,
        [FromServices] JobAcceptor acceptor,
        [FromServices] DryRunPlanner planner,
        [FromServices] AgencyTemplates templates,
        CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var dry = dryRun == true;
        if (!dry)
        {
            CheckKey(idempotencyKey, errors);
        }

        ValidatedIntake? intake = null;
        if (request is null)
        {
            errors.Add("body", "A JSON intake body is required.");
        }
        else
        {
            // The agency's templates join the intake before validation, so they are checked and resolved like its own values.
            var agencyTemplates = await templates.LoadAsync(ProvisioningPolicies.AgencyOf(user), cancellationToken);
            intake = validator.Validate(AgencyTemplates.Apply(request, agencyTemplates), errors);
        }

        if (errors.Any || intake is null)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary(), title: "The intake is not valid.");
        }

        if (dry)
        {
            return TypedResults.Ok(await planner.PlanAsync(ProvisioningPolicies.AgencyOf(user), intake, cancellationToken));
        }

        var outcome = await acceptor.AcceptAsync(
            ProvisioningPolicies.AgencyOf(user), ProvisioningPolicies.ActorOf(user), idempotencyKey!.Trim(), intake, cancellationToken);
        var body = new JobAccepted(outcome.JobId, outcome.Status.ToString());
        return outcome.Result switch
        {
            AcceptResult.Created => TypedResults.Accepted($"/api/jobs/{outcome.JobId}", body),
            AcceptResult.Repeated => TypedResults.Ok(body),
            _ => TypedResults.Problem(
                statusCode: StatusCodes.Status422UnprocessableEntity,
                title: "Idempotency-Key reused with a different body.",
                detail: $"The {IdempotencyHeader} was already used for job {outcome.JobId} with a different intake. Use a new key for a new job.",
                extensions: new Dictionary<string, object?> { ["field"] = IdempotencyHeader, ["jobId"] = outcome.JobId }),
        };
    }

    private static void CheckKey(string? key, ValidationErrors errors)
    {
        if (string.IsNullOrWhiteSpace(key))
        {
            errors.Add(IdempotencyHeader, $"The {IdempotencyHeader} header is required: a unique value per intake, reused only to repeat the same request.");
        }
        else if (key.Trim().Length > MaxKeyLength || key.Any(char.IsControl))
        {
            errors.Add(IdempotencyHeader, $"The {IdempotencyHeader} header must be at most {MaxKeyLength} printable characters.");
        }
    }
}
