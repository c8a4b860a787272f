using Complaints.Core.Domain.Cases;
using Complaints.Core.Domain.Institutions;

namespace Complaints.Web.Api.V1;

/// <summary>Screening's classification of a case (regulator staff of the case's tier or above, while it is
/// submitted or in screening). <see cref="Restricted"/> is one-way: false never lifts a restriction.</summary>
public sealed record ClassificationRequest
{
    public CaseKind? Kind { get; init; }

    /// <summary>Required when <see cref="Kind"/> is Complaint.</summary>
    public ComplaintType? ComplaintType { get; init; }

    public Sector? Sector { get; init; }

    /// <summary>A product code of the case taxonomy.</summary>
    public string? Product { get; init; }

    /// <summary>An issue category code of the case taxonomy.</summary>
    public string? IssueCategory { get; init; }

    public bool Restricted { get; init; }
}

/// <summary>The case's classification after the change: send <see cref="Version"/> as If-Match next time.</summary>
public sealed record ClassificationResponse(
    string TrackingNumber, CaseKind Kind, ComplaintType? ComplaintType, Sector? Sector, string? Product, string? IssueCategory, bool IsRestricted, int Version);

/// <summary>Who works the case: a staff user id, the caller's own client id to take it, or null to unassign
/// (supervisors only).</summary>
public sealed record AssignmentRequest
{
    public string? UserId { get; init; }
}

public sealed record AssignmentResponse(string TrackingNumber, string? AssignedTo, int Version);

/// <summary>Who a message is for. Regulator callers: Consumer, Institution, Parties (both) or Internal (a note
/// only the regulator sees). Institution callers write to the regulator only: leave it out or send Institution.</summary>
public enum MessageAudienceRequest
{
    Consumer,
    Institution,
    Parties,
    Internal,
}

public sealed record CaseMessageRequest
{
    public string? Body { get; init; }

    public MessageAudienceRequest? Audience { get; init; }
}

public sealed record CaseMessageResponse(DateTime SentAt, ActorRole Author, bool IsOwn, string Body, Visibility Visibility);

public sealed record CaseMessageListResponse(IReadOnlyList<CaseMessageResponse> Items, int Page, int PageSize, int Total);

public sealed record CaseMessagePostedResponse(string TrackingNumber, Visibility Visibility);

/// <summary>A clarification meeting or facilitation session (tier 2 and up). The kind follows the case's state;
/// when given it must match.</summary>
public sealed record MeetingRequest
{
    public MeetingKind? Kind { get; init; }

    /// <summary>ISO 8601, e.g. 2026-12-01T10:00:00+07:00; without an offset the time is read as Jakarta time (WIB).</summary>
    public string? ScheduledAt { get; init; }

    /// <summary>A place; a place or a video link is required.</summary>
    public string? Location { get; init; }

    /// <summary>A full https address.</summary>
    public string? VideoLink { get; init; }

    public string? Participants { get; init; }
}

public sealed record MeetingResponse(Guid Id, MeetingKind Kind, DateTime ScheduledAt, string? Location, string? VideoLink, string? Participants, string? Minutes);

public sealed record MinutesRequest
{
    public string? Minutes { get; init; }
}
