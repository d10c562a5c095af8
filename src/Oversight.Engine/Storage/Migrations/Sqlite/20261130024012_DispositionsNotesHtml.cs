using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Oversight.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class DispositionsNotesHtml : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<byte[]>(
                name: "Html",
                table: "reports",
                type: "BLOB",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "finding_dispositions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    FindingId = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Disposition = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    By = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    AtTicks = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_finding_dispositions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "report_notes",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Period = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Yaml = table.Column<string>(type: "TEXT", nullable: false),
                    Sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    By = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    AtTicks = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_report_notes", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_finding_dispositions_FindingId_Id",
                table: "finding_dispositions",
                columns: new[] { "FindingId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_report_notes_Period_Id",
                table: "report_notes",
                columns: new[] { "Period", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "finding_dispositions");

            migrationBuilder.DropTable(
                name: "report_notes");

            migrationBuilder.DropColumn(
                name: "Html",
                table: "reports");
        }
    }
}
