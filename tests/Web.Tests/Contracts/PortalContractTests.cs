extern alias web;

using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.OpenApi;
using Provisioner.ServiceDefaults;
using Provisioner.TestSupport;
using web::Provisioner.Web.Backend;

namespace Provisioner.Web.Tests.Contracts;

/// <summary>
/// The portal's typed clients against the OpenAPI documents the services generate from their own endpoints: every
/// call the portal makes must exist, with the parameters, request properties and response properties the portal uses.
/// </summary>
public sealed partial class PortalContractTests(ServiceDocuments documents) : IClassFixture<ServiceDocuments>
{
    public static TheoryData<string> Routes => [.. PortalRoutes.All.Keys.Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task Route_AgainstServiceDocument_Matches(string name)
    {
        var route = PortalRoutes.All[name];
        var document = await documents.GetAsync(route.Service);

        var problems = ContractChecker.Check(document.Document, route);

        Assert.True(problems.Count == 0, $"{name} does not match {route.Service}'s OpenAPI document:\n" + string.Join('\n', problems));
    }

    [Fact]
    public void Clients_EachCallsThroughDeclaredRoutes()
    {
        var clients = PortalRoutes.Clients().ToList();
        Assert.NotEmpty(clients);

        // A client's requests come from …Routes fields (AuthApiRoutes.Me.NewRequest()), so the theory above sees them.
        var routeClasses = PortalRoutes.All.Keys.Select(k => k[..k.IndexOf('.', StringComparison.Ordinal)]).ToHashSet(StringComparer.Ordinal);
        var missing = clients
            .Where(c => !RouteClassUse().Matches(File.ReadAllText(SourceOf(c))).Any(m => routeClasses.Contains(m.Groups[1].Value)))
            .Select(c => c.Name)
            .ToList();
        Assert.True(missing.Count == 0, "Clients that call no declared route (a static …Routes class of ApiRoute fields): " + string.Join(", ", missing));
    }

    [Fact]
    public void Clients_WriteNoPathsOfTheirOwn()
    {
        // A path literal in a client is a call the contract tests cannot see.
        var offenders = PortalRoutes.Clients().Select(SourceOf)
            .Where(file => File.ReadAllText(file).Contains("\"/api/", StringComparison.Ordinal))
            .Select(Path.GetFileName)
            .ToList();
        Assert.True(offenders.Count == 0, "Clients with their own /api/ paths (use their …Routes): " + string.Join(", ", offenders));
    }

    [Fact]
    public void Routes_AllNameAServiceWithADocument()
    {
        Assert.All(PortalRoutes.All, r => Assert.Contains(r.Value.Service, documents.Services));
    }

    [Fact]
    public async Task Check_ServiceDocumentWithoutAPropertyThePortalReads_Fails()
    {
        // The real ProvisioningService document, doctored the way a rename on the service would change it.
        var served = await documents.GetAsync(ResourceNames.Provisioning);
        var json = JsonNode.Parse(served.Json)!;
        var summary = json["components"]!["schemas"]!["JobSummary"]!["properties"]!.AsObject();
        Assert.True(summary.Remove("businessName"));
        var doctored = OpenApiDocument.Parse(json.ToJsonString(), "json").Document!;

        Assert.Empty(ContractChecker.Check(served.Document, ProvisioningApiRoutes.Jobs));
        var problems = ContractChecker.Check(doctored, ProvisioningApiRoutes.Jobs);

        Assert.Contains(problems, p => p.Contains("items[].businessName", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Check_ServiceDocumentWithoutAnOperationThePortalCalls_Fails()
    {
        var served = await documents.GetAsync(ResourceNames.Provisioning);
        var json = JsonNode.Parse(served.Json)!;
        Assert.True(json["paths"]!.AsObject().Remove("/api/jobs/{id}/cancel"));
        var doctored = OpenApiDocument.Parse(json.ToJsonString(), "json").Document!;

        var problems = ContractChecker.Check(doctored, ProvisioningApiRoutes.Cancel);

        Assert.Equal(["POST /api/jobs/{id}/cancel: the service has no such operation"], problems);
    }

    private static string SourceOf(Type client) => Path.Combine(TestEnvironment.RepositoryRoot, "Web", "Backend", client.Name + ".cs");

    [GeneratedRegex(@"\b(\w+Routes)\.\w+")]
    private static partial Regex RouteClassUse();
}
