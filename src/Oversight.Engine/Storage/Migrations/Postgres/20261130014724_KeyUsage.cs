using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Oversight.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class KeyUsage : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "LastUsedAtTicks",
                table: "api_keys",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "RevokedAtTicks",
                table: "api_keys",
                type: "bigint",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "LastUsedAtTicks",
                table: "api_keys");

            migrationBuilder.DropColumn(
                name: "RevokedAtTicks",
                table: "api_keys");
        }
    }
}
