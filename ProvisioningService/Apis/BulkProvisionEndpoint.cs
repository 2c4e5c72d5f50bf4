using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Provisioner.ProvisioningService.Bulk;
using Provisioner.ProvisioningService.Security;

namespace Provisioner.ProvisioningService.Apis;

/// <summary>
/// POST /api/provision/bulk: a CSV of intakes (columns in the README), one job per row. Answers with a per-row report:
/// 202 when jobs were created, 200 when every row repeated an earlier upload (or a clean dry run), 207 with
/// <c>partial=true</c> when some rows were refused, 422 (nothing created) when a row is invalid without it.
/// </summary>
public static class BulkProvisionEndpoint
{
    // Room for ":<row>" after the key: the stored key must fit the 200 characters of a single request's.
    private const int MaxKeyLength = 190;

    public static async Task<Results<Accepted<BulkReport>, Ok<BulkReport>, JsonHttpResult<BulkReport>, ValidationProblem, ProblemHttpResult>> BulkAsync(
        HttpRequest request,
        [FromHeader(Name = ProvisionEndpoint.IdempotencyHeader)] string? idempotencyKey,
        [FromQuery] string? partial,
        [FromQuery] string? dryRun,
        ClaimsPrincipal user,
        [FromServices] BulkProvisioner provisioner,
        [FromServices] IOptions<BulkProvisionOptions> options,
        CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var isPartial = Flag(partial, "partial", errors);
        var isDry = Flag(dryRun, "dryRun", errors);
        var key = idempotencyKey?.Trim();
        if (!isDry && string.IsNullOrEmpty(key))
        {
            errors[ProvisionEndpoint.IdempotencyHeader] =
                [$"The {ProvisionEndpoint.IdempotencyHeader} header is required: row i of the file gets the key '<key>:i'; reuse it only to repeat the same upload."];
        }
        else if (key is { Length: > MaxKeyLength } || (key?.Any(char.IsControl) ?? false))
        {
            errors[ProvisionEndpoint.IdempotencyHeader] = [$"The {ProvisionEndpoint.IdempotencyHeader} header must be at most {MaxKeyLength} printable characters."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "The upload request is not valid.");
        }

        var (csv, uploadError) = await BulkUploadReader.ReadAsync(request, options.Value.MaxUploadBytes, cancellationToken);
        var (rows, csvError) = csv is null ? (null, uploadError) : CsvIntakeReader.Read(csv, options.Value.MaxRows);
        if (csvError is not null || rows is null)
        {
            return Refused(csvError ?? uploadError!);
        }

        var report = await provisioner.RunAsync(
            rows, ProvisioningPolicies.AgencyOf(user), ProvisioningPolicies.ActorOf(user), key, isPartial, isDry, cancellationToken);
        if (report.Invalid > 0 && !isPartial)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status422UnprocessableEntity,
                title: "Some rows are not valid; nothing was created.",
                detail: $"{report.Invalid} of {report.Rows.Count} rows are not valid. Fix them and upload again, or upload with partial=true to create the valid rows.",
                extensions: new Dictionary<string, object?>
                {
                    ["rows"] = report.Rows,
                    ["created"] = report.Created,
                    ["repeated"] = report.Repeated,
                    ["invalid"] = report.Invalid,
                    ["dryRun"] = report.DryRun,
                });
        }

        if (report.Invalid > 0)
        {
            return TypedResults.Json(report, statusCode: StatusCodes.Status207MultiStatus);
        }

        return report.Created > 0 ? TypedResults.Accepted("/api/jobs", report) : TypedResults.Ok(report);
    }

    private static ProblemHttpResult Refused(BulkInputError error) => TypedResults.Problem(
        statusCode: error.Status,
        title: error.Status switch
        {
            StatusCodes.Status413PayloadTooLarge => "The upload is too large.",
            StatusCodes.Status415UnsupportedMediaType => "The upload is not CSV.",
            _ => "The CSV file cannot be read.",
        },
        detail: error.Message,
        extensions: new Dictionary<string, object?> { ["field"] = error.Field, ["errors"] = new Dictionary<string, string[]> { [error.Field] = [error.Message] } });

    private static bool Flag(string? value, string name, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return false;
        }

        if (bool.TryParse(value.Trim(), out var flag))
        {
            return flag;
        }

        errors[name] = [$"'{name}' must be true or false."];
        return false;
    }
}
