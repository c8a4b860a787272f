using System.Globalization;
using Complaints.Core.Domain.Cases;
using Complaints.Core.Features.InstitutionPortal;

namespace Complaints.Web.Areas.Institution.Models;

/// <summary>The dashboard's filters as they travel in the query string (the CSV link reuses them).</summary>
public sealed class CaseFilterForm
{
    /// <summary>Empty: open cases; "all": every case; else one state.</summary>
    public string? State { get; set; }

    public string? Product { get; set; }

    public string? Issue { get; set; }

    public DateOnly? From { get; set; }

    public DateOnly? To { get; set; }

    /// <summary>Empty, "yes" or "no".</summary>
    public string? Untimely { get; set; }

    public int Page { get; set; } = 1;

    public InstitutionCaseFilter ToFilter() => new()
    {
        State = Enum.TryParse<CaseState>(State, ignoreCase: false, out var s) && Enum.IsDefined(s) && !int.TryParse(State, out _) ? s : null,
        IncludeClosed = State == "all",
        Product = string.IsNullOrWhiteSpace(Product) ? null : Product,
        IssueCategory = string.IsNullOrWhiteSpace(Issue) ? null : Issue,
        SubmittedFrom = From,
        SubmittedTo = To,
        Untimely = Untimely switch
        {
            "yes" => true,
            "no" => false,
            _ => null,
        },
    };

    /// <summary>The filters as a query string, without the page.</summary>
    public string Query(int? page = null)
    {
        var parts = new List<string>();
        void Add(string name, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                parts.Add(name + "=" + Uri.EscapeDataString(value));
            }
        }

        Add("state", State);
        Add("product", Product);
        Add("issue", Issue);
        Add("from", From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Add("to", To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Add("untimely", Untimely);
        Add("page", page?.ToString(CultureInfo.InvariantCulture));
        return parts.Count == 0 ? "" : "?" + string.Join('&', parts);
    }
}

public sealed record DashboardPage(CaseFilterForm Filter, InstitutionCasePage Cases);

/// <summary>One action form on the case page; what was typed comes back on any error.</summary>
public sealed class CaseActionForm
{
    public int Version { get; set; }

    public ResponseOutcome? Outcome { get; set; }

    /// <summary>Rupiah as typed ("1.500.000").</summary>
    public string? Amount { get; set; }

    public string? Note { get; set; }

    public List<IFormFile> Attachments { get; set; } = [];
}

public sealed class MessageForm
{
    public string? Body { get; set; }
}

/// <summary>The case page: the case, and the form that was posted (with its trigger) when re-rendered.</summary>
public sealed record CasePage(
    InstitutionCaseView Case,
    Trigger? PostedTrigger = null,
    CaseActionForm? PostedForm = null,
    string? Conflict = null,
    MessageForm? Message = null,
    string? Done = null);

public sealed class NewOfficerForm
{
    public string? Email { get; set; }

    public string? DisplayName { get; set; }

    public string? Password { get; set; }
}

public sealed record UsersPage(IReadOnlyList<InstitutionUserRow> Users, NewOfficerForm Form, string? Done);

public sealed class ContactsForm
{
    public string? ContactEmail { get; set; }

    public string? ContactPhone { get; set; }
}

public sealed record ContactsPage(string LegalName, ContactsForm Form, bool Saved);
