using System.Globalization;

namespace Provisioner.Reliability.Tests;

/// <summary>Each service instance's settings: one database per service, one virtual host, GHL's limits told to every client.</summary>
internal sealed partial class ScaleOutWorld
{
    private Dictionary<string, string> Environment(string project, int index)
    {
        var ghl = SandboxUrl.ToString().TrimEnd('/');
        var rabbitMq = _broker!.AmqpUri.ToString();
        var ghlClient = new Dictionary<string, string>
        {
            ["ConnectionStrings__ghl"] = ghl,
            ["GhlClientOptions__ClientId"] = SandboxSeed.ClientId,
            ["GhlClientOptions__ClientSecret"] = SandboxSeed.ClientSecret,
            ["GhlClientOptions__BurstLimit"] = Invariant(_options.BurstLimit),
            ["GhlClientOptions__BurstWindow"] = _options.BurstWindow.ToString("c"),
        };
        if (_options.SharedRateBudget)
        {
            ghlClient["GhlClientOptions__RateBudget"] = "Postgres";
            ghlClient["ConnectionStrings__ghlratebudget"] = _rateBudgetDb;
        }

        return project switch
        {
            "AuthService" => new Dictionary<string, string>(ghlClient)
            {
                ["ConnectionStrings__authdb"] = _authDb,
                ["ConnectionStrings__rabbitmq"] = rabbitMq,
                ["GhlClientOptions__AuthorizeUrl"] = ghl + "/oauth/chooselocation",
                ["SessionCookieOptions__SecureCookies"] = "false",

                // With short-lived access tokens the margin must be shorter than their life, or every read refreshes.
                ["TokenRefreshOptions__Margin"] = _options.AccessTokenLifetime is null ? "00:30:00" : "00:00:10",
                ["TokenRefreshOptions__ScanInterval"] = _options.AccessTokenLifetime is null ? "12:00:00" : "00:00:05",
                ["InternalApiOptions__Keys__0"] = _internalKey,
                ["TokenVaultOptions__Keys__rel"] = _vaultKey,
                ["TokenVaultOptions__ActiveKeyId"] = "rel",
            },
            "AuditService" => new Dictionary<string, string>
            {
                ["ConnectionStrings__auditdb"] = _auditDb,
                ["ConnectionStrings__rabbitmq"] = rabbitMq,
                ["ServiceAuthOptions__SigningKeyPem"] = TestTokens.PublicKeyPem,
            },
            "ProvisioningService" => new Dictionary<string, string>(ghlClient)
            {
                ["ConnectionStrings__provisioningdb"] = ProvisioningConnectionString,
                ["ConnectionStrings__rabbitmq"] = rabbitMq,
                ["ServiceAuthOptions__SigningKeyPem"] = TestTokens.PublicKeyPem,
                ["GhlClientOptions__RetryBaseDelay"] = "00:00:00.050",
                ["GhlTokenProviderOptions__BaseAddress"] = Service("AuthService", index).Url.ToString(),
                ["GhlTokenProviderOptions__InternalKey"] = _internalKey,

                // Use a cached token to its very end, so requests meet GHL's "Invalid JWT" when it expires.
                ["GhlTokenProviderOptions__RenewBefore"] = _options.AccessTokenLifetime is null ? "00:01:00" : "00:00:00",
                ["StepOptions__SnapshotPollInterval"] = "00:00:00.250",
                ["JobRunOptions__MaxConcurrentJobsPerAgency"] = Invariant(_options.MaxConcurrentJobsPerAgency),
                ["JobRunOptions__RetryBaseDelay"] = "00:00:00.200",
                ["JobRunOptions__RetryMaxDelay"] = "00:00:02",
                ["JobRunOptions__MaxAttempts"] = "8",
            },
            _ => throw new ArgumentOutOfRangeException(nameof(project), project, "Not a service of this world."),
        };
    }

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
