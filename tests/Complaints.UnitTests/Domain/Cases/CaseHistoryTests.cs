using Complaints.Core.Domain.Cases;
using static Complaints.UnitTests.Domain.Cases.CaseScenario;

namespace Complaints.UnitTests.Domain.Cases;

public sealed class CaseHistoryTests
{
    /// <summary>Submitted, screened, with the institution, documents asked and supplied, answered, accepted:
    /// seven events.</summary>
    private static CaseScenario ResolvedCase()
    {
        var scenario = In(CaseState.WithInstitution);
        scenario.Now = JakartaMorning(2026, 3, 12);
        scenario.Fire(Trigger.RequestDocuments, Officer, "Mohon kirim mutasi rekening");
        scenario.Now = JakartaMorning(2026, 3, 16);
        scenario.Fire(Trigger.SupplyDocuments, scenario.ConsumerActor, "Terlampir");
        scenario.Now = new DateTime(2026, 3, 26, 3, 15, 42, 123, DateTimeKind.Utc);
        scenario.Fire(Trigger.Respond, Officer, "Dana dikembalikan Rp1.500.000");
        scenario.Now = JakartaMorning(2026, 3, 27);
        scenario.Fire(Trigger.Accept, scenario.ConsumerActor);
        Assert.Equal(7, scenario.Case.EventCount);
        return scenario;
    }

    /// <summary>What a direct database edit does: change a column, leave the stored hash alone.</summary>
    private static void Tamper<T>(CaseEvent e, string property, T value) =>
        typeof(CaseEvent).GetProperty(property)!.SetValue(e, value);

    [Fact]
    public void An_untouched_history_verifies()
    {
        var @case = ResolvedCase().Case;

        Assert.Null(@case.FindHistoryBreak(@case.Events));
        Assert.Null(CaseHistory.FindBreak(@case.Events));
        Assert.Equal(Enumerable.Range(1, 7), @case.Events.Select(e => e.Sequence));
        Assert.Equal("", @case.Events[0].PreviousHash);
        Assert.All(@case.Events.Skip(1), (e, i) => Assert.Equal(@case.Events[i].Hash, e.PreviousHash));
        Assert.Equal(@case.Events[^1].Hash, @case.LastEventHash);
    }

    [Fact]
    public void A_history_read_back_in_another_order_still_verifies()
    {
        var @case = ResolvedCase().Case;

        Assert.Null(@case.FindHistoryBreak(@case.Events.Reverse()));
    }

    [Fact]
    public void The_hash_covers_whole_milliseconds_so_it_survives_a_database_round_trip()
    {
        var @case = ResolvedCase().Case;
        var respond = @case.Events[5];

        Assert.Equal(new DateTime(2026, 3, 26, 3, 15, 42, 123, DateTimeKind.Utc), respond.OccurredAtUtc);
        Assert.Equal(respond.Hash, respond.ComputeHash());
    }

    [Fact]
    public void Changing_a_note_is_detected_at_that_event()
    {
        var @case = ResolvedCase().Case;

        Tamper(@case.Events[5], nameof(CaseEvent.Note), "Tidak ada pengembalian dana");

        Assert.Equal(6, @case.FindHistoryBreak(@case.Events));
    }

    [Fact]
    public void Changing_a_state_is_detected_at_that_event()
    {
        var @case = ResolvedCase().Case;

        Tamper(@case.Events[2], nameof(CaseEvent.ToState), CaseState.ClosedIneligible);

        Assert.Equal(3, @case.FindHistoryBreak(@case.Events));
    }

    [Fact]
    public void Changing_a_time_is_detected_at_that_event()
    {
        var @case = ResolvedCase().Case;
        var e = @case.Events[3];

        Tamper(e, nameof(CaseEvent.OccurredAtUtc), e.OccurredAtUtc.AddDays(-3));

        Assert.Equal(4, @case.FindHistoryBreak(@case.Events));
    }

    [Fact]
    public void Changing_the_actor_or_the_visibility_is_detected()
    {
        var first = ResolvedCase().Case;
        Tamper(first.Events[1], nameof(CaseEvent.ActorId), "someone-else");
        Assert.Equal(2, first.FindHistoryBreak(first.Events));

        var second = ResolvedCase().Case;
        Tamper(second.Events[4], nameof(CaseEvent.Visibility), Visibility.RegulatorOnly);
        Assert.Equal(5, second.FindHistoryBreak(second.Events));
    }

    [Fact]
    public void An_edit_with_a_recomputed_hash_is_caught_by_the_next_events_link()
    {
        var @case = ResolvedCase().Case;
        var e = @case.Events[2];

        Tamper(e, nameof(CaseEvent.Note), "Rewritten");
        Tamper(e, nameof(CaseEvent.Hash), e.ComputeHash());

        Assert.Equal(4, @case.FindHistoryBreak(@case.Events));
    }

    [Fact]
    public void Deleting_a_middle_event_is_detected_at_its_sequence()
    {
        var @case = ResolvedCase().Case;
        var events = @case.Events.ToList();

        events.RemoveAt(3);

        Assert.Equal(4, @case.FindHistoryBreak(events));
    }

    [Fact]
    public void Deleting_the_first_event_is_detected()
    {
        var @case = ResolvedCase().Case;

        Assert.Equal(1, @case.FindHistoryBreak(@case.Events.Skip(1)));
    }

    [Fact]
    public void Deleting_the_last_event_is_detected_at_its_sequence()
    {
        var @case = ResolvedCase().Case;
        var events = @case.Events.ToList();

        events.RemoveAt(events.Count - 1);

        // The remaining chain is intact on its own; only the case's head (count and last hash) gives it away.
        Assert.Null(CaseHistory.FindBreak(events));
        Assert.Equal(7, @case.FindHistoryBreak(events));
    }

    [Fact]
    public void An_event_from_another_case_does_not_fit_the_chain()
    {
        var @case = ResolvedCase().Case;
        var other = ResolvedCase().Case;
        var events = @case.Events.ToList();

        events[2] = other.Events[2];

        Assert.Equal(3, @case.FindHistoryBreak(events));
    }

    [Fact]
    public void An_empty_history_breaks_at_the_first_event()
    {
        var @case = ResolvedCase().Case;

        Assert.Equal(1, @case.FindHistoryBreak([]));
    }
}
