using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Oversight.Storage.Migrations.Sqlite
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
                    Id = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    CreatedAtTicks = table.Column<long>(type: "INTEGER", nullable: false),
                    FinishedAtTicks = table.Column<long>(type: "INTEGER", nullable: true),
                    BaselinePolicyId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    CandidateYaml = table.Column<string>(type: "TEXT", nullable: false),
                    Period = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    FromTicks = table.Column<long>(type: "INTEGER", nullable: false),
                    ToTicks = table.Column<long>(type: "INTEGER", nullable: false),
                    Requests = table.Column<int>(type: "INTEGER", nullable: false),
                    ResultJson = table.Column<string>(type: "TEXT", nullable: true),
                    Error = table.Column<string>(type: "TEXT", nullable: true)
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
