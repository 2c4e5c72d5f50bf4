namespace Provisioner.AppHost.Model;

/// <summary>Where the running PostgreSQL server (admin connection, no database) and RabbitMQ broker are.</summary>
/// <param name="RabbitMqManagement">The management plugin's base URL with credentials, when known.</param>
public sealed record InfrastructureEndpoints(string Postgres, string RabbitMq, string? RabbitMqManagement = null);
