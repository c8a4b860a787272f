using System.Text.Json.Serialization;
using Complaints.Core.Domain.Calendar;
using Complaints.Core.Domain.Cases;
using Complaints.Core.Domain.Institutions;

namespace Complaints.Web.Api.V1;

/// <summary>An OAuth2 access token (RFC 6749 section 5.1).</summary>
public sealed record TokenResponse(
    [property: JsonPropertyName("access_token")] string AccessToken,
    [property: JsonPropertyName("token_type")] string TokenType,
    [property: JsonPropertyName("expires_in")] int ExpiresIn);

/// <summary>An OAuth2 error (RFC 6749 section 5.2): invalid_request, invalid_client or unsupported_grant_type.</summary>
public sealed record TokenErrorResponse([property: JsonPropertyName("error")] string Error);

/// <summary>A deadline: the due date (null while the clock is paused) and the working days left.</summary>
public sealed record PartyDeadlineResponse(ClockKind Clock, DateOnly? DueDate, int WorkingDaysLeft, bool IsOverdue);

public sealed record PartyCaseListItemResponse(
    string TrackingNumber,
    CaseKind Kind,
    ComplaintType? ComplaintType,
    CaseState State,
    string Label,
    string? Institution,
    DateTime SubmittedAt,
    PartyDeadlineResponse? Deadline,
    bool IsUntimely,
    int Version);

public sealed record PartyCaseListResponse(IReadOnlyList<PartyCaseListItemResponse> Items, int Page, int PageSize, int Total);

/// <summary>A trigger the caller may fire now. <see cref="NeedsReason"/>: the note is required;
/// <see cref="Inputs"/>: the other request fields it reads.</summary>
public sealed record CaseActionResponse(Trigger Trigger, bool NeedsReason, IReadOnlyList<string> Inputs);

public sealed record PartyEventResponse(int Sequence, DateTime OccurredAt, ActorRole Actor, Trigger Trigger, CaseState? From, CaseState State, string Label, string? Note, Visibility Visibility);

public sealed record PartyAttachmentResponse(Guid Id, string FileName, string ContentType, long SizeBytes, DateTime UploadedAt, ActorRole UploadedBy, Visibility Visibility);

/// <summary>One case as an institution or the regulator sees it through the API.</summary>
public sealed record PartyCaseResponse(
    string TrackingNumber,
    CaseKind Kind,
    ComplaintType? ComplaintType,
    Channel Channel,
    CaseState State,
    string Label,
    int Step,
    bool IsClosed,
    int Tier,
    bool IsRestricted,
    bool IsUntimely,
    int? InstitutionId,
    string? Institution,
    Sector? Sector,
    string? Product,
    string? IssueCategory,
    string Description,
    long? LossAmount,
    string? RequestedResolution,
    ResponseOutcome? Outcome,
    long? ReliefAmount,
    DateTime SubmittedAt,
    DateTime? ForwardedAt,
    DateTime? ClosedAt,
    PartyDeadlineResponse? Deadline,
    IReadOnlyList<PartyEventResponse> Events,
    IReadOnlyList<PartyAttachmentResponse> Attachments,
    IReadOnlyList<CaseActionResponse> AvailableActions,
    int Version);

/// <summary>What a trigger may carry; every field is optional and a trigger ignores the ones it does not read
/// (GET .../actions lists them per trigger). Enums are written as their names.</summary>
public sealed record CaseActionRequest
{
    /// <summary>The reason, or the message to the other party; required where the action says needsReason.</summary>
    public string? Note { get; init; }

    /// <summary>ForwardToInstitution: the registry id, when screening corrects the consumer's choice.</summary>
    public int? InstitutionId { get; init; }

    /// <summary>Respond.</summary>
    public ResponseOutcome? Outcome { get; init; }

    /// <summary>Whole rupiah: Respond with MonetaryRelief; RecordAgreement.</summary>
    public long? Amount { get; init; }

    /// <summary>MarkDuplicate: the tracking number of the original case.</summary>
    public string? DuplicateOf { get; init; }

    /// <summary>ReferExternal: where the case goes.</summary>
    public string? ReferredTo { get; init; }

    /// <summary>CloseIneligible at eligibility review.</summary>
    public EligibilityRule? FailedRule { get; init; }

    /// <summary>ProposeFacilitation.</summary>
    public bool? LimitedFacilitation { get; init; }

    /// <summary>RecordAgreement.</summary>
    public string? Terms { get; init; }
}

/// <summary>The case after an action: send <see cref="Version"/> as If-Match with the next one.</summary>
public sealed record CaseActionResultResponse(string TrackingNumber, CaseState State, string Label, int Version);
