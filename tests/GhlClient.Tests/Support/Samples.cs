using Provisioner.GhlClient.Models;

namespace Provisioner.GhlClient.Tests.Support;

/// <summary>Small request/response bodies for behaviour tests (the contract tests use the specs' own examples).</summary>
internal static class Samples
{
    public const string CompanyJson = """{"company":{"id":"c-1","name":"Acme Agency","status":"active"}}""";

    public const string LocationJson = """{"id":"loc-1","companyId":"c-1","name":"Mark Shoes"}""";

    public static GhlCreateLocationRequest CreateLocation(string companyId = "c-1") =>
        new() { Name = "Mark Shoes", CompanyId = companyId, SnapshotId = "snap-1", Timezone = "US/Central" };
}
