using Npgsql;
using Provisioner.Contracts.Provisioning;
using Provisioner.GhlClient;
using Provisioner.GhlClient.Models;
using Provisioner.ProvisioningService.Intake;
using Provisioner.ProvisioningService.Steps;

namespace Provisioner.ProvisioningService.Tests.Steps;

public sealed class CustomValuesStepTests
{
    // The dental snapshot brings "Business Name", "Booking Link" (empty) and "Insurance Accepted", "New Patient Offer"
    // (pre-filled). Defaults fill the business name and repeat the insurance text (already equal: no write).
    private static readonly Dictionary<string, string?> Defaults = new()
    {
        [$"StepOptions:SnapshotDefaults:{StepsSandbox.DentalSnapshot}:Business Name"] = "{{business.name}}",
        [$"StepOptions:SnapshotDefaults:{StepsSandbox.DentalSnapshot}:Insurance Accepted"] = "Delta Dental, Cigna, Aetna",
        [$"StepOptions:SnapshotDefaults:{StepsSandbox.DentalSnapshot}:Booking Link"] = "https://default.example/book",
    };

    [Fact]
    public async Task RunAsync_SnapshotValuesPresent_UpdatesByNameCreatesMissingSkipsEqualAndRecordsPreviousValues()
    {
        await using var harness = await StepsHarness.StartAsync(new SandboxSettings(TimeSpan.Zero), Defaults);
        var intake = StepIntakes.Create(new Dictionary<string, string>
        {
            ["booking link"] = "https://brightsmiles.example/book",   // overrides the default, matched case-insensitively
            ["new patient offer"] = "First visit free",
            ["Parking"] = "Free parking behind the building",
        });
        var progress = await CreateLocationAsync(harness, intake);

        var result = await harness.RunAsync(ProvisioningSteps.CustomValues, harness.Context(intake, progress));

        Assert.Equal("5 custom values set (1 created, 3 updated)", Assert.IsType<StepResult.Completed>(result).Detail);
        var values = (await harness.Sandbox.StateAsync()).CustomValues.Where(v => v.LocationId == progress.LocationId).ToDictionary(v => v.Name, v => v.Value);
        Assert.Equal(intake.Business.Name, values["Business Name"]);
        Assert.Equal("https://brightsmiles.example/book", values["Booking Link"]);
        Assert.Equal("First visit free", values["New Patient Offer"]);   // GHL's spelling of the name kept
        Assert.Equal("Free parking behind the building", values["Parking"]);
        Assert.Equal("Delta Dental, Cigna, Aetna", values["Insurance Accepted"]);

        var changes = progress.CustomValueChanges.ToDictionary(c => c.Name, c => c.PreviousValue);
        Assert.Equal(4, changes.Count);
        Assert.Equal("", changes["Business Name"]);
        Assert.Equal("", changes["Booking Link"]);
        Assert.Equal("Free exam & X-rays for $49", changes["New Patient Offer"]);
        Assert.Null(changes["Parking"]);
    }

    [Fact]
    public async Task RunAsync_RunAgainWithOtherValues_KeepsTheOriginalPreviousValuesAndWritesOnlyWhatDiffers()
    {
        await using var harness = await StepsHarness.StartAsync(new SandboxSettings(TimeSpan.Zero));
        var first = StepIntakes.Create(new Dictionary<string, string> { ["New Patient Offer"] = "First visit free", ["Parking"] = "Free" });
        var progress = await CreateLocationAsync(harness, first);
        await harness.RunAsync(ProvisioningSteps.CustomValues, harness.Context(first, progress));

        var same = await harness.RunAsync(ProvisioningSteps.CustomValues, harness.Context(first, progress));
        Assert.Equal("2 custom values set (0 created, 0 updated)", Assert.IsType<StepResult.Completed>(same).Detail);

        var changed = first with { CustomValues = new SortedDictionary<string, string>(StringComparer.Ordinal) { ["New Patient Offer"] = "Second offer", ["Parking"] = "Paid" } };
        var again = await harness.RunAsync(ProvisioningSteps.CustomValues, harness.Context(changed, progress));

        Assert.Equal("2 custom values set (0 created, 2 updated)", Assert.IsType<StepResult.Completed>(again).Detail);
        Assert.Equal(2, progress.CustomValueChanges.Count);
        Assert.Equal("Free exam & X-rays for $49", progress.CustomValueChanges.Single(c => c.Name == "New Patient Offer").PreviousValue);
        Assert.Null(progress.CustomValueChanges.Single(c => c.Name == "Parking").PreviousValue);
        var values = (await harness.Sandbox.StateAsync()).CustomValues.Where(v => v.LocationId == progress.LocationId).ToDictionary(v => v.Name, v => v.Value);
        Assert.Equal("Second offer", values["New Patient Offer"]);
        Assert.Equal("Paid", values["Parking"]);
    }

