using Complaints.Core.Domain.Institutions;

namespace Complaints.Core.Features.Regulator;

/// <summary>The eligibility rules for facilitation by the regulator (DOMAIN.md), as a policy setting with the
/// domain's defaults. Bind it from "Policy:Eligibility" to change them.</summary>
public sealed record EligibilityPolicy
{
    /// <summary>Whole rupiah.</summary>
    public long LossCap { get; init; } = 500_000_000;

    /// <summary>Whole rupiah, for <see cref="Sector.GeneralInsurance"/>.</summary>
    public long GeneralInsuranceLossCap { get; init; } = 750_000_000;

    /// <summary>Working days after the institution's answer in which the consumer may ask for escalation.</summary>
    public int EscalationWindowWorkingDays { get; init; } = 60;

    public long CapFor(Sector? sector) => sector == Sector.GeneralInsurance ? GeneralInsuranceLossCap : LossCap;
}
