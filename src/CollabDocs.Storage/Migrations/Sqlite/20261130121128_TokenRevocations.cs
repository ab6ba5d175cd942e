using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CollabDocs.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class TokenRevocations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "TokenRevocations",
                columns: table => new
                {
                    UserId = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    RevokedBefore = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TokenRevocations", x => x.UserId);
                });

            migrationBuilder.CreateIndex(
                name: "IX_TokenRevocations_RevokedBefore",
                table: "TokenRevocations",
                column: "RevokedBefore");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "TokenRevocations");
        }
    }
}
