using Npgsql;

namespace Provisioner.ProvisioningService.Steps;

/// <summary>
/// The steps' own bookkeeping in the service's database (schema <c>steps</c>), on a data source of its own that never
/// enlists in an ambient transaction: a row written here is committed at once and survives the rollback of a crashed
/// saga consume. That is the point — it remembers what a step did in GHL when the saga's copy is lost.
/// </summary>
/// <remarks>
/// The tables are created with <c>CREATE … IF NOT EXISTS</c> on first use under an advisory lock (two concurrent
/// first uses could otherwise collide in the catalog): the DbContext and its migrations belong to the saga.
/// </remarks>
public sealed class StepsDatabase(NpgsqlDataSource dataSource) : IAsyncDisposable
{
    private const string Schema = """
        SELECT pg_advisory_xact_lock(7301652219);
        CREATE SCHEMA IF NOT EXISTS steps;
        CREATE TABLE IF NOT EXISTS steps.location_create_attempts (
            job_id uuid PRIMARY KEY,
            agency_id text NOT NULL,
            attempted_at timestamptz NOT NULL,
            attempts integer NOT NULL,
            business_name text NOT NULL,
            business_email text NOT NULL,
            location_id text NULL);
        CREATE INDEX IF NOT EXISTS location_create_attempts_agency_location
            ON steps.location_create_attempts (agency_id, location_id);
        CREATE TABLE IF NOT EXISTS steps.custom_value_changes (
            job_id uuid NOT NULL,
            agency_id text NOT NULL,
            custom_value_id text NOT NULL,
            name text NOT NULL,
            previous_value text NULL,
            recorded_at timestamptz NOT NULL DEFAULT now(),
            PRIMARY KEY (job_id, custom_value_id));
        CREATE TABLE IF NOT EXISTS steps.custom_value_creates (
            job_id uuid NOT NULL,
            agency_id text NOT NULL,
            name_key text NOT NULL,
            name text NOT NULL,
            recorded_at timestamptz NOT NULL DEFAULT now(),
            PRIMARY KEY (job_id, name_key));
        """;

    private readonly SemaphoreSlim _schemaGate = new(1, 1);
    private volatile bool _schemaReady;

    /// <summary>A command on a pooled connection (autocommit), with <paramref name="values"/> as $1, $2, ….</summary>
    public async Task<NpgsqlCommand> CommandAsync(string sql, CancellationToken cancellationToken, params object[] values)
    {
        await EnsureSchemaAsync(cancellationToken);
        var command = dataSource.CreateCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        return command;
    }

    public ValueTask DisposeAsync() => dataSource.DisposeAsync();

    private async Task EnsureSchemaAsync(CancellationToken cancellationToken)
    {
        if (_schemaReady)
        {
            return;
        }

        await _schemaGate.WaitAsync(cancellationToken);
        try
        {
            if (!_schemaReady)
            {
                await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                await using var command = new NpgsqlCommand(Schema, connection, transaction);
                await command.ExecuteNonQueryAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                _schemaReady = true;
            }
        }
        finally
        {
            _schemaGate.Release();
        }
    }
}
