namespace Provisioner.AuditService.Tests.Messages;

// Test-only contracts, discovered like the real ones because the tests add this assembly and namespace to
// AuditIngestionOptions. Contracts stays the source of the real message types.

public sealed record TestStepCompleted(string AgencyId, Guid JobId, string Actor, DateTimeOffset OccurredAt, string Step);

public sealed record TestCredentialsRotated(
    string CompanyId, string RequestedBy, DateTime Timestamp, TestCredentials Credentials, string ApiToken, IReadOnlyList<TestCredentials> History);

public sealed record TestBareNotice(string Note);

/// <summary>Nested data, deliberately a plain class so it is not itself discovered as a message.</summary>
public sealed class TestCredentials
{
    public string ClientId { get; init; } = "";
    public string ClientSecret { get; init; } = "";
    public TestInner Inner { get; init; } = new();
}

public sealed class TestInner
{
    public string Label { get; init; } = "";
    public string PASSWORD { get; init; } = "";
    public string[] RefreshTokens { get; init; } = [];
}
