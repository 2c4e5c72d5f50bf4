using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using Provisioner.GhlClient.RateLimiting;

namespace Provisioner.GhlClient.Tests.RateLimiting;

/// <summary>
/// A <see cref="PostgresGhlRateBudget"/> as one "process" would have it: its own options, clock and connection pool
/// (a small one: the test server's connections are shared with every other test run on this machine).
/// </summary>
internal static class SharedBudget
{
    public const string ClientId = "65f0a1b2c3d4e5f601234567-provisioner";

    public static PostgresGhlRateBudget Create(string connectionString, Action<GhlClientOptions>? configure = null)
    {
        var options = new GhlClientOptions
        {
            ClientId = ClientId,
            ClientSecret = "unused",
            RateBudget = GhlRateBudgetKind.Postgres,
            RateBudgetConnectionString = new NpgsqlConnectionStringBuilder(connectionString) { MaxPoolSize = 6 }.ConnectionString,
            SafetyMargin = 0,
        };
        configure?.Invoke(options);
        return new PostgresGhlRateBudget(Options.Create(options), TimeProvider.System, NullLogger<PostgresGhlRateBudget>.Instance);
    }

    public static async Task<T> QueryAsync<T>(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    public static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
