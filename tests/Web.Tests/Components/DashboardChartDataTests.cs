extern alias web;

using web::Provisioner.Web.Backend;
using web::Provisioner.Web.Components.Dashboard;

namespace Provisioner.Web.Tests.Components;

/// <summary>How <c>GET /api/jobs/stats</c>'s daily counts become the dashboard's stacked bars.</summary>
public sealed class DashboardChartDataTests
{
    private static readonly DateOnly Day = new(2026, 11, 10);

    [Fact]
    public void From_DailyCounts_MakesOneLabelPerDayAndOneSeriesPerOutcome()
    {
        var data = JobsPerDayChartData.From(
        [
            new JobDayCount(Day.AddDays(1), 3, 1, 0, 2),
            new JobDayCount(Day, 1, 0, 0, 0),
            new JobDayCount(Day.AddDays(2), 0, 0, 0, 0),
        ]);

        Assert.Equal(["Nov 10", "Nov 11", "Nov 12"], data.Labels);
        Assert.Equal(["Succeeded", "Failed", "Compensated"], data.Series.Select(s => s.Name));
        Assert.Equal([1d, 3d, 0d], data.Series[0].Counts);
        Assert.Equal([0d, 1d, 0d], data.Series[1].Counts);
        Assert.Equal([0d, 2d, 0d], data.Series[2].Counts);
        Assert.Equal(7, data.Total);
    }

    [Fact]
    public void From_NoJobsFinished_KeepsSucceededAndFailedAtZero()
    {
        var data = JobsPerDayChartData.From([.. Enumerable.Range(0, 14).Select(i => new JobDayCount(Day.AddDays(i), 0, 0, 0, 0))]);

        Assert.Equal(14, data.Labels.Count);
        Assert.Equal(["Succeeded", "Failed"], data.Series.Select(s => s.Name));
        Assert.All(data.Series, s => Assert.All(s.Counts, c => Assert.Equal(0d, c)));
        Assert.Equal(0, data.Total);
    }

    [Fact]
    public void From_OlderServiceWithoutDaily_HasNoDays()
    {
        var data = JobsPerDayChartData.From(null);

        Assert.Empty(data.Labels);
        Assert.Equal(0, data.Total);
    }
}
