using System.Diagnostics;
using Complaints.Core.Data;
using Complaints.Core.Domain.Calendar;
using Complaints.Core.Domain.Cases;
using Complaints.Core.Domain.Consumers;
using Complaints.Core.Domain.Institutions;
using Microsoft.EntityFrameworkCore;

namespace Complaints.Bench;

/// <summary>
/// Fills a database with realistic cases built through the real lifecycle (so history, clocks and hashes are
/// real), spread over two years, the registry's institutions and every kind of path.
/// </summary>
public sealed class CaseGenerator(Func<ComplaintsDbContext> newContext, int seed = 157)
{
    private WorkingDayCalendar? calendar;

    private static readonly Trigger[] Forwarded = [Trigger.StartScreening, Trigger.ForwardToInstitution];
    private static readonly Trigger[] Answered = [.. Forwarded, Trigger.Respond];
    private static readonly Trigger[] Escalated = [.. Answered, Trigger.Reject, Trigger.StartEligibilityReview];
    private static readonly Trigger[] Meeting = [.. Escalated, Trigger.ScheduleClarificationMeeting];
    private static readonly Trigger[] Facilitated = [.. Meeting, Trigger.ProposeFacilitation, Trigger.SignFacilitationAgreement];

    /// <summary>Every way a case goes, open at each stage and closed by each ending (deadline endings included), with
    /// roughly the regulator's mix: most traffic is questions; complaints mostly end at the institution.</summary>
    private static readonly (int Weight, Trigger[] Path)[] Paths =
    [
        (2, []),
        (3, [Trigger.StartScreening]),
        (41, [Trigger.StartScreening, Trigger.AnswerQuestion]),
        (8, Forwarded),
        (4, Answered),
        (16, [.. Answered, Trigger.Accept]),
        (4, [.. Answered, Trigger.DecisionDeadlinePassed]),
        (3, [.. Forwarded, Trigger.Withdraw]),
        (3, [Trigger.StartScreening, Trigger.RequestDocuments, Trigger.DocumentsDeadlinePassed]),
        (2, Escalated),
        (4, [.. Escalated, Trigger.CloseIneligible]),
        (2, [.. Escalated, Trigger.ReferToLaps]),
        (2, [.. Meeting, Trigger.RecordAgreement]),
        (1, [.. Meeting, Trigger.ProposeFacilitation]),
        (1, [.. Meeting, Trigger.ProposeFacilitation, Trigger.SignatureDeadlinePassed]),
        (1, Facilitated),
        (2, [.. Facilitated, Trigger.RecordAgreement]),
        (1, [.. Facilitated, Trigger.RecordNoAgreement]),
    ];

