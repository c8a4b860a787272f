using Complaints.Core.Data;
using Complaints.Core.Domain.Accounts;
using Complaints.Core.Domain.Cases;
using Complaints.Core.Domain.Institutions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Complaints.Core.Features.Seeding;

/// <summary>Roles always; the demo accounts and API clients of the README in Development only.</summary>
public sealed class AccountsSeeder(
    ComplaintsDbContext db,
    UserManager<ApplicationUser> users,
    RoleManager<IdentityRole> roles,
    TimeProvider clock,
    ILogger<AccountsSeeder> logger)
{
    public const string DemoPassword = "Demo-Password-157";

    public async Task EnsureRolesAsync()
    {
        foreach (var role in ApplicationUser.Roles)
        {
            if (!await roles.RoleExistsAsync(role.ToString()))
            {
                await roles.CreateAsync(new IdentityRole(role.ToString()));
            }
        }
    }

    public sealed record DemoAccount(string Email, string Name, ActorRole Role, string? InstitutionLicence = null);

    public static readonly DemoAccount[] DemoAccounts =
    [
        new("agent@ojk.demo", "Agen Demo", ActorRole.Agent),
        new("specialist@ojk.demo", "Analis Demo", ActorRole.Specialist),
        new("supervisor@ojk.demo", "Supervisor Demo", ActorRole.Supervisor),
        new("admin@ojk.demo", "Administrator Demo", ActorRole.Administrator),
        new("officer@bank.demo", "Petugas Bank Contoh", ActorRole.InstitutionOfficer, DemoDataSeeder.BankLicence),
        new("admin@bank.demo", "Admin Bank Contoh", ActorRole.InstitutionAdmin, DemoDataSeeder.BankLicence),
        new("officer@insurer.demo", "Petugas Asuransi Teladan", ActorRole.InstitutionOfficer, DemoDataSeeder.InsurerLicence),
        new("konsumen@demo.id", "Konsumen Demo 1", ActorRole.Consumer),
    ];

    public sealed record DemoClient(string ClientId, ActorRole Role, string? InstitutionLicence = null)
    {
        public string Secret => ClientId + "-secret";
    }

    public static readonly DemoClient[] DemoClients =
    [
        new("demo-agent", ActorRole.Agent),
        new("demo-specialist", ActorRole.Specialist),
        new("demo-supervisor", ActorRole.Supervisor),
        new("demo-institution", ActorRole.InstitutionOfficer, DemoDataSeeder.BankLicence),
        new("demo-institution-2", ActorRole.InstitutionOfficer, DemoDataSeeder.InsurerLicence),
    ];

    public async Task SeedDemoAsync(CancellationToken ct = default)
    {
        var institutions = await db.Institutions.AsNoTracking()
            .Where(i => i.LicenseNumber == DemoDataSeeder.BankLicence || i.LicenseNumber == DemoDataSeeder.InsurerLicence)
            .ToDictionaryAsync(i => i.LicenseNumber!, i => i.Id, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var account in DemoAccounts)
        {
            if (await users.FindByEmailAsync(account.Email) is not null)
            {
                continue;
            }

            var user = new ApplicationUser
            {
                UserName = account.Email,
                Email = account.Email,
                EmailConfirmed = true,
                DisplayName = account.Name,
                InstitutionId = account.InstitutionLicence is { } licence ? institutions[licence] : null,
                ConsumerId = account.Role == ActorRole.Consumer
                    ? await db.Consumers.Where(c => c.Email == "demo1@example.org").Select(c => (Guid?)c.Id).FirstOrDefaultAsync(ct)
                    : null,
                CreatedAtUtc = now,
            };
            var created = await users.CreateAsync(user, DemoPassword);
            if (!created.Succeeded)
            {
                throw new InvalidOperationException($"Demo account {account.Email}: {string.Join("; ", created.Errors.Select(e => e.Description))}");
            }

            await users.AddToRoleAsync(user, account.Role.ToString());
        }

        foreach (var client in DemoClients)
        {
            if (await db.ApiClients.AnyAsync(c => c.ClientId == client.ClientId, ct))
            {
                continue;
            }

            db.ApiClients.Add(new ApiClient
            {
                ClientId = client.ClientId,
                DisplayName = client.ClientId,
                SecretHash = CasePin.Hash(client.Secret),
                Role = client.Role,
                InstitutionId = client.InstitutionLicence is { } licence ? institutions[licence] : null,
                CreatedAtUtc = now,
            });
        }

        await db.SaveChangesAsync(ct);
        logger.LogInformation("Demo accounts ready ({Count}), password {Password}", DemoAccounts.Length, DemoPassword);
    }
}
