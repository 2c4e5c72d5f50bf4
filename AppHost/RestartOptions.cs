using System.ComponentModel.DataAnnotations;

namespace Provisioner.AppHost;

/// <summary>Backoff between restarts of a crashed service (section <c>AppHost:Restart</c>).</summary>
public sealed class RestartOptions
{
    [Range(0.1, 60)]
    public double InitialDelaySeconds { get; set; } = 1;

    [Range(1, 600)]
    public double MaxDelaySeconds { get; set; } = 30;

    /// <summary>A run that lasted this long counts as healthy again: the next crash starts from the initial delay.</summary>
    [Range(1, 3600)]
    public double ResetAfterSeconds { get; set; } = 60;
}
