using Complaints.Core.Domain.Administration;
using Complaints.Core.Domain.Cases;
using Complaints.Core.Domain.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Complaints.Core.Data.Configurations;

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> builder)
    {
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Recipient).HasMaxLength(320);
        builder.Property(m => m.Culture).HasMaxLength(5);
        builder.Property(m => m.TemplateKey).HasMaxLength(80);
        builder.Property(m => m.TrackingNumber).HasMaxLength(20);
        builder.Property(m => m.Subject).HasMaxLength(300);
        builder.Property(m => m.Body).HasMaxLength(8_000);
        builder.Property(m => m.TemplateParameters).HasMaxLength(2_000);
        builder.Property(m => m.LastError).HasMaxLength(OutboxMessage.MaxErrorLength);
        builder.Property(m => m.ProviderMessageId).HasMaxLength(200);
        builder.Property(m => m.WhatsAppPayload).HasMaxLength(8_000);
        builder.Property(m => m.PayloadAfterSending).HasMaxLength(8_000);

        // WhatsApp delivery statuses find their message by its wamid.
        builder.HasIndex(m => m.ProviderMessageId);
        builder.HasOne<Case>().WithMany().HasForeignKey(m => m.CaseId).OnDelete(DeleteBehavior.Cascade);

        // The dispatcher reads due pending rows in order; the back office counts and lists by status.
        builder.HasIndex(m => new { m.Status, m.NextAttemptAtUtc });

        // A case page lists what was sent about the case.
        builder.HasIndex(m => new { m.CaseId, m.CreatedAtUtc });
    }
}

internal sealed class NotificationTemplateConfiguration : IEntityTypeConfiguration<NotificationTemplate>
{
    public void Configure(EntityTypeBuilder<NotificationTemplate> builder)
    {
        builder.HasKey(t => new { t.Key, t.Culture });
        builder.Property(t => t.Key).HasMaxLength(80);
        builder.Property(t => t.Culture).HasMaxLength(5);
        builder.Property(t => t.Subject).HasMaxLength(300);
        builder.Property(t => t.Body).HasMaxLength(4_000);
        builder.Property(t => t.ShortText).HasMaxLength(1_000);
        builder.Property(t => t.UpdatedById).HasMaxLength(450);
    }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.HasKey(a => a.Id);
        builder.Property(a => a.UserId).HasMaxLength(450);
        builder.Property(a => a.Area).HasMaxLength(40);
        builder.Property(a => a.Subject).HasMaxLength(200);
        builder.Property(a => a.Before).HasMaxLength(AuditEntry.MaxValueLength);
        builder.Property(a => a.After).HasMaxLength(AuditEntry.MaxValueLength);

        // The audit page lists an area's changes, or all areas', newest first.
        builder.HasIndex(a => new { a.Area, a.OccurredAtUtc });
        builder.HasIndex(a => new { a.OccurredAtUtc, a.Id });
    }
}

internal sealed class PolicySettingConfiguration : IEntityTypeConfiguration<PolicySetting>
{
    public void Configure(EntityTypeBuilder<PolicySetting> builder)
    {
        builder.HasKey(p => p.Key);
        builder.Property(p => p.Key).HasMaxLength(80);
        builder.Property(p => p.UpdatedById).HasMaxLength(450);
    }
}

internal sealed class JobRunConfiguration : IEntityTypeConfiguration<JobRun>
{
    public void Configure(EntityTypeBuilder<JobRun> builder)
    {
        builder.HasKey(j => j.JobName);
        builder.Property(j => j.JobName).HasMaxLength(100);
        builder.Property(j => j.LastResult).HasMaxLength(500);
        builder.Property(j => j.LastError).HasMaxLength(2_000);
        builder.Property(j => j.LastNode).HasMaxLength(200);
    }
}

internal sealed class EarlyWarningFlagConfiguration : IEntityTypeConfiguration<Complaints.Core.Domain.Statistics.EarlyWarningFlag>
{
    public void Configure(EntityTypeBuilder<Complaints.Core.Domain.Statistics.EarlyWarningFlag> builder)
    {
        builder.HasKey(f => f.Id);
        builder.Property(f => f.Key).HasMaxLength(100);
        builder.Property(f => f.ReviewedById).HasMaxLength(450);
        builder.Property(f => f.ReviewNote).HasMaxLength(1_000);

        // One flag per dimension, key and week, whichever run or node finds it first; supervisors list the newest.
        builder.HasIndex(f => new { f.Dimension, f.Key, f.WeekStart }).IsUnique();
        builder.HasIndex(f => f.WeekStart);
    }
}
