using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CollabDocs.Storage.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class SubmissionsByRevision : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Submissions_DocumentId_Revision",
                table: "Submissions",
                columns: new[] { "DocumentId", "Revision" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Submissions_DocumentId_Revision",
                table: "Submissions");
        }
    }
}
