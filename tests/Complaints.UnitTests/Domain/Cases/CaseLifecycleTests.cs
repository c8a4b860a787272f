using Complaints.Core.Domain.Calendar;
using Complaints.Core.Domain.Cases;
using Complaints.Core.Domain.Institutions;
using static Complaints.UnitTests.Domain.Cases.CaseScenario;

namespace Complaints.UnitTests.Domain.Cases;

// Expected dates were counted by hand from ReferenceData/holidays/holidays_2024_2027.csv. Around Idul Fitri 2026,
// Wed 18 to Tue 24 March are off (Nyepi, Idul Fitri and collective leave), and Good Friday is Fri 3 April.
public sealed class CaseLifecycleTests
{
    private static readonly CaseState[] AllStates = Enum.GetValues<CaseState>();

    private static readonly Trigger[] AllTriggers = Enum.GetValues<Trigger>();

    private static readonly ActorRole[] AllRoles = Enum.GetValues<ActorRole>();

    private static Transition Row(CaseState from, Trigger trigger, CaseState to) =>
        CaseLifecycle.Transitions.Single(t => t.From == from && t.Trigger == trigger && t.To == to);

    private static CaseState? AskedFrom(Transition row) =>
        row.From == CaseState.AwaitingConsumerDocuments && row.Trigger == Trigger.SupplyDocuments ? row.To : null;

    private static CaseRuleException Refused(CaseScenario scenario, Trigger trigger, Actor actor, string? note = "A reason")
    {
        var state = scenario.Case.State;
        var events = scenario.Case.Events.Count;
        var version = scenario.Case.Version;

        var refusal = Assert.Throws<CaseRuleException>(() => scenario.Fire(trigger, actor, note));

        Assert.Equal(state, scenario.Case.State);
        Assert.Equal(events, scenario.Case.Events.Count);
        Assert.Equal(events, scenario.Case.EventCount);
        Assert.Equal(version, scenario.Case.Version);
        return refusal;
    }

    // ---- Every row of the table ----

