using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Complaints.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class WhatsAppInboxConversationsAndDelivery : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "ConversationId",
                table: "OutboxMessages",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Delivery",
                table: "OutboxMessages",
                type: "TEXT",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "DeliveryUpdatedAtUtc",
                table: "OutboxMessages",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "WhatsAppPayload",
                table: "OutboxMessages",
                type: "TEXT",
                maxLength: 8000,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "CannedReplies",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Title = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    TextId = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    TextEn = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Active = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CannedReplies", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Conversations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    WaId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ContactName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Culture = table.Column<string>(type: "TEXT", maxLength: 5, nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    BotStep = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    BotData = table.Column<string>(type: "TEXT", maxLength: 16000, nullable: true),
                    StartedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    LastInboundAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    LastActivityAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    QueuedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Tier = table.Column<int>(type: "INTEGER", nullable: false),
                    AgentUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    AssignedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    LastAgentReplyAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    HadAgent = table.Column<bool>(type: "INTEGER", nullable: false),
                    CaseId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ClosedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    EndedBy = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    CloseReason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Conversations", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "FaqEntries",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    QuestionId = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    QuestionEn = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    AnswerId = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    AnswerEn = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Keywords = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    SortOrder = table.Column<int>(type: "INTEGER", nullable: false),
                    Active = table.Column<bool>(type: "INTEGER", nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedById = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FaqEntries", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "WhatsAppInbox",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ExternalKey = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    WaId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    ContactName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    OccurredAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ReceivedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Payload = table.Column<string>(type: "TEXT", nullable: false),
                    IsProcessed = table.Column<bool>(type: "INTEGER", nullable: false),
                    ProcessedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    LastError = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WhatsAppInbox", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ConversationMessages",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ConversationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Direction = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    AtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Author = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 4096, nullable: true),
                    MediaId = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    MediaType = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 255, nullable: true),
                    ExternalId = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    OutboxMessageId = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ConversationMessages", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ConversationMessages_Conversations_ConversationId",
                        column: x => x.ConversationId,
                        principalTable: "Conversations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_OutboxMessages_ProviderMessageId",
                table: "OutboxMessages",
                column: "ProviderMessageId");

            migrationBuilder.CreateIndex(
                name: "IX_ConversationMessages_ConversationId_Id",
                table: "ConversationMessages",
                columns: new[] { "ConversationId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Conversations_AgentUserId_State",
                table: "Conversations",
                columns: new[] { "AgentUserId", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_Conversations_State_LastActivityAtUtc",
                table: "Conversations",
                columns: new[] { "State", "LastActivityAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_Conversations_State_QueuedAtUtc",
                table: "Conversations",
                columns: new[] { "State", "QueuedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_Conversations_WaId_State",
                table: "Conversations",
                columns: new[] { "WaId", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_WhatsAppInbox_ExternalKey",
                table: "WhatsAppInbox",
                column: "ExternalKey",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_WhatsAppInbox_IsProcessed_Id",
                table: "WhatsAppInbox",
                columns: new[] { "IsProcessed", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CannedReplies");

            migrationBuilder.DropTable(
                name: "ConversationMessages");

            migrationBuilder.DropTable(
                name: "FaqEntries");

            migrationBuilder.DropTable(
                name: "WhatsAppInbox");

            migrationBuilder.DropTable(
                name: "Conversations");

            migrationBuilder.DropIndex(
                name: "IX_OutboxMessages_ProviderMessageId",
                table: "OutboxMessages");

            migrationBuilder.DropColumn(
                name: "ConversationId",
                table: "OutboxMessages");

            migrationBuilder.DropColumn(
                name: "Delivery",
                table: "OutboxMessages");

            migrationBuilder.DropColumn(
                name: "DeliveryUpdatedAtUtc",
                table: "OutboxMessages");

            migrationBuilder.DropColumn(
                name: "WhatsAppPayload",
                table: "OutboxMessages");
        }
    }
}
