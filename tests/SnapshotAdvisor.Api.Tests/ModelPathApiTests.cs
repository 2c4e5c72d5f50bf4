using System.Net.Http.Json;
using System.Text.Json;
using Provisioner.SnapshotAdvisor.Advice;
using Provisioner.SnapshotAdvisor.Api.Tests.Support;

namespace Provisioner.SnapshotAdvisor.Api.Tests;

/// <summary>The model path through the real API, with a scripted chat model registered in the host.</summary>
public sealed class ModelPathApiTests(ModelHostFixture fixture) : IClassFixture<ModelHostFixture>
{
    private AdvisorHost Host => fixture.Host;

    [Fact]
    public async Task Recommend_ModelPicksACandidate_ModelAnswerLeadsAndTheRestStayLocal()
    {
        var (agency, name) = (Ids.Agency(), "Biz-" + Guid.NewGuid().ToString("N")[..8]);
        await Host.SeedAsync(agency, Libraries.Standard);
        fixture.Chat.Answer(name, JsonSerializer.Serialize(new { snapshotId = Libraries.Starter.Id, confidence = 0.35, reasons = new[] { "Broad needs" } }));
        using var client = Host.ClientFor(agency);

        var result = await (await client.PostAsJsonAsync("/api/snapshots/recommend", new
        {
            business = RecommendApiTests.Business(name, "Dentist", "Family dentistry"),
        })).ReadAsync<AdvisorResult>();

        Assert.Equal(("model", (string?)null, false), (result.Source, result.FallbackReason, result.Confident));
        Assert.Equal((Libraries.Starter.Id, "model", 0.35), (result.Items[0].SnapshotId, result.Items[0].Source, result.Items[0].Confidence));
        Assert.Equal(["Broad needs"], result.Items[0].Reasons);
        Assert.Equal([Libraries.Dental.Id, Libraries.Hvac.Id], result.Items.Skip(1).Select(i => i.SnapshotId));
        Assert.All(result.Items.Skip(1), i => Assert.Equal("local", i.Source));
    }

    [Theory]
    [InlineData("""{"snapshotId": "snap-elsewhere", "confidence": 0.9, "reasons": ["x"]}""", "unknown-snapshot")]
    [InlineData("{ not json", "malformed")]
    [InlineData(null, "error")]
    public async Task Recommend_ModelAnswerUnusable_LocalRankerAnswersWithTheReason(string? content, string reason)
    {
        var (agency, name) = (Ids.Agency(), "Biz-" + Guid.NewGuid().ToString("N")[..8]);
        await Host.SeedAsync(agency, Libraries.Standard);
        if (content is null)
        {
            fixture.Chat.Script(name, (_, _) => throw new InvalidOperationException("model server down"));
        }
        else
        {
            fixture.Chat.Answer(name, content);
        }

        using var client = Host.ClientFor(agency);

        var result = await (await client.PostAsJsonAsync("/api/snapshots/recommend", new
        {
            business = RecommendApiTests.Business(name, "Dentist", "Family dentistry"),
        })).ReadAsync<AdvisorResult>();

        Assert.Equal(("local", reason), (result.Source, result.FallbackReason));
        Assert.Equal(Libraries.Dental.Id, result.Items[0].SnapshotId);
        Assert.All(result.Items, i => Assert.Equal("local", i.Source));
    }

    [Fact]
    public async Task Recommend_ModelTimesOut_LocalRankerAnswers()
    {
        var (agency, name) = (Ids.Agency(), "Biz-" + Guid.NewGuid().ToString("N")[..8]);
        await Host.SeedAsync(agency, Libraries.Standard);
        fixture.Chat.Script(name, async (_, cancellationToken) =>
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return null;
        });
        using var client = Host.ClientFor(agency);

        var result = await (await client.PostAsJsonAsync("/api/snapshots/recommend", new
        {
            business = RecommendApiTests.Business(name, "Dentist", "Family dentistry"),
        })).ReadAsync<AdvisorResult>();

        Assert.Equal(("local", "timeout"), (result.Source, result.FallbackReason));
    }
}
