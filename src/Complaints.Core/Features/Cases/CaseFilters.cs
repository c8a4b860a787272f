using Complaints.Core.Domain.Calendar;
using Complaints.Core.Domain.Cases;

namespace Complaints.Core.Features.Cases;

/// <summary>Filters the case lists share (queues, dashboards, the API's list), applied in SQL.</summary>
public static class CaseFilters
{
    /// <summary>Cases of this kind; all of them when <paramref name="kind"/> is null.</summary>
    public static IQueryable<Case> OfKind(this IQueryable<Case> cases, CaseKind? kind) =>
        kind is { } wanted ? cases.Where(c => c.Kind == wanted) : cases;

    /// <summary>Cases with this institution; all of them when <paramref name="institutionId"/> is null.</summary>
    public static IQueryable<Case> OfInstitution(this IQueryable<Case> cases, int? institutionId) =>
        institutionId is { } wanted ? cases.Where(c => c.InstitutionId == wanted) : cases;

    /// <summary>Cases submitted on these Jakarta calendar days, both ends included; a missing end is open.</summary>
    public static IQueryable<Case> SubmittedBetween(this IQueryable<Case> cases, DateOnly? from, DateOnly? to)
    {
        if (from is { } first)
        {
            // The start of that Jakarta day is the end of the day before.
            var fromUtc = WorkingDayCalendar.EndOfJakartaDayUtc(first.AddDays(-1));
            cases = cases.Where(c => c.SubmittedAtUtc >= fromUtc);
        }

        if (to is { } last)
        {
            var toUtc = WorkingDayCalendar.EndOfJakartaDayUtc(last);
            cases = cases.Where(c => c.SubmittedAtUtc < toUtc);
        }

        return cases;
    }
}
