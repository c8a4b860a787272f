using Complaints.Core.Features.Documents;
using Microsoft.AspNetCore.Mvc;

namespace Complaints.Web.Setup;

/// <summary>The monthly report's picker: the month as "yyyy-MM" and, for regulator staff, the institution.</summary>
public sealed class MonthlyReportForm
{
    public string? Month { get; set; }

    public int? InstitutionId { get; set; }

    /// <summary>The regulator's choice of institutions; empty on the institution portal.</summary>
    public IReadOnlyList<(int Id, string Name)> Institutions { get; set; } = [];
}

/// <summary>Where a case page's minutes and deed links point: under <paramref name="BasePath"/> for callers signed in
/// ("/institution/cases/{n}"); or, on the tracking page (<paramref name="Pin"/> and <paramref name="CaseId"/> set),
/// forms that post number and PIN again.</summary>
public sealed record CaseDocumentLinksModel(string TrackingNumber, string BasePath, string? Pin = null, Guid? CaseId = null);

/// <summary>How every portal hands out a generated document.</summary>
public static class PdfResults
{
    /// <summary>The address documents link back to (QR codes, verification).</summary>
    public static string PublicBaseUrl(this HttpRequest request) => $"{request.Scheme}://{request.Host}{request.PathBase}";

    /// <summary>The PDF as a download that no cache keeps, or 404 when the case is not the caller's to see.</summary>
    public static IActionResult Pdf(this ControllerBase controller, DocumentFile? file)
    {
        if (file is null)
        {
            return controller.NotFound();
        }

        controller.Response.Headers.CacheControl = "no-cache, no-store";
        controller.Response.Headers.Pragma = "no-cache";
        return controller.File(file.Content, "application/pdf", file.FileName);
    }
}
