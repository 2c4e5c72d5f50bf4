using System.ComponentModel.DataAnnotations;
using Provisioner.GhlClient.RateLimiting;

namespace Provisioner.GhlClient;

/// <summary>
/// Settings of the GHL client, section <c>GhlClientOptions</c>. The base URL comes from <c>ConnectionStrings:ghl</c>
/// (the real API or GhlSandbox) unless <see cref="BaseAddress"/> is set here.
/// </summary>
public sealed class GhlClientOptions
{
    public const string SectionName = "GhlClientOptions";

    /// <summary>The API version every endpoint this client calls is pinned to (BRIEF §1: never mix in v3).</summary>
    public const string ApiVersion = "2021-07-28";

    /// <summary>GHL API base URL, e.g. https://services.leadconnectorhq.com. Filled from the connection string.</summary>
    [Required]
    public Uri? BaseAddress { get; set; }

    /// <summary>Marketplace app client id, <c>{appId}-{suffix}</c>.</summary>
    [Required]
    public string ClientId { get; set; } = "";

    [Required]
    public string ClientSecret { get; set; } = "";

    /// <summary>Space-separated scopes requested at consent (BRIEF §2.8).</summary>
    public string Scopes { get; set; } =
        "locations.readonly locations.write locations/customValues.readonly locations/customValues.write " +
        "snapshots.readonly snapshots.write users.readonly users.write companies.readonly oauth.readonly oauth.write";

    /// <summary>Time allowed for one HTTP attempt (send to last response byte).</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Time allowed for one operation, pacing waits and retries included.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "01:00:00")]
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromMinutes(3);

    /// <summary>Retries after the first attempt for 5xx, timeouts and 429s.</summary>
    [Range(0, 10)]
    public int MaxRetries { get; set; } = 4;

    /// <summary>First backoff delay for 5xx/timeouts; doubles per retry, with jitter.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Upper bound of any single retry delay, 429 waits included.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Documented burst limit per app per resource (company or location).</summary>
    [Range(1, 100_000)]
    public int BurstLimit { get; set; } = 100;

    /// <summary>Length of the burst window.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan BurstWindow { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Documented daily limit per app per resource.</summary>
    [Range(1, 100_000_000)]
    public int DailyLimit { get; set; } = 200_000;

    /// <summary>
    /// Share of each limit left unused, to absorb network jitter between our send time and GHL's arrival time
    /// and requests made by other tools with the same app: 0.1 paces at 90 per 10 s.
    /// </summary>
    [Range(0.0, 0.9)]
    public double SafetyMargin { get; set; } = 0.1;

    /// <summary>
    /// Where the request budget lives: <see cref="GhlRateBudgetKind.InProcess"/> (one instance) or
    /// <see cref="GhlRateBudgetKind.Postgres"/> (shared by every instance and service using this app).
    /// </summary>
    public GhlRateBudgetKind RateBudget { get; set; } = GhlRateBudgetKind.InProcess;

    /// <summary>
    /// Npgsql connection string of the shared budget's database (<see cref="GhlRateBudgetKind.Postgres"/> only). Filled
    /// from <c>ConnectionStrings:ghlratebudget</c> unless set here. Every service sharing the budget must use one database.
    /// </summary>
    public string? RateBudgetConnectionString { get; set; }

    /// <summary>
    /// In the Production environment the base URL must be GHL's own API (<see cref="ProductionBaseAddress"/>), so that
    /// GhlSandbox (or any other stand-in) is never used by accident. True allows another URL there, deliberately.
    /// </summary>
    public bool AllowSandboxInProduction { get; set; }

    /// <summary>GHL's API base URL (BRIEF §0: also for white-label agencies).</summary>
    public static readonly Uri ProductionBaseAddress = new("https://services.leadconnectorhq.com");

    /// <summary>The appId part of <see cref="ClientId"/> (before the '-').</summary>
    public string AppId => ClientId.Split('-', 2)[0];
}
