using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Oversight.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "api_keys",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    KeyHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Role = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Agency = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    CreatedAtTicks = table.Column<long>(type: "INTEGER", nullable: false),
                    Revoked = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_api_keys", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "audit_runs",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RanAtTicks = table.Column<long>(type: "INTEGER", nullable: false),
                    Intact = table.Column<bool>(type: "INTEGER", nullable: false),
                    Entries = table.Column<long>(type: "INTEGER", nullable: false),
                    FirstBadSequence = table.Column<long>(type: "INTEGER", nullable: true),
                    HeadSequence = table.Column<long>(type: "INTEGER", nullable: false),
                    HeadHash = table.Column<string>(type: "TEXT", nullable: true),
                    Message = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_audit_runs", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "decisions",
                columns: table => new
                {
                    Sequence = table.Column<long>(type: "INTEGER", nullable: false),
                    RequestId = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Agency = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Requester = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    CaseNumber = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    SubmittedAtTicks = table.Column<long>(type: "INTEGER", nullable: false),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    PolicyId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    PolicyVersion = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    PolicySha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    RequestJson = table.Column<string>(type: "TEXT", nullable: false),
                    DecisionJson = table.Column<string>(type: "TEXT", nullable: false),
                    PreviousHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    RecordedAtTicks = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_decisions", x => x.Sequence);
                });

            migrationBuilder.CreateIndex(
                name: "IX_api_keys_KeyHash",
                table: "api_keys",
                column: "KeyHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_decisions_Agency_SubmittedAtTicks",
                table: "decisions",
                columns: new[] { "Agency", "SubmittedAtTicks" });

            migrationBuilder.CreateIndex(
                name: "IX_decisions_RequestId",
                table: "decisions",
                column: "RequestId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_decisions_SubmittedAtTicks",
                table: "decisions",
                column: "SubmittedAtTicks");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "api_keys");

            migrationBuilder.DropTable(
                name: "audit_runs");

            migrationBuilder.DropTable(
                name: "decisions");
        }
    }
}
