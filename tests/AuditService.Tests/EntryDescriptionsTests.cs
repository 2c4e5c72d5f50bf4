using System.Reflection;
using System.Text.Json;
using Provisioner.AuditService.Apis;

namespace Provisioner.AuditService.Tests;

public sealed class EntryDescriptionsTests
{
    [Theory]
    [InlineData("Provisioner.Contracts.Provisioning.JobStepCompleted", "provisioning.job-step-completed")]
    [InlineData("Provisioner.Contracts.Auth.ApiKeyCreated", "auth.api-key-created")]
    [InlineData("Provisioner.Contracts.Provisioning.StartProvisioning", "provisioning.start-provisioning")]
    [InlineData("Provisioner.AuditService.Tests.Messages.TestStepCompleted", "test-step-completed")]
    [InlineData("Some.Other.GHLLocationSynced", "ghl-location-synced")]
    public void ActionOf_TypeName_AreaAndKebabName(string type, string expected) =>
        Assert.Equal(expected, EntryDescriptions.ActionOf(type));

    [Theory]
    [InlineData("JobStepStarted", """{"step":"create-location","attempt":1}""", "Step create-location started")]
    [InlineData("JobStepStarted", """{"step":"users","attempt":3}""", "Step users started (attempt 3)")]
    [InlineData("JobStepCompleted", """{"step":"custom-values","attempt":1,"detail":"3 custom values set"}""",
        "Step custom-values completed: 3 custom values set")]
    [InlineData("JobStepFailed", """{"step":"users","attempt":2,"error":"GHL 503","retryable":true}""",
        "Step users failed (attempt 2), will be retried: GHL 503")]
    [InlineData("JobStepFailed", """{"step":"users","attempt":1,"error":"bad email","retryable":false}""",
        "Step users failed, not retryable: bad email")]
    [InlineData("ProvisioningStarted", """{"resumedFromStep":null}""", "Job started")]
    [InlineData("ProvisioningStarted", """{"resumedFromStep":"users"}""", "Job resumed at step users")]
    [InlineData("StartProvisioning", """{}""", "Job got a run slot")]
    [InlineData("SnapshotChosen", """{"snapshotId":"snap-1","source":"advisor","reason":"dental clinic"}""",
        "Snapshot snap-1 chosen (advisor): dental clinic")]
    [InlineData("SnapshotLoadProgressed", """{"snapshotId":"snap-1","locationId":"loc-1","status":"loading","percentComplete":40,"poll":2}""",
        "Snapshot snap-1 loading into location loc-1: loading, 40% (poll 2)")]
    [InlineData("ProvisioningSucceeded", """{"locationId":"loc-1","snapshotId":"snap-1"}""", "Job succeeded: location loc-1 with snapshot snap-1")]
    [InlineData("ProvisioningFailed", """{"step":"users","error":"users: bad email"}""", "Job failed at step users: users: bad email")]
    [InlineData("ProvisioningCompensated", """{"undone":["location loc-1 deleted"],"notUndone":[],"actor":"u-1"}""",
        "Compensation by u-1: 1 undone, nothing left to undo by hand")]
    [InlineData("ProvisioningCompensated", """{"undone":[],"notUndone":["user a@b.c: 403","custom value X: 404"],"actor":"u-1"}""",
        "Compensation by u-1: 0 undone, 2 left to undo by hand: user a@b.c: 403; custom value X: 404")]
    [InlineData("ApiKeyCreated", """{"apiKeyId":"***","name":"ci","role":"operator","actor":"u-1"}""",
        "API key \"ci\" created with role operator by u-1")]
    public void SummaryOf_ProvisioningAndAuthEvents_ReadableSentence(string name, string payload, string expected)
    {
        using var json = JsonDocument.Parse(payload);

        Assert.Equal(expected, EntryDescriptions.SummaryOf("Provisioner.Contracts.X." + name, json.RootElement));
    }

    [Fact]
    public void SummaryOf_UnknownTypeOrMissingFields_GenericSentenceNeverThrows()
    {
        using var empty = JsonDocument.Parse("{}");
        using var array = JsonDocument.Parse("[1]");

        Assert.Equal("Test step completed", EntryDescriptions.SummaryOf("Provisioner.Tests.TestStepCompleted", empty.RootElement));
        Assert.Equal("Step ? completed", EntryDescriptions.SummaryOf("Provisioner.Contracts.Provisioning.JobStepCompleted", empty.RootElement));
        Assert.Equal("Job step completed", EntryDescriptions.SummaryOf("Provisioner.Contracts.Provisioning.JobStepCompleted", array.RootElement));
    }

    [Fact]
    public void SummaryOf_LongPayloadText_CappedAt300Characters()
    {
        using var json = JsonDocument.Parse(JsonSerializer.Serialize(new { step = "users", error = new string('x', 1000) }));

        var summary = EntryDescriptions.SummaryOf("Provisioner.Contracts.Provisioning.ProvisioningFailed", json.RootElement);

        Assert.Equal(300, summary.Length);
        Assert.EndsWith("…", summary, StringComparison.Ordinal);
    }

    /// <summary>
    /// A new contract is audited (and gets a generic summary) without this, but an operator reading the log deserves a
    /// sentence: add one to <see cref="EntryDescriptions"/> when this fails.
    /// </summary>
    [Fact]
    public void DescribedTypes_EveryRecordInContractsAssembly_HasASentence()
    {
        var contracts = Assembly.Load(new AssemblyName("Contracts")).GetExportedTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && t.GetMethod("<Clone>$") is not null)
            .Select(t => t.Name)
            .ToList();

        Assert.NotEmpty(contracts);
        Assert.Empty(contracts.Except(EntryDescriptions.DescribedTypes));
        Assert.Empty(EntryDescriptions.DescribedTypes.Except(contracts)); // no sentence for a contract that is gone
    }
}
