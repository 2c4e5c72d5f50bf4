using Provisioner.Contracts.Provisioning;
using Provisioner.ProvisioningService.Apis;
using Provisioner.ProvisioningService.Data;
using Provisioner.ProvisioningService.Intake;
using Provisioner.ProvisioningService.Jobs;

namespace Provisioner.ProvisioningService.Bulk;

/// <summary>
/// Validates every row of a bulk upload (with the agency's custom value templates added, <see cref="AgencyTemplates"/>)
/// with the single endpoint's <see cref="IntakeValidator"/>, then creates one job
/// per valid row through <see cref="JobAcceptor"/> (row <c>i</c> with the key <c>{key}:{i}</c>) in one transaction:
/// without <c>partial</c> an invalid row, or a row whose key an earlier upload used for another intake, leaves nothing
/// created.
/// </summary>
public sealed class BulkProvisioner(IntakeValidator validator, JobAcceptor acceptor, AgencyTemplates agencyTemplates, ProvisioningDbContext db)
{
    public static string RowKey(string key, int row) => $"{key}:{row}";

    internal async Task<BulkReport> RunAsync(
        IReadOnlyList<CsvIntakeRow> rows, string agencyId, string actor, string? key, bool partial, bool dryRun, CancellationToken cancellationToken)
    {
        var results = new SortedDictionary<int, BulkRowResult>();
        var valid = new List<(CsvIntakeRow Row, ValidatedIntake Intake)>();
        // Once per upload: every row gets the agency's custom value templates as they are now.
        var templates = await agencyTemplates.LoadAsync(agencyId, cancellationToken);
        foreach (var row in rows)
        {
            var errors = new ValidationErrors();
            if (validator.Validate(AgencyTemplates.Apply(row.Request, templates), errors) is { } intake && !errors.Any)
            {
                valid.Add((row, intake));
                // A preview does not ask the advisor per row: a row without a snapshot is planned as "advisor chooses".
                var plan = dryRun
                    ? new ProvisionPlan(true, SnapshotPlan.For(intake), intake.Business, intake.CustomValues, intake.Users, ProvisioningSteps.All)
                    : null;
                results[row.Row] = new BulkRowResult(row.Row, true, Plan: plan);
            }
            else
            {
                results[row.Row] = new BulkRowResult(row.Row, false, Errors: ByColumn(errors.ToDictionary(), row.ColumnOf));
            }
        }

        if (dryRun || (valid.Count < rows.Count && !partial) || valid.Count == 0)
        {
            return Report(results, 0, 0, dryRun);
        }

        // One transaction for all rows; JobAcceptor's SaveChanges each run in it (EF Core puts a savepoint around each,
        // so a concurrent duplicate's unique violation rolls back that row only and is answered as a repeat).
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var created = 0;
        var repeated = 0;
        var accepted = new Dictionary<int, BulkRowResult>();
        foreach (var (row, intake) in valid)
        {
            var outcome = await acceptor.AcceptAsync(agencyId, actor, RowKey(key!, row.Row), intake, cancellationToken);
            switch (outcome.Result)
            {
                case AcceptResult.Created:
                    created++;
                    accepted[row.Row] = new BulkRowResult(row.Row, true, outcome.JobId, outcome.Status.ToString());
                    break;
                case AcceptResult.Repeated:
                    repeated++;
                    accepted[row.Row] = new BulkRowResult(row.Row, true, outcome.JobId, outcome.Status.ToString());
                    break;
                default:
                    var message = $"The key {RowKey(key!, row.Row)} of this row was already used for job {outcome.JobId} with a "
                        + $"different intake. Use a new {ProvisionEndpoint.IdempotencyHeader} for a changed file.";
                    results[row.Row] = new BulkRowResult(row.Row, false,
                        Errors: new Dictionary<string, string[]> { [ProvisionEndpoint.IdempotencyHeader] = [message] });
                    break;
            }
        }

        if (accepted.Count < valid.Count && !partial)
        {
            await transaction.RollbackAsync(cancellationToken);
            return Report(results, 0, 0, dryRun);
        }

        await transaction.CommitAsync(cancellationToken);
        foreach (var (row, result) in accepted)
        {
            results[row] = result;
        }

        return Report(results, created, repeated, dryRun);
    }

    private static BulkReport Report(SortedDictionary<int, BulkRowResult> results, int created, int repeated, bool dryRun) =>
        new([.. results.Values], created, repeated, results.Values.Count(r => !r.Valid), dryRun);

    /// <summary>The validator's JSON paths (<c>business.email</c>, <c>users[0].role</c>) as the CSV columns they came from.</summary>
    private static Dictionary<string, string[]> ByColumn(Dictionary<string, string[]> errors, IReadOnlyDictionary<string, string> columnOf) =>
        errors.ToDictionary(
            e => columnOf.GetValueOrDefault(e.Key, e.Key),
            e => columnOf.TryGetValue(e.Key, out var column)
                ? [.. e.Value.Select(m => m.Replace($"'{e.Key}'", $"'{column}'", StringComparison.Ordinal))]
                : e.Value,
            StringComparer.Ordinal);
}
