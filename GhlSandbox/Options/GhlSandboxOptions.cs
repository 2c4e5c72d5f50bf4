using System.ComponentModel.DataAnnotations;

namespace Provisioner.GhlSandbox.Options;

/// <summary>Settings of the sandbox (section <c>GhlSandbox</c>). Defaults give the documented GHL behaviour.</summary>
public sealed class GhlSandboxOptions
{
    public const string SectionName = "GhlSandbox";

    /// <summary>The single marketplace app the sandbox knows; its appId is the part before '-'.</summary>
    [Required, RegularExpression("^[A-Za-z0-9]+-[A-Za-z0-9-]+$")]
    public string ClientId { get; set; } = "65f0a1b2c3d4e5f601234567-provisioner";

    [Required, MinLength(8)]
    public string ClientSecret { get; set; } = "sandbox-client-secret";

    /// <summary>Redirect URIs registered for the app; chooselocation refuses any other.</summary>
    [Required, MinLength(1)]
    public string[] RedirectUris { get; set; } = ["http://127.0.0.1:8080/api/auth/callback"];

    /// <summary>Scopes configured on the app (space-separated). A request for any other scope is refused.</summary>
    [Required]
    public string Scopes { get; set; } =
        "locations.readonly locations.write locations/customValues.readonly locations/customValues.write " +
        "snapshots.readonly snapshots.write users.readonly users.write companies.readonly oauth.readonly oauth.write";

    /// <summary>Approve the first agency at once on chooselocation, so a script can finish the flow unattended.</summary>
    public bool AutoApprove { get; set; }

    /// <summary>GHL: "The access tokens are valid for a day."</summary>
    [Range(typeof(TimeSpan), "00:00:02", "3650.00:00:00")]
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromDays(1);

    [Range(typeof(TimeSpan), "00:00:02", "3650.00:00:00")]
    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromDays(365);

    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan AuthorizationCodeLifetime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How long a snapshot load takes; zero loads at once.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan SnapshotLoadDuration { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>When set, state is loaded from and saved to this JSON file.</summary>
    public string? StateFile { get; set; }

    /// <summary>The app's default webhook URL (INSTALL, UNINSTALL, LocationCreate). Unset: events are only logged.</summary>
    [Url]
    public string? WebhookUrl { get; set; }

    /// <summary>When set, the webhook signing keys are kept in this file so they survive restarts.</summary>
    public string? WebhookKeysFile { get; set; }

    /// <summary>
    /// Lets an app be granted internal scopes such as <c>locations.internal-access-only</c> (DELETE /locations/{id}).
    /// Real GHL never grants them to marketplace apps, so this stays off unless a test needs the delete path.
    /// </summary>
    public bool AllowInternalScopes { get; set; }

    [Range(100, 1_000_000)]
    public int JournalCapacity { get; set; } = 10_000;

    [Required]
    public RateLimitOptions RateLimit { get; set; } = new();

    public string AppId => ClientId.Split('-', 2)[0];
}
