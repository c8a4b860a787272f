using Complaints.Core.Domain.Calendar;
using Complaints.Core.Domain.Cases;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Complaints.Core.Data.Configurations;

internal sealed class CaseConfiguration : IEntityTypeConfiguration<Case>
{
    public void Configure(EntityTypeBuilder<Case> builder)
    {
        builder.HasKey(c => c.Id);
        builder.Property(c => c.TrackingNumber).HasMaxLength(14);
        builder.HasIndex(c => c.TrackingNumber).IsUnique();
        builder.Property(c => c.PinHash).HasMaxLength(120);
        // The expired-PIN job reads the due range only.
        builder.HasIndex(c => c.PinExpiresAtUtc);
        builder.Property(c => c.InstitutionNameAsTyped).HasMaxLength(200);
        builder.Property(c => c.Product).HasMaxLength(60);
        builder.Property(c => c.IssueCategory).HasMaxLength(60);
        builder.Property(c => c.Description).HasMaxLength(10_000);
        builder.Property(c => c.RequestedResolution).HasMaxLength(4_000);
        builder.Property(c => c.InstitutionAnswer).HasMaxLength(4_000);
        builder.Property(c => c.LastEventHash).HasMaxLength(64);
        builder.Property(c => c.ReferredTo).HasMaxLength(300);
        builder.Property(c => c.AgreementTerms).HasMaxLength(4_000);
        builder.Property(c => c.AssignedToUserId).HasMaxLength(450);
        builder.Property(c => c.RatingComment).HasMaxLength(2_000);
        builder.Property(c => c.Version).IsConcurrencyToken();

        builder.HasOne(c => c.Consumer).WithMany().HasForeignKey(c => c.ConsumerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(c => c.Institution).WithMany().HasForeignKey(c => c.InstitutionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(c => c.Events).WithOne().HasForeignKey(e => e.CaseId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(c => c.Events).UsePropertyAccessMode(PropertyAccessMode.Field);

        builder.OwnsOne(c => c.Deadline, ConfigureClock);
        builder.OwnsOne(c => c.SuspendedDeadline, ConfigureClock);

        // Queues, institution dashboards, consumer lists and deadline sweeps.
        builder.HasIndex(c => new { c.State, c.SubmittedAtUtc });
        builder.HasIndex(c => new { c.InstitutionId, c.State });
        // Covering for the institution dashboard (own and sector figures from the index alone); its leading columns
        // serve an institution's lists by submission date.
        builder.HasIndex(c => new
        {
            c.InstitutionId, c.SubmittedAtUtc, c.ForwardedAtUtc, c.State, c.Outcome, c.IsUntimely, c.InstitutionExtended, c.Rating, c.ReliefAmount, c.FailedRule,
        }).HasDatabaseName("IX_Cases_InstitutionDashboard");
        builder.HasIndex(c => new { c.ConsumerId, c.SubmittedAtUtc });
        builder.HasIndex(c => new { c.SubmittedAtUtc, c.Id });
        builder.Property(c => c.ProvinceCode).HasMaxLength(2);
        builder.HasIndex(c => new { c.AssignedToUserId, c.State });
        builder.HasIndex(c => new { c.Tier, c.State, c.SubmittedAtUtc });
        builder.Ignore(c => c.StateInfo);
        builder.Ignore(c => c.Step);
    }

    private static void ConfigureClock<TOwner>(OwnedNavigationBuilder<TOwner, DeadlineClock> clock)
        where TOwner : class
    {
        clock.Property(d => d.Kind).HasMaxLength(40);
        clock.Ignore(d => d.IsRunning);
        clock.Ignore(d => d.DueDate);
        clock.HasIndex(d => d.DueAtUtc);
    }
}

internal sealed class CaseEventConfiguration : IEntityTypeConfiguration<CaseEvent>
{
    public void Configure(EntityTypeBuilder<CaseEvent> builder)
    {
        builder.HasKey(e => e.Id);
        builder.HasIndex(e => new { e.CaseId, e.Sequence }).IsUnique();
        builder.Property(e => e.ActorId).HasMaxLength(100);
        builder.Property(e => e.Note).HasMaxLength(4_000);
        builder.Property(e => e.PreviousHash).HasMaxLength(64);
        builder.Property(e => e.Hash).HasMaxLength(64);
    }
}

internal sealed class AttachmentConfiguration : IEntityTypeConfiguration<Attachment>
{
    public void Configure(EntityTypeBuilder<Attachment> builder)
    {
        builder.HasKey(a => a.Id);
        builder.Property(a => a.FileName).HasMaxLength(255);
        builder.Property(a => a.ContentType).HasMaxLength(100);
        builder.Property(a => a.Sha256).HasMaxLength(64);
        builder.Property(a => a.UploadedById).HasMaxLength(100);
        builder.HasOne<Case>().WithMany().HasForeignKey(a => a.CaseId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(a => a.CaseId);
    }
}

internal sealed class CaseMessageConfiguration : IEntityTypeConfiguration<CaseMessage>
{
    public void Configure(EntityTypeBuilder<CaseMessage> builder)
    {
        builder.HasKey(m => m.Id);
        builder.Property(m => m.AuthorId).HasMaxLength(450);
        builder.Property(m => m.Body).HasMaxLength(4_000);
        builder.HasOne<Case>().WithMany().HasForeignKey(m => m.CaseId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(m => new { m.CaseId, m.SentAtUtc });
    }
}

internal sealed class CaseMeetingConfiguration : IEntityTypeConfiguration<CaseMeeting>
{
    public void Configure(EntityTypeBuilder<CaseMeeting> builder)
    {
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Location).HasMaxLength(300);
        builder.Property(m => m.VideoLink).HasMaxLength(500);
        builder.Property(m => m.Participants).HasMaxLength(1_000);
        builder.Property(m => m.Minutes).HasMaxLength(10_000);
        builder.Property(m => m.CreatedById).HasMaxLength(450);
        builder.HasOne<Case>().WithMany().HasForeignKey(m => m.CaseId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(m => new { m.CaseId, m.ScheduledAtUtc });
    }
}
