using System.Globalization;
using Complaints.Core.Domain.Cases;
using Complaints.Core.Domain.Consumers;
using Complaints.Core.Domain.Institutions;
using Complaints.Core.Domain.Taxonomy;
using Complaints.Core.Domain.WhatsApp;
using Complaints.Core.Features.Attachments;
using Complaints.Core.Features.Intake;
using Complaints.Core.Features.Notifications.Channels;
using Complaints.Core.Features.Registry;
using Complaints.Core.Features.WhatsApp.Chatbot;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Complaints.Core.Features.WhatsApp;

/// <summary>
/// Filing a complaint over WhatsApp: the web form's fields one question at a time, ending in
/// <see cref="SubmitCase"/> with <see cref="Channel.WhatsApp"/>. "kembali"/"back" goes one question back, "batal"/
/// "cancel" discards the draft, "menu" keeps it for later. When the case is filed the conversation ends
/// (EndedBy Bot, with its CaseId): a next message starts a fresh conversation at the menu.
/// </summary>
public sealed partial class HandleInboundMessage
{
    private const string ResumeStep = "file.resume";

    /// <summary>The questions in order; "back" walks this list.</summary>
    private static readonly string[] FilingSteps =
    [
        "file.institution", "file.product", "file.issue", "file.description", "file.loss", "file.resolution",
        "file.name", "file.email", "file.nik", "file.attachments", "file.consent",
    ];

    private static readonly HashSet<string> SkipWords = new(StringComparer.Ordinal) { "-", "0", "lewati", "skip", "tidak ada", "none", "no" };
    private static readonly HashSet<string> DoneWords = new(StringComparer.Ordinal) { "selesai", "done", "lewati", "skip", "-", "tidak", "no" };

    /// <summary>The products offered per sector (a list holds ten rows); "other" always comes last.</summary>
    private static readonly Dictionary<Sector, string[]> ProductsBySector = new()
    {
        [Sector.Banking] = ["savings", "credit-card", "consumer-loan", "mortgage", "e-wallet"],
        [Sector.CapitalMarket] = ["investment"],
        [Sector.LifeInsurance] = ["insurance-policy", "unit-link"],
        [Sector.GeneralInsurance] = ["insurance-policy"],
        [Sector.PensionFund] = ["pension"],
        [Sector.Financing] = ["vehicle-financing", "consumer-loan", "paylater"],
        [Sector.FintechLending] = ["online-loan", "paylater"],
        [Sector.Pawnshop] = ["pawn"],
        [Sector.Microfinance] = ["consumer-loan", "savings"],
        [Sector.Guarantee] = ["consumer-loan"],
        [Sector.DigitalFinancialInnovation] = ["e-wallet", "investment", "paylater"],
    };

    private void AskResume(Turn turn)
    {
        turn.Step = ResumeStep;
        replies.Buttons(turn.Conversation, turn.T("chat.file.resume"),
        [
            new("resume_continue", turn.T("chat.button.continue")),
            new("resume_restart", turn.T("chat.button.restart")),
            new("menu", turn.T("chat.button.menu")),
        ]);
    }

