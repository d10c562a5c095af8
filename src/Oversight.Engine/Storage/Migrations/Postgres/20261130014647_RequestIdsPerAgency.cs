using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Oversight.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class RequestIdsPerAgency : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_decisions_RequestId",
                table: "decisions");

            migrationBuilder.AddColumn<long>(
                name: "AgencySequence",
                table: "decisions",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            // Entries already recorded take their place among their agency's entries, in log order.
            migrationBuilder.Sql(
                "UPDATE decisions SET \"AgencySequence\" = (SELECT COUNT(*) FROM decisions AS earlier " +
                "WHERE earlier.\"Agency\" = decisions.\"Agency\" AND earlier.\"Sequence\" <= decisions.\"Sequence\")");

            migrationBuilder.CreateIndex(
                name: "IX_decisions_Agency_AgencySequence",
                table: "decisions",
                columns: new[] { "Agency", "AgencySequence" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_decisions_Agency_RequestId",
                table: "decisions",
                columns: new[] { "Agency", "RequestId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_decisions_RequestId",
                table: "decisions",
                column: "RequestId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_decisions_Agency_AgencySequence",
                table: "decisions");

            migrationBuilder.DropIndex(
                name: "IX_decisions_Agency_RequestId",
                table: "decisions");

            migrationBuilder.DropIndex(
                name: "IX_decisions_RequestId",
                table: "decisions");

            migrationBuilder.DropColumn(
                name: "AgencySequence",
                table: "decisions");

            migrationBuilder.CreateIndex(
                name: "IX_decisions_RequestId",
                table: "decisions",
                column: "RequestId",
                unique: true);
        }
    }
}
