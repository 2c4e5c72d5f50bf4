using MassTransit;
using MassTransit.Testing;
using Provisioner.Contracts.Advisor;
using Provisioner.SnapshotAdvisor.Api.Tests.Support;

namespace Provisioner.SnapshotAdvisor.Api.Tests;

/// <summary>The saga's request/response through MassTransit's test harness, against the real consumer and database.</summary>
public sealed class RecommendSnapshotConsumerTests(AdvisorHostFixture fixture) : IClassFixture<AdvisorHostFixture>
{
    private AdvisorHost Host => fixture.Host;

    [Fact]
    public async Task Consume_AgencyWithLibrary_RespondsWithTheBestSnapshot()
    {
        var (agency, jobId) = (Ids.Agency(), Guid.NewGuid());
        await Host.SeedAsync(agency, Libraries.Standard);
        var client = Host.Harness.GetRequestClient<RecommendSnapshot>();

        var response = await client.GetResponse<SnapshotRecommended>(
            new RecommendSnapshot(jobId, agency, RecommendApiTests.Business("Cool Air", "HVAC", "Furnace repair and AC installs")));

        var answer = response.Message;
        Assert.Equal((jobId, agency, Libraries.Hvac.Id, Libraries.Hvac.Name, "local"),
            (answer.JobId, answer.AgencyId, answer.SnapshotId, answer.SnapshotName, answer.Source));
        Assert.True(answer.Confident);
        Assert.InRange(answer.Confidence, 0.5, 1.0);
        Assert.NotEmpty(answer.Reasons);
        Assert.True(await Host.Harness.Consumed.Any<RecommendSnapshot>(c => c.Context.Message.JobId == jobId));
        Assert.False(await Host.Harness.Published.Any<Fault<RecommendSnapshot>>(f => f.Context.Message.Message.JobId == jobId));
    }

    [Fact]
    public async Task Consume_AgencyWithoutSnapshots_RespondsWithNoSnapshotAndNotConfident()
    {
        var (agency, jobId) = (Ids.Agency(), Guid.NewGuid());
        var client = Host.Harness.GetRequestClient<RecommendSnapshot>();

        var response = await client.GetResponse<SnapshotRecommended>(
            new RecommendSnapshot(jobId, agency, RecommendApiTests.Business("Cool Air", "HVAC", "Furnace repair")));

        Assert.Equal((jobId, (string?)null, false), (response.Message.JobId, response.Message.SnapshotId, response.Message.Confident));
        Assert.Contains("no visible snapshot", response.Message.Reasons[0]);
    }
}
