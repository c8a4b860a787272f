using Complaints.Core.Data;
using Complaints.Core.Domain.Cases;
using Complaints.Core.Features.Cases;
using Microsoft.EntityFrameworkCore;

namespace Complaints.Core.Features.Regulator;

/// <summary>Who works a case: a supervisor assigns any staff member (or nobody); others take it themselves.</summary>
public sealed class AssignCase(ComplaintsDbContext db, TimeProvider clock)
{
    private static readonly string[] StaffRoles = [nameof(ActorRole.Agent), nameof(ActorRole.Specialist), nameof(ActorRole.Supervisor)];

    public sealed record Input
    {
        public required string TrackingNumber { get; init; }
        public int? ExpectedVersion { get; init; }

        /// <summary>Null unassigns (supervisors only).</summary>
        public string? UserId { get; init; }
    }

    public async Task<CaseChange> HandleAsync(Input input, Actor actor, CancellationToken ct = default)
    {
        if (!TrackingNumber.TryNormalize(input.TrackingNumber, out var number) || !actor.IsStaff)
        {
            return CaseChange.NotFound;
        }

        var @case = await db.Cases.VisibleTo(actor).FirstOrDefaultAsync(c => c.TrackingNumber == number, ct);
        if (@case is null)
        {
            return CaseChange.NotFound;
        }

        if (input.ExpectedVersion is { } expected && expected != @case.Version)
        {
            return CaseChange.Conflict;
        }

        var userId = string.IsNullOrWhiteSpace(input.UserId) ? null : input.UserId.Trim();
        if (actor.Role != ActorRole.Supervisor)
        {
            // Taking a case: only yourself, and only a case of your tier or below.
            if (userId != actor.UserId || actor.Tier < @case.Tier || (@case.IsRestricted && actor.Tier < 2))
            {
                return CaseChange.Invalid([new FieldError("userId", "assign.onlyYourself")]);
            }
        }
        else if (userId is not null && userId != actor.UserId && !await IsStaffAsync(userId, ct))
        {
            return CaseChange.Invalid([new FieldError("userId", "assign.unknownUser")]);
        }

        @case.AssignTo(userId, (actor, clock.GetUtcNow().UtcDateTime));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return CaseChange.Conflict;
        }

        return CaseChange.Done;
    }

    private Task<bool> IsStaffAsync(string userId, CancellationToken ct)
    {
        var roleIds = db.Roles.Where(r => StaffRoles.Contains(r.Name!)).Select(r => r.Id);
        return db.UserRoles.AnyAsync(ur => ur.UserId == userId && roleIds.Contains(ur.RoleId), ct);
    }
}
