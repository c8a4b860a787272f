namespace Complaints.Core.Domain.Cases;

/// <summary>Durations of DOMAIN.md, in working days unless named otherwise. A policy setting, not a constant:
/// bound from configuration section "Policy".</summary>
public sealed record DeadlinePolicy
{
    public int InstitutionWrittenDays { get; init; } = 10;
    public int InstitutionVerbalDays { get; init; } = 5;
    public int InstitutionExtensionDays { get; init; } = 10;
    public int ConsumerDocumentsDays { get; init; } = 20;
    public int ConsumerDecisionDays { get; init; } = 60;
    public int FacilitationSignatureDays { get; init; } = 10;
    public int FacilitationDays { get; init; } = 30;
    public int FacilitationExtensionDays { get; init; } = 30;

    /// <summary>Calendar days after closure in which a supervisor may reopen a case.</summary>
    public int ReopenWindowDays { get; init; } = 30;

    /// <summary>Calendar days after closure in which the tracking PIN still works; later, only a signed-in
    /// consumer (who claimed the case) sees it.</summary>
    public int PinValidityDaysAfterClosure { get; init; } = 365;

    public static DeadlinePolicy Default { get; } = new();
}
