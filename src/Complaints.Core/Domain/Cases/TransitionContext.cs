using Complaints.Core.Domain.Calendar;

namespace Complaints.Core.Domain.Cases;

/// <summary>Everything a transition needs besides the case: who acts, when, and the rules of time.</summary>
public sealed record TransitionContext(Actor Actor, DateTime NowUtc, WorkingDayCalendar Calendar, DeadlinePolicy Policy);
