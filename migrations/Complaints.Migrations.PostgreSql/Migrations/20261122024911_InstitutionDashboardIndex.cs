using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Complaints.Migrations.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class InstitutionDashboardIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Cases_InstitutionId_SubmittedAtUtc",
                table: "Cases");

            migrationBuilder.CreateIndex(
                name: "IX_Cases_InstitutionDashboard",
                table: "Cases",
                columns: new[] { "InstitutionId", "SubmittedAtUtc", "ForwardedAtUtc", "State", "Outcome", "IsUntimely", "InstitutionExtended", "Rating", "ReliefAmount", "FailedRule" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Cases_InstitutionDashboard",
                table: "Cases");

            migrationBuilder.CreateIndex(
                name: "IX_Cases_InstitutionId_SubmittedAtUtc",
                table: "Cases",
                columns: new[] { "InstitutionId", "SubmittedAtUtc" });
        }
    }
}
