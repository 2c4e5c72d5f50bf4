using System.Text.Json;
using System.Text.Json.Serialization;

namespace Provisioner.GhlClient.Models;

// Hand-written from the vendored OpenAPI specs (specs/ghl/apps), one record per component schema; the contract tests
// in tests/GhlClient.Tests check every field against the spec.

/// <summary>companies.json › GetCompanyByIdSuccessfulResponseDto.</summary>
internal sealed record GhlCompanyEnvelope
{
    public GhlCompany? Company { get; init; }
}

/// <summary>companies.json › GetCompanyByIdSchema.</summary>
public sealed record GhlCompany
{
    public string? Id { get; init; }
    public string? Name { get; init; }
    public string? Email { get; init; }
    public string? LogoUrl { get; init; }
    public string? Phone { get; init; }
    public string? Website { get; init; }
    public string? Domain { get; init; }
    public string? SpareDomain { get; init; }
    public string? PrivacyPolicy { get; init; }
    public string? TermsConditions { get; init; }
    public string? Address { get; init; }
    public string? City { get; init; }
    public string? PostalCode { get; init; }
    public string? Country { get; init; }
    public string? State { get; init; }
    public string? Timezone { get; init; }
    public string? RelationshipNumber { get; init; }
    public string? Subdomain { get; init; }
    public long? Plan { get; init; }
    public string? Currency { get; init; }
    public string? CustomerType { get; init; }
    public string? TermsOfServiceVersion { get; init; }
    public string? TermsOfServiceAcceptedBy { get; init; }
    public bool? TwilioTrialMode { get; init; }
    public long? TwilioFreeCredits { get; init; }
    public string? TermsOfServiceAcceptedDate { get; init; }
    public string? PrivacyPolicyVersion { get; init; }
    public string? PrivacyPolicyAcceptedBy { get; init; }
    public string? PrivacyPolicyAcceptedDate { get; init; }
    public string? AffiliatePolicyVersion { get; init; }
    public string? AffiliatePolicyAcceptedBy { get; init; }
    public string? AffiliatePolicyAcceptedDate { get; init; }
    public bool? IsReselling { get; init; }
    public GhlCompanyOnboarding? OnboardingInfo { get; init; }
    public bool? UpgradeEnabledForClients { get; init; }
    public bool? CancelEnabledForClients { get; init; }
    public bool? AutoSuspendEnabled { get; init; }
    public JsonElement? SaasSettings { get; init; }
    public string? StripeConnectId { get; init; }
    public bool? EnableDepreciatedFeatures { get; init; }
    public bool? PremiumUpgraded { get; init; }
    public string? Status { get; init; }
    public long? LocationCount { get; init; }
    public bool? DisableEmailService { get; init; }
    public string? ReferralId { get; init; }
    public bool? IsEnterpriseAccount { get; init; }
    public string? BusinessNiche { get; init; }
    public string? BusinessCategory { get; init; }
    public string? BusinessAffinityGroup { get; init; }
    public bool? IsSandboxAccount { get; init; }
    public bool? EnableNewSubAccountDefaultData { get; init; }
}

/// <summary>companies.json › IOnboardingDto.</summary>
public sealed record GhlCompanyOnboarding
{
    public bool? Pending { get; init; }
    public bool? HaveWebsite { get; init; }
    public string? WebsiteUrl { get; init; }
    public string? IndustryServed { get; init; }
    public string? CustomerCount { get; init; }
    public IReadOnlyList<string>? Tools { get; init; }
    public bool? Location { get; init; }
    public bool? ConversationDemo { get; init; }
    public string? LocationId { get; init; }
    public string? SnapshotId { get; init; }
    public string? PlanId { get; init; }
    public bool? AffiliateSignup { get; init; }
    public bool? HasJoinedKickoffCall { get; init; }
    public bool? KickoffActionTaken { get; init; }
    public bool? HasJoinedImplementationCall { get; init; }
    public string? Version { get; init; }
    public JsonElement? MetaData { get; init; }
}

