using Complaints.Core.Data;
using Complaints.Core.Domain.Accounts;
using Complaints.Core.Domain.Cases;
using Complaints.Core.Domain.Consumers;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;

namespace Complaints.Core.Features.Consumers;

/// <summary>
/// Opens a consumer account: a new consumer record and a sign-in linked to it, with role Consumer. The email is
/// required: it is the sign-in name and Identity keeps it unique. The WhatsApp number is optional contact data.
/// Returns the email confirmation token; sending it is the caller's job (no outbox yet).
/// </summary>
public sealed class RegisterConsumer(ComplaintsDbContext db, UserManager<ApplicationUser> users, TimeProvider clock, ILogger<RegisterConsumer> logger)
{
    public sealed record Input
    {
        public string? Name { get; init; }

        public string? Email { get; init; }

        public string? WhatsApp { get; init; }

        public string? Password { get; init; }

        public bool ConsentGiven { get; init; }
    }

    public sealed record Result(ApplicationUser? User, string? ConfirmationToken, IReadOnlyList<FieldError> Errors)
    {
        public bool Succeeded => User is not null;
    }

    public async Task<Result> HandleAsync(Input input, CancellationToken ct = default)
    {
        var errors = Validate(input);
        if (errors.Count > 0)
        {
            return new(null, null, errors);
        }

        var name = input.Name!.Trim();
        var email = input.Email!.Trim();
        var whatsApp = PhoneNumber.Normalize(input.WhatsApp);
        var now = clock.GetUtcNow().UtcDateTime;
        return await CreateAsync(input, name, email, whatsApp, now);
    }

    /// <summary>The checks that need no database, so a form can show them all at once.</summary>
    public static List<FieldError> Validate(Input input)
    {
        var errors = new List<FieldError>();
        var name = input.Name?.Trim() ?? "";
        if (name.Length == 0)
        {
            errors.Add(new FieldError("name", "required"));
        }
        else if (name.Length > 200)
        {
            errors.Add(new FieldError("name", "tooLong", 200));
        }

        var email = input.Email?.Trim() ?? "";
        if (email.Length == 0)
        {
            errors.Add(new FieldError("email", "required"));
        }
        else if (!EmailAddress.IsValid(email))
        {
            errors.Add(new FieldError("email", "email.invalid"));
        }

        var whatsApp = PhoneNumber.Normalize(input.WhatsApp);
        if (!string.IsNullOrWhiteSpace(input.WhatsApp) && whatsApp is null)
        {
            errors.Add(new FieldError("whatsApp", "phone.invalid"));
        }

        if (string.IsNullOrEmpty(input.Password))
        {
            errors.Add(new FieldError("password", "required"));
        }

        if (!input.ConsentGiven)
        {
            errors.Add(new FieldError("consentGiven", "consent.required"));
        }

        return errors;
    }

    private async Task<Result> CreateAsync(Input input, string name, string email, string? whatsApp, DateTime now)
    {
        var consumer = new Consumer
        {
            Name = name,
            Email = email,
            WhatsApp = whatsApp,
            CreatedAtUtc = now,
            ConsentGivenAtUtc = now,
        };
        var user = new ApplicationUser
        {
            UserName = email,
            Email = email,
            PhoneNumber = whatsApp,
            DisplayName = name,
            ConsumerId = consumer.Id,
            CreatedAtUtc = now,
        };

        // Identity saves through the same context: the consumer row is written with the user, or not at all.
        db.Consumers.Add(consumer);
        var created = await users.CreateAsync(user, input.Password!);
        if (!created.Succeeded)
        {
            db.Entry(consumer).State = Microsoft.EntityFrameworkCore.EntityState.Detached;
            return new(null, null, created.Errors.Select(ToFieldError).DistinctBy(e => e.Code).ToList());
        }

        var role = await users.AddToRoleAsync(user, nameof(ActorRole.Consumer));
        if (!role.Succeeded)
        {
            throw new InvalidOperationException("Could not give the new account the Consumer role: " + string.Join("; ", role.Errors.Select(e => e.Code)));
        }

        logger.LogInformation("Consumer account {UserId} registered for consumer {ConsumerId}", user.Id, consumer.Id);
        return new(user, await users.GenerateEmailConfirmationTokenAsync(user), []);
    }

    private FieldError ToFieldError(IdentityError error) => error.Code switch
    {
        nameof(IdentityErrorDescriber.DuplicateEmail) or nameof(IdentityErrorDescriber.DuplicateUserName) => new FieldError("email", "consumer.emailTaken"),
        nameof(IdentityErrorDescriber.InvalidEmail) or nameof(IdentityErrorDescriber.InvalidUserName) => new FieldError("email", "email.invalid"),
        nameof(IdentityErrorDescriber.PasswordTooShort) => new FieldError("password", "consumer.passwordTooShort", users.Options.Password.RequiredLength),
        _ when error.Code.StartsWith("Password", StringComparison.Ordinal) => new FieldError("password", "consumer.passwordWeak"),
        _ => new FieldError("email", "consumer.registerFailed"),
    };

}
