using Complaints.Core.Domain.Cases;

namespace Complaints.Core.Features.Cases;

/// <summary>
/// The history, files and messages of one case that an actor may see, in the order every screen shows them.
/// Pass <see cref="CaseAccess.VisibilitiesFor"/> (or the visibilities a party sees) as <c>visible</c>.
/// </summary>
public static class CaseHistory
{
    /// <summary>The case's events with these visibilities, oldest first.</summary>
    public static IQueryable<CaseEvent> OfCase(this IQueryable<CaseEvent> events, Guid caseId, Visibility[] visible) =>
        events.Where(e => e.CaseId == caseId && visible.Contains(e.Visibility)).OrderBy(e => e.Sequence);

    /// <summary>The case's files with these visibilities, in upload order.</summary>
    public static IQueryable<Attachment> OfCase(this IQueryable<Attachment> attachments, Guid caseId, Visibility[] visible) =>
        attachments.Where(a => a.CaseId == caseId && visible.Contains(a.Visibility)).OrderBy(a => a.UploadedAtUtc).ThenBy(a => a.FileName);

    /// <summary>The case's messages with these visibilities, oldest first.</summary>
    public static IQueryable<CaseMessage> OfCase(this IQueryable<CaseMessage> messages, Guid caseId, Visibility[] visible) =>
        messages.Where(m => m.CaseId == caseId && visible.Contains(m.Visibility)).OrderBy(m => m.SentAtUtc);
}