    public static TheoryData<CaseState, Trigger, CaseState> Rows()
    {
        var data = new TheoryData<CaseState, Trigger, CaseState>();
        foreach (var row in CaseLifecycle.Transitions)
        {
            data.Add(row.From, row.Trigger, row.To);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Rows))]
    public void Every_row_moves_the_case_to_its_target_and_records_an_event(CaseState from, Trigger trigger, CaseState to)
    {
        var row = Row(from, trigger, to);
        var scenario = In(from, AskedFrom(row));
        scenario.Arrange(row);
        var actor = scenario.ActorFor(row);
        var note = row.NeedsReason ? "Alasan: dokumen belum lengkap" : null;
        var before = scenario.Case.Events.Count;

        var recorded = scenario.Fire(trigger, actor, note);

        var @case = scenario.Case;
        Assert.Equal(to, @case.State);
        Assert.Equal(before + 1, @case.Events.Count);
        Assert.Same(recorded, @case.Events[^1]);
        Assert.Equal(before + 1, recorded.Sequence);
        Assert.Equal(from, recorded.FromState);
        Assert.Equal(to, recorded.ToState);
        Assert.Equal(trigger, recorded.Trigger);
        Assert.Equal(row.Visibility, recorded.Visibility);
        Assert.Equal(actor.Role, recorded.ActorRole);
        Assert.Equal(note, recorded.Note);
        Assert.Equal(recorded.Hash, @case.LastEventHash);
        Assert.Null(@case.FindHistoryBreak(@case.Events));

        // The clock that runs matches the state the case is now in.
        var info = CaseLifecycle.Info(to);
        if (info.Clock is { } clock)
        {
            Assert.NotNull(@case.Deadline);
            Assert.Equal(clock, @case.Deadline.Kind);
            Assert.True(@case.Deadline.IsRunning);
        }
        else
        {
            Assert.Null(@case.Deadline);
        }

        if (info.IsTerminal)
        {
            Assert.Equal(scenario.Now, @case.ClosedAtUtc);
            Assert.Equal(trigger, @case.ClosedBy);
            Assert.Null(@case.SuspendedDeadline);
            Assert.Null(@case.ReturnState);
        }
        else
        {
            Assert.Null(@case.ClosedAtUtc);
            Assert.Null(@case.ClosedBy);
        }

        // The history's facts the statistics read from the case.
        if (to == CaseState.EscalationRequested)
        {
            Assert.Equal(scenario.Now, @case.EscalatedAtUtc);
        }

        if (trigger == Trigger.SignFacilitationAgreement)
        {
            Assert.Equal(scenario.Now, @case.FacilitationSignedAtUtc);
        }
    }

    public static TheoryData<CaseState, Trigger, CaseState, ActorRole> RowsAndTheirParties()
    {
        var data = new TheoryData<CaseState, Trigger, CaseState, ActorRole>();
        foreach (var row in CaseLifecycle.Transitions)
        {
            // InstitutionAdmin maps to the same party as InstitutionOfficer; the officer stands for both here.
            foreach (var role in AllRoles.Where(r => r != ActorRole.InstitutionAdmin && r.AsParty() != Parties.None && row.Who.HasFlag(r.AsParty())))
            {
                data.Add(row.From, row.Trigger, row.To, role);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(RowsAndTheirParties))]
    public void Every_party_a_row_names_may_fire_it(CaseState from, Trigger trigger, CaseState to, ActorRole role)
    {
        var row = Row(from, trigger, to);
        var scenario = In(from, AskedFrom(row));
        scenario.Arrange(row);

        scenario.Fire(trigger, scenario.ActorOfRole(role), row.NeedsReason ? "A reason" : null);

        Assert.Equal(to, scenario.Case.State);
        Assert.Equal(role, scenario.Case.Events[^1].ActorRole);
    }

    public static TheoryData<CaseState, Trigger, ActorRole> RowsAndOtherRoles()
    {
        var data = new TheoryData<CaseState, Trigger, ActorRole>();
        foreach (var key in CaseLifecycle.Transitions.Select(t => (t.From, t.Trigger)).Distinct())
        {
            var allowed = CaseLifecycle.RowsFor(key.From, key.Trigger).Aggregate(Parties.None, (who, row) => who | row.Who);
            foreach (var role in AllRoles.Where(r => r.AsParty() == Parties.None || !allowed.HasFlag(r.AsParty())))
            {
                data.Add(key.From, key.Trigger, role);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(RowsAndOtherRoles))]
    public void A_role_a_row_does_not_name_is_refused_even_on_its_own_case(CaseState from, Trigger trigger, ActorRole role)
    {
        var row = CaseLifecycle.RowsFor(from, trigger).First();
        var scenario = In(from, AskedFrom(row));
        scenario.Arrange(row);

        var refusal = Refused(scenario, trigger, scenario.ActorOfRole(role));

        Assert.Equal("case.notYourMove", refusal.Code);
    }

    // ---- Everything else is refused ----

    public static TheoryData<CaseState, Trigger> PairsWithoutRow()
    {
        var data = new TheoryData<CaseState, Trigger>();
        foreach (var state in AllStates)
        {
            foreach (var trigger in AllTriggers.Where(t => t != Trigger.Submit && !CaseLifecycle.RowsFor(state, t).Any()))
            {
                data.Add(state, trigger);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(PairsWithoutRow))]
    public void A_trigger_without_a_row_for_the_state_is_refused(CaseState state, Trigger trigger)
    {
        var scenario = In(state);

        var refusal = Refused(scenario, trigger, Supervisor);

        Assert.Equal("case.triggerNotAllowedInState", refusal.Code);
        Assert.Contains(trigger.ToString(), refusal.Message, StringComparison.Ordinal);
        Assert.Contains(state.ToString(), refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Submit_has_no_row_and_cannot_be_fired_in_any_state()
    {
        Assert.DoesNotContain(CaseLifecycle.Transitions, t => t.Trigger == Trigger.Submit);
        foreach (var state in AllStates)
        {
            var refusal = Refused(In(state), Trigger.Submit, Supervisor);
            Assert.Equal("case.triggerNotAllowedInState", refusal.Code);
        }
    }

    // ---- The wrong party ----

    [Fact]
    public void Consumer_cannot_forward_a_case_to_the_institution()
    {
        var scenario = In(CaseState.Screening);
        scenario.Case.Classify(CaseKind.Complaint, ComplaintType.Dispute, Sector.Banking, null, null);

        Assert.Equal("case.notYourMove", Refused(scenario, Trigger.ForwardToInstitution, scenario.ConsumerActor).Code);
    }

    [Fact]
    public void Another_institution_cannot_respond_to_a_case()
    {
        var scenario = In(CaseState.WithInstitution);

        Assert.Equal("case.notYourMove", Refused(scenario, Trigger.Respond, OtherInstitutionsOfficer).Code);
        Assert.Equal("case.notYourMove", Refused(scenario, Trigger.ExtendDeadline, OtherInstitutionsOfficer).Code);
        Assert.Equal("case.notYourMove", Refused(scenario, Trigger.Respond, new Actor(ActorRole.InstitutionOfficer, "no-institution")).Code);
    }

    [Fact]
    public void Institution_cannot_act_on_a_case_that_names_no_registered_institution()
    {
        var scenario = Submitted(withInstitution: false);
        scenario.Step(Trigger.StartScreening);

        Assert.Null(scenario.Case.InstitutionId);
        Assert.Equal("case.notYourMove", Refused(scenario, Trigger.Withdraw, Officer).Code);
    }

    [Fact]
    public void Another_consumer_cannot_accept_the_answer()
    {
        var scenario = In(CaseState.ConsumerReview);
        var stranger = Actor.ForConsumer(Guid.CreateVersion7());

        Assert.Equal("case.notYourMove", Refused(scenario, Trigger.Accept, stranger).Code);
        Assert.Equal("case.notYourMove", Refused(scenario, Trigger.Withdraw, stranger).Code);
    }

    [Fact]
    public void Agent_cannot_act_on_a_case_handed_over_to_tier_2()
    {
        var scenario = In(CaseState.Screening);
        scenario.Case.Classify(CaseKind.Complaint, ComplaintType.Dispute, Sector.Banking, null, null);

        scenario.Fire(Trigger.HandOver, Agent, "Needs a specialist");

        Assert.Equal(2, scenario.Case.Tier);
        Assert.Equal(Visibility.RegulatorOnly, scenario.Case.Events[^1].Visibility);
        Assert.Equal("case.notYourMove", Refused(scenario, Trigger.ForwardToInstitution, Agent).Code);
        Assert.Equal("case.notYourMove", Refused(scenario, Trigger.HandOver, Agent).Code);
        scenario.Fire(Trigger.ForwardToInstitution, Specialist);
        Assert.Equal(CaseState.WithInstitution, scenario.Case.State);
    }

    [Fact]
    public void Tier_3_is_the_top_of_the_ladder()
    {
        var scenario = In(CaseState.Screening);
        scenario.Fire(Trigger.HandOver, Agent, "To tier 2");
        scenario.Fire(Trigger.HandOver, Specialist, "To tier 3");

        Assert.Equal(3, scenario.Case.Tier);
        Assert.Equal("case.notYourMove", Refused(scenario, Trigger.MarkDuplicate, Specialist).Code);
        Assert.Equal("case.alreadyTopTier", Refused(scenario, Trigger.HandOver, Supervisor).Code);
        scenario.Fire(Trigger.MarkDuplicate, Supervisor, "Same as CPL-1");
        Assert.Equal(CaseState.ClosedDuplicate, scenario.Case.State);
    }

    [Fact]
    public void Agent_cannot_act_on_a_restricted_case()
    {
        var scenario = Submitted();
        scenario.Case.MarkRestricted();

        Assert.Equal("case.notYourMove", Refused(scenario, Trigger.StartScreening, Agent).Code);
        Assert.Equal("case.notYourMove", Refused(scenario, Trigger.HandOver, Agent).Code);
        scenario.Fire(Trigger.StartScreening, Specialist);
        Assert.Equal(CaseState.Screening, scenario.Case.State);
    }

    [Fact]
    public void The_consumer_may_still_withdraw_a_restricted_case()
    {
        var scenario = In(CaseState.Screening);
        scenario.Case.MarkRestricted();

        scenario.Fire(Trigger.Withdraw, scenario.ConsumerActor);

        Assert.Equal(CaseState.ClosedWithdrawn, scenario.Case.State);
    }

    [Fact]
    public void Administrator_can_fire_nothing()
    {
        foreach (var state in AllStates)
        {
            var scenario = In(state);
            Assert.Empty(CaseLifecycle.AvailableTriggers(scenario.Case, scenario.As(Administrator)));
            foreach (var trigger in AllTriggers)
            {
                var refusal = Refused(scenario, trigger, Administrator);
                var expected = CaseLifecycle.RowsFor(state, trigger).Any() ? "case.notYourMove" : "case.triggerNotAllowedInState";
                Assert.Equal(expected, refusal.Code);
            }
        }
    }

    // ---- Guards ----

    [Theory]
    [InlineData(CaseKind.Question, null)]
    [InlineData(CaseKind.Information, null)]
    [InlineData(CaseKind.Complaint, ComplaintType.Violation)]
    [InlineData(CaseKind.Complaint, ComplaintType.IllegalEntity)]
    public void Only_a_dispute_goes_to_the_institution(CaseKind kind, ComplaintType? type)
    {
        var scenario = In(CaseState.Screening);
        scenario.Case.Classify(kind, type, Sector.Banking, null, null);

        var refusal = Refused(scenario, Trigger.ForwardToInstitution, Agent);

        Assert.Equal("case.notDisputeWithInstitution", refusal.Code);
    }

    [Fact]
    public void A_dispute_without_a_registered_institution_cannot_be_forwarded()
    {
        var scenario = Submitted(withInstitution: false);
        scenario.Step(Trigger.StartScreening);
        scenario.Case.Classify(CaseKind.Complaint, ComplaintType.Dispute, Sector.Banking, null, null);

        Assert.Equal("case.notDisputeWithInstitution", Refused(scenario, Trigger.ForwardToInstitution, Agent).Code);
    }

    [Fact]
    public void Only_a_question_or_information_is_answered_and_only_a_violation_is_reviewed_as_one()
    {
        var scenario = In(CaseState.Screening);
        scenario.Case.Classify(CaseKind.Complaint, ComplaintType.Dispute, Sector.Banking, null, null);

        Assert.Equal("case.notQuestion", Refused(scenario, Trigger.AnswerQuestion, Agent).Code);
        Assert.Equal("case.notViolation", Refused(scenario, Trigger.StartViolationReview, Agent).Code);
    }

    [Fact]
    public void Institution_may_extend_once_before_its_deadline()
    {
        var scenario = In(CaseState.WithInstitution); // forwarded Mon 9 Mar 2026, due Mon 30 Mar
        Assert.Equal(new DateOnly(2026, 3, 30), scenario.Case.Deadline!.DueDate);
        scenario.Now = JakartaMorning(2026, 3, 26);

        var extended = scenario.Fire(Trigger.ExtendDeadline, Officer, "Menunggu data dari cabang");

        // Ten more working days after 30 Mar: 31 Mar, 1-2 Apr, (Good Friday), 6-10 Apr, 13-14 Apr.
        Assert.Equal(new DateOnly(2026, 4, 14), scenario.Case.Deadline!.DueDate);
        Assert.Equal(20, scenario.Case.Deadline.TotalWorkingDays);
        Assert.True(scenario.Case.InstitutionExtended);
        Assert.Equal(CaseState.WithInstitution, scenario.Case.State);
        Assert.Equal(Visibility.Public, extended.Visibility); // the consumer is told

        scenario.Now = JakartaMorning(2026, 4, 6);
        var refusal = Refused(scenario, Trigger.ExtendDeadline, Officer);

        Assert.Equal("case.extensionNotAllowed", refusal.Code);
        Assert.Equal(new DateOnly(2026, 4, 14), scenario.Case.Deadline.DueDate);
    }

    [Fact]
    public void Institution_cannot_extend_once_its_deadline_has_passed()
    {
        var scenario = In(CaseState.WithInstitution);
        scenario.LetDeadlinePass();

        Assert.Equal("case.extensionNotAllowed", Refused(scenario, Trigger.ExtendDeadline, Officer).Code);
    }

    [Fact]
    public void An_institution_that_missed_its_deadline_cannot_extend_it_after_asking_for_documents()
    {
        var scenario = In(CaseState.WithInstitution); // due Mon 30 Mar 2026
        scenario.LetDeadlinePass();
        scenario.Fire(Trigger.InstitutionDeadlinePassed, Actor.System);
        scenario.Now = JakartaMorning(2026, 3, 31);
        scenario.Fire(Trigger.RequestDocuments, Officer, "Mohon kirim mutasi rekening");
        scenario.Now = JakartaMorning(2026, 4, 1);
        scenario.Fire(Trigger.SupplyDocuments, scenario.ConsumerActor);

        // The resumed clock has no days left: it runs out at the end of the day the documents arrived.
        Assert.Equal(new DateOnly(2026, 4, 1), scenario.Case.Deadline!.DueDate);
        Assert.Equal("case.extensionNotAllowed", Refused(scenario, Trigger.ExtendDeadline, Officer).Code);
        Assert.True(scenario.Case.IsUntimely);
    }

    [Fact]
    public void The_institution_deadline_cannot_be_declared_missed_before_it_passes()
    {
        var scenario = In(CaseState.WithInstitution);
        var due = scenario.Case.Deadline!.DueAtUtc!.Value;
        Assert.Equal(new DateTime(2026, 3, 30, 17, 0, 0, DateTimeKind.Utc), due); // midnight WIB after 30 Mar

        scenario.Now = due.AddTicks(-1);
        Assert.Equal("case.deadlineNotPassed", Refused(scenario, Trigger.InstitutionDeadlinePassed, Actor.System).Code);
        Assert.False(scenario.Case.IsUntimely);

        scenario.Now = due;
        scenario.Fire(Trigger.InstitutionDeadlinePassed, Actor.System);
        Assert.True(scenario.Case.IsUntimely);

        // Marked once, for good.
        Assert.Equal("case.deadlineNotPassed", Refused(scenario, Trigger.InstitutionDeadlinePassed, Actor.System).Code);
    }

    [Fact]
    public void Consumer_may_escalate_from_the_institution_only_after_it_missed_its_deadline()
    {
        var scenario = In(CaseState.WithInstitution);

        Assert.Equal("case.institutionNotLate", Refused(scenario, Trigger.RequestEscalation, scenario.ConsumerActor).Code);

        scenario.LetDeadlinePass();
        Assert.Equal("case.institutionNotLate", Refused(scenario, Trigger.RequestEscalation, scenario.ConsumerActor).Code);

        scenario.Fire(Trigger.InstitutionDeadlinePassed, Actor.System);
        scenario.Fire(Trigger.RequestEscalation, scenario.ConsumerActor);

        Assert.Equal(CaseState.EscalationRequested, scenario.Case.State);
        Assert.True(scenario.Case.IsUntimely);
    }

    [Fact]
    public void A_late_institution_may_still_answer_and_stays_untimely()
    {
        var scenario = In(CaseState.WithInstitution);
        scenario.LetDeadlinePass();
        scenario.Fire(Trigger.InstitutionDeadlinePassed, Actor.System);

        scenario.Fire(Trigger.Respond, Officer);

        Assert.Equal(CaseState.ConsumerReview, scenario.Case.State);
        Assert.True(scenario.Case.IsUntimely);
    }

    [Fact]
    public void Supervisor_may_reopen_within_30_days_of_closure()
    {
        var scenario = In(CaseState.ClosedResolved);
        var closedAt = scenario.Case.ClosedAtUtc!.Value;
        scenario.Now = closedAt.AddDays(30);

        scenario.Fire(Trigger.Reopen, Supervisor, "Consumer reports the refund never arrived");

        Assert.Equal(CaseState.Screening, scenario.Case.State);
        Assert.Null(scenario.Case.ClosedAtUtc);
    }

    [Fact]
    public void Reopen_is_refused_31_days_after_closure()
    {
        var scenario = In(CaseState.ClosedResolved);
        scenario.Now = scenario.Case.ClosedAtUtc!.Value.AddDays(31);

        Assert.Equal("case.reopenWindowPassed", Refused(scenario, Trigger.Reopen, Supervisor).Code);
    }

    [Fact]
    public void Only_a_supervisor_may_reopen()
    {
        var scenario = In(CaseState.ClosedDuplicate);

        Assert.Equal("case.notYourMove", Refused(scenario, Trigger.Reopen, Specialist).Code);
        Assert.Equal("case.notYourMove", Refused(scenario, Trigger.Reopen, Agent).Code);
    }

    public static TheoryData<CaseState, Trigger, CaseState> RowsNeedingAReason()
    {
        var data = new TheoryData<CaseState, Trigger, CaseState>();
        foreach (var row in CaseLifecycle.Transitions.Where(t => t.NeedsReason))
        {
            data.Add(row.From, row.Trigger, row.To);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(RowsNeedingAReason))]
    public void A_row_that_needs_a_reason_refuses_a_blank_note(CaseState from, Trigger trigger, CaseState to)
    {
        var row = Row(from, trigger, to);
        var scenario = In(from, AskedFrom(row));
        scenario.Arrange(row);
        var actor = scenario.ActorFor(row);

        foreach (var blank in new[] { null, "", "   ", "\t\n" })
        {
            var refusal = Refused(scenario, trigger, actor, blank);
            Assert.Equal("case.reasonRequired", refusal.Code);
        }
    }

    [Fact]
    public void Notes_are_stored_trimmed_and_a_blank_optional_note_as_none()
    {
        var scenario = In(CaseState.Screening);

        scenario.Fire(Trigger.MarkDuplicate, Agent, "  Same as CPL-1  ");
        Assert.Equal("Same as CPL-1", scenario.Case.Events[^1].Note);

        var other = Submitted();
        other.Fire(Trigger.StartScreening, Agent, "   ");
        Assert.Null(other.Case.Events[^1].Note);
    }

    // ---- Clocks ----

    [Theory]
    [InlineData(Channel.Web, 10, "2026-04-07")]
    [InlineData(Channel.Email, 10, "2026-04-07")]
    [InlineData(Channel.Letter, 10, "2026-04-07")]
    [InlineData(Channel.WhatsApp, 10, "2026-04-07")]
    [InlineData(Channel.Phone, 5, "2026-03-30")]
    [InlineData(Channel.WalkIn, 5, "2026-03-30")]
    public void With_the_institution_a_written_complaint_gets_10_working_days_and_a_verbal_one_5(Channel channel, int days, string due)
    {
        // Forwarded on Mon 16 Mar 2026. Day 1 is Tue 17; 18-24 Mar are off.
        // 5: 17, 25, 26, 27, 30 Mar. 10: then 31 Mar, 1-2 Apr, (Good Friday 3 Apr), 6-7 Apr.
        var scenario = In(CaseState.WithInstitution, channel: channel, at: JakartaMorning(2026, 3, 16));

        var deadline = scenario.Case.Deadline!;
        Assert.Equal(ClockKind.InstitutionResponse, deadline.Kind);
        Assert.Equal(days, deadline.TotalWorkingDays);
        Assert.Equal(DateOnly.Parse(due, System.Globalization.CultureInfo.InvariantCulture), deadline.DueDate);
        Assert.Equal(days, deadline.WorkingDaysLeft(scenario.Now, WorkingDays));
    }

    [Fact]
    public void Asking_the_consumer_for_documents_pauses_the_institution_clock_and_supplying_them_resumes_it()
    {
        var scenario = In(CaseState.WithInstitution); // forwarded Mon 9 Mar 2026, due Mon 30 Mar
        Assert.Equal(new DateOnly(2026, 3, 30), scenario.Case.Deadline!.DueDate);

        // Fri 13 Mar: Tue 10 to Fri 13 spent, 6 left.
        scenario.Now = JakartaMorning(2026, 3, 13);
        scenario.Fire(Trigger.RequestDocuments, Officer, "Mohon kirim mutasi rekening");

        var @case = scenario.Case;
        Assert.Equal(CaseState.AwaitingConsumerDocuments, @case.State);
        Assert.Equal(CaseState.WithInstitution, @case.ReturnState);
        Assert.Equal(3, @case.Step); // the consumer still sees "with the institution"
        var paused = @case.SuspendedDeadline!;
        Assert.Equal(ClockKind.InstitutionResponse, paused.Kind);
        Assert.False(paused.IsRunning);
        Assert.Equal(4, paused.SpentWorkingDays);
        Assert.Equal(6, paused.WorkingDaysLeft(JakartaMorning(2026, 4, 30), WorkingDays));

        // The consumer has 20 working days: 16-17 Mar, 25-27, 30-31 Mar, 1-2 Apr, 6-10, 13-17, 20 Apr.
        Assert.Equal(ClockKind.ConsumerDocuments, @case.Deadline!.Kind);
        Assert.Equal(new DateOnly(2026, 4, 20), @case.Deadline.DueDate);

        // Wed 25 Mar, after Idul Fitri: 6 left are 26, 27, 30, 31 Mar, 1, 2 Apr.
        scenario.Now = JakartaMorning(2026, 3, 25);
        scenario.Fire(Trigger.SupplyDocuments, scenario.ConsumerActor);

        Assert.Equal(CaseState.WithInstitution, @case.State);
        Assert.Equal(ClockKind.InstitutionResponse, @case.Deadline!.Kind);
        Assert.True(@case.Deadline.IsRunning);
        Assert.Equal(new DateOnly(2026, 4, 2), @case.Deadline.DueDate);
        Assert.Equal(6, @case.Deadline.WorkingDaysLeft(scenario.Now, WorkingDays));
        Assert.Null(@case.SuspendedDeadline);
        Assert.Null(@case.ReturnState);
    }

    [Fact]
    public void Documents_not_supplied_within_20_working_days_close_the_case_as_withdrawn()
    {
        var scenario = In(CaseState.WithInstitution);
        scenario.Now = JakartaMorning(2026, 3, 13);
        scenario.Fire(Trigger.RequestDocuments, Officer, "Mohon kirim mutasi rekening");

        scenario.Now = new DateTime(2026, 4, 20, 16, 59, 59, DateTimeKind.Utc); // 23:59:59 WIB on the due date
        Assert.Equal("case.deadlineNotPassed", Refused(scenario, Trigger.DocumentsDeadlinePassed, Actor.System).Code);

        scenario.Now = new DateTime(2026, 4, 20, 17, 0, 0, DateTimeKind.Utc);
        scenario.Fire(Trigger.DocumentsDeadlinePassed, Actor.System);

        Assert.Equal(CaseState.ClosedWithdrawn, scenario.Case.State);
        Assert.Null(scenario.Case.Deadline);
        Assert.Null(scenario.Case.SuspendedDeadline);
        Assert.Null(scenario.Case.ReturnState);
    }

    [Fact]
    public void Documents_asked_at_screening_go_back_to_screening_without_a_clock()
    {
        var scenario = In(CaseState.AwaitingConsumerDocuments, askedFrom: CaseState.Screening);
        Assert.Null(scenario.Case.SuspendedDeadline);

        scenario.Fire(Trigger.SupplyDocuments, scenario.ConsumerActor);

        Assert.Equal(CaseState.Screening, scenario.Case.State);
        Assert.Null(scenario.Case.Deadline);
    }

    [Fact]
    public void The_consumer_has_60_working_days_to_decide_on_the_answer()
    {
        var scenario = In(CaseState.WithInstitution);
        scenario.Now = JakartaMorning(2026, 3, 16);

        scenario.Fire(Trigger.Respond, Officer);

        // Counted from Tue 17 Mar 2026 past Idul Fitri, Good Friday, 1 May, Ascension (14-15 May),
        // Idul Adha (27-28 May), Pancasila Day (1 Jun) and Islamic New Year (16 Jun).
        var deadline = scenario.Case.Deadline!;
        Assert.Equal(ClockKind.ConsumerDecision, deadline.Kind);
        Assert.Equal(60, deadline.TotalWorkingDays);
        Assert.Equal(new DateOnly(2026, 6, 25), deadline.DueDate);
        Assert.Equal(60, WorkingDays.WorkingDaysBetween(new DateOnly(2026, 3, 16), new DateOnly(2026, 6, 25)));
    }

    [Fact]
    public void Facilitation_runs_30_working_days_and_may_be_extended_once_by_30()
    {
        var scenario = In(CaseState.Facilitation);
        var deadline = scenario.Case.Deadline!;
        Assert.Equal(ClockKind.Facilitation, deadline.Kind);
        Assert.Equal(30, deadline.TotalWorkingDays);
        var due = deadline.DueDate!.Value;

        scenario.Fire(Trigger.ExtendFacilitation, Specialist, "Both sides need more time");

        Assert.Equal(WorkingDays.AddWorkingDays(due, 30), scenario.Case.Deadline!.DueDate);
        Assert.Equal("case.extensionNotAllowed", Refused(scenario, Trigger.ExtendFacilitation, Supervisor).Code);
    }

    public static TheoryData<CaseState> TerminalStates()
    {
        var data = new TheoryData<CaseState>();
        foreach (var state in CaseLifecycle.States.Where(s => s.IsTerminal))
        {
            data.Add(state.State);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(TerminalStates))]
    public void A_closed_case_has_no_deadline(CaseState terminal)
    {
        var scenario = In(terminal);

        Assert.Null(scenario.Case.Deadline);
        Assert.Null(scenario.Case.SuspendedDeadline);
        Assert.Null(scenario.Case.ReturnState);
        Assert.Equal(scenario.Now, scenario.Case.ClosedAtUtc);
    }

    [Fact]
    public void Withdrawing_while_the_institution_waits_for_documents_stops_both_clocks()
    {
        var scenario = In(CaseState.AwaitingConsumerDocuments, askedFrom: CaseState.WithInstitution);
        Assert.NotNull(scenario.Case.SuspendedDeadline);

        scenario.Fire(Trigger.Withdraw, scenario.ConsumerActor);

        Assert.Equal(CaseState.ClosedWithdrawn, scenario.Case.State);
        Assert.Null(scenario.Case.Deadline);
        Assert.Null(scenario.Case.SuspendedDeadline);
        Assert.Null(scenario.Case.ReturnState);
    }

    // ---- The shape of the table ----

    [Fact]
    public void Every_state_has_exactly_one_description_with_both_labels()
    {
        Assert.Equal(AllStates.Order(), CaseLifecycle.States.Select(s => s.State).Order());
        foreach (var info in CaseLifecycle.States)
        {
            Assert.False(string.IsNullOrWhiteSpace(info.Label.Id), $"{info.State} has no Indonesian label.");
            Assert.False(string.IsNullOrWhiteSpace(info.Label.En), $"{info.State} has no English label.");
            Assert.Same(info, CaseLifecycle.Info(info.State));
            if (info.Step is { } step)
            {
                Assert.InRange(step, 1, CaseLifecycle.Steps.Count);
            }
        }
    }

    [Fact]
    public void Terminal_states_are_exactly_the_ones_in_the_domain()
    {
        CaseState[] expected =
        [
            CaseState.Answered, CaseState.ReferredExternal, CaseState.ReferredToLaps, CaseState.ClosedResolved,
            CaseState.ClosedNoFeedback, CaseState.ClosedAgreement, CaseState.ClosedNoAgreement, CaseState.ClosedIneligible,
            CaseState.ClosedDuplicate, CaseState.ClosedWithdrawn, CaseState.ClosedSanctioned, CaseState.ClosedNotSubstantiated,
        ];

        Assert.Equal(expected.Order(), CaseLifecycle.States.Where(s => s.IsTerminal).Select(s => s.State).Order());
        Assert.All(CaseLifecycle.States.Where(s => s.IsTerminal), s => Assert.Null(s.Clock));
    }

    [Fact]
    public void Every_row_is_told_apart_by_its_state_trigger_and_target()
    {
        var keys = CaseLifecycle.Transitions.Select(t => (t.From, t.Trigger, t.To)).ToList();

        Assert.Equal(keys.Count, keys.Distinct().Count());

        // Several rows for one state and trigger are only allowed when guards tell them apart.
        foreach (var group in CaseLifecycle.Transitions.GroupBy(t => (t.From, t.Trigger)).Where(g => g.Count() > 1))
        {
            Assert.All(group, t => Assert.NotNull(t.Guard));
        }
    }

    [Fact]
    public void Every_non_terminal_state_may_be_withdrawn_by_the_consumer()
    {
        foreach (var state in CaseLifecycle.States.Where(s => !s.IsTerminal))
        {
            var withdraw = Assert.Single(CaseLifecycle.RowsFor(state.State, Trigger.Withdraw));
            Assert.Equal(CaseState.ClosedWithdrawn, withdraw.To);
            Assert.Equal(Parties.Consumer, withdraw.Who);
            Assert.Null(withdraw.Guard);
        }
    }

    [Fact]
    public void Every_terminal_state_has_a_reopen_row_and_no_other()
    {
        foreach (var state in CaseLifecycle.States.Where(s => s.IsTerminal))
        {
            var row = Assert.Single(CaseLifecycle.Transitions, t => t.From == state.State);
            Assert.Equal(Trigger.Reopen, row.Trigger);
            Assert.Equal(CaseState.Screening, row.To);
            Assert.Equal(Parties.Supervisor, row.Who);
            Assert.True(row.NeedsReason);
        }
    }

    [Fact]
    public void The_consumer_sees_every_move_but_hand_overs_and_violation_outcomes()
    {
        var hidden = CaseLifecycle.Transitions.Where(t => !t.Visibility.ToConsumer()).Select(t => t.Trigger).Distinct().Order();

        Assert.Equal(new[] { Trigger.HandOver, Trigger.Sanction, Trigger.DismissViolation }.Order(), hidden);
        Assert.All(
            CaseLifecycle.Transitions.Where(t => t.Trigger is Trigger.Sanction or Trigger.DismissViolation),
            t => Assert.Equal(Visibility.RegulatorOnly, t.Visibility));
    }

    [Fact]
    public void The_institution_sees_every_move_while_it_holds_the_case_or_its_answer_is_reviewed()
    {
        var rows = CaseLifecycle.Transitions.Where(t =>
            t.From is CaseState.WithInstitution or CaseState.ConsumerReview || t.To is CaseState.WithInstitution or CaseState.ConsumerReview);

        Assert.All(rows, t => Assert.True(t.Visibility.ToInstitution(), $"{t.From} --{t.Trigger}--> {t.To} is hidden from the institution."));
    }

    private static HashSet<CaseState> ReachableFrom(CaseState start, bool throughTerminal)
    {
        var seen = new HashSet<CaseState> { start };
        var queue = new Queue<CaseState>([start]);
        while (queue.TryDequeue(out var state))
        {
            if (!throughTerminal && CaseLifecycle.Info(state).IsTerminal)
            {
                continue;
            }

            foreach (var row in CaseLifecycle.Transitions.Where(t => t.From == state))
            {
                if (seen.Add(row.To))
                {
                    queue.Enqueue(row.To);
                }
            }
        }

        return seen;
    }

    [Fact]
    public void Every_state_is_reachable_from_submission()
    {
        var reachable = ReachableFrom(CaseState.Submitted, throughTerminal: false);

        Assert.Empty(AllStates.Except(reachable));
    }

    [Fact]
    public void Every_open_state_can_reach_a_closed_one()
    {
        foreach (var state in CaseLifecycle.States.Where(s => !s.IsTerminal))
        {
            var reachable = ReachableFrom(state.State, throughTerminal: false);
            Assert.True(reachable.Any(s => CaseLifecycle.Info(s).IsTerminal), $"{state.State} cannot reach a terminal state.");
        }
    }

    [Fact]
    public void Every_state_can_be_reached_by_real_moves()
    {
        foreach (var state in AllStates)
        {
            Assert.Equal(state, In(state).Case.State);
        }
    }

    // ---- Which buttons a user gets ----

    [Fact]
    public void Consumer_deciding_on_the_answer_may_accept_reject_or_withdraw()
    {
        var scenario = In(CaseState.ConsumerReview);

        var triggers = CaseLifecycle.AvailableTriggers(scenario.Case, scenario.As(scenario.ConsumerActor));

        Assert.Equal(new[] { Trigger.Accept, Trigger.Reject, Trigger.Withdraw }, triggers.Order());
    }

    [Fact]
    public void Available_triggers_respect_guards_and_tiers()
    {
        var scenario = In(CaseState.WithInstitution);

        Assert.Equal(
            new[] { Trigger.Respond, Trigger.ExtendDeadline, Trigger.RequestDocuments, Trigger.ReportWrongInstitution },
            CaseLifecycle.AvailableTriggers(scenario.Case, scenario.As(Officer)));
        Assert.Equal(new[] { Trigger.Withdraw }, CaseLifecycle.AvailableTriggers(scenario.Case, scenario.As(scenario.ConsumerActor)));
        Assert.Empty(CaseLifecycle.AvailableTriggers(scenario.Case, scenario.As(OtherInstitutionsOfficer)));
        Assert.Empty(CaseLifecycle.AvailableTriggers(scenario.Case, scenario.As(Actor.System)));

        scenario.LetDeadlinePass();
        Assert.Equal(new[] { Trigger.InstitutionDeadlinePassed }, CaseLifecycle.AvailableTriggers(scenario.Case, scenario.As(Actor.System)));
        scenario.Fire(Trigger.InstitutionDeadlinePassed, Actor.System);
        Assert.Equal(
            new[] { Trigger.RequestEscalation, Trigger.Withdraw },
            CaseLifecycle.AvailableTriggers(scenario.Case, scenario.As(scenario.ConsumerActor)).Order());
    }
}
