using System.Globalization;
using Provisioner.Web.Backend;

namespace Provisioner.Web.Components.Dashboard;

/// <summary>One stacked series of the jobs-per-day chart: an outcome and its count per day.</summary>
public sealed record JobOutcomeSeries(string Name, IReadOnlyList<double> Counts);

/// <summary>
/// The dashboard chart's data from <c>GET /api/jobs/stats</c>'s <c>daily</c> list: one label per day (oldest first, as
/// the service sends them), one series per outcome. Succeeded and Failed are always there (a week with no failure reads
/// as such, not as a missing series); Cancelled and Compensated only when some day has one.
/// </summary>
public sealed record JobsPerDayChartData(IReadOnlyList<string> Labels, IReadOnlyList<JobOutcomeSeries> Series, int Total)
{
    public static JobsPerDayChartData From(IReadOnlyList<JobDayCount>? daily)
    {
        var days = (daily ?? []).OrderBy(d => d.Day).ToList();
        var labels = days.Select(d => d.Day.ToString("MMM d", CultureInfo.InvariantCulture)).ToList();
        var series = new List<JobOutcomeSeries>
        {
            new("Succeeded", [.. days.Select(d => (double)d.Succeeded)]),
            new("Failed", [.. days.Select(d => (double)d.Failed)]),
        };
        if (days.Any(d => d.Cancelled > 0))
        {
            series.Add(new("Cancelled", [.. days.Select(d => (double)d.Cancelled)]));
        }

        if (days.Any(d => d.Compensated > 0))
        {
            series.Add(new("Compensated", [.. days.Select(d => (double)d.Compensated)]));
        }

        return new JobsPerDayChartData(labels, series, days.Sum(d => d.Succeeded + d.Failed + d.Cancelled + d.Compensated));
    }
}
