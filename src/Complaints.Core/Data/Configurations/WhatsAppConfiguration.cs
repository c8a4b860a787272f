using Complaints.Core.Domain.WhatsApp;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Complaints.Core.Data.Configurations;

internal sealed class WhatsAppInboxEntryConfiguration : IEntityTypeConfiguration<WhatsAppInboxEntry>
{
    public void Configure(EntityTypeBuilder<WhatsAppInboxEntry> builder)
    {
        builder.HasKey(e => e.Id);
        builder.Property(e => e.ExternalKey).HasMaxLength(300);
        builder.Property(e => e.WaId).HasMaxLength(64);
        builder.Property(e => e.ContactName).HasMaxLength(200);
        builder.Property(e => e.LastError).HasMaxLength(1_000);

        // Redelivered events are stored once.
        builder.HasIndex(e => e.ExternalKey).IsUnique();

        // The job reads unprocessed entries in arrival order.
        builder.HasIndex(e => new { e.IsProcessed, e.Id });
    }
}

internal sealed class ConversationConfiguration : IEntityTypeConfiguration<Conversation>
{
    public void Configure(EntityTypeBuilder<Conversation> builder)
    {
        builder.HasKey(c => c.Id);
        builder.Property(c => c.WaId).HasMaxLength(64);
        builder.Property(c => c.ContactName).HasMaxLength(200);
        builder.Property(c => c.Culture).HasMaxLength(5);
        builder.Property(c => c.BotStep).HasMaxLength(80);
        builder.Property(c => c.BotData).HasMaxLength(16_000);
        builder.Property(c => c.AgentUserId).HasMaxLength(450);
        builder.Property(c => c.CloseReason).HasMaxLength(500);
        builder.Property(c => c.Version).IsConcurrencyToken();

        // The open conversation of a sender; the agent queue in order; an agent's chats; idle ones to expire.
        builder.HasIndex(c => new { c.WaId, c.State });
        builder.HasIndex(c => new { c.State, c.QueuedAtUtc });
        builder.HasIndex(c => new { c.AgentUserId, c.State });
        builder.HasIndex(c => new { c.State, c.LastActivityAtUtc });

        // The channel statistics, from the indexes alone: conversations started in a period and what became of
        // them; conversations assigned to agents in a period (and those they still held).
        builder.HasIndex(c => new { c.StartedAtUtc, c.HadAgent, c.EndedBy, c.ClosedAtUtc, c.CaseId, c.QueuedAtUtc, c.AssignedAtUtc, c.Id })
            .HasDatabaseName("IX_Conversations_Started");
        builder.HasIndex(c => new { c.AssignedAtUtc, c.AgentUserId, c.ClosedAtUtc, c.CaseId, c.Id })
            .HasDatabaseName("IX_Conversations_Assigned")
            .HasFilter("\"AssignedAtUtc\" IS NOT NULL");
    }
}

internal sealed class ConversationMessageConfiguration : IEntityTypeConfiguration<ConversationMessage>
{
    public void Configure(EntityTypeBuilder<ConversationMessage> builder)
    {
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Author).HasMaxLength(450);
        builder.Property(m => m.Text).HasMaxLength(4_096);
        builder.Property(m => m.MediaId).HasMaxLength(200);
        builder.Property(m => m.MediaType).HasMaxLength(100);
        builder.Property(m => m.FileName).HasMaxLength(255);
        builder.Property(m => m.ExternalId).HasMaxLength(200);
        builder.Property(m => m.Mark).HasMaxLength(40);
        builder.HasOne<Conversation>().WithMany().HasForeignKey(m => m.ConversationId).OnDelete(DeleteBehavior.Cascade);

        // A conversation's transcript in order; an agent's first reply in it (the channel statistics).
        builder.HasIndex(m => new { m.ConversationId, m.Id });
        builder.HasIndex(m => new { m.ConversationId, m.Author, m.AtUtc });

        // A redelivered webhook message is found by its wamid, then checked against the sender's conversations;
        // only inbound lines have one.
        builder.HasIndex(m => new { m.ExternalId, m.ConversationId }).HasFilter("\"ExternalId\" IS NOT NULL");

        // The channel statistics count the marked lines of a period's conversations; few lines are marked.
        builder.HasIndex(m => new { m.ConversationId, m.Mark }).HasFilter("\"Mark\" IS NOT NULL");
    }
}

internal sealed class FaqEntryConfiguration : IEntityTypeConfiguration<FaqEntry>
{
    public void Configure(EntityTypeBuilder<FaqEntry> builder)
    {
        builder.HasKey(f => f.Id);
        builder.Property(f => f.QuestionId).HasMaxLength(300);
        builder.Property(f => f.QuestionEn).HasMaxLength(300);
        builder.Property(f => f.AnswerId).HasMaxLength(1_000);
        builder.Property(f => f.AnswerEn).HasMaxLength(1_000);
        builder.Property(f => f.Keywords).HasMaxLength(1_000);
        builder.Property(f => f.UpdatedById).HasMaxLength(450);
    }
}

internal sealed class CannedReplyConfiguration : IEntityTypeConfiguration<CannedReply>
{
    public void Configure(EntityTypeBuilder<CannedReply> builder)
    {
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Title).HasMaxLength(100);
        builder.Property(r => r.TextId).HasMaxLength(1_000);
        builder.Property(r => r.TextEn).HasMaxLength(1_000);
    }
}
