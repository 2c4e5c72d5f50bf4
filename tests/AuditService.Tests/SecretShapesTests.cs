using System.Text.Json;
using System.Text.Json.Serialization;
using Provisioner.AuditService.Ingestion;
using Provisioner.AuditService.Tests.Messages;
using Provisioner.Contracts.Auth;
using Provisioner.Contracts.Provisioning;

namespace Provisioner.AuditService.Tests;

public sealed class SecretShapesTests
{
    public sealed record PlainEvent(Guid JobId, string AgencyId, int Attempt, DateTimeOffset OccurredAt, IReadOnlyList<string> Notes);

    public sealed record RenamedSecret([property: JsonPropertyName("pwd_hash_token")] string Value);

    public sealed record WithDictionary(string AgencyId, Dictionary<string, string> Settings);

    public sealed record WithObject(string AgencyId, object Extra);

    public sealed record WithJson(string AgencyId, JsonElement Data);

    public sealed record Inner(string Name, string ClientSecret);

    public sealed record WithNestedList(string AgencyId, IReadOnlyList<Inner> Items);

    public sealed record Node(string Name, Node? Next);

    [Theory]
    [InlineData(typeof(PlainEvent))]
    [InlineData(typeof(Node))] // a cycle ends instead of recursing forever
    [InlineData(typeof(JobStepCompleted))]
    [InlineData(typeof(ProvisioningCompensated))]
    [InlineData(typeof(TestStepCompleted))]
    public void MayHoldSecrets_OnlyKnownHarmlessShapes_False(Type type) => Assert.False(SecretShapes.MayHoldSecrets(type));

    [Theory]
    [InlineData(typeof(TestCredentialsRotated))]
    [InlineData(typeof(RenamedSecret))]
    [InlineData(typeof(WithDictionary))]
    [InlineData(typeof(WithObject))]
    [InlineData(typeof(WithJson))]
    [InlineData(typeof(WithNestedList))]
    [InlineData(typeof(ApiKeyCreated))]
    [InlineData(typeof(RunProvisioningStep))]
    public void MayHoldSecrets_SecretNameOrUnknownShape_True(Type type) => Assert.True(SecretShapes.MayHoldSecrets(type));
}
