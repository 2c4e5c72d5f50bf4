using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Provisioner.ProvisioningService.Data.Migrations
{
    /// <summary>
    /// Notifies <c>provisioner_job_events</c> with the job's id for every inserted job event. PostgreSQL delivers a
    /// notification when (and only if) its transaction commits, and folds identical ones of one transaction into one, so
    /// the live streams learn of a committed event at once (<c>Streaming/JobEventNotifications</c>). No model change.
    /// </summary>
    [DbContext(typeof(ProvisioningDbContext))]
    [Migration("20261124140000_JobEventNotify")]
    public partial class JobEventNotify : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE FUNCTION notify_job_event() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    PERFORM pg_notify('provisioner_job_events', NEW.job_id::text);
                    RETURN NULL;
                END;
                $$;
                CREATE TRIGGER job_events_notify AFTER INSERT ON job_events
                    FOR EACH ROW EXECUTE FUNCTION notify_job_event();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER IF EXISTS job_events_notify ON job_events;
                DROP FUNCTION IF EXISTS notify_job_event();
                """);
        }
    }
}