    [Fact]
    public async Task RunAsync_ProgressLostAfterWriting_RecoversTheOriginalPreviousValuesFromTheLedger()
    {
        await using var harness = await StepsHarness.StartAsync(new SandboxSettings(TimeSpan.Zero));
        var intake = StepIntakes.Create(new Dictionary<string, string> { ["New Patient Offer"] = "First visit free", ["Parking"] = "Free" });
        var jobId = Guid.NewGuid();
        var progress = await CreateLocationAsync(harness, intake);
        await harness.RunAsync(ProvisioningSteps.CustomValues, harness.Context(intake, progress, jobId));

        // The consume crashed after the writes: the saga's progress is the one from before the step.
        var rolledBack = new JobProgress { SnapshotId = progress.SnapshotId, LocationId = progress.LocationId };
        var again = await harness.RunAsync(ProvisioningSteps.CustomValues, harness.Context(intake, rolledBack, jobId));

        Assert.Equal("2 custom values set (0 created, 0 updated)", Assert.IsType<StepResult.Completed>(again).Detail);
        Assert.Equal(
            progress.CustomValueChanges.OrderBy(c => c.Id).ToList(),
            rolledBack.CustomValueChanges.OrderBy(c => c.Id).ToList());
        Assert.Equal("Free exam & X-rays for $49", rolledBack.CustomValueChanges.Single(c => c.Name == "New Patient Offer").PreviousValue);
    }

    [Fact]
    public async Task RunAsync_CreatedByARunThatDiedBeforeRecordingIt_RecordsItAsCreatedAndDoesNotCreateItAgain()
    {
        await using var harness = await StepsHarness.StartAsync(new SandboxSettings(TimeSpan.Zero));
        var intake = StepIntakes.Create(new Dictionary<string, string> { ["New Patient Offer"] = "First visit free", ["Parking"] = "Free" });
        var jobId = Guid.NewGuid();
        var progress = await CreateLocationAsync(harness, intake);

        // The killed run: announced both writes, PUT the offer, POSTed "Parking", and died before recording the new id.
        var offer = (await harness.CustomValues.ListAsync(progress.LocationId!)).Single(v => v.Name == "New Patient Offer");
        await harness.CustomValueLedger.RecordIntentsAsync(jobId, harness.AgencyId,
            [new CustomValueChange(offer.Id!, offer.Name!, offer.Value)], ["parking"], CancellationToken.None);
        using (GhlAgencyScope.Begin(harness.AgencyId))
        {
            await harness.CustomValues.UpdateAsync(progress.LocationId!, offer.Id!, new GhlCustomValueRequest { Name = offer.Name!, Value = "First visit free" });
            await harness.CustomValues.CreateAsync(progress.LocationId!, new GhlCustomValueRequest { Name = "Parking", Value = "Free" });
        }

        var again = await harness.RunAsync(ProvisioningSteps.CustomValues, harness.Context(intake, progress, jobId));

        Assert.Equal("2 custom values set (0 created, 0 updated)", Assert.IsType<StepResult.Completed>(again).Detail);
        var values = (await harness.Sandbox.StateAsync()).CustomValues.Where(v => v.LocationId == progress.LocationId).ToList();
        var parking = Assert.Single(values, v => v.Name == "Parking");
        var changes = progress.CustomValueChanges.ToDictionary(c => c.Name, c => c);
        Assert.Equal(parking.Id, changes["Parking"].Id);
        Assert.Null(changes["Parking"].PreviousValue);   // created by this job: compensation deletes it
        Assert.Equal("Free exam & X-rays for $49", changes["New Patient Offer"].PreviousValue);
        var recorded = await harness.CustomValueLedger.ListAsync(jobId, harness.AgencyId, CancellationToken.None);
        Assert.Equal(progress.CustomValueChanges.OrderBy(c => c.Id), recorded.OrderBy(c => c.Id));
        Assert.Equal(0, await PendingCreatesAsync(harness, jobId));
    }

