using Complaints.Core.Features;
using Complaints.Core.Features.Attachments;
using Complaints.Core.Features.WhatsApp.Agents;
using Complaints.Web.Areas.Regulator.Models;
using Complaints.Web.Localization;
using Complaints.Web.Setup;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Complaints.Web.Areas.Regulator.Controllers;

/// <summary>
/// The WhatsApp agent console (/regulator/agents): the live queue, the agent's chats, and one conversation with its
/// history, reply form, canned replies, transfer, closing and conversion into a case. Every page works without
/// script; agent-console.js listens to the hub and reloads the fragments that changed.
/// </summary>
[Authorize(Policy = Policies.RegulatorCaseWork)]
[Route("regulator/agents")]
public sealed class AgentConsoleController(AgentConsoleQueries queries, IStringLocalizer<SharedResource> l) : RegulatorController
{
    private const string ConversationView = "Conversation";

    [HttpGet("")]
    public async Task<IActionResult> Index(string? notice, CancellationToken ct)
    {
        var console = await queries.ConsoleAsync(Actor, ct);
        return console is null ? NotFound() : View(new AgentConsolePage(console, NoticeText(notice)));
    }

    [HttpGet("queue")]
    public async Task<IActionResult> Queue(CancellationToken ct)
    {
        var console = await queries.ConsoleAsync(Actor, ct);
        return console is null ? NotFound() : PartialView("_Queue", console);
    }

    [HttpGet("mine")]
    public async Task<IActionResult> Mine(CancellationToken ct)
    {
        var console = await queries.ConsoleAsync(Actor, ct);
        return console is null ? NotFound() : PartialView("_Mine", console);
    }

    [HttpPost("take")]
    public async Task<IActionResult> Take([FromServices] TakeNextConversation take, CancellationToken ct)
    {
        var result = await take.HandleAsync(new(), Actor, ct);
        switch (result.Result)
        {
            case AgentChange.Outcome.Done:
                return Redirect($"/regulator/agents/conversations/{result.ConversationId}");
            case AgentChange.Outcome.NotFound:
                return NotFound();
            case AgentChange.Outcome.Conflict:
            case AgentChange.Outcome.Invalid:
            default:
                var console = await queries.ConsoleAsync(Actor, ct);
                Response.StatusCode = StatusCodes.Status409Conflict;
                return View("Index", new AgentConsolePage(console!, result.Errors.Count > 0 ? ErrorText(result.Errors[0]) : l["agents.conflict"].Value));
        }
    }

    [HttpGet("conversations/{id:guid}")]
    public async Task<IActionResult> Conversation(Guid id, string? notice, CancellationToken ct) =>
        await ConversationPageAsync(id, new AgentSendForm(), NoticeText(notice), ct);

    [HttpGet("conversations/{id:guid}/transcript")]
    public async Task<IActionResult> Transcript(Guid id, CancellationToken ct)
    {
        var view = await queries.ConversationAsync(Actor, id, ct);
        return view is null ? NotFound() : PartialView("_Transcript", view);
    }

    [HttpPost("conversations/{id:guid}/send")]
    [RequestSizeLimit(30 * 1024 * 1024)]
    public async Task<IActionResult> Send(Guid id, [Bind(Prefix = "Send")] AgentSendForm form, [FromServices] SendAgentMessage send, CancellationToken ct)
    {
        ModelState.Clear();
        var file = form.File is { } f ? new UploadedFile(f.FileName, f.Length, f.OpenReadStream) : null;
        var result = await send.HandleAsync(new() { ConversationId = id, Text = form.Text, File = file }, Actor, ct);
        return await AfterAsync(id, result, form, ct);
    }

    [HttpPost("conversations/{id:guid}/transfer")]
    public async Task<IActionResult> Transfer(Guid id, [Bind(Prefix = "Transfer")] AgentTransferForm form, [FromServices] TransferConversation transfer, CancellationToken ct)
    {
        ModelState.Clear();
        var result = await transfer.HandleAsync(new() { ConversationId = id, Version = form.Version, ToUserId = form.ToUserId, ToTier = form.ToTier }, Actor, ct);
        return result.Result == AgentChange.Outcome.Done ? Redirect("/regulator/agents?notice=transferred") : await AfterAsync(id, result, new AgentSendForm(), ct);
    }

