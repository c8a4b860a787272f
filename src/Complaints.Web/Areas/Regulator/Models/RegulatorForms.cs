using System.Globalization;
using Complaints.Core.Domain.Cases;
using Complaints.Core.Domain.Institutions;
using Complaints.Core.Features.Regulator;

namespace Complaints.Web.Areas.Regulator.Models;

/// <summary>The queue's query string; dates as yyyy-MM-dd (input type=date).</summary>
public sealed class QueueForm
{
    public RegulatorQueue Queue { get; set; }
    public CaseKind? Kind { get; set; }
    public ComplaintType? Type { get; set; }
    public Sector? Sector { get; set; }
    public int? Institution { get; set; }
    public Channel? Channel { get; set; }
    public string? From { get; set; }
    public string? To { get; set; }
    public string? Q { get; set; }
    public QueueSort Sort { get; set; }
    public int Page { get; set; } = 1;

    public static DateOnly? ParseDate(string? value) =>
        DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;

    public QueueFilter ToFilter() => new()
    {
        Queue = Queue,
        Kind = Kind,
        ComplaintType = Type,
        Sector = Sector,
        InstitutionId = Institution,
        Channel = Channel,
        SubmittedFrom = ParseDate(From),
        SubmittedTo = ParseDate(To),
        Search = Q,
        Sort = Sort,
        Page = Page,
    };

    /// <summary>This form's query string with some values changed (tabs, sort links, pages).</summary>
    public string Link(RegulatorQueue? queue = null, QueueSort? sort = null, int? page = null)
    {
        var values = new List<KeyValuePair<string, string?>>
        {
            new("queue", (queue ?? Queue).ToString()),
            new("kind", Kind?.ToString()),
            new("type", Type?.ToString()),
            new("sector", Sector?.ToString()),
            new("institution", Institution?.ToString(CultureInfo.InvariantCulture)),
            new("channel", Channel?.ToString()),
            new("from", From),
            new("to", To),
            new("q", Q),
            new("sort", (sort ?? Sort).ToString()),
            new("page", (page ?? (queue is null && sort is null ? Page : 1)).ToString(CultureInfo.InvariantCulture)),
        };
        return "/regulator" + Microsoft.AspNetCore.Http.QueryString.Create(values.Where(v => !string.IsNullOrEmpty(v.Value)));
    }
}

public sealed record QueueModel(QueueForm Form, QueuePage Page, IReadOnlyList<Choice> Institutions);

/// <summary>What any case action form may carry; each trigger's form shows the fields it needs.</summary>
public sealed class ActionForm
{
    public int Version { get; set; }
    public string? Note { get; set; }
    public int? InstitutionId { get; set; }
    public string? ReferredTo { get; set; }
    public string? DuplicateOf { get; set; }
    public EligibilityRule? FailedRule { get; set; }
    public bool Limited { get; set; }
    public string? Terms { get; set; }
    public string? Amount { get; set; }

    /// <summary>The specialist's tick for the rule the data cannot show: not in court, arbitration or LAPS SJK.</summary>
    public bool NotInCourt { get; set; }
}

public sealed class ClassifyForm
{
    public int Version { get; set; }
    public CaseKind? Kind { get; set; }
    public ComplaintType? ComplaintType { get; set; }
    public Sector? Sector { get; set; }
    public string? Product { get; set; }
    public string? IssueCategory { get; set; }
    public bool Restricted { get; set; }
}

public sealed class AssignForm
{
    public int Version { get; set; }
    public string? UserId { get; set; }
}

public sealed class MessageForm
{
    public MessageAudience? Audience { get; set; }
    public string? Body { get; set; }
}

public sealed class MeetingForm
{
    /// <summary>yyyy-MM-ddTHH:mm in WIB (input type=datetime-local).</summary>
    public string? StartsAt { get; set; }
    public string? Location { get; set; }
    public string? VideoLink { get; set; }
    public string? Participants { get; set; }

    public DateTime? ParseStart() =>
        DateTime.TryParseExact(StartsAt, ["yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;
}

public sealed class MinutesForm
{
    public Guid MeetingId { get; set; }
    public string? Minutes { get; set; }
}

/// <summary>Which form on the case page was posted, so only it shows the typed input and its errors.</summary>
public enum PostedForm
{
    None,
    Action,
    Classify,
    Assign,
    Message,
    Meeting,
    Minutes,
}

public sealed class CasePageModel
{
    public required RegulatorCaseView Case { get; init; }
    public IReadOnlyList<Choice> Institutions { get; init; } = [];
    public IReadOnlyList<Choice> Staff { get; init; } = [];
    public PostedForm Posted { get; set; }
    public Trigger? PostedTrigger { get; set; }
    public ActionForm Action { get; set; } = new();
    public ClassifyForm Classify { get; set; } = new();
    public AssignForm Assign { get; set; } = new();
    public MessageForm Message { get; set; } = new();
    public MeetingForm Meeting { get; set; } = new();
    public MinutesForm MinutesForm { get; set; } = new();

    /// <summary>Someone changed the case since the page was loaded; the typed input is kept.</summary>
    public bool Conflict { get; set; }

    /// <summary>A localized reason a move was refused.</summary>
    public string? Problem { get; set; }

    /// <summary>A localized confirmation after a change.</summary>
    public string? Notice { get; set; }
}
