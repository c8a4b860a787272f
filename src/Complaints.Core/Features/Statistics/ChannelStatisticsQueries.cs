using System.Globalization;
using Complaints.Core.Data;
using Complaints.Core.Domain.Calendar;
using Complaints.Core.Domain.WhatsApp;
using Complaints.Core.Features.WhatsApp;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Complaints.Core.Features.Statistics;

/// <summary>Jakarta calendar days <paramref name="From"/> to <paramref name="To"/>, both included.</summary>
public sealed record ReportingPeriod(DateOnly From, DateOnly To)
{
    /// <summary>The first instant of <see cref="From"/> in Jakarta.</summary>
    public DateTime StartUtc => WorkingDayCalendar.EndOfJakartaDayUtc(From.AddDays(-1));

    /// <summary>The first instant after <see cref="To"/> in Jakarta (exclusive end).</summary>
    public DateTime EndUtc => WorkingDayCalendar.EndOfJakartaDayUtc(To);

    public static ReportingPeriod Month(DateOnly anyDay) => new(new(anyDay.Year, anyDay.Month, 1), new DateOnly(anyDay.Year, anyDay.Month, 1).AddMonths(1).AddDays(-1));

    public static ReportingPeriod Quarter(DateOnly anyDay)
    {
        var first = new DateOnly(anyDay.Year, ((anyDay.Month - 1) / 3 * 3) + 1, 1);
        return new(first, first.AddMonths(3).AddDays(-1));
    }

    /// <summary>The period of the same length just before; a whole month or quarter gives the previous month or
    /// quarter (whatever its number of days).</summary>
    public ReportingPeriod Previous()
    {
        if (From.Day == 1 && To == From.AddMonths(1).AddDays(-1))
        {
            return Month(From.AddMonths(-1));
        }

        if (From.Day == 1 && (From.Month - 1) % 3 == 0 && To == From.AddMonths(3).AddDays(-1))
        {
            return Quarter(From.AddMonths(-3));
        }

        var days = To.DayNumber - From.DayNumber + 1;
        return new(From.AddDays(-days), From.AddDays(-1));
    }

    /// <summary>"from" and "to" as yyyy-MM-dd from a page's query; missing or unreadable gives the current month
    /// so far; a reversed range is put in order; a longer range than <paramref name="maxDays"/> is cut to its last
    /// days.</summary>
    public static ReportingPeriod Parse(string? from, string? to, DateOnly today, int maxDays = 3 * 366)
    {
        var start = TryDate(from) ?? new DateOnly(today.Year, today.Month, 1);
        var end = TryDate(to) ?? today;
        if (end < start)
        {
            (start, end) = (end, start);
        }

        if (end.DayNumber - start.DayNumber + 1 > maxDays)
        {
            start = end.AddDays(1 - maxDays);
        }

        return new(start, end);
    }

    /// <summary>"1 Maret 2026 – 31 Maret 2026" in the current language, as reports print a period.</summary>
    public string Text => $"{Formats.Date(From)} – {Formats.Date(To)}";

    public string FromText => From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public string ToText => To.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static DateOnly? TryDate(string? text) =>
        DateOnly.TryParseExact((text ?? "").Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) && d.Year >= 2000 ? d : null;
}

/// <summary>Median and 90th percentile of a set of durations (nearest rank: the value at rank ⌈p·n⌉ of the sorted
/// set, so both are durations that really happened); null when the set is empty.</summary>
public sealed record DurationSummary(int Count, TimeSpan? Median, TimeSpan? P90, TimeSpan? Mean)
{
    public static DurationSummary Of(IEnumerable<TimeSpan> durations)
    {
        var sorted = durations.Order().ToList();
        if (sorted.Count == 0)
        {
            return new(0, null, null, null);
        }

        TimeSpan Rank(double p) => sorted[Math.Max(0, (int)Math.Ceiling(p * sorted.Count) - 1)];
        return new(sorted.Count, Rank(0.5), Rank(0.9), TimeSpan.FromTicks((long)sorted.Average(d => d.Ticks)));
    }

    /// <summary>"1:05:30" (hours, minutes, seconds; hours past a day keep counting), or "–".</summary>
    public static string Clock(TimeSpan? duration) => duration is { } d
        ? string.Create(CultureInfo.InvariantCulture, $"{(int)d.TotalHours}:{d.Minutes:00}:{d.Seconds:00}")
        : "–";

