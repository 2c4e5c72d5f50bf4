namespace Provisioner.ServiceDefaults;

/// <summary>
/// The names AppHost gives its resources. They are contracts: a database name is the connection-string name a
/// service asks for (<c>ConnectionStrings__authdb</c>), a service name is its service-discovery host
/// (<c>http://auth</c>, configured as <c>services__auth__http__0</c>).
/// </summary>
public static class ResourceNames
{
    public const string Postgres = "postgres";
    public const string RabbitMq = "rabbitmq";

    public const string AuthDb = "authdb";
    public const string ProvisioningDb = "provisioningdb";
    public const string AdvisorDb = "advisordb";
    public const string AuditDb = "auditdb";

    /// <summary>GhlClient's shared GHL rate budget (not a service's own database: every GHL caller uses the same one).</summary>
    public const string GhlRateBudget = "ghlratebudget";

    public const string Gateway = "gateway";
    public const string Auth = "auth";
    public const string Provisioning = "provisioning";
    public const string Advisor = "advisor";
    public const string Audit = "audit";
    public const string Web = "web";
    public const string GhlSandbox = "ghlsandbox";

    /// <summary>The services behind the gateway, in the order AppHost starts them.</summary>
    public static readonly IReadOnlyList<string> BackendServices = [Auth, Provisioning, Advisor, Audit, Web];
}