    private async Task FilingAsync(Turn turn, CancellationToken ct)
    {
        var draft = turn.Data.Draft ??= new ComplaintDraft();
        if (turn.Step == ResumeStep)
        {
            switch (turn.ReplyId ?? turn.Command)
            {
                case "resume_continue" or "lanjut" or "lanjutkan" or "continue" or "ya" or "yes":
                    var resume = turn.Data.ResumeStep ?? FilingSteps[0];
                    turn.Data.ResumeStep = null;
                    await AskAsync(turn, resume, ct);
                    break;
                case "resume_restart" or "ulang" or "restart":
                    turn.Data.Draft = new ComplaintDraft();
                    turn.Data.ResumeStep = null;
                    await AskAsync(turn, FilingSteps[0], ct);
                    break;
                default:
                    AskResume(turn);
                    break;
            }

            return;
        }

        turn.Data.ResumeStep = null;
        if (turn.Message.Media is { } media)
        {
            // Evidence is kept whenever it arrives; it is fetched and attached when the case is filed.
            if (!draft.Media.Exists(m => m.Id == media.Id))
            {
                draft.Media.Add(new DraftMedia(media.Id, media.MimeType, media.FileName, media.Sha256));
            }

            if (turn.Step == "file.attachments")
            {
                replies.Buttons(turn.Conversation, turn.T("chat.file.attachments.got", draft.Media.Count), [new("att_done", turn.T("chat.button.done"))]);
            }
            else
            {
                replies.Text(turn.Conversation, turn.T("chat.file.mediaKept"));
                await AskAsync(turn, turn.Step, ct);
            }

            return;
        }

        if (turn.ReplyId is null && BackWords.Contains(turn.Command))
        {
            var at = Array.IndexOf(FilingSteps, BaseStep(turn.Step));
            await AskAsync(turn, FilingSteps[Math.Max(0, at - 1)], ct);
            return;
        }

        switch (turn.Step)
        {
            case "file.institution":
                await InstitutionAsync(turn, draft, ct);
                return;
            case "file.institution.confirm":
            case "file.institution.pick":
                await InstitutionChoiceAsync(turn, draft, ct);
                return;
            case "file.product":
                if (Choice(turn, "prod_", CaseTaxonomy.Products) is { } product)
                {
                    draft.Product = product;
                    await AskAsync(turn, "file.issue", ct);
                }
                else
                {
                    await AskAsync(turn, turn.Step, ct, page: MorePage(turn));
                }

                return;
            case "file.issue":
                if (Choice(turn, "issue_", CaseTaxonomy.IssueCategories) is { } issue)
                {
                    draft.IssueCategory = issue;
                    await AskAsync(turn, "file.description", ct);
                }
                else
                {
                    await AskAsync(turn, turn.Step, ct, page: MorePage(turn));
                }

                return;
            case "file.description":
                if (turn.Text is null || turn.Text.Length < SubmitCase.MinDescriptionLength)
                {
                    replies.Text(turn.Conversation, turn.T("error.tooShort", SubmitCase.MinDescriptionLength));
                    return;
                }

                draft.Description = turn.Text;
                await AskAsync(turn, "file.loss", ct);
                return;
            case "file.loss":
                if (turn.Text is null)
                {
                    await AskAsync(turn, turn.Step, ct);
                    return;
                }

                if (SkipWords.Contains(turn.Command))
                {
                    draft.LossAmount = null;
                }
                else if (Formats.TryParseRupiah(turn.Text, out var amount) && amount <= SubmitCase.MaxLossAmount)
                {
                    draft.LossAmount = amount;
                }
                else
                {
                    replies.Text(turn.Conversation, turn.T("error.amount.invalid"));
                    return;
                }

                await AskAsync(turn, "file.resolution", ct);
                return;
            case "file.resolution":
                if (turn.Text is null)
                {
                    await AskAsync(turn, turn.Step, ct);
                    return;
                }

                draft.RequestedResolution = SkipWords.Contains(turn.Command) ? null : turn.Text;
                await AskAsync(turn, "file.name", ct);
                return;
            case "file.name":
                if (turn.Text is null)
                {
                    replies.Text(turn.Conversation, turn.T("error.required"));
                    return;
                }

                if (turn.Text.Length > 200)
                {
                    replies.Text(turn.Conversation, turn.T("error.tooLong", 200));
                    return;
                }

                draft.Name = turn.Text;
                await AskAsync(turn, "file.email", ct);
                return;
            case "file.email":
                if (turn.Text is null)
                {
                    await AskAsync(turn, turn.Step, ct);
                    return;
                }

                if (SkipWords.Contains(turn.Command))
                {
                    draft.Email = null;
                }
                else if (EmailAddress.IsValid(turn.Text))
                {
                    draft.Email = turn.Text;
                }
                else
                {
                    replies.Text(turn.Conversation, turn.T("error.email.invalid"));
                    return;
                }

                await AskAsync(turn, "file.nik", ct);
                return;
            case "file.nik":
                if (turn.Text is null)
                {
                    await AskAsync(turn, turn.Step, ct);
                    return;
                }

                draft.Nik = SkipWords.Contains(turn.Command) ? null : turn.Text;
                await AskAsync(turn, "file.attachments", ct);
                return;
            case "file.attachments":
                if (turn.ReplyId == "att_done" || DoneWords.Contains(turn.Command))
                {
                    await AskAsync(turn, "file.consent", ct);
                }
                else
                {
                    await AskAsync(turn, turn.Step, ct);
                }

                return;
            case "file.consent":
                if (turn.ReplyId == "consent_yes" || turn.Command is "setuju" or "ya" or "yes" or "agree")
                {
                    await SubmitAsync(turn, draft, ct);
                }
                else if (turn.ReplyId == "consent_no" || turn.Command is "tidak" or "no")
                {
                    replies.Text(turn.Conversation, turn.T("error.consent.required"));
                    await AskAsync(turn, turn.Step, ct);
                }
                else
                {
                    await AskAsync(turn, turn.Step, ct);
                }

                return;
            default:
                await AskAsync(turn, FilingSteps[0], ct);
                return;
        }
    }