    [HttpPost("conversations/{id:guid}/close")]
    public async Task<IActionResult> Close(Guid id, [Bind(Prefix = "Close")] AgentCloseForm form, [FromServices] CloseConversation close, CancellationToken ct)
    {
        ModelState.Clear();
        var result = await close.HandleAsync(new() { ConversationId = id, Version = form.Version, Reason = form.Reason }, Actor, ct);
        return result.Result == AgentChange.Outcome.Done ? Redirect("/regulator/agents?notice=closed") : await AfterAsync(id, result, new AgentSendForm(), ct);
    }

    [HttpGet("conversations/{id:guid}/case")]
    public async Task<IActionResult> Case(Guid id, CancellationToken ct)
    {
        var view = await queries.ConversationAsync(Actor, id, ct);
        var draft = await queries.CaseDraftAsync(Actor, id, ct);
        if (view is null || draft is null || !view.IsMine)
        {
            return NotFound();
        }

        return View(new AgentCasePage(view, AgentCaseForm.From(draft, view.Version)));
    }

    [HttpPost("conversations/{id:guid}/case")]
    public async Task<IActionResult> CreateCase(Guid id, [Bind(Prefix = "Form")] AgentCaseForm form, [FromServices] ConvertConversationToCase convert, CancellationToken ct)
    {
        ModelState.Clear();
        var draft = await queries.CaseDraftAsync(Actor, id, ct);
        if (draft is null)
        {
            return NotFound();
        }

        var result = await convert.HandleAsync(new() { ConversationId = id, Version = form.Version, Case = form.ToInput(draft) }, Actor, ct);
        switch (result.Change.Result)
        {
            case AgentChange.Outcome.Done:
                return Redirect($"/regulator/agents/conversations/{id}?notice=caseCreated");
            case AgentChange.Outcome.NotFound:
                return NotFound();
            case AgentChange.Outcome.Conflict:
                return Redirect($"/regulator/agents/conversations/{id}?notice=conflict");
            case AgentChange.Outcome.Invalid:
            default:
                var view = await queries.ConversationAsync(Actor, id, ct);
                if (view is null)
                {
                    return NotFound();
                }

                foreach (var error in result.Errors)
                {
                    ModelState.AddModelError("Form." + char.ToUpperInvariant(error.Field[0]) + error.Field[1..], ErrorText(error));
                }

                Response.StatusCode = StatusCodes.Status400BadRequest;
                return View("Case", new AgentCasePage(view, form));
        }
    }

    private async Task<IActionResult> AfterAsync(Guid id, AgentChange result, AgentSendForm form, CancellationToken ct)
    {
        switch (result.Result)
        {
            case AgentChange.Outcome.Done:
                return Redirect($"/regulator/agents/conversations/{id}");
            case AgentChange.Outcome.NotFound:
                // Not (or no longer) the agent's chat: show it read-only if it exists.
                return await queries.ConversationAsync(Actor, id, ct) is null ? NotFound() : Redirect($"/regulator/agents/conversations/{id}?notice=notYours");
            case AgentChange.Outcome.Conflict:
                Response.StatusCode = StatusCodes.Status409Conflict;
                return await ConversationPageAsync(id, form, l["agents.conflict"].Value, ct);
            case AgentChange.Outcome.Invalid:
            default:
                Response.StatusCode = StatusCodes.Status400BadRequest;
                return await ConversationPageAsync(id, form, string.Join(" ", result.Errors.Select(ErrorText)), ct);
        }
    }

    private async Task<IActionResult> ConversationPageAsync(Guid id, AgentSendForm send, string? notice, CancellationToken ct)
    {
        var view = await queries.ConversationAsync(Actor, id, ct);
        if (view is null)
        {
            return NotFound();
        }

        return View(ConversationView, new AgentConversationPage(
            view, send, new AgentTransferForm { Version = view.Version }, new AgentCloseForm { Version = view.Version }, notice));
    }

    private string ErrorText(FieldError error) => l[$"error.{error.Code}", error.Arguments];

    private string? NoticeText(string? notice) => notice switch
    {
        "transferred" => l["agents.notice.transferred"].Value,
        "closed" => l["agents.notice.closed"].Value,
        "caseCreated" => l["agents.notice.caseCreated"].Value,
        "conflict" => l["agents.conflict"].Value,
        "notYours" => l["agents.notice.notYours"].Value,
        _ => null,
    };
}
