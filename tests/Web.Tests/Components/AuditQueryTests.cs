extern alias web;

using web::Provisioner.Web.Backend;

namespace Provisioner.Web.Tests.Components;

public sealed class AuditQueryTests
{
    [Fact]
    public void ToQueryString_EveryFilter_UsesAuditServiceNamesAndEscapes()
    {
        var (from, to) = AuditQuery.Days(new DateTime(2026, 11, 1), new DateTime(2026, 11, 3));
        var query = new AuditQuery(
            Type: "ProvisioningFailed", JobId: " 6f1c2d9e-0000-4000-8000-000000000002 ", Actor: "user:pat", From: from, To: to,
            Search: "smith & jones", Page: 3, PageSize: 25);

        Assert.Equal(
            "?type=ProvisioningFailed&jobId=6f1c2d9e-0000-4000-8000-000000000002&actor=user%3Apat"
            + "&from=2026-11-01T00%3A00%3A00.0000000%2B00%3A00&to=2026-11-04T00%3A00%3A00.0000000%2B00%3A00"
            + "&q=smith%20%26%20jones&page=3&pageSize=25",
            query.ToQueryString(paging: true));
    }

    [Fact]
    public void ToQueryString_BlankFilters_AreLeftOut()
    {
        var query = new AuditQuery(Type: " ", JobId: "", Search: null);

        Assert.Equal("?page=1&pageSize=50", query.ToQueryString(paging: true));
        Assert.Equal("", query.ToQueryString(paging: false));
        Assert.False(query.Filtered);
    }

    [Fact]
    public void Days_LastDay_IsIncludedWholeAsAnExclusiveEnd()
    {
        var (from, to) = AuditQuery.Days(new DateTime(2026, 11, 24, 15, 30, 0), new DateTime(2026, 11, 24, 9, 0, 0));

        Assert.Equal(new DateTimeOffset(2026, 11, 24, 0, 0, 0, TimeSpan.Zero), from);
        Assert.Equal(new DateTimeOffset(2026, 11, 25, 0, 0, 0, TimeSpan.Zero), to);
    }

    [Fact]
    public void ExportUrl_CarriesTheFiltersButNoPaging()
    {
        var url = AuditApiClient.ExportUrl(new AuditQuery(JobId: "job-1", Search: "x", Page: 4, PageSize: 10));

        Assert.Equal("/api/audit/export?jobId=job-1&q=x", url);
    }
}