    private static string BaseStep(string step) => step.StartsWith("file.institution", StringComparison.Ordinal) ? "file.institution" : step;

    private static int MorePage(Turn turn) =>
        turn.ReplyId is { } id && id.StartsWith("more_", StringComparison.Ordinal)
        && int.TryParse(id.AsSpan(5), NumberStyles.None, CultureInfo.InvariantCulture, out var page) ? page : 0;

    /// <summary>A row picked from the list, or a label typed as shown.</summary>
    private static string? Choice(Turn turn, string prefix, IReadOnlyList<TaxonomyItem> items)
    {
        if (turn.ReplyId is { } id && id.StartsWith(prefix, StringComparison.Ordinal))
        {
            var code = id[prefix.Length..];
            return items.Any(i => i.Code == code) ? code : null;
        }

        return turn.Text is { } text
            ? items.FirstOrDefault(i => string.Equals(i.Label.Id, text, StringComparison.OrdinalIgnoreCase) || string.Equals(i.Label.En, text, StringComparison.OrdinalIgnoreCase))?.Code
            : null;
    }

    private async Task InstitutionAsync(Turn turn, ComplaintDraft draft, CancellationToken ct)
    {
        if (turn.Text is null)
        {
            await AskAsync(turn, "file.institution", ct);
            return;
        }

        // Matched like the intake form: licensed institutions only; a clear match is confirmed, close ones listed.
        var index = await registry.GetAsync(db, ct);
        var matches = Distinct(index.Search(turn.Text, RegistryEntryKind.Institution, max: 5, minScore: 0.6));
        draft.InstitutionTyped = turn.Text;
        draft.InstitutionId = null;
        draft.InstitutionName = turn.Text;
        draft.Sector = null;
        if (matches.Count == 0)
        {
            // Not in the registry (an illegal lender, a misspelling beyond repair): kept as typed for staff.
            draft.InstitutionTyped = null;
            replies.Text(turn.Conversation, turn.T("chat.file.institution.asTyped", turn.Text));
            await AskAsync(turn, "file.product", ct);
            return;
        }

        if (IsClear(matches))
        {
            draft.InstitutionId = matches[0].Entry.Id;
            turn.Step = "file.institution.confirm";
            replies.Buttons(turn.Conversation, turn.T("chat.file.institution.confirm", matches[0].Entry.DisplayName),
            [
                new("inst_yes", turn.T("chat.button.yes")),
                new("inst_no", turn.T("chat.button.no")),
            ]);
            return;
        }

        turn.Step = "file.institution.pick";
        var rows = matches.Select(m => new WhatsAppReplies.ListRow("inst_" + m.Entry.Id.ToString(CultureInfo.InvariantCulture), m.Entry.DisplayName, m.MatchedName)).ToList();
        rows.Add(new("inst_none", turn.T("chat.file.institution.none")));
        replies.List(turn.Conversation, turn.T("chat.file.institution.pick"), turn.T("chat.button.choose"), [new(turn.T("chat.file.institution.section"), rows)]);
    }

    private async Task InstitutionChoiceAsync(Turn turn, ComplaintDraft draft, CancellationToken ct)
    {
        var reply = turn.ReplyId ?? turn.Command switch
        {
            "ya" or "yes" or "benar" => "inst_yes",
            "bukan" or "tidak" or "no" => "inst_no",
            _ => null,
        };
        int? chosen = reply switch
        {
            "inst_yes" when turn.Step == "file.institution.confirm" => draft.InstitutionId,
            { } r when r.StartsWith("inst_", StringComparison.Ordinal)
                && int.TryParse(r.AsSpan(5), NumberStyles.None, CultureInfo.InvariantCulture, out var id) => id,
            _ => null,
        };
        if (chosen is { } institutionId && await db.Institutions.AsNoTracking().FirstOrDefaultAsync(i => i.Id == institutionId, ct) is { } institution)
        {
            draft.InstitutionId = institution.Id;
            draft.InstitutionName = institution.LegalName;
            draft.Sector = institution.Sector.ToString();
            draft.InstitutionTyped = null;
            await AskAsync(turn, "file.product", ct);
            return;
        }

        if (reply == "inst_none")
        {
            draft.InstitutionId = null;
            draft.InstitutionName = draft.InstitutionTyped ?? draft.InstitutionName;
            draft.InstitutionTyped = null;
            replies.Text(turn.Conversation, turn.T("chat.file.institution.asTyped", draft.InstitutionName ?? ""));
            await AskAsync(turn, "file.product", ct);
            return;
        }

        if (reply == "inst_no")
        {
            draft.InstitutionId = null;
            replies.Text(turn.Conversation, turn.T("chat.file.institution.again"));
            turn.Step = "file.institution";
            return;
        }

        // Anything else typed is another try at the name.
        await InstitutionAsync(turn, draft, ct);
    }

