using Complaints.Core.Domain.Cases;
using Complaints.Web.Setup;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Complaints.Web.Areas.Regulator.Controllers;

/// <summary>Base of the regulator back office: staff (and administrators, for their own pages) with 2FA.</summary>
[Area("Regulator")]
[Authorize(Policy = Policies.Regulator)]
[RequireTwoFactor]
public abstract class RegulatorController : Controller
{
    protected Actor Actor => User.ToActor();
}
