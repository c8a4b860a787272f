using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Complaints.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class CaseHistoryFactsAndChannelIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Conversations_StartedAtUtc",
                table: "Conversations");

            migrationBuilder.AddColumn<string>(
                name: "ClosedBy",
                table: "Cases",
                type: "TEXT",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "EscalatedAtUtc",
                table: "Cases",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "FacilitationSignedAtUtc",
                table: "Cases",
                type: "TEXT",
                nullable: true);

            // The facts the statistics read from the case, from the history of the cases that have one.
            migrationBuilder.Sql("""
                UPDATE "Cases" SET "ClosedBy" = (
                    SELECT e."Trigger" FROM "CaseEvents" e
                    WHERE e."CaseId" = "Cases"."Id" AND e."ToState" = "Cases"."State" AND (e."FromState" IS NULL OR e."FromState" <> e."ToState")
                    ORDER BY e."Sequence" DESC LIMIT 1)
                WHERE "ClosedAtUtc" IS NOT NULL;
                UPDATE "Cases" SET
                    "EscalatedAtUtc" = (
                        SELECT MAX(e."OccurredAtUtc") FROM "CaseEvents" e
                        WHERE e."CaseId" = "Cases"."Id" AND e."ToState" = 'EscalationRequested'),
                    "FacilitationSignedAtUtc" = (
                        SELECT MAX(e."OccurredAtUtc") FROM "CaseEvents" e
                        WHERE e."CaseId" = "Cases"."Id" AND e."Trigger" = 'SignFacilitationAgreement')
                WHERE "ForwardedAtUtc" IS NOT NULL;
                """);

            migrationBuilder.CreateIndex(
                name: "IX_Conversations_Assigned",
                table: "Conversations",
                columns: new[] { "AssignedAtUtc", "AgentUserId", "ClosedAtUtc", "CaseId", "Id" },
                filter: "\"AssignedAtUtc\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Conversations_Started",
                table: "Conversations",
                columns: new[] { "StartedAtUtc", "HadAgent", "EndedBy", "ClosedAtUtc", "CaseId", "QueuedAtUtc", "AssignedAtUtc", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_ConversationMessages_ConversationId_Author_AtUtc",
                table: "ConversationMessages",
                columns: new[] { "ConversationId", "Author", "AtUtc" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Conversations_Assigned",
                table: "Conversations");

            migrationBuilder.DropIndex(
                name: "IX_Conversations_Started",
                table: "Conversations");

            migrationBuilder.DropIndex(
                name: "IX_ConversationMessages_ConversationId_Author_AtUtc",
                table: "ConversationMessages");

            migrationBuilder.DropColumn(
                name: "ClosedBy",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "EscalatedAtUtc",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "FacilitationSignedAtUtc",
                table: "Cases");

            migrationBuilder.CreateIndex(
                name: "IX_Conversations_StartedAtUtc",
                table: "Conversations",
                column: "StartedAtUtc");
        }
    }
}
