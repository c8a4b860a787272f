using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Complaints.Migrations.PostgreSql.Migrations
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
                type: "character varying(2)",
                maxLength: 2,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "EarlyWarningFlags",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Dimension = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Key = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    WeekStart = table.Column<DateOnly>(type: "date", nullable: false),
                    Count = table.Column<int>(type: "integer", nullable: false),
                    BaselineMean = table.Column<double>(type: "double precision", nullable: false),
                    BaselineStdDev = table.Column<double>(type: "double precision", nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ReviewedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ReviewedById = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    ReviewNote = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true)
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
