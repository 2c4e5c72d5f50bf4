using System.Collections;
using Provisioner.AppHost.Model;
using Provisioner.ServiceDefaults;

namespace Provisioner.AppHost.Tests;

public sealed class EnvironmentContractTests
{
    [Fact]
    public void For_ServiceWithDatabaseRabbitAndGhl_ReceivesEachConnectionStringAndClientCredentials()
    {
        var env = TestModel.EnvironmentOf(TestModel.Declare(TestModel.Builder()), ResourceNames.Auth);

        Assert.Equal("Host=127.0.0.1;Port=5432;Username=app;Password=secret;Database=authdb", env["ConnectionStrings__authdb"]);
        Assert.Equal("amqp://app:secret@127.0.0.1:5672/", env["ConnectionStrings__rabbitmq"]);
        Assert.Equal("http://127.0.0.1:8090", env["ConnectionStrings__ghl"]);
        Assert.Equal("65f0a1b2c3d4e5f601234567-provisioner", env["GhlClientOptions__ClientId"]);
        Assert.Equal("sandbox-client-secret", env["GhlClientOptions__ClientSecret"]);
        Assert.Equal("http://127.0.0.1:8090/oauth/chooselocation", env["GhlClientOptions__AuthorizeUrl"]);
        Assert.False(env.ContainsKey("ConnectionStrings__auditdb"));
        Assert.False(env.ContainsKey("ConnectionStrings__postgres"));
    }

    [Fact]
    public void For_GhlCallerWithSharedRateBudget_GetsTheBudgetDatabaseAndPostgresKind()
    {
        var builder = TestModel.Declare(TestModel.Builder(("AppHost:DatabaseNamePrefix", "run7_")));

        var provisioning = TestModel.EnvironmentOf(builder, ResourceNames.Provisioning);
        var auth = TestModel.EnvironmentOf(builder, ResourceNames.Auth);

        Assert.Equal("Host=127.0.0.1;Port=5432;Username=app;Password=secret;Database=run7_ghlratebudget", provisioning["ConnectionStrings__ghlratebudget"]);
        Assert.Equal("Postgres", provisioning["GhlClientOptions__RateBudget"]);
        Assert.Equal("http://127.0.0.1:5101", provisioning["services__auth__http__0"]);
        Assert.False(auth.ContainsKey("ConnectionStrings__ghlratebudget"), "AuthService does not pace through GhlClient");
        Assert.False(auth.ContainsKey("GhlClientOptions__RateBudget"));
        Assert.Contains(builder.Model.Postgres!.Databases, d => d is { Name: ResourceNames.GhlRateBudget, DatabaseName: "run7_ghlratebudget" });
    }

    [Fact]
    public void For_ServiceWithoutGhlReference_GetsNoGhlSettings()
    {
        var env = TestModel.EnvironmentOf(TestModel.Declare(TestModel.Builder()), ResourceNames.Audit);

        Assert.Contains("ConnectionStrings__auditdb", env.Keys);
        Assert.DoesNotContain(env.Keys, k => k.StartsWith("GhlClientOptions__", StringComparison.Ordinal));
        Assert.False(env.ContainsKey("ConnectionStrings__ghl"));
        Assert.False(env.ContainsKey("ConnectionStrings__ghlratebudget"));
    }

    [Fact]
    public void For_AnyService_GetsUrlsEnvironmentServiceNameAndDiscoveryOfEveryService()
    {
        var builder = TestModel.Declare(TestModel.Builder(("AppHost:Environment", "Staging"), ("AppHost:Ports:Audit", "6104")));

        var env = TestModel.EnvironmentOf(builder, ResourceNames.Audit);

        Assert.Equal("http://127.0.0.1:6104", env["ASPNETCORE_URLS"]);
        Assert.Equal("Staging", env["ASPNETCORE_ENVIRONMENT"]);
        Assert.Equal("audit", env["OTEL_SERVICE_NAME"]);
        Assert.Equal("http://127.0.0.1:8090", env["services__ghlsandbox__http__0"]);
        Assert.Equal("http://127.0.0.1:5101", env["services__auth__http__0"]);
        Assert.Equal("http://127.0.0.1:6104", env["services__audit__http__0"]);
        Assert.Equal("http://127.0.0.1:8080", env["services__gateway__http__0"]);
    }

