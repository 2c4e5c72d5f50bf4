using Microsoft.Extensions.Configuration;
using Provisioner.AppHost.Infrastructure;

namespace Provisioner.AppHost.Tests;

public sealed class ConfiguredInfrastructureTests
{
    private const string ScriptOutput = """
        ConnectionStrings__postgres=Host=127.0.0.1;Port=55432;Username=app;Password=app
        ConnectionStrings__rabbitmq=amqp://app:app@127.0.0.1:56720/
        RABBITMQ_MANAGEMENT_URL=http://app:app@127.0.0.1:56723/
        """;

    private static ConfiguredInfrastructure From(params (string Key, string Value)[] settings) =>
        ConfiguredInfrastructure.From(new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))
            .Build());

    [Fact]
    public void Complete_BothConfigured_NeedsNoLocalServersAndConfigurationWins()
    {
        var configured = From(("ConnectionStrings:postgres", "Host=db;Port=1"), ("ConnectionStrings:rabbitmq", "amqp://mq:2/"));

        var endpoints = configured.Complete(ConfiguredInfrastructure.ParseEnvironment(ScriptOutput));

        Assert.False(configured.NeedsLocalServers);
        Assert.Equal("Host=db;Port=1", endpoints.Postgres);
        Assert.Equal("amqp://mq:2/", endpoints.RabbitMq);
    }

    [Fact]
    public void Complete_NothingConfigured_TakesTheScriptsEnvironment()
    {
        var configured = From();

        var endpoints = configured.Complete(ConfiguredInfrastructure.ParseEnvironment(ScriptOutput));

        Assert.True(configured.NeedsLocalServers);
        Assert.Equal("Host=127.0.0.1;Port=55432;Username=app;Password=app", endpoints.Postgres);
        Assert.Equal("amqp://app:app@127.0.0.1:56720/", endpoints.RabbitMq);
    }

    [Fact]
    public void Complete_OnlyRabbitConfigured_KeepsItAndTakesPostgresFromTheScript()
    {
        var configured = From(("ConnectionStrings:rabbitmq", "amqp://mq:2/"));

        var endpoints = configured.Complete(ConfiguredInfrastructure.ParseEnvironment(ScriptOutput));

        Assert.True(configured.NeedsLocalServers);
        Assert.Equal("Host=127.0.0.1;Port=55432;Username=app;Password=app", endpoints.Postgres);
        Assert.Equal("amqp://mq:2/", endpoints.RabbitMq);
    }

    [Fact]
    public void Complete_BlankConfiguredValue_CountsAsNotConfigured()
    {
        var configured = From(("ConnectionStrings:postgres", "  "), ("ConnectionStrings:rabbitmq", "amqp://mq:2/"));

        Assert.True(configured.NeedsLocalServers);
        Assert.Null(configured.Postgres);
    }

    [Fact]
    public void Complete_MissingEverywhere_ThrowsNamingTheConnectionString()
    {
        var configured = From(("ConnectionStrings:postgres", "Host=db"));

        var error = Assert.Throws<InvalidOperationException>(() => configured.Complete(new Dictionary<string, string>()));

        Assert.Contains("ConnectionStrings:rabbitmq", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseEnvironment_ValueWithEqualsSigns_KeepsTheWholeValue()
    {
        var parsed = ConfiguredInfrastructure.ParseEnvironment("A=b=c;d=e\n\nnot-a-pair\n");

        Assert.Equal("b=c;d=e", Assert.Single(parsed).Value);
    }

    [Fact]
    public void Complete_LocalBroker_TakesTheScriptsManagementUrl()
    {
        var endpoints = From().Complete(ConfiguredInfrastructure.ParseEnvironment(ScriptOutput));

        Assert.Equal("http://app:app@127.0.0.1:56723/", endpoints.RabbitMqManagement);
    }

    [Fact]
    public void Complete_ConfiguredBrokerWithoutManagement_DoesNotPairItWithTheLocalManagementUrl()
    {
        var endpoints = From(("ConnectionStrings:rabbitmq", "amqp://mq:2/"))
            .Complete(ConfiguredInfrastructure.ParseEnvironment(ScriptOutput));

        Assert.Null(endpoints.RabbitMqManagement);
    }

    [Fact]
    public void Complete_ManagementConfigured_ConfigurationWins()
    {
        var endpoints = From(("ConnectionStrings:rabbitmq-management", "http://u:p@mq:15672/"))
            .Complete(ConfiguredInfrastructure.ParseEnvironment(ScriptOutput));

        Assert.Equal("http://u:p@mq:15672/", endpoints.RabbitMqManagement);
    }
}
