using System.Net;
using Provisioner.SnapshotAdvisor.Api.Tests.Support;
using Provisioner.TestSupport.Security;

namespace Provisioner.SnapshotAdvisor.Api.Tests.Security;

/// <summary>
/// Edges the bad-input run cannot reach alone: valid-looking parameters at their extremes. The overflowing page answered
/// 500 (negative OFFSET) until LibraryHandlers computed the offset in long.
/// </summary>
public sealed class AdvisorEdgeTests(AdvisorHostFixture fixture) : IClassFixture<AdvisorHostFixture>
{
    [Theory]
    [InlineData(int.MaxValue, 100)]
    [InlineData(21474837, 100)]
    public async Task List_PageWhoseOffsetOverflows_NoServerError(int page, int pageSize)
    {
        using var client = fixture.Host.ClientFor(Ids.Agency(), "viewer");

        using var response = await client.GetAsync($"/api/snapshots?page={page}&pageSize={pageSize}");

        // (page - 1) × pageSize beyond int: either an empty page or a named 400, never a 500.
        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }
}
