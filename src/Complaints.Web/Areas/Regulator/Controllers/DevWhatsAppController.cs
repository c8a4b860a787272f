using Complaints.Core.Features.WhatsApp;
using Complaints.Web.Areas.Regulator.Models;
using Complaints.Web.Localization;
using Complaints.Web.WhatsApp;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Complaints.Web.Areas.Regulator.Controllers;

/// <summary>
/// Development only (404 in every other environment): any regulator staff member or administrator plays a
/// consumer's phone. What they type goes to the app's own webhook as Meta would send it, signed; what the app
/// answers is read back from the stand-in Graph API at /dev/graph.
/// </summary>
[Route("regulator/dev/whatsapp")]
public sealed class DevWhatsAppController(
    IWebHostEnvironment environment,
    DevWhatsAppSimulator simulator,
    DevGraphApi graph,
    IOptions<WhatsAppOptions> options,
    IStringLocalizer<SharedResource> l) : RegulatorController
{
    public const string DefaultWaId = "6281234567890";

    public sealed record MessageForm(string? WaId, string? Name, string? Text, IFormFile? File);

    public sealed record ReplyForm(string? WaId, string? Name, string? Kind, string? ReplyId, string? Title, string? Description);

    public override void OnActionExecuting(ActionExecutingContext context)
    {
        if (!environment.IsDevelopment())
        {
            context.Result = NotFound();
        }
    }

    [HttpGet("")]
    public IActionResult Index(string? waId, string? name, int? status)
    {
        var phone = Phone(waId);
        var entries = graph.EntriesFor(phone);
        var lastInteractive = entries.LastOrDefault(e => e.Direction == "out" && DevWhatsAppBodies.Options(e.Body).Count > 0);
        var lastFromApp = entries.LastOrDefault(e => e.Direction == "out");
        // Only the app's latest message can still be answered by a tap, as on a phone where the menu scrolled away.
        var choices = lastInteractive is not null && lastInteractive == lastFromApp ? DevWhatsAppBodies.Options(lastInteractive.Body) : [];
        var settings = options.Value;
        return View(new DevWhatsAppPage(
            phone,
            string.IsNullOrWhiteSpace(name) ? "Siti Aminah" : name.Trim(),
            [.. entries.Select(DevWhatsAppBodies.Line)],
            choices,
            lastInteractive?.Wamid,
            status is { } s ? Notice(s) : null,
            !string.IsNullOrEmpty(settings.AppSecret),
            settings.GraphBaseUrl.TrimEnd('/').EndsWith(DevGraphApi.Prefix, StringComparison.Ordinal)));
    }

    [HttpPost("message")]
    public async Task<IActionResult> Message(MessageForm form, CancellationToken ct)
    {
        var phone = Phone(form.WaId);
        int status;
        if (form.File is { Length: > 0 } file)
        {
            using var content = new MemoryStream();
            await file.CopyToAsync(content, ct);
            var attachment = new DevWhatsAppSimulator.Attachment(content.ToArray(), string.IsNullOrEmpty(file.ContentType) ? "application/octet-stream" : file.ContentType, Path.GetFileName(file.FileName));
            status = await simulator.SendMediaAsync(Webhook(), phone, form.Name, attachment, form.Text?.Trim(), ct);
        }
        else if (!string.IsNullOrWhiteSpace(form.Text))
        {
            status = await simulator.SendTextAsync(Webhook(), phone, form.Name, form.Text.Trim(), ct);
        }
        else
        {
            return Back(phone, form.Name, null);
        }

        return Back(phone, form.Name, status);
    }

    [HttpPost("reply")]
    public async Task<IActionResult> Reply(ReplyForm form, CancellationToken ct)
    {
        var phone = Phone(form.WaId);
        if (form.Kind is not ("button_reply" or "list_reply") || string.IsNullOrEmpty(form.ReplyId))
        {
            return Back(phone, form.Name, null);
        }

        var context = graph.EntriesFor(phone).LastOrDefault(e => e.Direction == "out")?.Wamid;
        var status = await simulator.SendReplyAsync(Webhook(), phone, form.Name,
            new(form.Kind, form.ReplyId, form.Title ?? form.ReplyId, form.Description), context, ct);
        return Back(phone, form.Name, status);
    }

    /// <summary>The app's own webhook, at the address this request came to.</summary>
    private Uri Webhook() => new($"{Request.Scheme}://{Request.Host}{Request.PathBase}{WebhookController.Path}");

    private RedirectResult Back(string phone, string? name, int? status) =>
        Redirect($"/regulator/dev/whatsapp?waId={Uri.EscapeDataString(phone)}&name={Uri.EscapeDataString(name ?? "")}"
            + (status is { } s ? "&status=" + s.ToString(System.Globalization.CultureInfo.InvariantCulture) : ""));

    /// <summary>WhatsApp ids are digits; anything else falls back to the demo number.</summary>
    private static string Phone(string? waId)
    {
        var digits = new string((waId ?? "").Where(char.IsAsciiDigit).ToArray());
        return digits.Length is >= 8 and <= 20 ? digits : DefaultWaId;
    }

    private string Notice(int status) => status switch
    {
        0 => l["wadev.notice.unreachable"].Value,
        >= 200 and < 300 => l["wadev.notice.accepted", status].Value,
        _ => l["wadev.notice.refused", status].Value,
    };
}
