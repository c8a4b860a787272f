using Complaints.Core.Features.Notifications;
using Complaints.Web.Setup;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Complaints.Web.Areas.Regulator.Controllers;

/// <summary>The messages sent about a case (outbox rows), for staff who can see the case; otherwise 404.</summary>
[Route("regulator/cases/{trackingNumber}/notifications")]
[Authorize(Policy = Policies.RegulatorCaseWork)]
public sealed class CaseNotificationsController(CaseNotificationQueries queries) : RegulatorController
{
    [HttpGet("")]
    public async Task<IActionResult> Index(string trackingNumber, CancellationToken ct) =>
        await queries.ForCaseAsync(Actor, trackingNumber, ct) is { } page ? View(page) : NotFound();
}
