using Microsoft.EntityFrameworkCore;

namespace Provisioner.AuditService.Data;

/// <summary>SQL functions the queries use, created by the migrations.</summary>
public static class AuditDbFunctions
{
    /// <summary>
    /// The payload's jsonb as text. EF maps the payload as a string, but PostgreSQL has no ILIKE on jsonb, so text search
    /// goes through this function (<c>payload::text</c>).
    /// </summary>
    [DbFunction("audit_payload_text", IsBuiltIn = false)]
    public static string PayloadText(string payload) =>
        throw new InvalidOperationException("PayloadText runs only inside a database query.");
}
