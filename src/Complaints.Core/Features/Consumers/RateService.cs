using Complaints.Core.Data;
using Complaints.Core.Domain.Cases;
using Complaints.Core.Features.Cases;
using Microsoft.EntityFrameworkCore;

namespace Complaints.Core.Features.Consumers;

/// <summary>The consumer rates the service, once, after the case is closed.</summary>
public sealed class RateService(ComplaintsDbContext db)
{
    public const int MaxCommentLength = 2000;

    public sealed record Input
    {
        public required string TrackingNumber { get; init; }

        public int? Stars { get; init; }

        public string? Comment { get; init; }

        public int? ExpectedVersion { get; init; }
    }

    public async Task<PerformCaseAction.Result> HandleAsync(Input input, Actor actor, CancellationToken ct = default)
    {
        var @case = await db.Cases.VisibleTo(actor).FirstOrDefaultAsync(c => c.TrackingNumber == input.TrackingNumber, ct);
        if (@case is null)
        {
            return new(PerformCaseAction.Outcome.NotFound);
        }

        if (input.ExpectedVersion is { } expected && expected != @case.Version)
        {
            return new(PerformCaseAction.Outcome.Conflict, @case);
        }

        if (input.Comment?.Trim().Length > MaxCommentLength)
        {
            return new(PerformCaseAction.Outcome.Refused, @case, "tooLong");
        }

        try
        {
            @case.Rate(input.Stars ?? 0, input.Comment, actor);
            await db.SaveChangesAsync(ct);
        }
        catch (CaseRuleException e)
        {
            return new(PerformCaseAction.Outcome.Refused, @case, e.Code, e.Message);
        }
        catch (DbUpdateConcurrencyException)
        {
            return new(PerformCaseAction.Outcome.Conflict, @case);
        }

        return new(PerformCaseAction.Outcome.Done, @case);
    }
}
