using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.Extensions.Options;

namespace Complaints.Web.Setup;

/// <summary>
/// Regulator and institution pages need a sign-in with an authenticator code (the cookie carries amr=mfa).
/// Without it the person is sent to turn two-step verification on. Security:RequireTwoFactorForStaff=false
/// (Development) relaxes it for the demo accounts.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class RequireTwoFactorAttribute : Attribute, IAsyncAuthorizationFilter
{
    public Task OnAuthorizationAsync(AuthorizationFilterContext context)
    {
        var options = context.HttpContext.RequestServices.GetRequiredService<IOptions<SecurityOptions>>().Value;
        var user = context.HttpContext.User;
        if (options.RequireTwoFactorForStaff && user.Identity?.IsAuthenticated == true && !user.HasClaim("amr", "mfa"))
        {
            context.Result = new RedirectResult("/account/2fa/setup");
        }

        return Task.CompletedTask;
    }
}
