namespace Provisioner.Web.Backend;

/// <summary>
/// The entry types offered in the audit page's type filter: the contracts AuditService describes in a sentence of their
/// own (<c>AuditService/Apis/EntryDescriptions.cs</c>), by short name, which its <c>type</c> filter matches as the last
/// segment of the full name. Grouped as the page lists them.
/// </summary>
public static class AuditTypes
{
    public static readonly IReadOnlyList<(string Group, IReadOnlyList<string> Types)> Groups =
    [
        ("Jobs", [
            "ProvisioningRequested", "ProvisioningStarted", "JobStepStarted", "JobStepCompleted", "JobStepFailed",
            "SnapshotChosen", "SnapshotLoadProgressed", "ProvisioningSucceeded", "ProvisioningFailed",
            "CancelProvisioning", "RetryProvisioning", "ProvisioningCancelled", "ProvisioningCompensated", "GhlLocationCreated",
        ]),
        ("Advisor", ["RecommendSnapshot", "SnapshotRecommended"]),
        ("Agency and access", [
            "AgencyConnected", "AgencyDisconnected", "AgencyNeedsReconnect", "ApiKeyCreated", "ApiKeyRevoked",
            "UserRoleChanged", "UserSignedIn",
        ]),
    ];
}
