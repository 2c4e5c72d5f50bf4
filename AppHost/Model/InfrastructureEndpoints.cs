namespace Provisioner.AppHost.Model;

/// <summary>Where the running PostgreSQL server (admin connection, no database) and RabbitMQ broker are.</summary>
public sealed record InfrastructureEndpoints(string Postgres, string RabbitMq);
