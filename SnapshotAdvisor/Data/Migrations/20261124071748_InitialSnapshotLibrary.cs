using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Provisioner.SnapshotAdvisor.Data.Migrations
{
    /// <inheritdoc />
    public partial class InitialSnapshotLibrary : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "agency_libraries",
                columns: table => new
                {
                    agency_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false),
                    last_synced_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    last_sync_error = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_agency_libraries", x => x.agency_id);
                });

            migrationBuilder.CreateTable(
                name: "snapshots",
                columns: table => new
                {
                    agency_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    name = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    type = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    description = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    tags = table.Column<List<string>>(type: "text[]", nullable: false),
                    default_custom_values = table.Column<string>(type: "jsonb", nullable: false),
                    default_user_roles = table.Column<List<string>>(type: "text[]", nullable: false),
                    hidden = table.Column<bool>(type: "boolean", nullable: false),
                    first_synced_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    last_synced_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    removed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_snapshots", x => new { x.agency_id, x.id });
                });

            migrationBuilder.CreateIndex(
                name: "IX_snapshots_agency_id_removed_at",
                table: "snapshots",
                columns: new[] { "agency_id", "removed_at" });

            migrationBuilder.CreateIndex(
                name: "IX_snapshots_tags",
                table: "snapshots",
                column: "tags")
                .Annotation("Npgsql:IndexMethod", "gin");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "agency_libraries");

            migrationBuilder.DropTable(
                name: "snapshots");
        }
    }
}
