using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Provisioner.GhlClient.RateLimiting;
using Provisioner.GhlClient.Tests.Support;
using Provisioner.TestSupport;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Provisioner.GhlClient.Tests;

public sealed class GhlClientRegistrationTests : IDisposable
{
    private readonly WireMockServer _server = WireMockServer.Start();

    public void Dispose() => _server.Stop();

    [Fact]
    public async Task Start_MissingClientSecret_FailsNamingTheField()
    {
        await using var host = GhlTestHost.Create(_server.Url!, new Dictionary<string, string?> { ["ClientSecret"] = "" });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.Host.StartAsync());

        Assert.Contains("ClientSecret", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_RelativeBaseUrl_FailsNamingTheConnectionString()
    {
        await using var host = GhlTestHost.Create(_server.Url!, new Dictionary<string, string?> { ["BaseAddress"] = "ftp://ghl.example" });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.Host.StartAsync());

        Assert.Contains("ConnectionStrings:ghl", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://127.0.0.1:8090")]
    [InlineData("https://ghlsandbox.internal.example")]
    [InlineData("http://services.leadconnectorhq.com")]
    public async Task Start_ProductionWithAnotherBaseUrl_FailsNamingTheSandbox(string baseUrl)
    {
        await using var host = GhlTestHost.Create(baseUrl, environment: "Production");

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.Host.StartAsync());

        Assert.Contains("ConnectionStrings:ghl", error.Message, StringComparison.Ordinal);
        Assert.Contains("AllowSandboxInProduction", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_ProductionWithGhlsApi_Starts()
    {
        await using var host = GhlTestHost.Create("https://services.leadconnectorhq.com", environment: "Production");

        await host.Host.StartAsync();
        await host.Host.StopAsync();
    }

    [Fact]
    public async Task Start_ProductionWithSandboxExplicitlyAllowed_Starts()
    {
        await using var host = GhlTestHost.Create(
            "http://127.0.0.1:8090", new Dictionary<string, string?> { ["AllowSandboxInProduction"] = "true" }, environment: "Production");

        await host.Host.StartAsync();
        await host.Host.StopAsync();
    }

    [Fact]
    public async Task Start_PostgresBudgetWithoutConnectionString_FailsNamingTheConnectionString()
    {
        await using var host = GhlTestHost.Create(_server.Url!, new Dictionary<string, string?> { ["RateBudget"] = "Postgres" });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.Host.StartAsync());

        Assert.Contains("ConnectionStrings:ghlratebudget", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_PostgresBudgetWithoutDatabase_FailsWithoutQuotingThePassword()
    {
        await using var host = GhlTestHost.Create(_server.Url!, new Dictionary<string, string?>
        {
            ["RateBudget"] = "Postgres",
            ["ConnectionStrings:ghlratebudget"] = "Host=127.0.0.1;Username=app;Password=pw-7c1d",
        });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.Host.StartAsync());

        Assert.Contains("Database", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("pw-7c1d", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resolve_PostgresBudgetConfigured_UsesThePostgresBudget()
    {
        await using var host = GhlTestHost.Create(_server.Url!, new Dictionary<string, string?>
        {
            ["RateBudget"] = "Postgres",
            ["ConnectionStrings:ghlratebudget"] = "Host=127.0.0.1;Database=budget;Username=app;Password=app",
        });

        Assert.IsType<PostgresGhlRateBudget>(host.Services.GetRequiredService<IGhlRateBudget>());
    }

    [Fact]
    public async Task Resolve_Default_UsesTheInProcessBudget()
    {
        await using var host = GhlTestHost.Create(_server.Url!);

        Assert.IsType<InProcessGhlRateBudget>(host.Services.GetRequiredService<IGhlRateBudget>());
    }

    [Fact]
    public async Task HealthCheck_SharedBudgetDatabaseAnswers_IsHealthy()
    {
        await using var db = await TestDatabase.CreateAsync("ghlrate");
        await using var host = GhlTestHost.Create(_server.Url!, new Dictionary<string, string?>
        {
            ["RateBudget"] = "Postgres",
            ["ConnectionStrings:ghlratebudget"] = db.ConnectionString,
        });

        var report = await host.CheckHealthAsync();

        Assert.Equal(HealthStatus.Healthy, report.Entries["ghl-rate-budget"].Status);
        Assert.Equal("shared budget in PostgreSQL", report.Entries["ghl-rate-budget"].Description);
    }

    [Fact]
    public async Task HealthCheck_SharedBudgetDatabaseUnreachable_IsDegradedWithoutConnectionDetails()
    {
        await using var host = GhlTestHost.Create(_server.Url!, new Dictionary<string, string?>
        {
            ["RateBudget"] = "Postgres",
            ["ConnectionStrings:ghlratebudget"] = "Host=127.0.0.1;Port=1;Database=budget;Username=app;Password=pw-55e1;Timeout=2",
        });

        var report = await host.CheckHealthAsync();

        var entry = report.Entries["ghl-rate-budget"];
        Assert.Equal(HealthStatus.Degraded, entry.Status);
        Assert.DoesNotContain("pw-55e1", entry.Description, StringComparison.Ordinal);
        Assert.DoesNotContain("127.0.0.1", entry.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HealthCheck_InProcessBudget_IsHealthy()
    {
        await using var host = GhlTestHost.Create(_server.Url!);

        var report = await host.CheckHealthAsync();

        Assert.Equal(HealthStatus.Healthy, report.Entries["ghl-rate-budget"].Status);
    }

    [Fact]
    public async Task HealthCheck_ServerAnswers_IsHealthy()
    {
        _server.Given(Request.Create().WithPath("/").UsingGet()).RespondWith(Response.Create().WithStatusCode(404));
        await using var host = GhlTestHost.Create(_server.Url!);

        var report = await host.CheckHealthAsync();

        Assert.Equal(HealthStatus.Healthy, report.Entries["ghl"].Status);
    }

    [Fact]
    public async Task HealthCheck_NothingListening_IsDegraded()
    {
        var url = _server.Url!;
        _server.Stop();
        await using var host = GhlTestHost.Create(url);

        var report = await host.CheckHealthAsync();

        Assert.Equal(HealthStatus.Degraded, report.Entries["ghl"].Status);
    }
}
