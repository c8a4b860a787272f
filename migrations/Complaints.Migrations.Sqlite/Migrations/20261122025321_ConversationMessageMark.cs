using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Complaints.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ConversationMessageMark : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Mark",
                table: "ConversationMessages",
                type: "TEXT",
                maxLength: 40,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Conversations_StartedAtUtc",
                table: "Conversations",
                column: "StartedAtUtc");

            migrationBuilder.CreateIndex(
                name: "IX_ConversationMessages_ConversationId_Mark",
                table: "ConversationMessages",
                columns: new[] { "ConversationId", "Mark" },
                filter: "\"Mark\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_ConversationMessages_ExternalId_ConversationId",
                table: "ConversationMessages",
                columns: new[] { "ExternalId", "ConversationId" },
                filter: "\"ExternalId\" IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Conversations_StartedAtUtc",
                table: "Conversations");

            migrationBuilder.DropIndex(
                name: "IX_ConversationMessages_ConversationId_Mark",
                table: "ConversationMessages");

            migrationBuilder.DropIndex(
                name: "IX_ConversationMessages_ExternalId_ConversationId",
                table: "ConversationMessages");

            migrationBuilder.DropColumn(
                name: "Mark",
                table: "ConversationMessages");
        }
    }
}
