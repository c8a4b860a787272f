using Complaints.Core.Features.WhatsApp.Agents;
using Complaints.Web.Areas.Regulator.Models;
using Complaints.Web.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Complaints.Web.Areas.Regulator.Controllers;

/// <summary>The canned replies agents pick from (/regulator/agents/canned): supervisors and administrators add,
/// edit and switch them off.</summary>
[Authorize(Roles = "Supervisor,Administrator")]
[Route("regulator/agents/canned")]
public sealed class CannedRepliesController(AgentConsoleQueries queries, SaveCannedReply save, IStringLocalizer<SharedResource> l) : RegulatorController
{
    private const string IndexView = "~/Areas/Regulator/Views/AgentConsole/Canned.cshtml";

    [HttpGet("")]
    public async Task<IActionResult> Index(string? done, CancellationToken ct) =>
        View(IndexView, new CannedRepliesPage(await queries.CannedRepliesAsync(activeOnly: false, ct), new CannedReplyForm(), null, done == "saved" ? l["agents.canned.saved"].Value : null));

    [HttpPost("")]
    public Task<IActionResult> Create([Bind(Prefix = "New")] CannedReplyForm form, CancellationToken ct) => SaveAsync(null, form, ct);

    [HttpPost("{id:int}")]
    public Task<IActionResult> Update(int id, CannedReplyForm form, CancellationToken ct) => SaveAsync(id, form, ct);

    private async Task<IActionResult> SaveAsync(int? id, CannedReplyForm form, CancellationToken ct)
    {
        ModelState.Clear();
        var result = await save.HandleAsync(new() { Id = id, Title = form.Title, TextId = form.TextId, TextEn = form.TextEn, Active = form.Active }, Actor, ct);
        if (!result.Found)
        {
            return NotFound();
        }

        if (result.Succeeded)
        {
            return Redirect("/regulator/agents/canned?done=saved");
        }

        foreach (var error in result.Errors)
        {
            ModelState.AddModelError((id is null ? "New." : $"Reply{id}.") + char.ToUpperInvariant(error.Field[0]) + error.Field[1..], l[$"error.{error.Code}", error.Arguments]);
        }

        Response.StatusCode = StatusCodes.Status400BadRequest;
        return View(IndexView, new CannedRepliesPage(await queries.CannedRepliesAsync(activeOnly: false, ct), id is null ? form : new CannedReplyForm(), id, null));
    }
}
