using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CollabDocs.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class TitlesAndLinkGrants : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Title",
                table: "Documents",
                type: "TEXT",
                maxLength: 200,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "GrantedBy",
                table: "DocumentMembers",
                type: "TEXT",
                maxLength: 256,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Title",
                table: "Documents");

            migrationBuilder.DropColumn(
                name: "GrantedBy",
                table: "DocumentMembers");
        }
    }
}
