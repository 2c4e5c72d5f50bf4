using System.ComponentModel.DataAnnotations;

namespace Provisioner.ProvisioningService.Saga;

/// <summary>How jobs run (section <c>JobRunOptions</c>).</summary>
public sealed class JobRunOptions
{
    public const string SectionName = nameof(JobRunOptions);

    /// <summary>Jobs of one agency running at once unless the agency's settings say otherwise.</summary>
    [Range(1, 50)]
    public int MaxConcurrentJobsPerAgency { get; set; } = 2;

    /// <summary>How long a job waits for the advisor before falling back to the agency's default snapshot.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan AdvisorTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a dry run waits for the advisor's pick (the person is waiting on the answer).</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan DryRunAdvisorTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Attempts of a step failing transiently (429, 5xx, timeouts) before the job fails.</summary>
    [Range(1, 20)]
    public int MaxAttempts { get; set; } = 5;

    /// <summary>Backoff before the second attempt; it doubles each time, up to <see cref="RetryMaxDelay"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(2);

    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Link to a location in GHL's app; <c>{locationId}</c> is replaced. Point it at the sandbox in development.</summary>
    [Required]
    [RegularExpression(@"^https?://.*\{locationId\}.*$", ErrorMessage = "LocationLinkTemplate must be an http(s) URL containing {locationId}.")]
    public string LocationLinkTemplate { get; set; } = "https://app.gohighlevel.com/v2/location/{locationId}/dashboard";

    /// <summary>The backoff before attempt <paramref name="nextAttempt"/> (2, 3, ...).</summary>
    public TimeSpan BackoffBefore(int nextAttempt)
    {
        var factor = Math.Pow(2, Math.Clamp(nextAttempt - 2, 0, 20));
        var delay = TimeSpan.FromTicks((long)Math.Min(RetryBaseDelay.Ticks * factor, RetryMaxDelay.Ticks));
        return delay;
    }
}
