using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Provisioner.AuditService.Data.Migrations;

/// <summary>
/// Makes the audit tables append-only in PostgreSQL itself: privileges revoked and triggers that refuse UPDATE,
/// DELETE and TRUNCATE. The one exception is retention's move: audit_archive_expired copies entries to the archive and
/// may then delete a live row only if an identical copy is archived, so nothing can be dropped or altered on the way.
/// </summary>
public partial class AppendOnlyEnforcement : Migration
{
    private const string Columns =
        "message_id, agency_id, sequence, message_type, job_id, actor, occurred_at, received_at, payload, previous_hash, hash";

    /// <inheritdoc />
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            CREATE FUNCTION audit_payload_text(p jsonb) RETURNS text
            LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS 'SELECT p::text';
            """);

        migrationBuilder.Sql("""
            CREATE FUNCTION audit_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                -- Nested so OLD is only read by row-level DELETE triggers (TRUNCATE triggers have no row).
                IF TG_OP = 'DELETE' AND TG_TABLE_NAME = 'audit_entries' THEN
                    IF EXISTS (
                        SELECT 1 FROM audit_archive a
                        WHERE a.message_id = OLD.message_id AND a.agency_id = OLD.agency_id AND a.sequence = OLD.sequence
                          AND a.message_type = OLD.message_type AND a.job_id IS NOT DISTINCT FROM OLD.job_id
                          AND a.actor IS NOT DISTINCT FROM OLD.actor AND a.occurred_at = OLD.occurred_at
                          AND a.received_at = OLD.received_at AND a.payload = OLD.payload
                          AND a.previous_hash = OLD.previous_hash AND a.hash = OLD.hash) THEN
                        -- The row has moved to the archive unchanged: removing it from the live table loses nothing.
                        RETURN OLD;
                    END IF;
                END IF;
                RAISE EXCEPTION 'the audit log is append-only: % on % is refused', TG_OP, TG_TABLE_NAME
                    USING ERRCODE = 'insufficient_privilege';
            END $$;

            CREATE TRIGGER audit_entries_append_only BEFORE UPDATE OR DELETE ON audit_entries
                FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();
            CREATE TRIGGER audit_entries_no_truncate BEFORE TRUNCATE ON audit_entries
                FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();
            CREATE TRIGGER audit_archive_append_only BEFORE UPDATE OR DELETE ON audit_archive
                FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();
            CREATE TRIGGER audit_archive_no_truncate BEFORE TRUNCATE ON audit_archive
                FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();

            REVOKE UPDATE, DELETE, TRUNCATE ON audit_entries, audit_archive FROM PUBLIC, CURRENT_USER;
            """);

        // SECURITY DEFINER: where migrations run as a separate owner role, the service role needs only EXECUTE.
        // The owner's DELETE right exists only inside this function's transaction and the trigger still checks each row.
        migrationBuilder.Sql($"""
            CREATE FUNCTION audit_archive_expired(cutoff timestamptz, max_rows integer) RETURNS integer
            LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
            DECLARE moved integer;
            BEGIN
                PERFORM pg_advisory_xact_lock(hashtextextended('audit_archive_expired', 0));
                INSERT INTO audit_archive ({Columns})
                    SELECT {Columns} FROM audit_entries WHERE received_at < cutoff ORDER BY received_at LIMIT max_rows;
                GET DIAGNOSTICS moved = ROW_COUNT;
                GRANT DELETE ON audit_entries TO CURRENT_USER;
                DELETE FROM audit_entries e USING audit_archive a
                    WHERE a.message_id = e.message_id AND e.received_at < cutoff;
                REVOKE DELETE ON audit_entries FROM CURRENT_USER;
                RETURN moved;
            END $$;
            """);
    }

    /// <inheritdoc />
    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            DROP FUNCTION audit_archive_expired(timestamptz, integer);
            DROP TRIGGER audit_archive_no_truncate ON audit_archive;
            DROP TRIGGER audit_archive_append_only ON audit_archive;
            DROP TRIGGER audit_entries_no_truncate ON audit_entries;
            DROP TRIGGER audit_entries_append_only ON audit_entries;
            DROP FUNCTION audit_refuse_change();
            DROP FUNCTION audit_payload_text(jsonb);
            GRANT UPDATE, DELETE, TRUNCATE ON audit_entries, audit_archive TO CURRENT_USER;
            """);
    }
}
