using Complaints.Web.Localization;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;

namespace Complaints.Web.Controllers;

/// <summary>The language switch: remembers the choice in a cookie and goes back where the person was.</summary>
public sealed class CultureController : Controller
{
    [HttpPost("/culture")]
    public IActionResult Set(string culture, string? returnUrl)
    {
        if (JsonStringLocalizerFactory.Languages.Contains(culture))
        {
            Response.Cookies.Append(
                CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
                new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, SameSite = SameSiteMode.Lax, HttpOnly = true });
        }

        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl : "/");
    }
}
