using Complaints.Core.Data;
using Complaints.Core.Domain.Cases;
using Complaints.Core.Domain.Consumers;
using Complaints.Core.Domain.Identity;
using Complaints.Core.Domain.Institutions;
using Complaints.Core.Domain.Taxonomy;
using Complaints.Core.Features.Attachments;
using Complaints.Core.Features.Calendar;
using Complaints.Core.Features.Registry;
using Complaints.Core.Features.Administration;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Complaints.Core.Features.Intake;

/// <summary>
/// A question, information or complaint from any channel becomes a case in <see cref="CaseState.Submitted"/>
/// with a tracking number and a PIN. The web form, the API and (later) the chatbot all call this class.
/// </summary>
public sealed class SubmitCase(
    ComplaintsDbContext db,
    CalendarCache calendars,
    RegistryCache registry,
    NikValidator nikValidator,
    AttachmentStore store,
    IOptions<StorageOptions> storage,
    DeadlinePolicies policies,
    TimeProvider clock,
    ILogger<SubmitCase> logger)
{
    /// <summary>A registry match at least this good (one typo in an eight-letter name scores 0.875) links
    /// the case to the institution, when no other institution comes within <see cref="AutoLinkMargin"/>.</summary>
    public const double AutoLinkScore = 0.85;

    public const double AutoLinkMargin = 0.05;

    public sealed record Input
    {
        public CaseKind? Kind { get; init; }
        public int? InstitutionId { get; init; }
        public string? InstitutionName { get; init; }
        public Sector? Sector { get; init; }
        public string? Product { get; init; }
        public string? IssueCategory { get; init; }
        public string? Description { get; init; }
        public long? LossAmount { get; init; }
        public string? RequestedResolution { get; init; }
        public DateOnly? ComplainedToInstitutionOn { get; init; }
        public DateOnly? InstitutionAnsweredOn { get; init; }
        public string? InstitutionAnswer { get; init; }
        public Channel Channel { get; init; } = Channel.Web;
        public string? Name { get; init; }
        public string? Email { get; init; }
        public string? WhatsApp { get; init; }
        public string? Nik { get; init; }
        public bool ConsentGiven { get; init; }
        public IReadOnlyList<UploadedFile> Attachments { get; init; } = [];
    }

    /// <summary>Either the new case and its PIN (shown once, never stored in clear), or the field errors.</summary>
    public sealed record Result(Case? Case, string? Pin, IReadOnlyList<FieldError> Errors)
    {
        public bool Succeeded => Case is not null;
    }

    public const int MinDescriptionLength = 20;
    public const long MaxLossAmount = 1_000_000_000_000_000;

    public async Task<Result> HandleAsync(Input input, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var today = Domain.Calendar.WorkingDayCalendar.JakartaDate(now);
        var errors = new List<FieldError>();
        var whatsApp = PhoneNumber.Normalize(input.WhatsApp);
        var institution = await ResolveInstitutionAsync(input, errors, ct);
        Validate(input, whatsApp, today, errors);
        if (errors.Count > 0)
        {
            return new(null, null, errors);
        }

        var stored = new List<StoredFile>();
        foreach (var file in input.Attachments)
        {
            stored.Add(await store.SaveAsync(file, ct));
        }

        var consumer = new Consumer
        {
            Name = input.Name!.Trim(),
            Email = string.IsNullOrWhiteSpace(input.Email) ? null : input.Email.Trim(),
            WhatsApp = whatsApp,
            Nik = string.IsNullOrWhiteSpace(input.Nik) ? null : input.Nik.Trim(),
            CreatedAtUtc = now,
            ConsentGivenAtUtc = now,
            // Messages go out in the language the consumer filed in.
            PreferredCulture = System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en" ? "en" : "id",
        };
        var pin = CasePin.New();
        var trackingNumber = await NewTrackingNumberAsync(ct);
        var context = new TransitionContext(Actor.ForConsumer(consumer.Id), now, await calendars.GetAsync(db, ct), await policies.GetAsync(db, ct));
        var details = new Case.Details(
            input.Kind!.Value, input.Channel, institution, Trimmed(input.InstitutionName), input.Sector, input.Product, input.IssueCategory,
            input.Description!.Trim(), input.LossAmount, Trimmed(input.RequestedResolution), input.ComplainedToInstitutionOn,
            input.InstitutionAnsweredOn, Trimmed(input.InstitutionAnswer));
        var @case = Case.Submit(details, consumer, trackingNumber, CasePin.Hash(pin), context);
        db.Cases.Add(@case);
        foreach (var file in stored)
        {
            db.Attachments.Add(new Attachment
            {
                CaseId = @case.Id,
                FileName = file.FileName,
                ContentType = file.ContentType,
                SizeBytes = file.Size,
                Sha256 = file.Sha256,
                UploadedAtUtc = now,
                UploadedByRole = ActorRole.Consumer,
                UploadedById = consumer.Id.ToString(),
                Visibility = Visibility.Public,
            });
        }

        await db.SaveChangesAsync(ct);
        logger.LogInformation("Case {TrackingNumber} submitted: {Kind} via {Channel}", @case.TrackingNumber, @case.Kind, @case.Channel);
        return new(@case, pin, []);
    }

    private async Task<Institution?> ResolveInstitutionAsync(Input input, List<FieldError> errors, CancellationToken ct)
    {
        if (input.InstitutionId is { } id)
        {
            var found = await db.Institutions.FindAsync([id], ct);
            if (found is null)
            {
                errors.Add(new("institutionId", "institution.unknown"));
            }

            return found;
        }

        if (string.IsNullOrWhiteSpace(input.InstitutionName))
        {
            return null;
        }

        var index = await registry.GetAsync(db, ct);
        var matches = index.Search(input.InstitutionName, RegistryEntryKind.Institution, max: 2);
        var clear = matches.Count > 0 && matches[0].Score >= AutoLinkScore
            && (matches.Count == 1 || matches[0].Score - matches[1].Score >= AutoLinkMargin);
        return clear ? await db.Institutions.FindAsync([matches[0].Entry.Id], ct) : null;
    }

    private void Validate(Input input, string? whatsApp, DateOnly today, List<FieldError> errors)
    {
        if (input.Kind is null)
        {
            errors.Add(new("kind", "required"));
        }

        var isComplaint = input.Kind == CaseKind.Complaint;
        if (isComplaint && input.InstitutionId is null && string.IsNullOrWhiteSpace(input.InstitutionName))
        {
            errors.Add(new("institutionName", "institution.required"));
        }

        if (input.Product is not null && !CaseTaxonomy.IsProduct(input.Product))
        {
            errors.Add(new("product", "invalidChoice"));
        }

        if (input.IssueCategory is not null && !CaseTaxonomy.IsIssueCategory(input.IssueCategory))
        {
            errors.Add(new("issueCategory", "invalidChoice"));
        }
        else if (isComplaint && input.IssueCategory is null)
        {
            errors.Add(new("issueCategory", "required"));
        }

        var description = input.Description?.Trim() ?? "";
        if (description.Length == 0)
        {
            errors.Add(new("description", "required"));
        }
        else if (description.Length < MinDescriptionLength)
        {
            errors.Add(new("description", "tooShort", MinDescriptionLength));
        }

        if (input.LossAmount is < 0 or > MaxLossAmount)
        {
            errors.Add(new("lossAmount", "amount.invalid"));
        }

        if (input.ComplainedToInstitutionOn > today)
        {
            errors.Add(new("complainedToInstitutionOn", "date.future"));
        }

        if (input.InstitutionAnsweredOn > today)
        {
            errors.Add(new("institutionAnsweredOn", "date.future"));
        }
        else if (input.InstitutionAnsweredOn is not null && input.ComplainedToInstitutionOn is null)
        {
            errors.Add(new("complainedToInstitutionOn", "required"));
        }
        else if (input.InstitutionAnsweredOn < input.ComplainedToInstitutionOn)
        {
            errors.Add(new("institutionAnsweredOn", "date.beforeComplaint"));
        }

        if (string.IsNullOrWhiteSpace(input.Name))
        {
            errors.Add(new("name", "required"));
        }
        else if (input.Name.Trim().Length > 200)
        {
            errors.Add(new("name", "tooLong", 200));
        }

        var hasEmail = !string.IsNullOrWhiteSpace(input.Email);
        if (hasEmail && !EmailAddress.IsValid(input.Email!.Trim()))
        {
            errors.Add(new("email", "email.invalid"));
        }

        var hasWhatsApp = !string.IsNullOrWhiteSpace(input.WhatsApp);
        if (hasWhatsApp && whatsApp is null)
        {
            errors.Add(new("whatsApp", "phone.invalid"));
        }

        if (!hasEmail && !hasWhatsApp)
        {
            errors.Add(new("email", "contact.required"));
        }

        if (!string.IsNullOrWhiteSpace(input.Nik) && nikValidator.Validate(input.Nik, today).Error is { } nikError)
        {
            errors.Add(new("nik", $"nik.{nikError}"));
        }

        if (!input.ConsentGiven)
        {
            errors.Add(new("consentGiven", "consent.required"));
        }

        errors.AddRange(AttachmentStore.CheckAll(input.Attachments, storage.Value));
    }


    private static string? Trimmed(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private async Task<string> NewTrackingNumberAsync(CancellationToken ct)
    {
        // 55 random bits make a collision practically impossible; checking keeps the unique index from ever firing.
        while (true)
        {
            var candidate = TrackingNumber.New();
            if (!await db.Cases.AnyAsync(c => c.TrackingNumber == candidate, ct))
            {
                return candidate;
            }
        }
    }
}
