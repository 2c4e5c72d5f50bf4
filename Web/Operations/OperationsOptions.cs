using System.ComponentModel.DataAnnotations;

namespace Provisioner.Web.Operations;

/// <summary>Settings of the Operations page (section <c>OperationsOptions</c>), validated when the host starts.</summary>
public sealed class OperationsOptions
{
    public const string SectionName = nameof(OperationsOptions);

    /// <summary>How often the page reloads service health and queue figures while it is open.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long one probe (a service's /health, the management API) may take before it counts as unreachable.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:00:30")]
    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromSeconds(3);
}
