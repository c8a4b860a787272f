using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Complaints.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Consumers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Email = table.Column<string>(type: "TEXT", maxLength: 254, nullable: true),
                    WhatsApp = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    Nik = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ConsentGivenAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Consumers", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Holidays",
                columns: table => new
                {
                    Date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Type = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Holidays", x => x.Date);
                });

            migrationBuilder.CreateTable(
                name: "IllegalEntities",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SourceId = table.Column<int>(type: "INTEGER", nullable: true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Aliases = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    EntityType = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    ActivityTypes = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    Websites = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    ListedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Reference = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IllegalEntities", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Institutions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    LegalName = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    BrandNames = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    LicenseNumber = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Sector = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    LicensedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Website = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    IsSharia = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Institutions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Cases",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TrackingNumber = table.Column<string>(type: "TEXT", maxLength: 14, nullable: false),
                    PinHash = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    ComplaintType = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    Channel = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Tier = table.Column<int>(type: "INTEGER", nullable: false),
                    IsRestricted = table.Column<bool>(type: "INTEGER", nullable: false),
                    IsUntimely = table.Column<bool>(type: "INTEGER", nullable: false),
                    InstitutionExtended = table.Column<bool>(type: "INTEGER", nullable: false),
                    FacilitationExtended = table.Column<bool>(type: "INTEGER", nullable: false),
                    ConsumerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    InstitutionId = table.Column<int>(type: "INTEGER", nullable: true),
                    InstitutionNameAsTyped = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Sector = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    Product = table.Column<string>(type: "TEXT", maxLength: 60, nullable: true),
                    IssueCategory = table.Column<string>(type: "TEXT", maxLength: 60, nullable: true),
                    Description = table.Column<string>(type: "TEXT", maxLength: 10000, nullable: false),
                    LossAmount = table.Column<long>(type: "INTEGER", nullable: true),
                    RequestedResolution = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    ComplainedToInstitutionOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    InstitutionAnsweredOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    InstitutionAnswer = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    SubmittedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ClosedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Deadline_Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    Deadline_TotalWorkingDays = table.Column<int>(type: "INTEGER", nullable: true),
                    Deadline_SpentWorkingDays = table.Column<int>(type: "INTEGER", nullable: true),
                    Deadline_RunningSinceUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Deadline_DueAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    SuspendedDeadline_Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    SuspendedDeadline_TotalWorkingDays = table.Column<int>(type: "INTEGER", nullable: true),
                    SuspendedDeadline_SpentWorkingDays = table.Column<int>(type: "INTEGER", nullable: true),
                    SuspendedDeadline_RunningSinceUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    SuspendedDeadline_DueAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ReturnState = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    EventCount = table.Column<int>(type: "INTEGER", nullable: false),
                    LastEventHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Cases", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Cases_Consumers_ConsumerId",
                        column: x => x.ConsumerId,
                        principalTable: "Consumers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Cases_Institutions_InstitutionId",
                        column: x => x.InstitutionId,
                        principalTable: "Institutions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Attachments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CaseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    ContentType = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    SizeBytes = table.Column<long>(type: "INTEGER", nullable: false),
                    Sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    UploadedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UploadedByRole = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    UploadedById = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Visibility = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Attachments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Attachments_Cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "Cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CaseEvents",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CaseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Sequence = table.Column<int>(type: "INTEGER", nullable: false),
                    OccurredAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ActorRole = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    ActorId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Trigger = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    FromState = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    ToState = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    Visibility = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    PreviousHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CaseEvents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CaseEvents_Cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "Cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Attachments_CaseId",
                table: "Attachments",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_CaseEvents_CaseId_Sequence",
                table: "CaseEvents",
                columns: new[] { "CaseId", "Sequence" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Cases_ConsumerId",
                table: "Cases",
                column: "ConsumerId");

            migrationBuilder.CreateIndex(
                name: "IX_Cases_Deadline_DueAtUtc",
                table: "Cases",
                column: "Deadline_DueAtUtc");

            migrationBuilder.CreateIndex(
                name: "IX_Cases_InstitutionId_State",
                table: "Cases",
                columns: new[] { "InstitutionId", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_Cases_State_SubmittedAtUtc",
                table: "Cases",
                columns: new[] { "State", "SubmittedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_Cases_SubmittedAtUtc",
                table: "Cases",
                column: "SubmittedAtUtc");

            migrationBuilder.CreateIndex(
                name: "IX_Cases_SuspendedDeadline_DueAtUtc",
                table: "Cases",
                column: "SuspendedDeadline_DueAtUtc");

            migrationBuilder.CreateIndex(
                name: "IX_Cases_TrackingNumber",
                table: "Cases",
                column: "TrackingNumber",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Consumers_Email",
                table: "Consumers",
                column: "Email");

            migrationBuilder.CreateIndex(
                name: "IX_Consumers_Nik",
                table: "Consumers",
                column: "Nik");

            migrationBuilder.CreateIndex(
                name: "IX_Consumers_WhatsApp",
                table: "Consumers",
                column: "WhatsApp");

            migrationBuilder.CreateIndex(
                name: "IX_IllegalEntities_SourceId",
                table: "IllegalEntities",
                column: "SourceId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Institutions_LegalName",
                table: "Institutions",
                column: "LegalName");

            migrationBuilder.CreateIndex(
                name: "IX_Institutions_LicenseNumber",
                table: "Institutions",
                column: "LicenseNumber");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Attachments");

            migrationBuilder.DropTable(
                name: "CaseEvents");

            migrationBuilder.DropTable(
                name: "Holidays");

            migrationBuilder.DropTable(
                name: "IllegalEntities");

            migrationBuilder.DropTable(
                name: "Cases");

            migrationBuilder.DropTable(
                name: "Consumers");

            migrationBuilder.DropTable(
                name: "Institutions");
        }
    }
}