    /// <summary>Asks the question of a step (and moves there).</summary>
    private Task AskAsync(Turn turn, string step, CancellationToken ct, int page = 0)
    {
        _ = ct;
        turn.Step = step;
        var draft = turn.Data.Draft ??= new ComplaintDraft();
        var hint = "\n\n" + turn.T("chat.file.hint");
        switch (step)
        {
            case "file.institution":
                replies.Text(turn.Conversation, turn.T("chat.file.ask.institution") + hint);
                break;
            case "file.product":
                var codes = draft.Sector is { } s && Enum.TryParse<Sector>(s, out var sector) && ProductsBySector.TryGetValue(sector, out var forSector)
                    ? [.. forSector, "other"]
                    : CaseTaxonomy.Products.Select(p => p.Code).ToArray();
                AskList(turn, turn.T("chat.file.ask.product"), "prod_", CaseTaxonomy.Products.Where(p => codes.Contains(p.Code)).OrderBy(p => Array.IndexOf(codes, p.Code)).ToList(), page);
                break;
            case "file.issue":
                AskList(turn, turn.T("chat.file.ask.issue"), "issue_", CaseTaxonomy.IssueCategories, page);
                break;
            case "file.description":
                replies.Text(turn.Conversation, turn.T("chat.file.ask.description", SubmitCase.MinDescriptionLength) + hint);
                break;
            case "file.loss":
                replies.Text(turn.Conversation, turn.T("chat.file.ask.loss") + hint);
                break;
            case "file.resolution":
                replies.Text(turn.Conversation, turn.T("chat.file.ask.resolution") + hint);
                break;
            case "file.name":
                replies.Text(turn.Conversation, turn.T("chat.file.ask.name") + hint);
                break;
            case "file.email":
                replies.Text(turn.Conversation, turn.T("chat.file.ask.email") + hint);
                break;
            case "file.nik":
                replies.Text(turn.Conversation, turn.T("chat.file.ask.nik") + hint);
                break;
            case "file.attachments":
                replies.Buttons(turn.Conversation, turn.T("chat.file.ask.attachments", storage.Value.MaxAttachmentsPerSubmission), [new("att_done", turn.T(draft.Media.Count > 0 ? "chat.button.done" : "chat.button.skip"))]);
                break;
            case "file.consent":
                replies.Buttons(turn.Conversation, Summary(turn, draft) + "\n\n" + turn.T("chat.file.ask.consent"),
                [
                    new("consent_yes", turn.T("chat.button.agree")),
                    new("consent_no", turn.T("chat.button.disagree")),
                ]);
                break;
            default:
                replies.Text(turn.Conversation, turn.T("chat.file.ask.institution") + hint);
                turn.Step = "file.institution";
                break;
        }

        return Task.CompletedTask;
    }

    /// <summary>A list of taxonomy items; beyond ten rows, nine per page and a "more" row.</summary>
    private void AskList(Turn turn, string body, string prefix, IReadOnlyList<TaxonomyItem> items, int page)
    {
        const int perPage = 9;
        List<WhatsAppReplies.ListRow> rows;
        if (items.Count <= 10)
        {
            rows = items.Select(i => new WhatsAppReplies.ListRow(prefix + i.Code, i.Label.For(turn.Culture))).ToList();
        }
        else
        {
            var pages = (items.Count + perPage - 1) / perPage;
            page = Math.Clamp(page, 0, pages - 1);
            rows = items.Skip(page * perPage).Take(perPage).Select(i => new WhatsAppReplies.ListRow(prefix + i.Code, i.Label.For(turn.Culture))).ToList();
            if (page < pages - 1)
            {
                rows.Add(new("more_" + (page + 1).ToString(CultureInfo.InvariantCulture), turn.T("chat.file.more")));
            }
        }

        replies.List(turn.Conversation, body + "\n\n" + turn.T("chat.file.hint"), turn.T("chat.button.choose"), [new(turn.T("chat.file.options"), rows)]);
    }

