using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CollabDocs.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SnapshotAuthorship : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<byte[]>(
                name: "Authorship",
                table: "Snapshots",
                type: "BLOB",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Authorship",
                table: "Snapshots");
        }
    }
}