    [Fact]
    public async Task RunAsync_SeveralUpdatesAndCreates_RecordsThemInTwoLedgerTransactionsNotOnePerValue()
    {
        await using var harness = await StepsHarness.StartAsync(new SandboxSettings(TimeSpan.Zero));
        var intake = StepIntakes.Create(new Dictionary<string, string>
        {
            ["New Patient Offer"] = "First visit free", ["Booking Link"] = "https://brightsmiles.example/book",   // updates
            ["Parking"] = "Free", ["Hours"] = "9-5",                                                               // creates
        });
        var jobId = Guid.NewGuid();
        var progress = await CreateLocationAsync(harness, intake);

        var result = await harness.RunAsync(ProvisioningSteps.CustomValues, harness.Context(intake, progress, jobId));

        Assert.Equal("4 custom values set (2 created, 2 updated)", Assert.IsType<StepResult.Completed>(result).Detail);
        // recorded_at is the transaction's start: the previous values share one, the created ids another.
        var rows = await LedgerRowsAsync(harness, jobId);
        Assert.Equal(4, rows.Count);
        Assert.Single(rows.Where(r => r.PreviousValue is not null).Select(r => r.RecordedAt).Distinct());
        Assert.Single(rows.Where(r => r.PreviousValue is null).Select(r => r.RecordedAt).Distinct());
        Assert.True(rows.Where(r => r.PreviousValue is not null).Max(r => r.RecordedAt) < rows.Where(r => r.PreviousValue is null).Min(r => r.RecordedAt));
        Assert.Equal(rows.Select(r => r.Id).Order(), progress.CustomValueChanges.Select(c => c.Id).Order());
        Assert.Equal(0, await PendingCreatesAsync(harness, jobId));
    }

    [Fact]
    public async Task RunAsync_DefaultNamesAnEmptyBusinessField_FailsWithoutRetryNamingTheValue()
    {
        await using var harness = await StepsHarness.StartAsync(
            new SandboxSettings(TimeSpan.Zero),
            new Dictionary<string, string?> { [$"StepOptions:SnapshotDefaults:{StepsSandbox.DentalSnapshot}:Website"] = "{{business.website}}" });
        var intake = StepIntakes.Create();
        intake = intake with { Business = intake.Business with { Website = null } };
        var progress = await CreateLocationAsync(harness, intake);

        var error = await Assert.ThrowsAsync<StepFailedException>(() => harness.RunAsync(ProvisioningSteps.CustomValues, harness.Context(intake, progress)));

        Assert.False(error.Retryable);
        Assert.Contains("'Website'", error.Message, StringComparison.Ordinal);
    }

    private static async Task<JobProgress> CreateLocationAsync(StepsHarness harness, ValidatedIntake intake)
    {
        var progress = new JobProgress { SnapshotId = StepsSandbox.DentalSnapshot };
        await harness.RunAsync(ProvisioningSteps.CreateLocation, harness.Context(intake, progress));
        return progress;
    }

    private static async Task<List<(string Id, string? PreviousValue, DateTime RecordedAt)>> LedgerRowsAsync(StepsHarness harness, Guid jobId)
    {
        await using var connection = new NpgsqlConnection(harness.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT custom_value_id, previous_value, recorded_at FROM steps.custom_value_changes WHERE job_id = $1", connection)
        {
            Parameters = { new NpgsqlParameter { Value = jobId } },
        };
        var rows = new List<(string, string?, DateTime)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.GetDateTime(2)));
        }

        return rows;
    }

    private static async Task<long> PendingCreatesAsync(StepsHarness harness, Guid jobId)
    {
        await using var connection = new NpgsqlConnection(harness.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM steps.custom_value_creates WHERE job_id = $1", connection)
        {
            Parameters = { new NpgsqlParameter { Value = jobId } },
        };
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
