using Npgsql;
using Provisioner.ServiceDefaults;

namespace Provisioner.Portal.EndToEnd.Tests.Infrastructure;

/// <summary>
/// The one place these tests write to a service's database. GhlSandbox's consent page always signs in the agency's
/// admin (it models no other GHL users), and AuthService makes the first user of an agency its admin and refuses to
/// demote the last one. A second admin — what a colleague connecting from GHL would create — is added here, so the
/// first one can be made a viewer through the real role API.
/// </summary>
internal static class AuthDatabase
{
    public static async Task<Guid> AddAdminAsync(SystemRun run, string agencyId, string ghlUserId)
    {
        var id = Guid.CreateVersion7();
        await using var connection = new NpgsqlConnection(run.ConnectionStringOf(ResourceNames.AuthDb));
        await connection.OpenAsync();
        await using var insert = new NpgsqlCommand(
            """
            INSERT INTO users ("Id", "AgencyId", "GhlUserId", "Name", "Role", "CreatedAt")
            VALUES (@id, @agency, @ghlUser, @name, 'Admin', now())
            """,
            connection);
        insert.Parameters.AddWithValue("id", id);
        insert.Parameters.AddWithValue("agency", agencyId);
        insert.Parameters.AddWithValue("ghlUser", ghlUserId);
        insert.Parameters.AddWithValue("name", "Second admin (end-to-end test)");
        await insert.ExecuteNonQueryAsync();
        return id;
    }
}
