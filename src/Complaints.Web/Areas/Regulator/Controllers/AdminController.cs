using Complaints.Core.Features;
using Complaints.Core.Features.Administration;
using Complaints.Core.Features.InstitutionPortal;
using Complaints.Core.Features.Regulator;
using Complaints.Web.Areas.Regulator.Models;
using Complaints.Web.Localization;
using Complaints.Web.Setup;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Complaints.Web.Areas.Regulator.Controllers;

/// <summary>The regulator's Administrator: every account (create, lock, unlock) and the API clients.</summary>
[Authorize(Policy = Policies.Administrator)]
[Route("regulator/admin")]
public sealed class AdminController(
    AdministrationQueries queries,
    RegulatorQueries regulatorQueries,
    CreateUser createUser,
    SetInstitutionUserLock setLock,
    CreateApiClient createClient,
    SetApiClientActive setClientActive,
    IStringLocalizer<SharedResource> l) : RegulatorController
{
    [HttpGet("")]
    public IActionResult Index() => Redirect("/regulator/admin/users");

    [HttpGet("users")]
    public async Task<IActionResult> Users(string? q, int page, string? done, CancellationToken ct) =>
        View(await UsersPageAsync(q, page, new NewUserForm(), DoneText(done), ct));

    [HttpPost("users")]
    public async Task<IActionResult> CreateUser(NewUserForm form, CancellationToken ct)
    {
        ModelState.Clear();
        var result = await createUser.HandleAsync(new CreateUser.Input(form.Email, form.DisplayName, form.Password, form.Role, form.InstitutionId), Actor, ct);
        if (!result.Allowed)
        {
            return NotFound();
        }

        if (result.Errors.Count > 0)
        {
            AddErrors(result.Errors);
            // The password is never sent back to the browser.
            form.Password = null;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View("Users", await UsersPageAsync(null, 1, form, null, ct));
        }

        return Redirect("/regulator/admin/users?done=created&q=" + Uri.EscapeDataString(form.Email?.Trim() ?? ""));
    }

    [HttpPost("users/{id}/lock")]
    public Task<IActionResult> Lock(string id, CancellationToken ct) => SetLockAsync(id, true, ct);

    [HttpPost("users/{id}/unlock")]
    public Task<IActionResult> Unlock(string id, CancellationToken ct) => SetLockAsync(id, false, ct);

    [HttpGet("api-clients")]
    public async Task<IActionResult> ApiClients(int page, string? done, CancellationToken ct) =>
        View(await ClientsPageAsync(page, new NewApiClientForm(), DoneText(done), ct));

    [HttpPost("api-clients")]
    public async Task<IActionResult> CreateApiClient(NewApiClientForm form, CancellationToken ct)
    {
        ModelState.Clear();
        var result = await createClient.HandleAsync(new CreateApiClient.Input(form.ClientId, form.DisplayName, form.Role, form.InstitutionId), Actor, ct);
        if (!result.Allowed)
        {
            return NotFound();
        }

        if (result.Errors.Count > 0)
        {
            AddErrors(result.Errors);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View("ApiClients", await ClientsPageAsync(1, form, null, ct));
        }

        // The secret is shown on this response only: not in a URL, not cached, never stored in clear.
        Response.Headers.CacheControl = "no-store";
        return View("ApiClientCreated", new ApiClientCreatedPage(result.ClientId!, result.Secret!));
    }

    [HttpPost("api-clients/{clientId}/deactivate")]
    public Task<IActionResult> Deactivate(string clientId, CancellationToken ct) => SetActiveAsync(clientId, false, ct);

    [HttpPost("api-clients/{clientId}/reactivate")]
    public Task<IActionResult> Reactivate(string clientId, CancellationToken ct) => SetActiveAsync(clientId, true, ct);

    private async Task<IActionResult> SetActiveAsync(string clientId, bool active, CancellationToken ct) =>
        await setClientActive.HandleAsync(new SetApiClientActive.Input(clientId, active), Actor, ct)
            ? Redirect($"/regulator/admin/api-clients?done={(active ? "reactivated" : "deactivated")}")
            : NotFound();

    private async Task<IActionResult> SetLockAsync(string id, bool locked, CancellationToken ct)
    {
        var result = await setLock.HandleAsync(new SetInstitutionUserLock.Input(id, locked), Actor, ct);
        switch (result.Outcome)
        {
            case SetInstitutionUserLock.Outcome.NotFound:
                return NotFound();
            case SetInstitutionUserLock.Outcome.Refused:
                ModelState.AddModelError("", l[$"error.{result.ErrorCode}"]);
                Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
                return View("Users", await UsersPageAsync(null, 1, new NewUserForm(), null, ct));
            case SetInstitutionUserLock.Outcome.Done:
                break;
        }

        return Redirect($"/regulator/admin/users?done={(locked ? "locked" : "unlocked")}");
    }

    private async Task<AdminUsersPage> UsersPageAsync(string? search, int page, NewUserForm form, string? done, CancellationToken ct) =>
        new(await queries.UsersAsync(Actor, search, page, ct), form, await regulatorQueries.InstitutionChoicesAsync(ct), done, Actor.UserId);

    private async Task<AdminApiClientsPage> ClientsPageAsync(int page, NewApiClientForm form, string? done, CancellationToken ct) =>
        new(await queries.ApiClientsAsync(Actor, page, ct), form, await regulatorQueries.InstitutionChoicesAsync(ct), done);

    private string? DoneText(string? done) => done switch
    {
        "created" => l["admin.users.created"].Value,
        "locked" => l["admin.users.lockedDone"].Value,
        "unlocked" => l["admin.users.unlockedDone"].Value,
        "deactivated" => l["admin.clients.deactivatedDone"].Value,
        "reactivated" => l["admin.clients.reactivatedDone"].Value,
        _ => null,
    };

    /// <summary>Core names fields in camelCase; the form's inputs are Form.PascalCase.</summary>
    private void AddErrors(IEnumerable<FieldError> errors)
    {
        foreach (var error in errors)
        {
            var field = "Form." + char.ToUpperInvariant(error.Field[0]) + error.Field[1..];
            ModelState.AddModelError(field, l[$"error.{error.Code}", error.Arguments]);
        }
    }
}
