using Complaints.Core.Features.Statistics;

namespace Complaints.Web.Areas.Regulator.Models;

/// <param name="Options">The statistic's settings, explained above the list.</param>
public sealed record EarlyWarningListPage(EarlyWarningPage Flags, EarlyWarningOptions Options);

/// <param name="Note">The review note as typed, shown again when it was refused.</param>
/// <param name="Errors">Why the review was refused, localized.</param>
/// <param name="Done">A confirmation or notice after a review.</param>
public sealed record EarlyWarningFlagPage(EarlyWarningDetail Detail, string? Note, IReadOnlyList<string> Errors, string? Done);

public sealed class EarlyWarningReviewForm
{
    public string? Note { get; set; }
}
