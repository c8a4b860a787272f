using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Complaints.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class DeadlineReminders : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "DeadlineReminders",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CaseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ClockKind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    DueAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Party = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DeadlineReminders", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DeadlineReminders_Cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "Cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_DeadlineReminders_CaseId_DueAtUtc_ClockKind",
                table: "DeadlineReminders",
                columns: new[] { "CaseId", "DueAtUtc", "ClockKind" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_DeadlineReminders_CreatedAtUtc",
                table: "DeadlineReminders",
                column: "CreatedAtUtc");

            // The deadline sweep reads overdue running clocks per state, skipping institutions already
            // marked untimely. EF cannot index an owner column together with an owned one, so plain SQL,
            // identical on both providers.
            migrationBuilder.Sql("CREATE INDEX \"IX_Cases_State_IsUntimely_Deadline_DueAtUtc\" ON \"Cases\" (\"State\", \"IsUntimely\", \"Deadline_DueAtUtc\");");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP INDEX \"IX_Cases_State_IsUntimely_Deadline_DueAtUtc\";");

            migrationBuilder.DropTable(
                name: "DeadlineReminders");
        }
    }
}