    [Fact]
    public void For_OtlpEndpointConfigured_PassesItThrough()
    {
        var builder = TestModel.Declare(TestModel.Builder(
            ("OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:4317"), ("OTEL_EXPORTER_OTLP_PROTOCOL", "grpc")));

        var env = TestModel.EnvironmentOf(builder, ResourceNames.Auth);

        Assert.Equal("http://127.0.0.1:4317", env["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        Assert.Equal("grpc", env["OTEL_EXPORTER_OTLP_PROTOCOL"]);
    }

    [Fact]
    public void For_OtlpEndpointNotConfigured_SetsNoExporterVariable()
    {
        var env = TestModel.EnvironmentOf(TestModel.Declare(TestModel.Builder()), ResourceNames.Auth);

        Assert.DoesNotContain(env.Keys, k => k.StartsWith("OTEL_EXPORTER_", StringComparison.Ordinal));
    }

    [Fact]
    public void For_DatabaseNamePrefix_ChangesTheDatabaseButNotTheConnectionStringName()
    {
        var builder = TestModel.Declare(TestModel.Builder(("AppHost:DatabaseNamePrefix", "run7_")));

        var env = TestModel.EnvironmentOf(builder, ResourceNames.Auth);

        Assert.EndsWith(";Database=run7_authdb", env["ConnectionStrings__authdb"], StringComparison.Ordinal);
    }

    [Fact]
    public void For_RealGhlConfigured_PointsThereAndDeclaresNoSandbox()
    {
        var builder = TestModel.Declare(TestModel.Builder(
            ("AppHost:Ghl:BaseUrl", "https://services.leadconnectorhq.com"),
            ("AppHost:Ghl:ClientId", "real-id"),
            ("AppHost:Ghl:ClientSecret", "real-secret")));

        var env = TestModel.EnvironmentOf(builder, ResourceNames.Auth);

        Assert.Equal("https://services.leadconnectorhq.com", env["ConnectionStrings__ghl"]);
        Assert.Equal("real-id", env["GhlClientOptions__ClientId"]);
        Assert.Equal("real-secret", env["GhlClientOptions__ClientSecret"]);
        Assert.False(env.ContainsKey("GhlClientOptions__AuthorizeUrl"));
        Assert.DoesNotContain(builder.Model.Projects, p => p.Name == ResourceNames.GhlSandbox);
        Assert.DoesNotContain("services__ghlsandbox__http__0", env.Keys);
        Assert.Empty(builder.Model.Projects.Single(p => p.Name == ResourceNames.Auth).WaitsFor);
    }

    [Fact]
    public void For_Sandbox_GetsItsAppTheGatewayCallbackAndConfiguredSettings()
    {
        var builder = TestModel.Declare(TestModel.Builder(
            ("AppHost:Ports:Gateway", "9080"), ("AppHost:GhlSandbox:AutoApprove", "true"), ("AppHost:GhlSandbox:RateLimit:Enabled", "false")));

        var env = TestModel.EnvironmentOf(builder, ResourceNames.GhlSandbox);

        Assert.Equal("65f0a1b2c3d4e5f601234567-provisioner", env["GhlSandbox__ClientId"]);
        Assert.Equal("sandbox-client-secret", env["GhlSandbox__ClientSecret"]);
        Assert.Equal("http://127.0.0.1:9080/api/auth/callback", env["GhlSandbox__RedirectUris__0"]);
        Assert.Equal("true", env["GhlSandbox__AutoApprove"]);
        Assert.Equal("false", env["GhlSandbox__RateLimit__Enabled"]);
        var auth = builder.Model.Projects.Single(p => p.Name == ResourceNames.Auth);
        Assert.Contains(auth.WaitsFor, p => p.Name == ResourceNames.GhlSandbox);
    }

    [Fact]
    public void InheritedToRemove_LauncherSettingsNotInContract_AreRemovedOthersKept()
    {
        var parent = new Hashtable
        {
            ["ConnectionStrings__postgres"] = "admin",
            ["ConnectionStrings__authdb"] = "inherited",
            ["AppHost__Ports__Auth"] = "1",
            ["PATH"] = "/usr/bin",
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "http://x",
        };
        var contract = new Dictionary<string, string> { ["ConnectionStrings__authdb"] = "contract" };

        var removed = EnvironmentContract.InheritedToRemove(parent, contract);

        Assert.Equal(["AppHost__Ports__Auth", "ConnectionStrings__postgres"], removed.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void For_ProjectUsingRabbitMqManagement_GetsTheManagementUrlOnlyThen()
    {
        var builder = TestModel.Declare(TestModel.Builder());
        var web = builder.AddProject(ResourceNames.Web, "Web").WithRabbitMqManagement();
        var infrastructure = TestModel.Infrastructure with { RabbitMqManagement = "http://app:secret@127.0.0.1:15672/" };

        var webEnv = EnvironmentContract.For(web, builder.Model, infrastructure);
        var authEnv = EnvironmentContract.For(builder.Model.Projects.Single(p => p.Name == ResourceNames.Auth), builder.Model, infrastructure);

        Assert.Equal("http://app:secret@127.0.0.1:15672/", webEnv["RabbitMqManagementOptions__Url"]);
        Assert.False(authEnv.ContainsKey("RabbitMqManagementOptions__Url"));
    }
}
