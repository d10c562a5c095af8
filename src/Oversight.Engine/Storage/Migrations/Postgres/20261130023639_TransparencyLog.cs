using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Oversight.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class TransparencyLog : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<string>(
                name: "PreviousHash",
                table: "decisions",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(64)",
                oldMaxLength: 64);

            migrationBuilder.AlterColumn<string>(
                name: "Hash",
                table: "decisions",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(64)",
                oldMaxLength: 64);

            migrationBuilder.AddColumn<byte[]>(
                name: "LeafHash",
                table: "decisions",
                type: "bytea",
                maxLength: 32,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "checkpoints",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    TreeSize = table.Column<long>(type: "bigint", nullable: false),
                    RootHash = table.Column<string>(type: "character varying(44)", maxLength: 44, nullable: false),
                    Note = table.Column<string>(type: "text", nullable: false),
                    SignedAtTicks = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_checkpoints", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "cosignatures",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    TreeSize = table.Column<long>(type: "bigint", nullable: false),
                    KeyName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    KeyId = table.Column<long>(type: "bigint", nullable: false),
                    Line = table.Column<string>(type: "text", nullable: false),
                    CosignedAtTicks = table.Column<long>(type: "bigint", nullable: false),
                    ReceivedAtTicks = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_cosignatures", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_checkpoints_TreeSize",
                table: "checkpoints",
                column: "TreeSize",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_cosignatures_TreeSize_KeyName_KeyId",
                table: "cosignatures",
                columns: new[] { "TreeSize", "KeyName", "KeyId" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "checkpoints");

            migrationBuilder.DropTable(
                name: "cosignatures");

            migrationBuilder.DropColumn(
                name: "LeafHash",
                table: "decisions");

            migrationBuilder.AlterColumn<string>(
                name: "PreviousHash",
                table: "decisions",
                type: "character varying(64)",
                maxLength: 64,
                nullable: false,
                defaultValue: "",
                oldClrType: typeof(string),
                oldType: "character varying(64)",
                oldMaxLength: 64,
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "Hash",
                table: "decisions",
                type: "character varying(64)",
                maxLength: 64,
                nullable: false,
                defaultValue: "",
                oldClrType: typeof(string),
                oldType: "character varying(64)",
                oldMaxLength: 64,
                oldNullable: true);
        }
    }
}
