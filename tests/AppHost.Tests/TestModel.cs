using Microsoft.Extensions.Configuration;
using Provisioner.AppHost.Model;
using Provisioner.ServiceDefaults;

namespace Provisioner.AppHost.Tests;

/// <summary>Builds the same model Program.cs declares, from in-memory settings, without running anything.</summary>
internal static class TestModel
{
    public static readonly InfrastructureEndpoints Infrastructure =
        new("Host=127.0.0.1;Port=5432;Username=app;Password=secret", "amqp://app:secret@127.0.0.1:5672/");

    public static AppHostBuilder Builder(params (string Key, string Value)[] settings) =>
        AppHostBuilder.Create(new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))
            .Build());

    public static AppHostBuilder Declare(AppHostBuilder builder)
    {
        var postgres = builder.AddPostgres(ResourceNames.Postgres);
        var rabbitmq = builder.AddRabbitMq(ResourceNames.RabbitMq);
        var authDb = postgres.AddDatabase(ResourceNames.AuthDb);
        var provisioningDb = postgres.AddDatabase(ResourceNames.ProvisioningDb);
        var auditDb = postgres.AddDatabase(ResourceNames.AuditDb);
        var ghlRateBudget = postgres.AddDatabase(ResourceNames.GhlRateBudget);
        var ghl = builder.AddGhl("ghl", ResourceNames.GhlSandbox);
        var auth = builder.AddProject(ResourceNames.Auth, "AuthService").WithReference(authDb).WithReference(rabbitmq).WithReference(ghl)
            .AcceptsInternalKey(builder.InternalApiKey);
        var provisioning = builder.AddProject(ResourceNames.Provisioning, "ProvisioningService")
            .WithReference(provisioningDb).WithReference(rabbitmq).WithReference(ghl)
            .WithSharedGhlRateBudget(ghlRateBudget).PresentsInternalKey(builder.InternalApiKey);
        var audit = builder.AddProject(ResourceNames.Audit, "AuditService").WithReference(auditDb).WithReference(rabbitmq);
        builder.AddProject(ResourceNames.Gateway, "Gateway").WaitFor(auth).WaitFor(provisioning).WaitFor(audit);
        return builder;
    }

    public static IReadOnlyDictionary<string, string> EnvironmentOf(AppHostBuilder builder, string name) =>
        EnvironmentContract.For(builder.Model.Projects.Single(p => p.Name == name), builder.Model, Infrastructure);
}
