using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Provisioner.Contracts.Advisor;

namespace Provisioner.ProvisioningService.Tests;

/// <summary>A dry run without a snapshot asks the advisor now and applies the saga's rule to its answer.</summary>
public sealed class DryRunTests(ProvisioningHost host) : IClassFixture<ProvisioningHost>
{
    [Fact]
    public async Task DryRun_NoSnapshotAndConfidentAdvisor_PlansTheAdvisedSnapshotWithReasons()
    {
        var agency = Intakes.NewAgency();
        await using var advisor = await AdvisorAsync(agency, confident: true);

        var plan = await DryRunAsync(agency);

        var snapshot = plan.GetProperty("snapshot");
        Assert.True(snapshot.GetProperty("snapshotId").ValueKind == JsonValueKind.String, snapshot.ToString());
        Assert.Equal("snap-advised", snapshot.GetProperty("snapshotId").GetString());
        Assert.Equal("advisor", snapshot.GetProperty("source").GetString());
        Assert.Contains("Plumbing matches.", snapshot.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task DryRun_NoSnapshotUnsureAdvisorNoDefault_SaysTheJobWouldFailAndWhy()
    {
        var agency = Intakes.NewAgency();
        await using var advisor = await AdvisorAsync(agency, confident: false);

        var snapshot = (await DryRunAsync(agency)).GetProperty("snapshot");

        Assert.Equal(JsonValueKind.Null, snapshot.GetProperty("snapshotId").ValueKind);
        Assert.Equal("none", snapshot.GetProperty("source").GetString());
        Assert.Contains("not confident", snapshot.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task DryRun_AdvisorSilentWithAgencyDefault_PlansTheDefault()
    {
        var agency = Intakes.NewAgency();
        using (var put = await host.ClientFor(agency, "admin").PutAsJsonAsync("/api/provision/settings", new { defaultSnapshotId = "snap-default", maxConcurrentJobs = 3 }))
        {
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        }

        var snapshot = (await DryRunAsync(agency)).GetProperty("snapshot");

        Assert.Equal("snap-default", snapshot.GetProperty("snapshotId").GetString());
        Assert.Equal("agency-default", snapshot.GetProperty("source").GetString());
        Assert.Contains("did not answer within", snapshot.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Settings_InvalidConcurrencyOrViewer_AreRefused()
    {
        var agency = Intakes.NewAgency();
        using var invalid = await host.ClientFor(agency, "admin").PutAsJsonAsync("/api/provision/settings", new { maxConcurrentJobs = 0 });
        using var viewer = await host.ClientFor(agency, "operator").PutAsJsonAsync("/api/provision/settings", new { maxConcurrentJobs = 2 });
        using var read = await host.ClientFor(agency, "viewer").GetAsync("/api/provision/settings");

        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Contains("maxConcurrentJobs", await invalid.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Forbidden, viewer.StatusCode);
        Assert.Equal(2, (await read.JsonAsync()).GetProperty("effectiveMaxConcurrentJobs").GetInt32());
    }

    private async Task<JsonElement> DryRunAsync(string agency)
    {
        var intake = Intakes.Valid();
        intake["snapshotId"] = null;
        using var response = await host.ClientFor(agency).PostAsync(intake, key: null, dryRun: true);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>A stand-in advisor on the host's bus that answers only for <paramref name="agency"/>.</summary>
    private async Task<IAsyncDisposable> AdvisorAsync(string agency, bool confident)
    {
        var bus = host.Services.GetRequiredService<IBus>();
        var handle = bus.ConnectReceiveEndpoint(new TemporaryEndpointDefinition(), null, e => e.Handler<RecommendSnapshot>(context =>
            context.Message.AgencyId != agency
                ? Task.CompletedTask
                : context.RespondAsync(new SnapshotRecommended(context.Message.JobId, agency, confident ? "snap-advised" : "snap-maybe",
                    "Plumbing 24/7", confident, confident ? 0.9 : 0.2, ["Plumbing matches."], "local"))));
        await handle.Ready;
        return new Stopper(handle);
    }

    private sealed class Stopper(HostReceiveEndpointHandle handle) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await handle.StopAsync();
    }
}
