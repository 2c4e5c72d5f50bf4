extern alias web;

using Bunit;
using MudBlazor.Services;
using web::Provisioner.Web.Backend;
using web::Provisioner.Web.Components.Bulk;

namespace Provisioner.Web.Tests.Components;

public sealed class BulkReportViewTests : IAsyncLifetime
{
    private readonly BunitContext _bunit = new();

    public BulkReportViewTests()
    {
        _bunit.Services.AddMudServices();
        _bunit.JSInterop.Mode = JSRuntimeMode.Loose;
    }

    [Fact]
    public void Render_InvalidRows_ListsOneLinePerMessageByRowThenColumn()
    {
        var report = new BulkReport(
        [
            new BulkRowResult(5, false, Errors: new Dictionary<string, string[]> { ["user1_role"] = ["'user1_role' must be one of: admin, user."] }),
            new BulkRowResult(2, true, Plan: Plan("Good Co")),
            new BulkRowResult(3, false, Errors: new Dictionary<string, string[]>
            {
                ["timezone"] = ["'timezone' is required."],
                ["business_email"] = ["'business_email' is required.", "'business_email' must be an e-mail address."],
            }),
        ], Created: 0, Repeated: 0, Invalid: 2, DryRun: true);

        var view = _bunit.Render<BulkReportView>(p => p.Add(c => c.Report, report));

        var lines = view.FindAll("#bulk-report-table tr.bulk-error")
            .Select(tr => $"{tr.GetAttribute("data-row")} {tr.GetAttribute("data-field")} {tr.Children[2].TextContent}")
            .ToList();
        Assert.Equal(
        [
            "3 business_email 'business_email' is required.",
            "3 business_email 'business_email' must be an e-mail address.",
            "3 timezone 'timezone' is required.",
            "5 user1_role 'user1_role' must be one of: admin, user.",
        ], lines);
        Assert.Contains("3 rows", view.Find("#bulk-rows").TextContent, StringComparison.Ordinal);
        Assert.Contains("1 valid", view.Find("#bulk-valid").TextContent, StringComparison.Ordinal);
        Assert.Contains("2 invalid", view.Find("#bulk-invalid").TextContent, StringComparison.Ordinal);
        Assert.Contains("chosen by the advisor when the job runs", view.Find("#bulk-valid-table").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_EveryRowValid_SaysSoAndHasNoErrorTable()
    {
        var report = new BulkReport([new BulkRowResult(2, true, Plan: Plan("Good Co"))], 0, 0, 0, DryRun: true);

        var view = _bunit.Render<BulkReportView>(p => p.Add(c => c.Report, report));

        Assert.Equal("Every row is valid.", view.Find("#bulk-all-valid").TextContent.Trim());
        Assert.Empty(view.FindAll("#bulk-report-table"));
        Assert.Contains("Good Co", view.Find("#bulk-valid-table").TextContent, StringComparison.Ordinal);
    }

    private static ProvisionPlan Plan(string name) => new(
        true, new SnapshotPlan(null, "advisor", "the advisor will choose when the job runs"),
        new BusinessBody(name, "office@good.example", "+15125550188", null, null, null, null, null, "US", "America/Chicago", null, null),
        new Dictionary<string, string>(), [], ["choose-snapshot"]);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _bunit.DisposeAsync();
}