    private static string Summary(Turn turn, ComplaintDraft draft)
    {
        turn.Use();
        string Label(IReadOnlyList<TaxonomyItem> items, string? code) => items.FirstOrDefault(i => i.Code == code)?.Label.For(turn.Culture) ?? "-";
        return turn.T("chat.file.summary",
            draft.InstitutionName ?? "-",
            Label(CaseTaxonomy.Products, draft.Product),
            Label(CaseTaxonomy.IssueCategories, draft.IssueCategory),
            draft.Description ?? "-",
            draft.LossAmount is { } loss ? Formats.Rupiah(loss) : "-",
            draft.RequestedResolution ?? "-",
            draft.Name ?? "-",
            draft.Email ?? "-",
            draft.Nik is { Length: > 4 } nik ? new string('•', nik.Length - 4) + nik[^4..] : draft.Nik ?? "-",
            draft.Media.Count);
    }

    /// <summary>The web form's field → the question that asks it again.</summary>
    private static string StepOf(string field) => field switch
    {
        "institutionId" or "institutionName" => "file.institution",
        "product" => "file.product",
        "issueCategory" => "file.issue",
        "description" => "file.description",
        "lossAmount" => "file.loss",
        "requestedResolution" => "file.resolution",
        "name" => "file.name",
        "email" or "whatsApp" => "file.email",
        "nik" => "file.nik",
        "attachments" => "file.attachments",
        _ => "file.consent",
    };

    private async Task SubmitAsync(Turn turn, ComplaintDraft draft, CancellationToken ct)
    {
        var (files, missing) = await FetchMediaAsync(turn, draft, ct);
        turn.Use(); // the case's consumer gets messages in the language they filed in
        turn.Transaction ??= await db.Database.BeginTransactionAsync(ct);
        var result = await submitCase.HandleAsync(new SubmitCase.Input
        {
            Kind = CaseKind.Complaint,
            InstitutionId = draft.InstitutionId,
            InstitutionName = draft.InstitutionId is null ? draft.InstitutionName : null,
            Sector = Enum.TryParse<Sector>(draft.Sector, out var sector) ? sector : null,
            Product = draft.Product,
            IssueCategory = draft.IssueCategory,
            Description = draft.Description,
            LossAmount = draft.LossAmount,
            RequestedResolution = draft.RequestedResolution,
            Channel = Channel.WhatsApp,
            Name = draft.Name,
            Email = draft.Email,
            WhatsApp = turn.Conversation.WaId,
            Nik = draft.Nik,
            ConsentGiven = true,
            Attachments = files,
        }, ct);

        if (!result.Succeeded)
        {
            var error = result.Errors[0];
            replies.Text(turn.Conversation, turn.T($"error.{error.Code}", error.Arguments));
            await AskAsync(turn, StepOf(error.Field), ct);
            return;
        }

        var @case = result.Case!;
        var conversation = turn.Conversation;
        conversation.CaseId = @case.Id;
        var done = turn.T("chat.file.done", @case.TrackingNumber, result.Pin!);
        if (missing.Count > 0)
        {
            done += "\n\n" + turn.T("chat.file.missing") + "\n" + string.Join("\n", missing.Select(m => "- " + m));
        }

        replies.Text(conversation, done, transcript: WhatsAppReplies.MaskPin(done, result.Pin!));
        replies.Receipt(conversation, @case.Id, @case.TrackingNumber, turn.T("chat.file.receipt", @case.TrackingNumber));
        conversation.State = ConversationState.Closed;
        conversation.ClosedAtUtc = turn.Now;
        conversation.EndedBy = ConversationEnd.Bot;
        conversation.CloseReason = "case-filed";
        conversation.Version++;
        turn.Step = "menu";
        turn.Data.Draft = null;
        turn.Data.ResumeStep = null;
        logger.LogInformation("WhatsApp conversation {ConversationId} filed case {TrackingNumber}", conversation.Id, @case.TrackingNumber);
    }

    /// <summary>The consumer's media as files for the case, and the names of those that could not be attached
    /// (no sender configured, download failed, a type or size the case file refuses, too many).</summary>
    private Task<(List<UploadedFile> Files, List<string> Missing)> FetchMediaAsync(Turn turn, ComplaintDraft draft, CancellationToken ct) =>
        ConsumerMedia.FetchAsync(
            options.Value.SendingEnabled ? services.GetService<WhatsAppCloudApi>() : null,
            draft.Media.Select((media, i) => new ConsumerMediaItem(media.Id, media.MimeType,
                media.FileName is { Length: > 0 } given ? given : turn.T("chat.file.photo", i + 1) + ConsumerMedia.Extension(media.MimeType), media.Sha256)).ToList(),
            storage.Value, logger, ct);
}
