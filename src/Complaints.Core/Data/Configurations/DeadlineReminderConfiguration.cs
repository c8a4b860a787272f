using Complaints.Core.Domain.Cases;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Complaints.Core.Data.Configurations;

internal sealed class DeadlineReminderConfiguration : IEntityTypeConfiguration<DeadlineReminder>
{
    public void Configure(EntityTypeBuilder<DeadlineReminder> builder)
    {
        builder.HasKey(r => r.Id);
        builder.HasOne<Case>().WithMany().HasForeignKey(r => r.CaseId).OnDelete(DeleteBehavior.Cascade);

        // One reminder per case, clock and due date, whichever node records it first.
        builder.HasIndex(r => new { r.CaseId, r.DueAtUtc, r.ClockKind }).IsUnique();

        // The outbox delivers in order of creation.
        builder.HasIndex(r => r.CreatedAtUtc);
    }
}
