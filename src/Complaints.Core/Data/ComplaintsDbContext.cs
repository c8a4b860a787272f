using Complaints.Core.Domain.Accounts;
using Complaints.Core.Domain.Administration;
using Complaints.Core.Domain.Calendar;
using Complaints.Core.Domain.Cases;
using Complaints.Core.Domain.Consumers;
using Complaints.Core.Domain.Institutions;
using Complaints.Core.Domain.Notifications;
using Complaints.Core.Domain.WhatsApp;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Complaints.Core.Data;

public sealed class ComplaintsDbContext(DbContextOptions<ComplaintsDbContext> options) : IdentityDbContext<ApplicationUser>(options)
{
    public DbSet<Case> Cases => Set<Case>();

    public DbSet<CaseEvent> CaseEvents => Set<CaseEvent>();

    public DbSet<Attachment> Attachments => Set<Attachment>();

    public DbSet<CaseMessage> CaseMessages => Set<CaseMessage>();

    public DbSet<CaseMeeting> CaseMeetings => Set<CaseMeeting>();

    public DbSet<DeadlineReminder> DeadlineReminders => Set<DeadlineReminder>();

    public DbSet<ApiClient> ApiClients => Set<ApiClient>();

    public DbSet<Consumer> Consumers => Set<Consumer>();

    public DbSet<Institution> Institutions => Set<Institution>();

    public DbSet<IllegalEntity> IllegalEntities => Set<IllegalEntity>();

    public DbSet<Holiday> Holidays => Set<Holiday>();

    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();

    public DbSet<NotificationTemplate> NotificationTemplates => Set<NotificationTemplate>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    public DbSet<PolicySetting> PolicySettings => Set<PolicySetting>();

    public DbSet<JobRun> JobRuns => Set<JobRun>();

    public DbSet<WhatsAppInboxEntry> WhatsAppInbox => Set<WhatsAppInboxEntry>();

    public DbSet<Conversation> Conversations => Set<Conversation>();

    public DbSet<ConversationMessage> ConversationMessages => Set<ConversationMessage>();

    public DbSet<FaqEntry> FaqEntries => Set<FaqEntry>();

    public DbSet<CannedReply> CannedReplies => Set<CannedReply>();

    public DbSet<Domain.Statistics.EarlyWarningFlag> EarlyWarningFlags => Set<Domain.Statistics.EarlyWarningFlag>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Rules that keep SQLite and PostgreSQL equal: enums as strings, UTC DateTime everywhere.
        configurationBuilder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(40);
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(ComplaintsDbContext).Assembly);
        modelBuilder.Entity<ApplicationUser>(user =>
        {
            user.Property(u => u.DisplayName).HasMaxLength(200);
            user.HasIndex(u => u.InstitutionId);
            user.HasIndex(u => u.ConsumerId);
        });
        modelBuilder.Entity<ApiClient>(client =>
        {
            client.HasKey(c => c.ClientId);
            client.Property(c => c.ClientId).HasMaxLength(100);
            client.Property(c => c.DisplayName).HasMaxLength(200);
            client.Property(c => c.SecretHash).HasMaxLength(200);
        });
    }

    /// <summary>SQLite hands DateTime back unspecified; everything we store is UTC.</summary>
    private sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Utc ? v : DateTime.SpecifyKind(v.ToUniversalTime(), DateTimeKind.Utc),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
}