    /// <summary>"42.5%" in the current culture, or "–".</summary>
    public static string Percent(double? share) => share is { } s ? (s * 100).ToString("0.0", CultureInfo.CurrentCulture) + "%" : "–";
}

/// <summary>Legality checks the chatbot answered, by answer.</summary>
public sealed record LegalityAnswers(int Licensed, int Revoked, int Illegal, int NotFound)
{
    public int Total => Licensed + Revoked + Illegal + NotFound;
}

/// <summary>The chatbot's period: conversations started in it and what became of them.</summary>
public sealed record ChatbotFigures(
    int Started,
    int BotAlone,
    int WithAgent,
    int StillOpen,
    int MadeCase,
    LegalityAnswers Legality,
    int HandedOver,
    int Assigned,
    DurationSummary Wait);

/// <summary>One agent's period.</summary>
public sealed record AgentFigures(
    string UserId,
    string Name,
    int Conversations,
    int Cases,
    DurationSummary FirstResponse,
    DurationSummary Handling,
    double? Utilisation);

public sealed record ChannelStatistics(ReportingPeriod Period, ChatbotFigures Chatbot, IReadOnlyList<AgentFigures> Agents, int MaxChatsPerAgent);

/// <summary>
/// The WhatsApp channel in numbers, for supervisors. Conversations count in the period they started in (Jakarta
/// days); an agent's figures come from the conversations assigned to them in the period. The model keeps only the
/// last agent of a conversation, so a transferred chat counts for the agent who held it last.
/// </summary>
public sealed class ChannelStatisticsQueries(ComplaintsDbContext db, IOptions<WhatsAppOptions> options)
{
    public async Task<ChannelStatistics> ChannelsAsync(ReportingPeriod period, CancellationToken ct = default) =>
        new(period, await ChatbotAsync(period, ct), await AgentsAsync(period, ct), options.Value.MaxChatsPerAgent);

    public async Task<ChatbotFigures> ChatbotAsync(ReportingPeriod period, CancellationToken ct = default)
    {
        var (start, end) = (period.StartUtc, period.EndUtc);
        var started = db.Conversations.AsNoTracking().Where(c => c.StartedAtUtc >= start && c.StartedAtUtc < end);
        // Counted in the database (a year is a quarter of a million conversations); only the hand-overs' two
        // instants come back, for the median and 90th percentile of the wait.
        var counts = await started
            .GroupBy(c => 1)
            .Select(g => new
            {
                Started = g.Count(),
                BotAlone = g.Count(c => !c.HadAgent && (c.EndedBy == ConversationEnd.Bot || c.EndedBy == ConversationEnd.Expired)),
                WithAgent = g.Count(c => c.HadAgent),
                StillOpen = g.Count(c => !c.HadAgent && c.ClosedAtUtc == null),
                MadeCase = g.Count(c => c.CaseId != null),
                HandedOver = g.Count(c => c.QueuedAtUtc != null),
                Assigned = g.Count(c => c.QueuedAtUtc != null && c.AssignedAtUtc != null),
            })
            .SingleOrDefaultAsync(ct);
        var waits = await started
            .Where(c => c.QueuedAtUtc != null && c.AssignedAtUtc >= c.QueuedAtUtc)
            .Select(c => new { Queued = c.QueuedAtUtc!.Value, Assigned = c.AssignedAtUtc!.Value })
            .ToListAsync(ct);

        // The chatbot marks each line that answers a legality check with the answer it gave.
        var marks = await (
                from c in started
                join m in db.ConversationMessages on c.Id equals m.ConversationId
                where m.Mark != null
                group m by m.Mark into g
                select new { Mark = g.Key!, Count = g.Count() })
            .ToDictionaryAsync(g => g.Mark, g => g.Count, ct);
        int Marked(string mark) => marks.GetValueOrDefault(mark);

        return new(
            counts?.Started ?? 0,
            counts?.BotAlone ?? 0,
            counts?.WithAgent ?? 0,
            counts?.StillOpen ?? 0,
            counts?.MadeCase ?? 0,
            new(Marked(ConversationMarks.LegalityLicensed), Marked(ConversationMarks.LegalityRevoked), Marked(ConversationMarks.LegalityIllegal), Marked(ConversationMarks.LegalityNotFound)),
            counts?.HandedOver ?? 0,
            counts?.Assigned ?? 0,
            DurationSummary.Of(waits.Select(w => w.Assigned - w.Queued)));
    }

