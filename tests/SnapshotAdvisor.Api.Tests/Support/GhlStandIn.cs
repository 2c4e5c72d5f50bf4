using Provisioner.GhlClient;

namespace Provisioner.SnapshotAdvisor.Api.Tests.Support;

/// <summary>A GHL for the advisor to read instead of WireMock, and the token source that works against it.</summary>
internal sealed record GhlStandIn(Uri BaseUrl, IGhlTokenProvider Tokens);
