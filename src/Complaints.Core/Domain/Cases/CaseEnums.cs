namespace Complaints.Core.Domain.Cases;

public enum CaseKind
{
    Question,
    Information,
    Complaint,
}

/// <summary>Set at screening for complaints.</summary>
public enum ComplaintType
{
    Dispute,
    Violation,
    IllegalEntity,
}

/// <summary>How the case reached the regulator ("no wrong door"); measured as channel share.</summary>
public enum Channel
{
    Web,
    WhatsApp,
    Email,
    Phone,
    Letter,
    WalkIn,
}

public static class ChannelExtensions
{
    /// <summary>Phone and walk-in complaints are verbal: the institution has the shorter period.</summary>
    public static bool IsVerbal(this Channel channel) => channel is Channel.Phone or Channel.WalkIn;
}

public enum CaseState
{
    Submitted,
    Screening,
    AwaitingConsumerDocuments,
    WithInstitution,
    ConsumerReview,
    EscalationRequested,
    EligibilityReview,
    ClarificationMeeting,
    FacilitationAgreementPending,
    Facilitation,
    ViolationReview,
    Answered,
    ReferredExternal,
    ReferredToLaps,
    ClosedResolved,
    ClosedNoFeedback,
    ClosedAgreement,
    ClosedNoAgreement,
    ClosedIneligible,
    ClosedDuplicate,
    ClosedWithdrawn,
    ClosedSanctioned,
    ClosedNotSubstantiated,
}

public enum Trigger
{
    /// <summary>Creates the case; the only trigger without a row in the table.</summary>
    Submit,
    StartScreening,
    HandOver,
    AnswerQuestion,
    ReferExternal,
    RequestDocuments,
    SupplyDocuments,
    DocumentsDeadlinePassed,
    ForwardToInstitution,
    StartViolationReview,
    MarkDuplicate,
    CloseIneligible,
    Respond,
    ExtendDeadline,
    ReportWrongInstitution,
    InstitutionDeadlinePassed,
    RequestEscalation,
    Accept,
    Reject,
    DecisionDeadlinePassed,
    StartEligibilityReview,
    ReferToLaps,
    ScheduleClarificationMeeting,
    ProposeFacilitation,
    SignFacilitationAgreement,
    SignatureDeadlinePassed,
    ExtendFacilitation,
    RecordAgreement,
    RecordNoAgreement,
    Sanction,
    DismissViolation,
    Withdraw,
    Reopen,

    // Recorded in the history but not moves of the lifecycle (no rows): screening's classification,
    // assignment of regulator work, and restriction.
    Classify,
    Assign,
    Restrict,
}

/// <summary>Who may see an event, a message or an attachment.</summary>
public enum Visibility
{
    /// <summary>The consumer, the institution and the regulator.</summary>
    Public,
    ConsumerAndRegulator,
    InstitutionAndRegulator,
    RegulatorOnly,
}

public static class VisibilityExtensions
{
    public static bool ToConsumer(this Visibility v) => v is Visibility.Public or Visibility.ConsumerAndRegulator;

    public static bool ToInstitution(this Visibility v) => v is Visibility.Public or Visibility.InstitutionAndRegulator;
}

/// <summary>What the institution's answer gives the consumer.</summary>
public enum ResponseOutcome
{
    MonetaryRelief,
    NonMonetaryRelief,
    Explanation,
}

/// <summary>The eligibility rules of DOMAIN.md for facilitation by the regulator.</summary>
public enum EligibilityRule
{
    LossWithinCap,
    InstitutionAnsweredOrLate,
    AskedWithin60WorkingDays,
    NotInCourtArbitrationOrLaps,
    NeverFacilitatedBefore,
}
