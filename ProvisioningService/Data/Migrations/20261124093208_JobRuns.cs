using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Provisioner.ProvisioningService.Data.Migrations
{
    /// <inheritdoc />
    public partial class JobRuns : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "compensation_outstanding",
                table: "jobs",
                type: "jsonb",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "snapshot_reason",
                table: "jobs",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "error",
                table: "job_steps",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "text",
                oldNullable: true);

            migrationBuilder.AddColumn<string>(
                name: "detail",
                table: "job_steps",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "agency_settings",
                columns: table => new
                {
                    agency_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    default_snapshot_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    max_concurrent_jobs = table.Column<int>(type: "integer", nullable: true),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_agency_settings", x => x.agency_id);
                });

            migrationBuilder.CreateTable(
                name: "job_admissions",
                columns: table => new
                {
                    job_id = table.Column<Guid>(type: "uuid", nullable: false),
                    agency_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    admitted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_job_admissions", x => x.job_id);
                    table.ForeignKey(
                        name: "FK_job_admissions_jobs_job_id",
                        column: x => x.job_id,
                        principalTable: "jobs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_job_admissions_agency_id",
                table: "job_admissions",
                column: "agency_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "agency_settings");

            migrationBuilder.DropTable(
                name: "job_admissions");

            migrationBuilder.DropColumn(
                name: "compensation_outstanding",
                table: "jobs");

            migrationBuilder.DropColumn(
                name: "snapshot_reason",
                table: "jobs");

            migrationBuilder.DropColumn(
                name: "detail",
                table: "job_steps");

            migrationBuilder.AlterColumn<string>(
                name: "error",
                table: "job_steps",
                type: "text",
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(2000)",
                oldMaxLength: 2000,
                oldNullable: true);
        }
    }
}
