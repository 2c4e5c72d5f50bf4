using System.Text.Json;
using System.Text.Json.Serialization;

namespace Provisioner.GhlClient.Models;

// Hand-written from the vendored OpenAPI specs (specs/ghl/apps), one record per component schema; the contract tests
// in tests/GhlClient.Tests check every field against the spec.

/// <summary>users.json › PermissionsDto.</summary>
public sealed record GhlUserPermissions
{
    public bool? CampaignsEnabled { get; init; }
    public bool? CampaignsReadOnly { get; init; }
    public bool? ContactsEnabled { get; init; }
    public bool? WorkflowsEnabled { get; init; }
    public bool? WorkflowsReadOnly { get; init; }
    public bool? TriggersEnabled { get; init; }
    public bool? FunnelsEnabled { get; init; }
    public bool? WebsitesEnabled { get; init; }
    public bool? OpportunitiesEnabled { get; init; }
    public bool? DashboardStatsEnabled { get; init; }
    public bool? BulkRequestsEnabled { get; init; }
    public bool? AppointmentsEnabled { get; init; }
    public bool? ReviewsEnabled { get; init; }
    public bool? OnlineListingsEnabled { get; init; }
    public bool? PhoneCallEnabled { get; init; }
    public bool? ConversationsEnabled { get; init; }
    public bool? AssignedDataOnly { get; init; }
    public bool? AdwordsReportingEnabled { get; init; }
    public bool? MembershipEnabled { get; init; }
    public bool? FacebookAdsReportingEnabled { get; init; }
    public bool? AttributionsReportingEnabled { get; init; }
    public bool? SettingsEnabled { get; init; }
    public bool? TagsEnabled { get; init; }
    public bool? LeadValueEnabled { get; init; }
    public bool? MarketingEnabled { get; init; }
    public bool? AgentReportingEnabled { get; init; }
    public bool? BotService { get; init; }
    public bool? SocialPlanner { get; init; }
    public bool? BloggingEnabled { get; init; }
    public bool? InvoiceEnabled { get; init; }
    public bool? AffiliateManagerEnabled { get; init; }
    public bool? ContentAiEnabled { get; init; }
    public bool? RefundsEnabled { get; init; }
    public bool? RecordPaymentEnabled { get; init; }
    public bool? CancelSubscriptionEnabled { get; init; }
    public bool? PaymentsEnabled { get; init; }
    public bool? CommunitiesEnabled { get; init; }
    public bool? ExportPaymentsEnabled { get; init; }
}

