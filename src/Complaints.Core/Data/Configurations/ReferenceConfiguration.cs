using Complaints.Core.Domain.Calendar;
using Complaints.Core.Domain.Consumers;
using Complaints.Core.Domain.Institutions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Complaints.Core.Data.Configurations;

internal sealed class ConsumerConfiguration : IEntityTypeConfiguration<Consumer>
{
    public void Configure(EntityTypeBuilder<Consumer> builder)
    {
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Name).HasMaxLength(200);
        builder.Property(c => c.SearchName).HasMaxLength(200);
        builder.HasIndex(c => c.SearchName);
        builder.Property(c => c.Email).HasMaxLength(254);
        builder.Property(c => c.WhatsApp).HasMaxLength(20);
        builder.Property(c => c.Nik).HasMaxLength(16);
        builder.Property(c => c.PreferredCulture).HasMaxLength(5);
        // Staff search by contact and NIK.
        builder.HasIndex(c => c.Email);
        builder.HasIndex(c => c.WhatsApp);
        builder.HasIndex(c => c.Nik);
    }
}

internal sealed class InstitutionConfiguration : IEntityTypeConfiguration<Institution>
{
    public void Configure(EntityTypeBuilder<Institution> builder)
    {
        builder.HasKey(i => i.Id);
        builder.Property(i => i.LegalName).HasMaxLength(300);
        builder.Property(i => i.BrandNames).HasMaxLength(1_000);
        builder.Property(i => i.LicenseNumber).HasMaxLength(100);
        builder.Property(i => i.Website).HasMaxLength(300);
        builder.Property(i => i.ContactEmail).HasMaxLength(254);
        builder.Property(i => i.ContactPhone).HasMaxLength(30);
        builder.HasIndex(i => i.LicenseNumber);
        builder.HasIndex(i => i.LegalName);
    }
}

internal sealed class IllegalEntityConfiguration : IEntityTypeConfiguration<IllegalEntity>
{
    public void Configure(EntityTypeBuilder<IllegalEntity> builder)
    {
        builder.HasKey(i => i.Id);
        builder.Property(i => i.Name).HasMaxLength(500);
        builder.Property(i => i.Aliases).HasMaxLength(2_000);
        builder.Property(i => i.EntityType).HasMaxLength(100);
        builder.Property(i => i.ActivityTypes).HasMaxLength(500);
        builder.Property(i => i.Websites).HasMaxLength(4_000);
        builder.Property(i => i.Reference).HasMaxLength(500);
        builder.HasIndex(i => i.SourceId).IsUnique();
    }
}

internal sealed class HolidayConfiguration : IEntityTypeConfiguration<Holiday>
{
    public void Configure(EntityTypeBuilder<Holiday> builder)
    {
        builder.HasKey(h => h.Date);
        builder.Property(h => h.Name).HasMaxLength(200);
    }
}
