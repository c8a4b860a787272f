using Complaints.Core.Features;
using Complaints.Core.Features.InstitutionPortal;
using Complaints.Web.Areas.Institution.Models;
using Complaints.Web.Localization;
using Complaints.Web.Setup;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Complaints.Web.Areas.Institution.Controllers;

/// <summary>The institution's admin: its own officers' accounts and the complaint unit's contact details.</summary>
[Authorize(Policy = Policies.InstitutionAdmin)]
[Route("institution/admin")]
public sealed class AdminController(
    InstitutionQueries queries,
    CreateInstitutionOfficer createOfficer,
    SetInstitutionUserLock setLock,
    UpdateInstitutionContacts updateContacts,
    IStringLocalizer<SharedResource> l) : InstitutionController
{
    [HttpGet("users")]
    public async Task<IActionResult> Users(string? done, CancellationToken ct) =>
        View(new UsersPage(await queries.UsersAsync(Actor, ct), new NewOfficerForm(), DoneText(done)));

    [HttpPost("users")]
    public async Task<IActionResult> CreateUser(NewOfficerForm form, CancellationToken ct)
    {
        var result = await createOfficer.HandleAsync(new CreateInstitutionOfficer.Input(form.Email, form.DisplayName, form.Password), Actor, ct);
        if (!result.Allowed)
        {
            return NotFound();
        }

        if (result.Errors.Count > 0)
        {
            AddErrors(result.Errors, "Form.");
            // The password is never sent back to the browser.
            form.Password = null;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View("Users", new UsersPage(await queries.UsersAsync(Actor, ct), form, null));
        }

        return Redirect("/institution/admin/users?done=created");
    }

    [HttpPost("users/{id}/lock")]
    public Task<IActionResult> Lock(string id, CancellationToken ct) => SetLockAsync(id, true, ct);

    [HttpPost("users/{id}/unlock")]
    public Task<IActionResult> Unlock(string id, CancellationToken ct) => SetLockAsync(id, false, ct);

    [HttpGet("contacts")]
    public async Task<IActionResult> Contacts(bool saved, CancellationToken ct)
    {
        var contacts = await queries.ContactsAsync(Actor, ct);
        return contacts is null
            ? NotFound()
            : View(new ContactsPage(contacts.LegalName, new ContactsForm { ContactEmail = contacts.ContactEmail, ContactPhone = contacts.ContactPhone }, saved));
    }

    [HttpPost("contacts")]
    public async Task<IActionResult> Contacts(ContactsForm form, CancellationToken ct)
    {
        var result = await updateContacts.HandleAsync(new UpdateInstitutionContacts.Input(form.ContactEmail, form.ContactPhone), Actor, ct);
        var contacts = await queries.ContactsAsync(Actor, ct);
        if (!result.Found || contacts is null)
        {
            return NotFound();
        }

        if (result.Errors.Count > 0)
        {
            AddErrors(result.Errors, "Form.");
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View(new ContactsPage(contacts.LegalName, form, false));
        }

        return Redirect("/institution/admin/contacts?saved=true");
    }

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
                return View("Users", new UsersPage(await queries.UsersAsync(Actor, ct), new NewOfficerForm(), null));
            case SetInstitutionUserLock.Outcome.Done:
                break;
        }

        return Redirect($"/institution/admin/users?done={(locked ? "locked" : "unlocked")}");
    }

    private string? DoneText(string? done) => done switch
    {
        "created" => l["institution.users.created"].Value,
        "locked" => l["institution.users.lockedDone"].Value,
        "unlocked" => l["institution.users.unlockedDone"].Value,
        _ => null,
    };

    /// <summary>Core names fields in camelCase; the form's inputs are Form.PascalCase.</summary>
    private void AddErrors(IEnumerable<FieldError> errors, string prefix)
    {
        foreach (var error in errors)
        {
            var field = prefix + char.ToUpperInvariant(error.Field[0]) + error.Field[1..];
            ModelState.AddModelError(field, l[$"error.{error.Code}", error.Arguments]);
        }
    }
}