    /// <summary>
    /// Per agent, over conversations assigned in the period: how many, how many became cases, the first response
    /// (the agent's first transcript line at or after the assignment), the handling time (assignment to closure,
    /// closed ones only), and utilisation: at each assignment in the period, the chats the agent then held
    /// (including the new one), averaged and divided by the per-agent maximum.
    /// </summary>
    public async Task<IReadOnlyList<AgentFigures>> AgentsAsync(ReportingPeriod period, CancellationToken ct = default)
    {
        var (start, end) = (period.StartUtc, period.EndUtc);
        var assigned = await db.Conversations.AsNoTracking()
            .Where(c => c.AgentUserId != null && c.AssignedAtUtc >= start && c.AssignedAtUtc < end)
            .Select(c => new
            {
                c.Id,
                AgentUserId = c.AgentUserId!,
                AssignedAtUtc = c.AssignedAtUtc!.Value,
                c.ClosedAtUtc,
                HasCase = c.CaseId != null,
                FirstReply = db.ConversationMessages
                    .Where(m => m.ConversationId == c.Id && m.Author == c.AgentUserId && m.AtUtc >= c.AssignedAtUtc)
                    .Min(m => (DateTime?)m.AtUtc),
            })
            .ToListAsync(ct);
        if (assigned.Count == 0)
        {
            return [];
        }

        // Chats held at some point of the period: assigned before its end and not closed before its start.
        var held = await db.Conversations.AsNoTracking()
            .Where(c => c.AgentUserId != null && c.AssignedAtUtc < end && (c.ClosedAtUtc == null || c.ClosedAtUtc > start))
            .Select(c => new { AgentUserId = c.AgentUserId!, AssignedAtUtc = c.AssignedAtUtc!.Value, c.ClosedAtUtc })
            .ToListAsync(ct);
        // Per agent, the chats held at an instant t = those assigned by t minus those closed by t (a chat closes after
        // it is assigned): two sorted lists and two binary searches per assignment, not a scan of every chat.
        var heldBy = held.GroupBy(h => h.AgentUserId).ToDictionary(
            g => g.Key,
            g => (Starts: g.Select(h => h.AssignedAtUtc).Order().ToArray(),
                Ends: g.Where(h => h.ClosedAtUtc is not null).Select(h => h.ClosedAtUtc!.Value < h.AssignedAtUtc ? h.AssignedAtUtc : h.ClosedAtUtc!.Value).Order().ToArray()));
        static int AtOrBefore(DateTime[] sorted, DateTime t)
        {
            var i = Array.BinarySearch(sorted, t);
            if (i < 0)
            {
                return ~i;
            }

            while (i + 1 < sorted.Length && sorted[i + 1] == t)
            {
                i++;
            }

            return i + 1;
        }
        var agentIds = assigned.Select(a => a.AgentUserId).Distinct().ToList();
        var names = await db.Users.AsNoTracking().Where(u => agentIds.Contains(u.Id))
            .Select(u => new { u.Id, u.DisplayName, u.UserName }).ToDictionaryAsync(u => u.Id, ct);
        var max = Math.Max(1, options.Value.MaxChatsPerAgent);

        return assigned.GroupBy(a => a.AgentUserId)
            .Select(g =>
            {
                var (starts, ends) = heldBy[g.Key];
                var samples = g.Select(a => AtOrBefore(starts, a.AssignedAtUtc) - AtOrBefore(ends, a.AssignedAtUtc)).ToList();
                var name = names.TryGetValue(g.Key, out var user) && !string.IsNullOrWhiteSpace(user.DisplayName) ? user.DisplayName : user?.UserName ?? g.Key;
                return new AgentFigures(
                    g.Key,
                    name,
                    g.Count(),
                    g.Count(a => a.HasCase),
                    DurationSummary.Of(g.Where(a => a.FirstReply is not null).Select(a => a.FirstReply!.Value - a.AssignedAtUtc)),
                    DurationSummary.Of(g.Where(a => a.ClosedAtUtc >= a.AssignedAtUtc).Select(a => a.ClosedAtUtc!.Value - a.AssignedAtUtc)),
                    samples.Count == 0 ? null : samples.Average() / max);
            })
            .OrderByDescending(a => a.Conversations).ThenBy(a => a.Name, StringComparer.CurrentCulture)
            .ToList();
    }
}
