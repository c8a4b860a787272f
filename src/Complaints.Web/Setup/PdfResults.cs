using Complaints.Core.Features.Documents;
using Microsoft.AspNetCore.Mvc;

namespace Complaints.Web.Setup;

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
