using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Complaints.Migrations.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class QueueIndexesAndNameSearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Cases_ConsumerId",
                table: "Cases");

            migrationBuilder.DropIndex(
                name: "IX_Cases_SubmittedAtUtc",
                table: "Cases");

            migrationBuilder.DropIndex(
                name: "IX_Cases_Tier_State",
                table: "Cases");

            migrationBuilder.AddColumn<string>(
                name: "SearchName",
                table: "Consumers",
                type: "character varying(200)",
                maxLength: 200,
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateIndex(
                name: "IX_Consumers_SearchName",
                table: "Consumers",
                column: "SearchName");

            migrationBuilder.CreateIndex(
                name: "IX_Cases_ConsumerId_SubmittedAtUtc",
                table: "Cases",
                columns: new[] { "ConsumerId", "SubmittedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_Cases_InstitutionId_SubmittedAtUtc",
                table: "Cases",
                columns: new[] { "InstitutionId", "SubmittedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_Cases_SubmittedAtUtc_Id",
                table: "Cases",
                columns: new[] { "SubmittedAtUtc", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Cases_Tier_State_SubmittedAtUtc",
                table: "Cases",
                columns: new[] { "Tier", "State", "SubmittedAtUtc" });

            // Existing rows: close to Consumer.SearchKey (which also folds accents and punctuation).
            migrationBuilder.Sql("UPDATE \"Consumers\" SET \"SearchName\" = lower(trim(\"Name\"));");

            // Queues and dashboards list a state's (or an institution's) cases by due date. The due date is a
            // column of the owned deadline clock, which EF Core cannot index together with the case's own
            // columns, so these two are plain SQL, identical on both providers.
            migrationBuilder.Sql("CREATE INDEX \"IX_Cases_State_Deadline_DueAtUtc\" ON \"Cases\" (\"State\", \"Deadline_DueAtUtc\");");
            migrationBuilder.Sql("CREATE INDEX \"IX_Cases_InstitutionId_Deadline_DueAtUtc\" ON \"Cases\" (\"InstitutionId\", \"Deadline_DueAtUtc\");");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP INDEX \"IX_Cases_State_Deadline_DueAtUtc\";");
            migrationBuilder.Sql("DROP INDEX \"IX_Cases_InstitutionId_Deadline_DueAtUtc\";");

            migrationBuilder.DropIndex(
                name: "IX_Consumers_SearchName",
                table: "Consumers");

            migrationBuilder.DropIndex(
                name: "IX_Cases_ConsumerId_SubmittedAtUtc",
                table: "Cases");

            migrationBuilder.DropIndex(
                name: "IX_Cases_InstitutionId_SubmittedAtUtc",
                table: "Cases");

            migrationBuilder.DropIndex(
                name: "IX_Cases_SubmittedAtUtc_Id",
                table: "Cases");

            migrationBuilder.DropIndex(
                name: "IX_Cases_Tier_State_SubmittedAtUtc",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "SearchName",
                table: "Consumers");

            migrationBuilder.CreateIndex(
                name: "IX_Cases_ConsumerId",
                table: "Cases",
                column: "ConsumerId");

            migrationBuilder.CreateIndex(
                name: "IX_Cases_SubmittedAtUtc",
                table: "Cases",
                column: "SubmittedAtUtc");

            migrationBuilder.CreateIndex(
                name: "IX_Cases_Tier_State",
                table: "Cases",
                columns: new[] { "Tier", "State" });
        }
    }
}
