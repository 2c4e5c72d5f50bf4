using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Provisioner.ProvisioningService.Data.Migrations
{
    /// <summary>
    /// The agency-wide custom value templates (<c>Data/CustomValueTemplate</c>): one row per agency and name, the
    /// value as written (placeholders unresolved). Written by hand without a Designer file, like JobEventNotify; the
    /// model snapshot carries the table.
    /// </summary>
    [DbContext(typeof(ProvisioningDbContext))]
    [Migration("20261124183000_CustomValueTemplates")]
    public partial class CustomValueTemplates : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "custom_value_templates",
                columns: table => new
                {
                    agency_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    value = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_custom_value_templates", x => new { x.agency_id, x.name });
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(name: "custom_value_templates");
        }
    }
}
