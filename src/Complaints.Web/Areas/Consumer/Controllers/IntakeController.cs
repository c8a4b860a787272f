using System.Text.Json;
using Complaints.Core;
using Complaints.Core.Domain.Cases;
using Complaints.Core.Features.Attachments;
using Complaints.Core.Features.Intake;
using Complaints.Web.Areas.Consumer.Models;
using Complaints.Web.Localization;
using Complaints.Web.Setup;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Complaints.Web.Areas.Consumer.Controllers;

/// <summary>Public intake: anyone may file a question, information or complaint without an account.</summary>
[Area("Consumer")]
[Route("cases")]
public sealed class IntakeController(
    SubmitCase submit,
    AttachmentStore store,
    IOptions<StorageOptions> storage,
    KeptFileTokens keptFiles,
    IStringLocalizer<SharedResource> l) : Controller
{
    private const string ReceiptKey = "receipt";

    [HttpGet("new")]
    public IActionResult New(CaseKind? kind) => View(new IntakeForm { Kind = kind ?? CaseKind.Complaint });

    [HttpPost("new")]
    [EnableRateLimiting(SecuritySetup.IntakePolicy)]
    [RequestSizeLimit(60 * 1024 * 1024)]
    [RequestFormLimits(MultipartBodyLengthLimit = 60 * 1024 * 1024)]
    public async Task<IActionResult> New(IntakeForm form, CancellationToken ct)
    {
        var kept = keptFiles.Read(form.KeptFiles);
        var uploads = form.Attachments.Where(f => f.Length > 0 || f.FileName.Length > 0)
            .Select(f => new UploadedFile(f.FileName, f.Length, f.OpenReadStream))
            .ToList();

        long? loss = null;
        if (!string.IsNullOrWhiteSpace(form.LossAmount))
        {
            if (Formats.TryParseRupiah(form.LossAmount, out var parsed))
            {
                loss = parsed;
            }
            else
            {
                ModelState.AddModelError(nameof(form.LossAmount), l["error.amount.invalid"]);
            }
        }

        if (ModelState.IsValid)
        {
            var result = await submit.HandleAsync(new SubmitCase.Input
            {
                Kind = form.Kind,
                InstitutionId = form.InstitutionId,
                InstitutionName = form.InstitutionName,
                Sector = form.Sector,
                Product = Blank(form.Product),
                IssueCategory = Blank(form.IssueCategory),
                Description = form.Description,
                LossAmount = loss,
                RequestedResolution = form.RequestedResolution,
                ComplainedToInstitutionOn = form.ComplainedToInstitution ? form.ComplainedToInstitutionOn : null,
                InstitutionAnsweredOn = form.ComplainedToInstitution ? form.InstitutionAnsweredOn : null,
                InstitutionAnswer = form.ComplainedToInstitution ? form.InstitutionAnswer : null,
                Channel = Channel.Web,
                Name = form.Name,
                Email = form.Email,
                WhatsApp = form.WhatsApp,
                Nik = form.Nik,
                ConsentGiven = form.ConsentGiven,
                Attachments = [.. kept.Select(k => new UploadedFile(k.FileName, k.Size, () => store.OpenRead(k.Sha256))), .. uploads],
            }, ct);
            if (result.Succeeded)
            {
                TempData[ReceiptKey] = JsonSerializer.Serialize(new SubmittedReceipt(result.Case!.TrackingNumber, result.Pin!, result.Case.Kind));
                return RedirectToAction(nameof(Submitted));
            }

            foreach (var error in result.Errors)
            {
                ModelState.AddModelError(FormField(error.Field), l[$"error.{error.Code}", error.Arguments]);
            }
        }

        // Nothing typed is lost: the form comes back filled, and files that were fine are kept on the server.
        var keptTokens = kept.Select(k => k.Token).ToList();
        foreach (var upload in uploads.Where(u => AttachmentStore.Check(u, storage.Value.MaxAttachmentBytes) is null))
        {
            var stored = await store.SaveAsync(upload, ct);
            keptTokens.Add(keptFiles.Issue(stored));
        }

        ModelState.Remove(nameof(form.KeptFiles));
        form.KeptFiles = keptTokens.Take(storage.Value.MaxAttachmentsPerSubmission).ToList();
        return View(form);
    }

    /// <summary>Shows the tracking number and PIN once, right after filing (PRG: a refresh does not file again).</summary>
    [HttpGet("submitted")]
    public IActionResult Submitted()
    {
        if (TempData[ReceiptKey] is not string json)
        {
            return RedirectToAction("Index", "Tracking");
        }

        Response.Headers.CacheControl = "no-cache, no-store";
        Response.Headers.Pragma = "no-cache";
        return View(JsonSerializer.Deserialize<SubmittedReceipt>(json));
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    /// <summary>The use case names fields as the API does ("whatsApp"); the form's are PascalCase.</summary>
    private static string FormField(string field) =>
        field switch
        {
            "institutionId" => nameof(IntakeForm.InstitutionName),
            _ => char.ToUpperInvariant(field[0]) + field[1..],
        };
}
