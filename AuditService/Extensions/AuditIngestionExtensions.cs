using Microsoft.Extensions.Options;
using Provisioner.AuditService.Ingestion;
using Provisioner.ServiceDefaults;

namespace Provisioner.AuditService.Extensions;

public static class AuditIngestionExtensions
{
    /// <summary>
    /// The RabbitMQ.Client receiver on the one durable audit queue, with one binding per audited type. The audit log
    /// needs no inbox or outbox: the messageId unique check makes redelivery harmless and it publishes nothing.
    /// Registered after the writer: hosted services stop in reverse order, so the receiver stops first and the writer
    /// can still commit what it holds.
    /// </summary>
    public static void AddAuditIngestion(this IHostApplicationBuilder builder, IReadOnlyList<Type> auditedTypes)
    {
        var rabbitMq = builder.Configuration.GetConnectionString(ResourceNames.RabbitMq)
            ?? throw new InvalidOperationException(
                $"ConnectionStrings:{ResourceNames.RabbitMq} is not set. AppHost sets it; see the README's configuration table.");

        builder.Services.AddSingleton(new AuditEntryFactory(auditedTypes));
        builder.Services.AddSingleton(sp => new AuditReceiver(
            new Uri(rabbitMq),
            sp.GetRequiredService<AuditWriter>(),
            sp.GetRequiredService<AuditEntryFactory>(),
            sp.GetRequiredService<IOptions<AuditIngestionOptions>>(),
            sp.GetRequiredService<ILogger<AuditReceiver>>()));
        builder.Services.AddHostedService(sp => sp.GetRequiredService<AuditReceiver>());
        builder.Services.AddHealthChecks().AddCheck<AuditReceiverHealthCheck>(AuditReceiverHealthCheck.Name, tags: ["ready"]);
    }
}
