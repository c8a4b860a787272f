using Complaints.Core.Domain.Cases;
using Complaints.Core.Domain.Institutions;

namespace Complaints.UnitTests.Domain.Cases;

/// <summary>Changes that are not lifecycle moves still leave a trace the regulator can audit.</summary>
public sealed class CaseRecordTests
{
    [Fact]
    public void Classifying_restricting_and_assigning_are_in_the_history_for_the_regulator_only()
    {
        var scenario = CaseScenario.In(CaseState.Screening);
        var events = scenario.Case.EventCount;
        var by = (CaseScenario.Specialist, scenario.Now);

        scenario.Case.Classify(CaseKind.Complaint, ComplaintType.Violation, Sector.Banking, "savings", "fees-interest", by);
        scenario.Case.MarkRestricted(by);
        scenario.Case.AssignTo("specialist-1", by);

        var recorded = scenario.Case.Events.TakeLast(3).ToList();
        Assert.Equal(events + 3, scenario.Case.EventCount);
        Assert.Equal([Trigger.Classify, Trigger.Restrict, Trigger.Assign], recorded.Select(e => e.Trigger));
        Assert.All(recorded, e => Assert.Equal(Visibility.RegulatorOnly, e.Visibility));
        Assert.All(recorded, e => Assert.Equal(CaseState.Screening, e.ToState));
        Assert.Contains("Violation", recorded[0].Note, StringComparison.Ordinal);
        Assert.Equal("specialist-1", recorded[2].Note);
        Assert.Null(scenario.Case.FindHistoryBreak(scenario.Case.Events));
    }

    [Fact]
    public void A_recorded_change_is_not_a_move_anyone_can_fire()
    {
        var scenario = CaseScenario.In(CaseState.Screening);

        var refused = Assert.Throws<CaseRuleException>(() => scenario.Fire(Trigger.Classify, CaseScenario.Supervisor));

        Assert.Equal("case.triggerNotAllowedInState", refused.Code);
    }

    [Fact]
    public void A_change_without_an_author_still_moves_the_version_for_concurrency()
    {
        var scenario = CaseScenario.In(CaseState.Screening);
        var version = scenario.Case.Version;
        var events = scenario.Case.EventCount;

        scenario.Case.Classify(CaseKind.Question, null, null, null, null);

        Assert.Equal(version + 1, scenario.Case.Version);
        Assert.Equal(events, scenario.Case.EventCount);
    }
}
