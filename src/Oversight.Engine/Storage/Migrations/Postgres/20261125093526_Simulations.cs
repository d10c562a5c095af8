using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Oversight.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Simulations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "simulations",
                columns: table => new
                {
                    Id = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Status = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    CreatedAtTicks = table.Column<long>(type: "bigint", nullable: false),
                    FinishedAtTicks = table.Column<long>(type: "bigint", nullable: true),
                    BaselinePolicyId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    CandidateYaml = table.Column<string>(type: "text", nullable: false),
                    Period = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    FromTicks = table.Column<long>(type: "bigint", nullable: false),
                    ToTicks = table.Column<long>(type: "bigint", nullable: false),
                    Requests = table.Column<int>(type: "integer", nullable: false),
                    ResultJson = table.Column<string>(type: "text", nullable: true),
                    Error = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_simulations", x => x.Id);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "simulations");
        }
    }
}
