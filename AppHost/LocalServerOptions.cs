using System.ComponentModel.DataAnnotations;

namespace Provisioner.AppHost;

/// <summary>
/// PostgreSQL and RabbitMQ started through <c>scripts/services.sh</c> when no connection string is configured
/// (section <c>AppHost:LocalServers</c>).
/// </summary>
public sealed class LocalServerOptions
{
    /// <summary>The script's BASE (its data folder); relative paths are under the repository root.</summary>
    [Required]
    public string Base { get; set; } = ".data/services";

    [Range(1, 65535)]
    public int PostgresPort { get; set; } = 55432;

    [Range(1, 65535)]
    public int RabbitMqPort { get; set; } = 56720;

    /// <summary>Stop the servers on exit, but only when this AppHost started them (Aspire's session lifetime).</summary>
    public bool StopOnExit { get; set; } = true;
}
