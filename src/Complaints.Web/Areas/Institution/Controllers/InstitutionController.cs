using Complaints.Core.Domain.Cases;
using Complaints.Web.Setup;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Complaints.Web.Areas.Institution.Controllers;

/// <summary>Base of the institution portal: the institution's officers and admin, with 2FA.</summary>
[Area("Institution")]
[Authorize(Policy = Policies.Institution)]
[RequireTwoFactor]
public abstract class InstitutionController : Controller
{
    protected Actor Actor => User.ToActor();
}
