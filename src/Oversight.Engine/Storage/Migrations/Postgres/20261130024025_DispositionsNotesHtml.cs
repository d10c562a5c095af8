using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Oversight.Storage.Migrations.Postgres
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
                type: "bytea",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "finding_dispositions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    FindingId = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Disposition = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    Note = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    By = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    AtTicks = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_finding_dispositions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "report_notes",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Period = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Yaml = table.Column<string>(type: "text", nullable: false),
                    Sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    By = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    AtTicks = table.Column<long>(type: "bigint", nullable: false)
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
