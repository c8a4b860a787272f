using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Complaints.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class OutboxRedactionAndAuditIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "PayloadAfterSending",
                table: "OutboxMessages",
                type: "TEXT",
                maxLength: 8000,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_OccurredAtUtc_Id",
                table: "AuditEntries",
                columns: new[] { "OccurredAtUtc", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_AuditEntries_OccurredAtUtc_Id",
                table: "AuditEntries");

            migrationBuilder.DropColumn(
                name: "PayloadAfterSending",
                table: "OutboxMessages");
        }
    }
}
