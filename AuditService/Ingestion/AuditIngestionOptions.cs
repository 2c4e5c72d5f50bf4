using System.ComponentModel.DataAnnotations;

namespace Provisioner.AuditService.Ingestion;

/// <summary>How messages are discovered, received and written (section <c>AuditIngestionOptions</c>).</summary>
public sealed class AuditIngestionOptions
{
    /// <summary>The one queue every audited message type is bound to.</summary>
    [Required]
    [RegularExpression("^[a-z0-9][a-z0-9._-]{0,200}$", ErrorMessage = "QueueName must be a kebab-case queue name.")]
    public string QueueName { get; set; } = "audit-log";

    /// <summary>Assemblies whose public record types are audited. Tests add their own message assembly.</summary>
    [MinLength(1)]
    public string[] ContractAssemblies { get; set; } = ["Contracts"];

    /// <summary>Namespace prefixes a record type must sit under to be audited (the Contracts assembly's namespaces).</summary>
    [MinLength(1)]
    public string[] ContractNamespaces { get; set; } = ["Provisioner.Contracts"];

    /// <summary>Most entries committed in one transaction.</summary>
    [Range(1, 10_000)]
    public int BatchSize { get; set; } = 500;

    /// <summary>
    /// Messages handed to the writer but not yet committed. Each holds a delivery open until its batch commits, so
    /// this is also the broker prefetch and the receive endpoint's concurrency limit.
    /// </summary>
    [Range(1, 50_000)]
    public int MaxInFlight { get; set; } = 2_000;
}
