using Npgsql;

namespace Provisioner.GhlClient.RateLimiting.Postgres;

/// <summary>
/// The shared budget's tables and functions, in a schema <c>ghl</c> of their own, created at first use so no service
/// needs a migration for them. The logic runs in PL/pgSQL functions so that one call (one round trip) can take the
/// resource's row lock and then, with statements that each see everything committed up to that point, count and book.
/// Names carry a version: a change ships as <c>_v2</c> next to the old ones, so instances of both versions can run.
/// </summary>
internal static class PostgresRateBudgetSchema
{
    private const string Ddl = """
        CREATE SCHEMA IF NOT EXISTS ghl;

        -- One row per app and resource: the row lock serialises bookings; limits GHL announced; block; day count.
        CREATE TABLE IF NOT EXISTS ghl.rate_budget (
            app_id              text        NOT NULL,
            resource_key        text        NOT NULL,
            announced_max       integer,
            announced_window_ms integer,
            blocked_until       timestamptz,
            utc_day             date        NOT NULL,
            day_count           integer     NOT NULL DEFAULT 0,
            day_exhausted       boolean     NOT NULL DEFAULT false,
            touched_at          timestamptz NOT NULL,
            PRIMARY KEY (app_id, resource_key));

        -- One row per booked request: held from grant until one window after its answer (in flight: until a deadline
        -- that reclaims the slots of a crashed instance).
        CREATE TABLE IF NOT EXISTS ghl.rate_slots (
            id           bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            app_id       text        NOT NULL,
            resource_key text        NOT NULL,
            window_ms    integer     NOT NULL,
            in_flight    boolean     NOT NULL,
            expires_at   timestamptz NOT NULL);

        CREATE INDEX IF NOT EXISTS rate_slots_by_resource ON ghl.rate_slots (app_id, resource_key, expires_at);

        -- Answers are in: each slot frees one window after its answer (measured by the caller as "ago" milliseconds).
        CREATE OR REPLACE FUNCTION ghl.rate_release_v1(p_ids bigint[], p_ago_ms integer[]) RETURNS void
        LANGUAGE sql AS $fn$
            UPDATE ghl.rate_slots s
            SET in_flight = false,
                expires_at = clock_timestamp() - r.ago_ms * interval '1 millisecond'
                    + greatest(s.window_ms, coalesce((SELECT b.announced_window_ms FROM ghl.rate_budget b
                        WHERE b.app_id = s.app_id AND b.resource_key = s.resource_key), 0)) * interval '1 millisecond'
            FROM unnest(p_ids, p_ago_ms) AS r(id, ago_ms)
            WHERE s.id = r.id AND s.in_flight
        $fn$;

        -- Locks (creating if needed) the resource's row, rolls its day over, drops its expired slots. Expired slots
        -- another transaction is releasing are skipped, so this never waits on anything but the row lock.
        CREATE OR REPLACE FUNCTION ghl.rate_lock_v1(p_app text, p_resource text) RETURNS ghl.rate_budget
        LANGUAGE plpgsql AS $fn$
        DECLARE
            v_row ghl.rate_budget%ROWTYPE;
            v_now timestamptz;
        BEGIN
            INSERT INTO ghl.rate_budget AS b (app_id, resource_key, utc_day, touched_at)
            VALUES (p_app, p_resource, (clock_timestamp() AT TIME ZONE 'UTC')::date, clock_timestamp())
            ON CONFLICT (app_id, resource_key) DO UPDATE SET touched_at = clock_timestamp()
            RETURNING b.* INTO v_row;
            v_now := clock_timestamp();
            IF v_row.utc_day <> (v_now AT TIME ZONE 'UTC')::date THEN
                UPDATE ghl.rate_budget SET utc_day = (v_now AT TIME ZONE 'UTC')::date, day_count = 0, day_exhausted = false
                WHERE app_id = p_app AND resource_key = p_resource
                RETURNING * INTO v_row;
            END IF;
            DELETE FROM ghl.rate_slots WHERE id IN (
                SELECT id FROM ghl.rate_slots
                WHERE app_id = p_app AND resource_key = p_resource AND expires_at <= v_now
                FOR UPDATE SKIP LOCKED);
            RETURN v_row;
        END
        $fn$;

        -- The burst limit after GHL's announced X-RateLimit-Max (less the margin), and the longer of the windows.
        CREATE OR REPLACE FUNCTION ghl.rate_burst_v1(p_row ghl.rate_budget, p_burst integer, p_margin double precision) RETURNS integer
        LANGUAGE sql IMMUTABLE AS $fn$
            SELECT CASE WHEN p_row.announced_max > 0
                        THEN least(p_burst, greatest(1, floor(p_row.announced_max * (1 - p_margin))::integer))
                        ELSE p_burst END
        $fn$;

        -- Folds in the X-RateLimit-* headers of a response seen p_ago_ms ago (SlidingWindowLog.Observe, shared).
        CREATE OR REPLACE FUNCTION ghl.rate_observe_v1(
            p_app text, p_resource text, p_burst integer, p_window_ms integer, p_margin double precision, p_ago_ms integer,
            p_max integer, p_remaining integer, p_interval_ms integer, p_daily_limit integer, p_daily_remaining integer,
            p_retry_after_ms integer, p_rate_limited boolean) RETURNS void
        LANGUAGE plpgsql AS $fn$
        DECLARE
            v_row ghl.rate_budget%ROWTYPE;
            v_now timestamptz;
            v_at timestamptz;
            v_burst integer;
            v_window integer;
            v_held integer;
            v_others integer;
        BEGIN
            v_row := ghl.rate_lock_v1(p_app, p_resource);
            v_now := clock_timestamp();
            v_at := v_now - p_ago_ms * interval '1 millisecond';
            IF p_max > 0 THEN
                v_row.announced_max := least(coalesce(v_row.announced_max, p_max), p_max);
            END IF;
            IF p_interval_ms > 0 THEN
                v_row.announced_window_ms := greatest(coalesce(v_row.announced_window_ms, 0), p_interval_ms);
            END IF;
            v_burst := ghl.rate_burst_v1(v_row, p_burst, p_margin);
            v_window := greatest(p_window_ms, coalesce(v_row.announced_window_ms, 0));

            -- GHL counts more requests in its window than we hold: someone else spends this budget. Book the difference
            -- as requests made when the answer came (ours in flight make our count the larger one: nothing booked).
            IF p_max IS NOT NULL AND p_remaining IS NOT NULL AND v_at + v_window * interval '1 millisecond' > v_now THEN
                SELECT count(*) INTO v_held FROM ghl.rate_slots
                WHERE app_id = p_app AND resource_key = p_resource AND expires_at > v_now;
                v_others := least(p_max - p_remaining - v_held, v_burst);
                IF v_others > 0 THEN
                    INSERT INTO ghl.rate_slots (app_id, resource_key, window_ms, in_flight, expires_at)
                    SELECT p_app, p_resource, v_window, false, v_at + v_window * interval '1 millisecond'
                    FROM generate_series(1, v_others);
                END IF;
            END IF;

            IF p_daily_limit IS NOT NULL AND p_daily_remaining IS NOT NULL AND (v_at AT TIME ZONE 'UTC')::date = v_row.utc_day THEN
                v_row.day_count := greatest(v_row.day_count, p_daily_limit - p_daily_remaining);
            END IF;
            IF p_rate_limited OR p_remaining = 0 THEN
                v_row.blocked_until := greatest(v_row.blocked_until,
                    v_at + greatest(coalesce(p_interval_ms, v_window), coalesce(p_retry_after_ms, 0)) * interval '1 millisecond');
            END IF;
            IF p_daily_remaining <= 0 AND (v_at AT TIME ZONE 'UTC')::date = v_row.utc_day THEN
                v_row.day_exhausted := true;
            END IF;

            UPDATE ghl.rate_budget
            SET announced_max = v_row.announced_max, announced_window_ms = v_row.announced_window_ms,
                blocked_until = v_row.blocked_until, day_count = v_row.day_count, day_exhausted = v_row.day_exhausted
            WHERE app_id = p_app AND resource_key = p_resource;
        END
        $fn$;

        -- Books a request if it fits (slot id), else says how long to wait (ms) and whether the day is spent.
        CREATE OR REPLACE FUNCTION ghl.rate_acquire_v1(
            p_app text, p_resource text, p_burst integer, p_window_ms integer, p_daily integer, p_margin double precision,
            p_in_flight_ms integer)
        RETURNS TABLE (slot_id bigint, wait_ms integer, daily_exhausted boolean)
        LANGUAGE plpgsql AS $fn$
        DECLARE
            v_row ghl.rate_budget%ROWTYPE;
            v_now timestamptz;
            v_window integer;
            v_held integer;
            v_next timestamptz;
            v_id bigint;
        BEGIN
            v_row := ghl.rate_lock_v1(p_app, p_resource);
            v_now := clock_timestamp();
            IF v_row.day_exhausted OR v_row.day_count >= p_daily THEN
                RETURN QUERY SELECT NULL::bigint,
                    ceil(extract(epoch FROM ((v_row.utc_day + 1)::timestamp AT TIME ZONE 'UTC') - v_now) * 1000)::integer, true;
                RETURN;
            END IF;
            IF v_row.blocked_until > v_now THEN
                RETURN QUERY SELECT NULL::bigint, greatest(1, ceil(extract(epoch FROM v_row.blocked_until - v_now) * 1000))::integer, false;
                RETURN;
            END IF;

            v_window := greatest(p_window_ms, coalesce(v_row.announced_window_ms, 0));
            SELECT count(*), min(expires_at) INTO v_held, v_next FROM ghl.rate_slots
            WHERE app_id = p_app AND resource_key = p_resource AND expires_at > v_now;
            IF v_held >= ghl.rate_burst_v1(v_row, p_burst, p_margin) THEN
                -- Slots still in flight free at least a window from now: that bounds the wait.
                v_next := least(v_next, v_now + v_window * interval '1 millisecond');
                RETURN QUERY SELECT NULL::bigint, greatest(1, ceil(extract(epoch FROM v_next - v_now) * 1000))::integer, false;
                RETURN;
            END IF;

            INSERT INTO ghl.rate_slots (app_id, resource_key, window_ms, in_flight, expires_at)
            VALUES (p_app, p_resource, v_window, true, v_now + p_in_flight_ms * interval '1 millisecond')
            RETURNING id INTO v_id;
            UPDATE ghl.rate_budget SET day_count = day_count + 1 WHERE app_id = p_app AND resource_key = p_resource;
            RETURN QUERY SELECT v_id, 0, false;
        END
        $fn$;

        -- Old rows: slots expired a minute ago that no booking of their resource swept, resources idle for two days.
        CREATE OR REPLACE FUNCTION ghl.rate_cleanup_v1() RETURNS integer
        LANGUAGE plpgsql AS $fn$
        DECLARE
            v_slots integer;
            v_resources integer;
        BEGIN
            DELETE FROM ghl.rate_slots WHERE id IN (
                SELECT id FROM ghl.rate_slots WHERE expires_at < clock_timestamp() - interval '1 minute'
                LIMIT 100000 FOR UPDATE SKIP LOCKED);
            GET DIAGNOSTICS v_slots = ROW_COUNT;
            DELETE FROM ghl.rate_budget WHERE (app_id, resource_key) IN (
                SELECT app_id, resource_key FROM ghl.rate_budget WHERE touched_at < clock_timestamp() - interval '2 days'
                FOR UPDATE SKIP LOCKED);
            GET DIAGNOSTICS v_resources = ROW_COUNT;
            RETURN v_slots + v_resources;
        END
        $fn$;
        """;

    // Created last by the DDL: when it exists, everything does.
    private const string Probe = "SELECT to_regprocedure('ghl.rate_cleanup_v1()') IS NOT NULL";

    /// <summary>
    /// Creates the schema, tables and functions unless present. Instances starting together serialise on an advisory
    /// lock (concurrent CREATE ... IF NOT EXISTS can still fail on the catalog's unique indexes).
    /// </summary>
    public static async Task EnsureCreatedAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using (var probe = new NpgsqlCommand(Probe, connection))
        {
            if (await probe.ExecuteScalarAsync(cancellationToken) is true)
            {
                return;
            }
        }

        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var lockCommand = new NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtext('Provisioner.GhlClient.rate_budget'))", connection, transaction))
        {
            await lockCommand.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var probe = new NpgsqlCommand(Probe, connection, transaction))
        {
            if (await probe.ExecuteScalarAsync(cancellationToken) is true)
            {
                await transaction.CommitAsync(cancellationToken);
                return;
            }
        }

        await using (var ddl = new NpgsqlCommand(Ddl, connection, transaction))
        {
            await ddl.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }
}
