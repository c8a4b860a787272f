using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Complaints.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class StatisticsEarlyWarningsAndProvince : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ProvinceCode",
                table: "Cases",
                type: "TEXT",
                maxLength: 2,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "EarlyWarningFlags",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Dimension = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Key = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    WeekStart = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Count = table.Column<int>(type: "INTEGER", nullable: false),
                    BaselineMean = table.Column<double>(type: "REAL", nullable: false),
                    BaselineStdDev = table.Column<double>(type: "REAL", nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ReviewedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ReviewedById = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    ReviewNote = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EarlyWarningFlags", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_EarlyWarningFlags_Dimension_Key_WeekStart",
                table: "EarlyWarningFlags",
                columns: new[] { "Dimension", "Key", "WeekStart" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_EarlyWarningFlags_WeekStart",
                table: "EarlyWarningFlags",
                column: "WeekStart");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "EarlyWarningFlags");

            migrationBuilder.DropColumn(
                name: "ProvinceCode",
                table: "Cases");
        }
    }
}