    public async Task GenerateAsync(int count, int batchSize, TextWriter log, CancellationToken ct = default)
    {
        var random = new Random(seed);
        List<Institution> institutions;
        await using (var db = newContext())
        {
            institutions = await db.Institutions.AsNoTracking().ToListAsync(ct);
            calendar = new WorkingDayCalendar(await db.Holidays.Select(h => h.Date).ToListAsync(ct));
        }

        if (institutions.Count == 0)
        {
            throw new InvalidOperationException("The registry is empty: run the app or `migrate` once first.");
        }

        var policy = DeadlinePolicy.Default;
        var end = DateTime.UtcNow;
        var watch = Stopwatch.StartNew();
        var totalWeight = Paths.Sum(p => p.Weight);
        for (var done = 0; done < count; done += batchSize)
        {
            await using var db = newContext();
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            foreach (var institution in institutions)
            {
                db.Attach(institution);
            }

            for (var i = 0; i < Math.Min(batchSize, count - done); i++)
            {
                var n = done + i;
                var pick = random.Next(totalWeight);
                var pathIndex = 0;
                while (pick >= Paths[pathIndex].Weight)
                {
                    pick -= Paths[pathIndex++].Weight;
                }

                var path = Paths[pathIndex].Path;
                var institution = institutions[random.Next(institutions.Count)];
                var at = end.AddMinutes(-random.Next(2 * 365 * 24 * 60));
                var kind = path is [Trigger.StartScreening, Trigger.AnswerQuestion] ? CaseKind.Question : CaseKind.Complaint;
                var consumer = new Consumer
                {
                    Name = $"Konsumen {n}",
                    Email = $"konsumen{n}@example.org",
                    WhatsApp = $"628{n:D10}",
                    Nik = random.Next(4) == 0 ? $"3201{random.Next(10, 99)}{random.Next(1, 28):D2}{random.Next(1, 12):D2}{random.Next(60, 99)}{random.Next(1, 9999):D4}" : null,
                    CreatedAtUtc = at,
                    ConsentGivenAtUtc = at,
                };
                var channel = (Channel)random.Next(6);
                var details = new Case.Details(kind, channel, institution, null, institution.Sector, "online-loan", kind == CaseKind.Complaint ? "collection" : null,
                    "Penagihan dilakukan berulang kali di luar jam yang wajar dan menghubungi kerabat saya.", kind == CaseKind.Complaint ? random.Next(1, 500) * 100_000L : null,
                    null, null, null, null);
                var @case = Case.Submit(details, consumer, TrackingNumber.New(), "bench", new TransitionContext(Actor.ForConsumer(consumer.Id), at, calendar!, policy));
                var agent = new Actor(ActorRole.Agent, "bench-agent");
                var staff = agent;
                @case.Classify(kind, kind == CaseKind.Complaint ? ComplaintType.Dispute : null, institution.Sector, "online-loan", @case.IssueCategory, (agent, at.AddMinutes(30)));
                @case.AssignTo("bench-agent", (new Actor(ActorRole.Supervisor, "bench-supervisor"), at.AddMinutes(40)));
                foreach (var trigger in path)
                {
                    // Deadline endings happen just after the deadline; everything else some hours to days later.
                    at = trigger is Trigger.DecisionDeadlinePassed or Trigger.DocumentsDeadlinePassed or Trigger.SignatureDeadlinePassed
                        ? @case.Deadline!.DueAtUtc!.Value.AddMinutes(5)
                        : at.AddHours(random.Next(2, 24 * 8));
                    var actor = ActorFor(trigger, institution.Id, consumer.Id);
                    var context = new TransitionContext(actor.IsStaff && actor.Tier < staff.Tier ? staff : actor, at, calendar!, policy);
                    switch (trigger)
                    {
                        case Trigger.ForwardToInstitution:
                            @case.ForwardTo(institution, context, null);
                            at = Documents(@case, random.Next(3), new Actor(ActorRole.InstitutionOfficer, "bench-officer", InstitutionId: institution.Id), consumer.Id, at);
                            if (random.Next(10) == 0)
                            {
                                @case.Fire(Trigger.ExtendDeadline, context with { Actor = new Actor(ActorRole.InstitutionOfficer, "bench-officer", InstitutionId: institution.Id), NowUtc = at.AddHours(1) }, "Perlu verifikasi.");
                            }

                            break;
                        case Trigger.Respond:
                            @case.Respond((ResponseOutcome)random.Next(3), 1_000_000, context, "Jawaban PUJK.");
                            break;
                        case Trigger.CloseIneligible:
                            @case.CloseIneligible((EligibilityRule)random.Next(Enum.GetValues<EligibilityRule>().Length), context, "Tidak memenuhi syarat.");
                            break;
                        case Trigger.RecordAgreement:
                            @case.RecordAgreement("PUJK mengembalikan dana konsumen.", random.Next(1, 100) * 100_000L, context, null);
                            break;
                        case Trigger.Accept when random.Next(2) == 0:
                            @case.Fire(trigger, context);
                            @case.Rate(random.Next(1, 6), null, Actor.ForConsumer(consumer.Id));
                            break;
                        default:
                            @case.Fire(trigger, context, trigger is Trigger.Reject or Trigger.Withdraw or Trigger.RequestDocuments ? "Alasan." : null);
                            break;
                    }

                    if (trigger == Trigger.StartScreening)
                    {
                        // A working history: documents asked for and supplied during screening, a reassignment, sometimes a hand-over.
                        at = Documents(@case, random.Next(5), agent, consumer.Id, at);
                        if (random.Next(2) == 0)
                        {
                            @case.AssignTo("bench-agent-2", (new Actor(ActorRole.Supervisor, "bench-supervisor"), at.AddMinutes(5)));
                        }

                        if (random.Next(3) == 0)
                        {
                            @case.Fire(Trigger.HandOver, new TransitionContext(staff, at.AddMinutes(10), calendar!, policy), "Perlu penelaahan spesialis.");
                            staff = new Actor(ActorRole.Specialist, "bench-specialist");
                        }
                    }
                }

                db.Cases.Add(@case);
            }

            db.ChangeTracker.DetectChanges();
            await db.SaveChangesAsync(ct);
            var total = done + Math.Min(batchSize, count - done);
            if (total % (batchSize * 10) == 0 || total == count)
            {
                log.WriteLine($"{total:N0} cases in {watch.Elapsed.TotalSeconds:N0} s ({total / watch.Elapsed.TotalSeconds:N0}/s)");
            }
        }
    }

    /// <summary>Rounds of "documents requested, documents supplied", a few hours apart; returns the time after the last.</summary>
    private DateTime Documents(Case @case, int rounds, Actor requester, Guid consumerId, DateTime at)
    {
        for (var round = 0; round < rounds; round++)
        {
            at = at.AddHours(3);
            @case.Fire(Trigger.RequestDocuments, new TransitionContext(requester, at, calendar!, DeadlinePolicy.Default), "Mohon lampirkan bukti.");
            at = at.AddHours(5);
            @case.Fire(Trigger.SupplyDocuments, new TransitionContext(Actor.ForConsumer(consumerId), at, calendar!, DeadlinePolicy.Default));
        }

        return at;
    }

    private static Actor ActorFor(Trigger trigger, int institutionId, Guid consumerId) => trigger switch
    {
        Trigger.Respond => new Actor(ActorRole.InstitutionOfficer, "bench-officer", InstitutionId: institutionId),
        Trigger.Accept or Trigger.Reject or Trigger.Withdraw or Trigger.SignFacilitationAgreement => Actor.ForConsumer(consumerId),
        Trigger.StartEligibilityReview or Trigger.ScheduleClarificationMeeting or Trigger.ProposeFacilitation or Trigger.CloseIneligible
            or Trigger.ReferToLaps or Trigger.RecordAgreement or Trigger.RecordNoAgreement => new Actor(ActorRole.Specialist, "bench-specialist"),
        Trigger.DecisionDeadlinePassed or Trigger.DocumentsDeadlinePassed or Trigger.SignatureDeadlinePassed => Actor.System,
        _ => new Actor(ActorRole.Agent, "bench-agent"),
    };
}
