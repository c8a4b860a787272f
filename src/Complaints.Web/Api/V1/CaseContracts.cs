using Complaints.Core.Domain.Calendar;
using Complaints.Core.Domain.Cases;
using Complaints.Core.Domain.Institutions;

namespace Complaints.Web.Api.V1;

/// <summary>Intake by a partner system or app: the same fields as the web form. The names are a public contract.</summary>
public sealed record CreateCaseRequest
{
    public CaseKind? Kind { get; init; }

    /// <summary>The registry id of the institution; or give <see cref="InstitutionName"/> to match it by name.</summary>
    public int? InstitutionId { get; init; }

    public string? InstitutionName { get; init; }

    public Sector? Sector { get; init; }

    public string? Product { get; init; }

    public string? IssueCategory { get; init; }

    public string? Description { get; init; }

    /// <summary>Whole rupiah.</summary>
    public long? LossAmount { get; init; }

    public string? RequestedResolution { get; init; }

    public DateOnly? ComplainedToInstitutionOn { get; init; }

    public DateOnly? InstitutionAnsweredOn { get; init; }

    /// <summary>What the institution answered, if it did.</summary>
    public string? InstitutionAnswer { get; init; }

    public Channel Channel { get; init; } = Channel.Web;

    public ConsumerContact? Consumer { get; init; }

    public bool ConsentGiven { get; init; }
}

public sealed record ConsumerContact(string? Name, string? Email, string? WhatsApp, string? Nik);

/// <summary>The PIN is shown once, here; it is stored only as a hash.</summary>
public sealed record CreateCaseResponse(string TrackingNumber, string Pin, CaseState State);

public sealed record CaseResponse(
    string TrackingNumber,
    CaseKind Kind,
    CaseState State,
    string Label,
    int Step,
    int StepCount,
    bool IsClosed,
    string? Institution,
    DateTime SubmittedAt,
    DeadlineResponse? Deadline,
    IReadOnlyList<CaseEventResponse> Events,
    IReadOnlyList<AttachmentResponse> Attachments,
    IReadOnlyList<Trigger> AvailableActions,
    int Version);

public sealed record DeadlineResponse(ClockKind Clock, DateOnly DueDate, int WorkingDaysLeft, bool IsOverdue, bool ConsumerMustAct);

public sealed record CaseEventResponse(DateTime OccurredAt, ActorRole Actor, Trigger Trigger, CaseState State, string Label, string? Note);

public sealed record AttachmentResponse(Guid Id, string FileName, string ContentType, long SizeBytes, DateTime UploadedAt);
