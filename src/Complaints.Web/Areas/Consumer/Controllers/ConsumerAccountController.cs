using Complaints.Core.Domain.Accounts;
using Complaints.Core.Features.Consumers;
using Complaints.Web.Localization;
using Complaints.Web.Setup;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace Complaints.Web.Areas.Consumer.Controllers;

public sealed class RegisterForm
{
    public string? Name { get; set; }

    public string? Email { get; set; }

    public string? WhatsApp { get; set; }

    public string? Password { get; set; }

    public string? ConfirmPassword { get; set; }

    public bool ConsentGiven { get; set; }
}

/// <summary>Consumer accounts: register and confirm the email. Signing in is the shared /account/signin.</summary>
[Area("Consumer")]
[Route("account")]
public sealed class ConsumerAccountController(
    RegisterConsumer register,
    UserManager<ApplicationUser> users,
    IWebHostEnvironment environment,
    IStringLocalizer<SharedResource> l,
    ILogger<ConsumerAccountController> logger) : Controller
{
    [HttpGet("register")]
    public IActionResult Register() => View(new RegisterForm());

    [HttpPost("register")]
    [EnableRateLimiting(SecuritySetup.IntakePolicy)]
    public async Task<IActionResult> Register(RegisterForm form, CancellationToken ct)
    {
        var input = new RegisterConsumer.Input
        {
            Name = form.Name,
            Email = form.Email,
            WhatsApp = form.WhatsApp,
            Password = form.Password,
            ConsentGiven = form.ConsentGiven,
        };

        // Every error at once: the use case's own checks, and the repeated password, before anything is created.
        var errors = RegisterConsumer.Validate(input);
        var mismatch = !string.IsNullOrEmpty(form.Password) && form.Password != form.ConfirmPassword;
        if (errors.Count == 0 && !mismatch && ModelState.IsValid)
        {
            var result = await register.HandleAsync(input, ct);
            if (result.Succeeded)
            {
                var link = Url.Action(nameof(Confirm), "ConsumerAccount", new { area = "Consumer", userId = result.User!.Id, token = result.ConfirmationToken }, Request.Scheme);
                if (environment.IsDevelopment())
                {
                    // No outbox yet: in Development the link goes to the log instead of an email.
                    logger.LogInformation("Email confirmation link for {Email}: {Link}", result.User.Email, link);
                }

                return View("Registered", result.User.Email);
            }

            errors = [.. result.Errors];
        }

        foreach (var error in errors)
        {
            ModelState.AddModelError(char.ToUpperInvariant(error.Field[0]) + error.Field[1..], l[$"error.{error.Code}", error.Arguments]);
        }

        if (mismatch)
        {
            ModelState.AddModelError(nameof(RegisterForm.ConfirmPassword), l["consumer.register.passwordMismatch"]);
        }

        // Everything typed comes back except the passwords (password inputs never echo a value).
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return View(form);
    }

    [HttpGet("confirm")]
    public async Task<IActionResult> Confirm(string? userId, string? token)
    {
        var user = string.IsNullOrEmpty(userId) ? null : await users.FindByIdAsync(userId);
        var confirmed = user is not null && !string.IsNullOrEmpty(token) && (await users.ConfirmEmailAsync(user, token)).Succeeded;
        if (!confirmed)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }

        return View(confirmed);
    }
}
