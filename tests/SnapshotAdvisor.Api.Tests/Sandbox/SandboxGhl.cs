extern alias sandbox;

using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using sandbox::Provisioner.GhlSandbox.Diagnostics;
using sandbox::Provisioner.GhlSandbox.Model;
using sandbox::Provisioner.GhlSandbox.State;

namespace Provisioner.SnapshotAdvisor.Api.Tests.Sandbox;

/// <summary>
/// The real GhlSandbox on a Kestrel socket at a free loopback port, so SnapshotAdvisor's GhlClient reads it over real
/// HTTP with real tokens, exactly as it reads GHL. Agencies are created per test in the sandbox's state (GHL has no
/// API to create an agency or a snapshot, so the sandbox's store is the lever), which keeps tests independent.
/// </summary>
internal sealed class SandboxGhl : WebApplicationFactory<sandbox::Program>
{
    public const string ClientId = "65f0a1b2c3d4e5f601234567-provisioner";
    public const string ClientSecret = "sandbox-client-secret";
    public const string RedirectUri = "http://127.0.0.1:8080/api/auth/callback";

    /// <summary>NorthStar Digital Marketing, seeded with 11 snapshots.</summary>
    public const string SeededAgency = "Gx7pQ2rT9vLm4KdW8sHa";

    private HttpClient? _admin;

    public SandboxGhl() => UseKestrel(0);

    public Uri BaseUrl { get; private set; } = null!;

    private SandboxStore Store => Services.GetRequiredService<SandboxStore>();

    /// <summary>Starts Kestrel; <see cref="BaseUrl"/> is the address it bound.</summary>
    public SandboxGhl Start()
    {
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses;
        BaseUrl = new Uri(addresses.First());
        _admin = new HttpClient { BaseAddress = BaseUrl };
        return this;
    }

    /// <summary>A new agency (with the agency admin an install needs) holding these snapshots (id, name, type).</summary>
    public string AddAgency(params (string Id, string Name, string Type)[] snapshots)
    {
        var companyId = "co" + Guid.NewGuid().ToString("N")[..18];
        Store.Write(state =>
        {
            state.Companies.Add(new CompanyRecord { Id = companyId, Name = $"Test Agency {companyId}" });
            state.Users.Add(new UserRecord
            {
                Id = "us" + Guid.NewGuid().ToString("N")[..18], CompanyId = companyId, FirstName = "Test", LastName = "Admin",
                Email = $"{companyId}@agency.example", Type = "agency", Role = "admin",
            });
            state.Snapshots.AddRange(snapshots.Select(s => new SnapshotRecord { Id = s.Id, CompanyId = companyId, Name = s.Name, Type = s.Type }));
            return true;
        });
        return companyId;
    }

    /// <summary>The snapshots the sandbox holds for an agency (id, name, type), in its order.</summary>
    public IReadOnlyList<(string Id, string Name, string Type)> SnapshotsOf(string companyId) =>
        Store.Read(state => state.Snapshots.Where(s => s.CompanyId == companyId).Select(s => (s.Id, s.Name, s.Type)).ToList());

    public void Rename(string companyId, string snapshotId, string name) =>
        Store.Write(state => state.Snapshots.Single(s => s.CompanyId == companyId && s.Id == snapshotId).Name = name);

    public void Delete(string companyId, string snapshotId) =>
        Store.Write(state => state.Snapshots.RemoveAll(s => s.CompanyId == companyId && s.Id == snapshotId));

    public void Add(string companyId, string snapshotId, string name, string type = "own") =>
        Store.Write(state =>
        {
            state.Snapshots.Add(new SnapshotRecord { Id = snapshotId, CompanyId = companyId, Name = name, Type = type });
            return true;
        });

    /// <summary>A sandbox fault rule on the snapshot list (through its admin API): the next <paramref name="count"/> calls answer <paramref name="status"/>.</summary>
    public async Task FailSnapshotListAsync(int status, int count)
    {
        using var response = await _admin!.PostAsJsonAsync("/_sandbox/faults", new { method = "GET", path = "/snapshots/", status, count });
        response.EnsureSuccessStatusCode();
    }

    /// <summary>How many snapshot-list calls for this agency reached the sandbox (its request journal).</summary>
    public async Task<int> SnapshotListCallsAsync(string companyId)
    {
        var entries = await _admin!.GetFromJsonAsync<List<JournalEntry>>(
            $"/_sandbox/journal?method=GET&path=/snapshots/&resource={companyId}&limit=1000");
        return entries!.Count(e => e.Path.StartsWith("/snapshots/?", StringComparison.Ordinal) || e.Path == "/snapshots/");
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // Not Development: its build-time DI scope validation slows every short-lived host for nothing.
        builder.UseEnvironment("Test");
        builder.UseSetting("GhlSandbox:AutoApprove", "false");
        builder.UseSetting("GhlSandbox:SnapshotLoadDuration", "00:00:00");
    }

    public override async ValueTask DisposeAsync()
    {
        _admin?.Dispose();
        await base.DisposeAsync();
    }
}
