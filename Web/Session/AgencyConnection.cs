namespace Provisioner.Web.Session;

/// <summary>The GHL agency this browser session is connected to (GHL companyId and its display name).</summary>
public sealed record AgencyConnection(string AgencyId, string AgencyName);
