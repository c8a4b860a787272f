using System.Globalization;
using System.Security.Claims;
using Complaints.Core.Domain.Accounts;
using Complaints.Core.Domain.Cases;
using Complaints.Web.Localization;
using Complaints.Web.Setup;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Complaints.Web.Controllers;

public sealed class SignInForm
{
    public string? Email { get; set; }

    public string? Password { get; set; }

    public string? ReturnUrl { get; set; }
}

public sealed class TwoFactorForm
{
    public string? Code { get; set; }

    public string? ReturnUrl { get; set; }
}

public sealed record TwoFactorSetupModel(string SharedKey, string AuthenticatorUri, string? Error);

/// <summary>Sign-in, two-factor (TOTP) and sign-out for every portal.</summary>
[Route("account")]
public sealed class AccountController(
    SignInManager<ApplicationUser> signIn,
    UserManager<ApplicationUser> users,
    IStringLocalizer<SharedResource> l,
    ILogger<AccountController> logger) : Controller
{
    [HttpGet("signin")]
    public IActionResult SignIn(string? returnUrl) => View(new SignInForm { ReturnUrl = returnUrl });

    [HttpPost("signin")]
    [Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(SecuritySetup.TrackingPolicy)]
    public async Task<IActionResult> SignIn(SignInForm form)
    {
        var user = string.IsNullOrWhiteSpace(form.Email) ? null : await users.FindByEmailAsync(form.Email.Trim());
        if (user is null || string.IsNullOrEmpty(form.Password))
        {
            ModelState.AddModelError("", l["account.signin.failed"]);
            return View(Blank(form));
        }

        var result = await signIn.PasswordSignInAsync(user, form.Password, isPersistent: false, lockoutOnFailure: true);
        if (result.RequiresTwoFactor)
        {
            return RedirectToAction(nameof(TwoFactor), new { returnUrl = form.ReturnUrl });
        }

        if (result.IsLockedOut)
        {
            logger.LogWarning("Account {UserId} locked out after failed sign-ins", user.Id);
            ModelState.AddModelError("", l["account.signin.locked"]);
            return View(Blank(form));
        }

        if (!result.Succeeded)
        {
            ModelState.AddModelError("", l["account.signin.failed"]);
            return View(Blank(form));
        }

        return LocalRedirect(await HomeOfAsync(user, form.ReturnUrl));
    }

    [HttpGet("2fa")]
    public IActionResult TwoFactor(string? returnUrl) => View(new TwoFactorForm { ReturnUrl = returnUrl });

    [HttpPost("2fa")]
    public async Task<IActionResult> TwoFactor(TwoFactorForm form)
    {
        var user = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (user is null)
        {
            return RedirectToAction(nameof(SignIn));
        }

        var code = (form.Code ?? "").Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        var result = await signIn.TwoFactorAuthenticatorSignInAsync(code, isPersistent: false, rememberClient: false);
        if (result.Succeeded)
        {
            return LocalRedirect(await HomeOfAsync(user, form.ReturnUrl));
        }

        ModelState.AddModelError(nameof(form.Code), result.IsLockedOut ? l["account.signin.locked"] : l["account.2fa.wrong"]);
        form.Code = null;
        return View(form);
    }

    /// <summary>Turns on the authenticator app: shows the key, checks one code, then signs in again with MFA.</summary>
    [Authorize]
    [HttpGet("2fa/setup")]
    public async Task<IActionResult> SetupTwoFactor() => View(await SetupModelAsync(null));

    [Authorize]
    [HttpPost("2fa/setup")]
    public async Task<IActionResult> SetupTwoFactor(TwoFactorForm form)
    {
        var user = await users.GetUserAsync(User) ?? throw new InvalidOperationException("Signed in without a user.");
        var code = (form.Code ?? "").Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        if (!await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code))
        {
            return View(await SetupModelAsync(l["account.2fa.wrong"]));
        }

        await users.SetTwoFactorEnabledAsync(user, true);
        // The same claim a sign-in with an authenticator code carries ("amr": "mfa").
        await signIn.SignInWithClaimsAsync(user, isPersistent: false, [new Claim("amr", "mfa")]);
        logger.LogInformation("Two-factor sign-in enabled for {UserId}", user.Id);
        return LocalRedirect(await HomeOfAsync(user, form.ReturnUrl));
    }

    [HttpPost("signout")]
    public async Task<IActionResult> SignOutNow()
    {
        await signIn.SignOutAsync();
        return LocalRedirect("/");
    }

    /// <summary>Ends every session of this account on every device (the security stamp changes).</summary>
    [Authorize]
    [HttpPost("signout-everywhere")]
    public async Task<IActionResult> SignOutEverywhere()
    {
        if (await users.GetUserAsync(User) is { } user)
        {
            await users.UpdateSecurityStampAsync(user);
        }

        await signIn.SignOutAsync();
        return LocalRedirect("/");
    }

    [HttpGet("denied")]
    public IActionResult Denied()
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        return View();
    }

    private static SignInForm Blank(SignInForm form) => new() { Email = form.Email, ReturnUrl = form.ReturnUrl };

    private async Task<TwoFactorSetupModel> SetupModelAsync(string? error)
    {
        var user = await users.GetUserAsync(User) ?? throw new InvalidOperationException("Signed in without a user.");
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            // A new key changes the security stamp: refresh this session so it is not signed out with the others.
            await users.ResetAuthenticatorKeyAsync(user);
            await signIn.RefreshSignInAsync(user);
            key = await users.GetAuthenticatorKeyAsync(user);
        }

        var uri = string.Create(CultureInfo.InvariantCulture,
            $"otpauth://totp/Complaints:{Uri.EscapeDataString(user.Email ?? user.Id)}?secret={key}&issuer=Complaints&digits=6");
        return new TwoFactorSetupModel(FormatKey(key!), uri, error);
    }

    private static string FormatKey(string key) =>
        string.Join(' ', Enumerable.Range(0, (key.Length + 3) / 4).Select(i => key.Substring(i * 4, Math.Min(4, key.Length - (i * 4))))).ToLowerInvariant();

    /// <summary>Where a user lands after signing in: the return address if local, else their portal.</summary>
    private async Task<string> HomeOfAsync(ApplicationUser user, string? returnUrl)
    {
        if (!string.IsNullOrEmpty(returnUrl) && Url.IsLocalUrl(returnUrl))
        {
            return returnUrl;
        }

        var roles = await users.GetRolesAsync(user);
        return PortalOf(roles);
    }

    public static string PortalOf(IEnumerable<string> roles)
    {
        var set = roles.ToHashSet();
        if (set.Overlaps([nameof(ActorRole.Agent), nameof(ActorRole.Specialist), nameof(ActorRole.Supervisor), nameof(ActorRole.Administrator)]))
        {
            return "/regulator";
        }

        if (set.Overlaps([nameof(ActorRole.InstitutionOfficer), nameof(ActorRole.InstitutionAdmin)]))
        {
            return "/institution";
        }

        return "/my/cases";
    }

    public static string PortalOf(ClaimsPrincipal user) =>
        PortalOf(user.FindAll(ClaimTypes.Role).Select(c => c.Value));
}
