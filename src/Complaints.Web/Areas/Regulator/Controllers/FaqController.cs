using Complaints.Core.Features.WhatsApp.Chatbot;
using Complaints.Web.Areas.Regulator.Models;
using Complaints.Web.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Complaints.Web.Areas.Regulator.Controllers;

/// <summary>The chatbot's FAQ (/regulator/faq): supervisors and administrators add, edit and switch off the
/// answers the WhatsApp bot gives, in Indonesian and English, and the keywords that lead to them.</summary>
[Authorize(Roles = "Supervisor,Administrator")]
[Route("regulator/faq")]
public sealed class FaqController(FaqQueries queries, SaveFaqEntry save, IStringLocalizer<SharedResource> l) : RegulatorController
{
    [HttpGet("")]
    public async Task<IActionResult> Index(string? done, CancellationToken ct) =>
        View(new FaqPage(await queries.ListAsync(ct), new FaqForm { SortOrder = await NextSortOrderAsync(ct) }, null, null, done == "saved" ? l["chatfaq.saved"].Value : null));

    [HttpPost("")]
    public Task<IActionResult> Create([Bind(Prefix = "New")] FaqForm form, CancellationToken ct) => SaveAsync(null, form, ct);

    [HttpPost("{id:int}")]
    public Task<IActionResult> Update(int id, FaqForm form, CancellationToken ct) => SaveAsync(id, form, ct);

    private async Task<IActionResult> SaveAsync(int? id, FaqForm form, CancellationToken ct)
    {
        ModelState.Clear();
        var result = await save.HandleAsync(new()
        {
            Id = id,
            QuestionId = form.QuestionId,
            QuestionEn = form.QuestionEn,
            AnswerId = form.AnswerId,
            AnswerEn = form.AnswerEn,
            Keywords = form.Keywords,
            SortOrder = form.SortOrder,
            Active = form.Active,
        }, Actor, ct);
        if (!result.Found)
        {
            return NotFound();
        }

        if (result.Succeeded)
        {
            return Redirect("/regulator/faq?done=saved");
        }

        var prefix = id is null ? "New-" : $"Faq{id}-";
        foreach (var error in result.Errors)
        {
            ModelState.AddModelError(prefix + char.ToUpperInvariant(error.Field[0]) + error.Field[1..], l[$"error.{error.Code}", error.Arguments]);
        }

        Response.StatusCode = StatusCodes.Status400BadRequest;
        var entries = await queries.ListAsync(ct);
        return View("Index", id is null
            ? new FaqPage(entries, form, null, null, null)
            : new FaqPage(entries, new FaqForm { SortOrder = await NextSortOrderAsync(ct) }, id, form, null));
    }

    private async Task<int> NextSortOrderAsync(CancellationToken ct) =>
        ((await queries.ListAsync(ct)).Select(e => e.SortOrder).DefaultIfEmpty(0).Max() / 10 * 10) + 10;
}
