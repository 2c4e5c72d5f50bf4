using System.Text;
using Npgsql;

namespace Provisioner.AuthService.Tests;

public sealed class PlaintextDumpTests
{
    [Fact]
    public async Task Database_AfterConnectRefreshAndApiKey_HoldsNoSecretInPlaintext()
    {
        await using var world = await TestAgency.StartAsync();
        var companyId = TestAgency.NewCompanyId();
        var unique = Guid.NewGuid().ToString("N");
        var secrets = new List<string> { $"at-first-{unique}", $"rt-first-{unique}", $"at-second-{unique}", $"rt-second-{unique}" };
        var browser = await world.ConnectAsync(companyId, "u1", secrets[0], secrets[1]);
        world.Ghl.AnswerRefresh(secrets[1], secrets[2], secrets[3], TimeSpan.FromMilliseconds(1));
        await TokenRefreshTests.ExpireAsync(world.Host, companyId);
        Assert.Equal(secrets[2], (await TokenRefreshTests.GetTokenAsync(world.Host, companyId)).AccessToken);
        secrets.Add((await ApiKeyTests.CreateKeyAsync(browser, "dump", "viewer")).GetProperty("key").GetString()!);
        await browser.GetStringAsync("/api/auth/.well-known/jwks.json");

        var hits = new List<string>();
        foreach (var secret in secrets)
        {
            hits.AddRange(await FindAsync(world.Database.ConnectionString, secret));
        }

        Assert.Empty(hits);
        // The scan itself works: the agency id, which is not secret, is found.
        Assert.NotEmpty(await FindAsync(world.Database.ConnectionString, companyId));
    }

    /// <summary>Every text-like and bytea column of every table that contains <paramref name="needle"/>.</summary>
    private static async Task<List<string>> FindAsync(string connectionString, string needle)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var columns = new List<(string Table, string Column, string Type)>();
        await using (var list = new NpgsqlCommand(
            """
            SELECT table_name, column_name, data_type FROM information_schema.columns
            WHERE table_schema = 'public' AND data_type IN ('text', 'character varying', 'bytea', 'json', 'jsonb')
            """, connection))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                columns.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
            }
        }

        Assert.Contains(columns, c => c.Table == "agency_tokens");
        var hits = new List<string>();
        foreach (var (table, column, type) in columns)
        {
            var predicate = type == "bytea" ? $"position(@needle::bytea in \"{column}\") > 0" : $"strpos(\"{column}\"::text, @text) > 0";
            await using var query = new NpgsqlCommand($"SELECT count(*) FROM \"{table}\" WHERE {predicate}", connection);
            query.Parameters.AddWithValue("needle", Encoding.UTF8.GetBytes(needle));
            query.Parameters.AddWithValue("text", needle);
            if ((long)(await query.ExecuteScalarAsync())! > 0)
            {
                hits.Add($"{table}.{column}");
            }
        }

        return hits;
    }
}
