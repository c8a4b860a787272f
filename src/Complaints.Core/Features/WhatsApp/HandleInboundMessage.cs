using System.Globalization;
using System.Text.RegularExpressions;
using Complaints.Core.Data;
using Complaints.Core.Domain.Institutions;
using Complaints.Core.Domain.Taxonomy;
using Complaints.Core.Domain.WhatsApp;
using Complaints.Core.Features.Calendar;
using Complaints.Core.Features.Intake;
using Complaints.Core.Features.Registry;
using Complaints.Core.Features.Tracking;
using Complaints.Core.Features.WhatsApp.Chatbot;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Complaints.Core.Features.WhatsApp;

/// <summary>
/// Handles one inbound WhatsApp message of a consumer: records it in the sender's open conversation (once per
/// message id), then, unless the conversation waits for or is with an agent, lets the chatbot answer. The bot is a
/// small state machine (<see cref="Conversation.BotStep"/>, with what it collected in <see cref="Conversation.BotData"/>):
/// a menu, the legality check, tracking, filing a complaint, the FAQ, and the handover to an agent. Its texts are in
/// Resources/chatbot.{id,en}.json, in the conversation's language. One save per message (filing a complaint saves
/// the new case first, through <see cref="SubmitCase"/>).
/// </summary>
public sealed partial class HandleInboundMessage(
    ComplaintsDbContext db,
    WhatsAppReplies replies,
    IStringLocalizerFactory localizers,
    RegistryCache registry,
    TrackCase trackCase,
    ConsumerCaseQueries caseQueries,
    SubmitCase submitCase,
    CalendarCache calendars,
    IOptions<WhatsAppOptions> options,
    IOptions<StorageOptions> storage,
    IConversationEvents events,
    IServiceProvider services,
    TimeProvider clock,
    ILogger<HandleInboundMessage> logger)
{
    public const string ConsumerAuthor = "consumer";

    /// <summary>A registry match at least this good, with a clear lead over any other entity, is answered
    /// directly; the same rule the intake form uses to link an institution.</summary>
    public const double ClearMatchScore = SubmitCase.AutoLinkScore;

    public const double ClearMatchMargin = SubmitCase.AutoLinkMargin;

    /// <summary>A consumer who comes back to a half-filed complaint after this long is asked whether to continue,
    /// rather than having the message taken as the answer to a question asked long ago.</summary>
    public static readonly TimeSpan ResumeAfter = TimeSpan.FromMinutes(30);

    private static readonly HashSet<string> MenuWords = new(StringComparer.Ordinal) { "menu", "batal", "cancel", "mulai", "start" };
    private static readonly HashSet<string> CancelWords = new(StringComparer.Ordinal) { "batal", "cancel" };
    private static readonly HashSet<string> BackWords = new(StringComparer.Ordinal) { "kembali", "back" };
    private static readonly HashSet<string> HandoverWords = new(StringComparer.Ordinal) { "agen", "petugas", "agent", "human", "cs" };
    private const string HandoverTag = "#hubungipetugas";

    /// <summary>One message being answered: the conversation, what the bot keeps, and the strings in the
    /// conversation's language.</summary>
    private sealed class Turn(Conversation conversation, BotData data, InboundMessage message, DateTime now, bool isNew, DateTime? previousActivityUtc, IStringLocalizer strings)
    {
        public Conversation Conversation { get; } = conversation;

        public BotData Data { get; } = data;

        public InboundMessage Message { get; } = message;

        public DateTime Now { get; } = now;

        public bool IsNew { get; } = isNew;

        /// <summary>Opened when the turn files a case: the case's save and the turn's (number, PIN, receipt, the
        /// conversation closed) commit together, so a failure leaves nothing and the retried message files again.</summary>
        public IDbContextTransaction? Transaction { get; set; }

        public DateTime? PreviousActivityUtc { get; } = previousActivityUtc;

        public string? Text { get; } = (message.Text ?? message.Media?.Caption)?.Trim() is { Length: > 0 } t ? t : null;

        public string? ReplyId { get; } = message.ReplyId;

        /// <summary>The text lowercased with single spaces, for commands.</summary>
        public string Command => Text is null ? "" : string.Join(' ', Text.ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries));

        public string Step
        {
            get => Conversation.BotStep;
            set => Conversation.BotStep = value;
        }

        public CultureInfo Culture => CultureInfo.GetCultureInfo(Conversation.Culture);

        /// <summary>A string in the conversation's language (the string table reads the current UI culture;
        /// dates and numbers the current culture).</summary>
        public string T(string key, params object[] arguments)
        {
            Use();
            return arguments.Length == 0 ? strings[key] : strings[key, arguments];
        }

        public void Use()
        {
            CultureInfo.CurrentUICulture = Culture;
            CultureInfo.CurrentCulture = Culture;
        }
    }

    public async Task HandleAsync(InboundMessage message, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(message);

        // A webhook can be delivered twice: the message id in the sender's transcript means it was handled.
        if (await db.ConversationMessages.AnyAsync(
                m => m.ExternalId == message.Id && db.Conversations.Any(c => c.Id == m.ConversationId && c.WaId == message.WaId), ct))
        {
            return;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var conversation = await db.Conversations
            .Where(c => c.WaId == message.WaId && c.State != ConversationState.Closed)
            .OrderByDescending(c => c.StartedAtUtc)
            .FirstOrDefaultAsync(ct);
        Guid? expiredId = null;
        if (conversation is not null && conversation.State is ConversationState.Bot or ConversationState.Queued
            && now - conversation.LastActivityAtUtc >= options.Value.IdleExpiry)
        {
            // The expiry job has not come round yet: the old conversation ends as it would have, and this
            // message starts a new one.
            Expire(conversation, now);
            expiredId = conversation.Id;
            conversation = null;
        }

        var isNew = conversation is null;
        var previousActivity = conversation?.LastActivityAtUtc;
        if (conversation is null)
        {
            conversation = new Conversation
            {
                WaId = message.WaId,
                ContactName = message.ContactName,
                Culture = LanguageGuess.Of(message.Text) ?? "id",
                State = ConversationState.Bot,
                BotStep = "menu",
                StartedAtUtc = now,
                LastInboundAtUtc = now,
                LastActivityAtUtc = now,
            };
            db.Conversations.Add(conversation);
        }

        db.ConversationMessages.Add(new ConversationMessage
        {
            ConversationId = conversation.Id,
            Direction = MessageDirection.Inbound,
            AtUtc = now,
            Author = ConsumerAuthor,
            Text = TranscriptText(message, conversation.BotStep),
            MediaId = message.Media?.Id,
            MediaType = message.Media?.MimeType,
            FileName = message.Media?.FileName,
            ExternalId = message.Id,
        });
        conversation.LastInboundAtUtc = now;
        conversation.LastActivityAtUtc = now;
        conversation.ContactName = message.ContactName ?? conversation.ContactName;
        conversation.Version++;

        if (conversation.State is ConversationState.Queued or ConversationState.WithAgent)
        {
            // Agents answer: the bot only records, and the console hears of the new message.
            await db.SaveChangesAsync(ct);
            await events.ConversationChangedAsync(conversation.Id, ct);
            return;
        }

        var (ui, formatting) = (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture);
        var turn = new Turn(conversation, BotData.Read(conversation.BotData), message, now, isNew, previousActivity, localizers.Create(typeof(HandleInboundMessage)));
        try
        {
            await AnswerAsync(turn, ct);
            conversation.BotData = conversation.State == ConversationState.Closed ? null : turn.Data.Write();
            await db.SaveChangesAsync(ct);
            if (turn.Transaction is { } transaction)
            {
                await transaction.CommitAsync(ct);
            }
        }
        finally
        {
            CultureInfo.CurrentUICulture = ui;
            CultureInfo.CurrentCulture = formatting;
            if (turn.Transaction is { } transaction)
            {
                // Rolls back unless committed above.
                await transaction.DisposeAsync();
            }
        }

        if (expiredId is { } expired)
        {
            await events.ConversationChangedAsync(expired, ct);
        }

        if (conversation.State is ConversationState.Queued or ConversationState.Closed)
        {
            await events.ConversationChangedAsync(conversation.Id, ct);
        }
    }

    /// <summary>Ends an idle conversation (the job does the same, with a goodbye while the window allows).</summary>
    internal static void Expire(Conversation conversation, DateTime now)
    {
        conversation.State = ConversationState.Closed;
        conversation.ClosedAtUtc = now;
        conversation.EndedBy = ConversationEnd.Expired;
        conversation.CloseReason = "idle";
        conversation.BotData = null;
        conversation.Version++;
    }

    /// <summary>What the transcript keeps of an inbound message. A PIN typed for tracking is masked: agents and
    /// case files read transcripts, and a PIN opens the case.</summary>
    private static string? TranscriptText(InboundMessage message, string step)
    {
        var text = message.Text ?? message.ReplyTitle ?? message.Media?.Caption;
        if (text is not null && step == "track.pin")
        {
            text = SixDigits().Replace(text, "••••••");
        }

        return text;
    }

    [GeneratedRegex(@"\d{6}")]
    private static partial Regex SixDigits();

    private async Task AnswerAsync(Turn turn, CancellationToken ct)
    {
        var command = turn.Command;
        if (turn.ReplyId is null && turn.Text is not null)
        {
            if (LanguageGuess.Switch(turn.Text) is { } chosen)
            {
                turn.Conversation.Culture = chosen;
                await ShowMenuAsync(turn, greet: false);
                return;
            }

            // Digits (tracking numbers, PINs, amounts) say nothing about the language; names say nothing either.
            if (!turn.IsNew && LanguageGuess.Of(turn.Text) is { } written)
            {
                turn.Conversation.Culture = written;
            }
        }

        if (turn.Message.Type == "reaction")
        {
            return; // a thumbs-up needs no answer
        }

        if (IsHandover(turn))
        {
            await HandoverAsync(turn, ct);
            return;
        }

        if (turn.IsNew)
        {
            await ShowMenuAsync(turn, greet: true);
            return;
        }

        if (turn.ReplyId == "menu" || (turn.ReplyId is null && MenuWords.Contains(command)))
        {
            if (CancelWords.Contains(command) && turn.Step.StartsWith("file.", StringComparison.Ordinal))
            {
                turn.Data.Draft = null;
                turn.Data.ResumeStep = null;
                replies.Text(turn.Conversation, turn.T("chat.file.cancelled"));
            }

            await ShowMenuAsync(turn, greet: false);
            return;
        }

        if (turn.ReplyId is { } choice && choice.StartsWith("menu_", StringComparison.Ordinal))
        {
            await StartAsync(turn, choice, ct);
            return;
        }

        if (turn.Step.StartsWith("file.", StringComparison.Ordinal) && turn.Step != ResumeStep
            && turn.PreviousActivityUtc is { } previous && turn.Now - previous >= ResumeAfter)
        {
            turn.Data.ResumeStep = turn.Step;
            AskResume(turn);
            return;
        }

        switch (turn.Step)
        {
            case "legality.name":
            case "legality.pick":
                await LegalityAsync(turn, ct);
                break;
            case "track.number":
            case "track.pin":
                await TrackAsync(turn, ct);
                break;
            case "faq.question":
                await FaqAsync(turn, ct);
                break;
            case var step when step.StartsWith("file.", StringComparison.Ordinal):
                await FilingAsync(turn, ct);
                break;
            default:
                if (MenuNumber(command) is { } numbered)
                {
                    await StartAsync(turn, numbered, ct);
                }
                else
                {
                    await ShowMenuAsync(turn, greet: false);
                }

                break;
        }
    }

    /// <summary>"#HUBUNGIPETUGAS" anywhere, or a short message naming an agent ("agen", "mau petugas", "talk to a
    /// human"; in the FAQ only the bare word). Longer messages are left alone: "the collection agent called me at night" is a complaint, not a request.</summary>
    private static bool IsHandover(Turn turn)
    {
        if (turn.ReplyId is not null || turn.Text is null)
        {
            return false;
        }

        var command = turn.Command;
        if (command.Contains(HandoverTag, StringComparison.Ordinal))
        {
            return true;
        }

        // In the FAQ, "jam layanan petugas?" is a question about agents, answered there; only the bare word hands over.
        var words = command.Split([' ', ',', '.', '!', '?'], StringSplitOptions.RemoveEmptyEntries);
        var maxWords = turn.Step == "faq.question" ? 1 : 4;
        return words.Length <= maxWords && words.Any(HandoverWords.Contains);
    }

    private static string? MenuNumber(string command) => command switch
    {
        "1" => "menu_legality",
        "2" => "menu_track",
        "3" => "menu_file",
        "4" => "menu_faq",
        "5" => "menu_agent",
        _ => null,
    };

    private Task ShowMenuAsync(Turn turn, bool greet)
    {
        if (turn.Step.StartsWith("file.", StringComparison.Ordinal) && turn.Step != ResumeStep && turn.Data.Draft is not null)
        {
            turn.Data.ResumeStep = turn.Step; // "menu" in the middle of filing keeps the draft for later
        }

        turn.Step = "menu";
        turn.Data.TrackingNumber = null;
        var name = turn.Conversation.ContactName is { Length: > 0 } contact ? " " + contact : "";
        var body = greet ? turn.T("chat.menu.greeting", name) : turn.T("chat.menu.body");
        replies.List(turn.Conversation, body, turn.T("chat.menu.button"),
        [
            new(turn.T("chat.menu.section"),
            [
                new("menu_legality", turn.T("chat.menu.legality"), turn.T("chat.menu.legality.hint")),
                new("menu_track", turn.T("chat.menu.track"), turn.T("chat.menu.track.hint")),
                new("menu_file", turn.T("chat.menu.file"), turn.T("chat.menu.file.hint")),
                new("menu_faq", turn.T("chat.menu.faq"), turn.T("chat.menu.faq.hint")),
                new("menu_agent", turn.T("chat.menu.agent"), turn.T("chat.menu.agent.hint")),
            ]),
        ]);
        return Task.CompletedTask;
    }

    private async Task StartAsync(Turn turn, string choice, CancellationToken ct)
    {
        switch (choice)
        {
            case "menu_legality":
                turn.Step = "legality.name";
                replies.Text(turn.Conversation, turn.T("chat.legality.ask"));
                break;
            case "menu_track":
                turn.Step = "track.number";
                replies.Text(turn.Conversation, turn.T("chat.track.askNumber"));
                break;
            case "menu_file":
                if (turn.Data.Draft is not null && turn.Data.ResumeStep is not null)
                {
                    AskResume(turn);
                }
                else
                {
                    turn.Data.Draft = new ComplaintDraft();
                    turn.Data.ResumeStep = null;
                    replies.Text(turn.Conversation, turn.T("chat.file.intro"));
                    await AskAsync(turn, "file.institution", ct);
                }

                break;
            case "menu_faq":
                turn.Step = "faq.question";
                replies.Text(turn.Conversation, turn.T("chat.faq.ask"));
                break;
            case "menu_agent":
                await HandoverAsync(turn, ct);
                break;
            default:
                await ShowMenuAsync(turn, greet: false);
                break;
        }
    }

    // ---- Legality -------------------------------------------------------------------------------------------

    private async Task LegalityAsync(Turn turn, CancellationToken ct)
    {
        if (turn.ReplyId is { } picked && ParsePick(picked) is { } pick)
        {
            await AnswerEntityAsync(turn, pick.Kind, pick.Id, ct);
            return;
        }

        if (turn.Text is null)
        {
            replies.Text(turn.Conversation, turn.T("chat.legality.ask"));
            return;
        }

        var index = await registry.GetAsync(db, ct);
        var matches = Distinct(index.Search(turn.Text, max: 10));
        if (matches.Count == 0)
        {
            turn.Step = "legality.name";
            replies.Buttons(turn.Conversation, turn.T("chat.legality.notFound", turn.Text),
            [
                new("menu_file", turn.T("chat.button.report")),
                new("menu", turn.T("chat.button.menu")),
            ], mark: ConversationMarks.LegalityNotFound);
            return;
        }

        if (IsClear(matches))
        {
            await AnswerEntityAsync(turn, matches[0].Entry.Kind, matches[0].Entry.Id, ct);
            return;
        }

        if (IsLicensedWithClones(matches))
        {
            await AnswerEntityAsync(turn, matches[0].Entry.Kind, matches[0].Entry.Id, ct, clones: true);
            return;
        }

        // Several names come close: the consumer picks; typing another name checks that one instead.
        var institutionIds = matches.Where(m => m.Entry.Kind == RegistryEntryKind.Institution).Select(m => m.Entry.Id).ToList();
        var sectors = await db.Institutions.AsNoTracking().Where(i => institutionIds.Contains(i.Id))
            .Select(i => new { i.Id, i.Sector }).ToDictionaryAsync(i => i.Id, i => i.Sector, ct);
        turn.Step = "legality.pick";
        replies.List(turn.Conversation, turn.T("chat.legality.pick", turn.Text), turn.T("chat.button.choose"),
        [
            new(turn.T("chat.legality.candidates"), matches.Take(10).Select(m => new WhatsAppReplies.ListRow(
                PickId(m.Entry.Kind, m.Entry.Id),
                m.MatchedName,
                m.Entry.Kind == RegistryEntryKind.Institution
                    ? turn.T("chat.legality.rowLicensed", sectors.TryGetValue(m.Entry.Id, out var sector) ? CaseTaxonomy.Sectors[sector].For(turn.Culture) : "")
                    : turn.T("chat.legality.rowIllegal", m.Entry.Detail ?? ""))).ToList()),
        ]);
    }

    /// <summary>The illegal list repeats names (other casing, spacing, a second listing): one row per entity kind and
    /// name, so a repeated listing never makes a clear answer look ambiguous.</summary>
    private static List<RegistryMatch> Distinct(IReadOnlyList<RegistryMatch> matches) =>
        matches.DistinctBy(m => (m.Entry.Kind, BaseName(m.MatchedName))).ToList();

    // The separators between an app's name and the store tagline the task force copied with it (as the index cuts).
    private static readonly string[] TaglineSeparators = [" - ", "\u2013", "\u2014", "|", " : "];

    /// <summary>A name without its app-store tagline, normalized: "Kredit Pintar - Pinjaman Uang" → "kreditpintar".</summary>
    private static string BaseName(string name)
    {
        var cut = TaglineSeparators.Select(s => name.IndexOf(s, StringComparison.Ordinal)).Where(i => i > 0).DefaultIfEmpty(name.Length).Min();
        return NameNormalizer.Compact(name[..cut]);
    }

    /// <summary>The best match answers alone when it is good and clearly better than the next entity.</summary>
    private static bool IsClear(List<RegistryMatch> matches) =>
        matches[0].Score >= ClearMatchScore && (matches.Count == 1 || matches[0].Score - matches[1].Score >= ClearMatchMargin);

    /// <summary>
    /// The illegal list holds clones of licensed apps' names ("Kredit Pintar" under another operator). When the only
    /// names as close as the licensed institution are such clones of its own name, the consumer gets the licensed
    /// answer with a warning about look-alikes, not a list of identical names to choose from.
    /// </summary>
    private static bool IsLicensedWithClones(List<RegistryMatch> matches)
    {
        var top = matches[0];
        if (top.Entry.Kind != RegistryEntryKind.Institution || top.Score < ClearMatchScore)
        {
            return false;
        }

        var name = BaseName(top.MatchedName);
        return matches.Skip(1).Where(m => top.Score - m.Score < ClearMatchMargin)
            .All(m => m.Entry.Kind == RegistryEntryKind.IllegalEntity && BaseName(m.MatchedName) == name);
    }

    private static string PickId(RegistryEntryKind kind, int id) =>
        (kind == RegistryEntryKind.Institution ? "leg_i_" : "leg_x_") + id.ToString(CultureInfo.InvariantCulture);

    private static (RegistryEntryKind Kind, int Id)? ParsePick(string replyId)
    {
        var kind = replyId.StartsWith("leg_i_", StringComparison.Ordinal) ? RegistryEntryKind.Institution
            : replyId.StartsWith("leg_x_", StringComparison.Ordinal) ? RegistryEntryKind.IllegalEntity
            : (RegistryEntryKind?)null;
        return kind is not null && int.TryParse(replyId.AsSpan(6), NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? (kind.Value, id)
            : null;
    }

    private async Task AnswerEntityAsync(Turn turn, RegistryEntryKind kind, int id, CancellationToken ct, bool clones = false)
    {
        // Typing another name afterwards checks that one.
        turn.Step = "legality.name";
        if (kind == RegistryEntryKind.Institution)
        {
            var institution = await db.Institutions.AsNoTracking().FirstOrDefaultAsync(i => i.Id == id, ct);
            if (institution is not null)
            {
                var sector = CaseTaxonomy.Sectors[institution.Sector].For(turn.Culture);
                var revoked = institution.Status == InstitutionStatus.Revoked;
                var body = turn.T(revoked ? "chat.legality.revoked" : "chat.legality.licensed", institution.LegalName, institution.LicenseNumber ?? "-", sector, turn.T($"chat.status.{institution.Status}"));
                if (clones)
                {
                    body += "\n\n" + turn.T("chat.legality.clones");
                }

                replies.Buttons(turn.Conversation, body,
                [
                    new("menu_file", turn.T("chat.button.file")),
                    new("menu", turn.T("chat.button.menu")),
                ], mark: revoked ? ConversationMarks.LegalityRevoked : ConversationMarks.LegalityLicensed);
                return;
            }
        }
        else
        {
            var entity = await db.IllegalEntities.AsNoTracking().FirstOrDefaultAsync(e => e.Id == id, ct);
            if (entity is not null)
            {
                turn.Use();
                var listed = entity.ListedOn is { } on ? turn.T("chat.legality.listedOn", Formats.Date(on)) : "";
                replies.Buttons(turn.Conversation, turn.T("chat.legality.illegal", entity.Name, entity.EntityType, listed),
                [
                    new("menu_file", turn.T("chat.button.report")),
                    new("menu", turn.T("chat.button.menu")),
                ], mark: ConversationMarks.LegalityIllegal);
                return;
            }
        }

        replies.Text(turn.Conversation, turn.T("chat.legality.ask"));
    }

    // ---- Tracking -------------------------------------------------------------------------------------------

    private async Task TrackAsync(Turn turn, CancellationToken ct)
    {
        if (turn.Text is null)
        {
            replies.Text(turn.Conversation, turn.T(turn.Step == "track.pin" ? "chat.track.askPin" : "chat.track.askNumber"));
            return;
        }

        if (turn.Step == "track.number")
        {
            if (!Domain.Cases.TrackingNumber.TryNormalize(turn.Text, out var number))
            {
                replies.Text(turn.Conversation, turn.T("chat.track.badNumber"));
                return;
            }

            turn.Data.TrackingNumber = number;
            turn.Step = "track.pin";
            replies.Text(turn.Conversation, turn.T("chat.track.askPin", number));
            return;
        }

        var tracking = turn.Data.TrackingNumber;
        turn.Data.TrackingNumber = null;
        var (outcome, key) = await trackCase.VerifyAsync(tracking, turn.Text, ct);
        switch (outcome)
        {
            case TrackCase.Outcome.TooManyAttempts:
                turn.Step = "menu";
                replies.Buttons(turn.Conversation, turn.T("chat.track.tooMany"), [new("menu", turn.T("chat.button.menu")), new("menu_agent", turn.T("chat.button.agent"))]);
                return;
            case TrackCase.Outcome.NotFound:
                turn.Step = "track.number";
                replies.Text(turn.Conversation, turn.T("chat.track.notFound"));
                return;
        }

        var view = await caseQueries.GetAsync(key!.CaseId, ct);
        if (view is null)
        {
            turn.Step = "track.number";
            replies.Text(turn.Conversation, turn.T("chat.track.notFound"));
            return;
        }

        turn.Use();
        var lines = new List<string>
        {
            turn.T("chat.track.state", view.TrackingNumber, view.Label.For(turn.Culture), view.Step, Domain.Cases.CaseLifecycle.Steps.Count),
        };
        if (view.Deadline is { } deadline && !view.IsClosed)
        {
            lines.Add(turn.T("chat.track.deadline", turn.T($"clock.{deadline.Clock}"), Formats.Date(deadline.DueDate),
                deadline.IsOverdue ? turn.T("case.deadline.overdue") : turn.T("case.deadline.left", deadline.WorkingDaysLeft)));
        }

        lines.Add(turn.T("chat.track.next", turn.T($"next.{view.State}")));
        turn.Step = "menu";
        replies.Buttons(turn.Conversation, string.Join("\n", lines), [new("menu", turn.T("chat.button.menu")), new("menu_agent", turn.T("chat.button.agent"))]);
    }

    // ---- FAQ ------------------------------------------------------------------------------------------------

    private async Task FaqAsync(Turn turn, CancellationToken ct)
    {
        if (turn.ReplyId is { } picked && picked.StartsWith("faq_", StringComparison.Ordinal)
            && int.TryParse(picked.AsSpan(4), NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            var entry = await db.FaqEntries.AsNoTracking().FirstOrDefaultAsync(f => f.Id == id && f.Active, ct);
            if (entry is not null)
            {
                AnswerFaq(turn, entry);
                return;
            }
        }

        if (turn.Text is null)
        {
            replies.Text(turn.Conversation, turn.T("chat.faq.ask"));
            return;
        }

        var entries = await db.FaqEntries.AsNoTracking().Where(f => f.Active).ToListAsync(ct);
        var ranked = FaqMatcher.Rank(turn.Text, entries);
        if (ranked.Count > 0 && ranked[0].Score >= FaqMatcher.AnswerScore
            && (ranked.Count == 1 || ranked[1].Score <= ranked[0].Score * 0.75))
        {
            AnswerFaq(turn, ranked[0].Entry);
            return;
        }

        var offered = ranked.Where(r => r.Score >= FaqMatcher.OfferScore).Take(3).ToList();
        if (offered.Count > 0)
        {
            replies.List(turn.Conversation, turn.T("chat.faq.pick"), turn.T("chat.button.choose"),
            [
                new(turn.T("chat.faq.section"), offered.Select(r => new WhatsAppReplies.ListRow(
                    "faq_" + r.Entry.Id.ToString(CultureInfo.InvariantCulture), Question(turn, r.Entry), Question(turn, r.Entry))).ToList()),
            ]);
            return;
        }

        replies.Buttons(turn.Conversation, turn.T("chat.faq.unknown"),
        [
            new("menu_agent", turn.T("chat.button.agent")),
            new("menu_file", turn.T("chat.button.file")),
            new("menu", turn.T("chat.button.menu")),
        ]);
    }

    private static string Question(Turn turn, FaqEntry entry) => turn.Conversation.Culture == "en" ? entry.QuestionEn : entry.QuestionId;

    private void AnswerFaq(Turn turn, FaqEntry entry)
    {
        var answer = turn.Conversation.Culture == "en" ? entry.AnswerEn : entry.AnswerId;
        replies.Buttons(turn.Conversation, "*" + Question(turn, entry) + "*\n" + answer + "\n\n" + turn.T("chat.faq.more"),
        [
            new("menu", turn.T("chat.button.menu")),
            new("menu_agent", turn.T("chat.button.agent")),
        ]);
    }

    // ---- Handover -------------------------------------------------------------------------------------------

    private async Task HandoverAsync(Turn turn, CancellationToken ct)
    {
        var calendar = await calendars.GetAsync(db, ct);
        var hours = options.Value;
        turn.Use();
        if (AgentHours.IsOpen(turn.Now, calendar, hours))
        {
            var conversation = turn.Conversation;
            var ahead = await db.Conversations.CountAsync(
                c => c.State == ConversationState.Queued && c.QueuedAtUtc < turn.Now && c.Id != conversation.Id, ct);
            conversation.State = ConversationState.Queued;
            conversation.QueuedAtUtc = turn.Now;
            turn.Step = "agent";
            replies.Text(conversation, turn.T("chat.agent.queued", ahead + 1));
            return;
        }

        var (day, time) = AgentHours.NextOpening(turn.Now, calendar, hours);
        turn.Step = "menu";
        replies.Buttons(turn.Conversation, turn.T("chat.agent.closed",
                hours.AgentHoursStart.ToString("HH:mm", CultureInfo.InvariantCulture),
                hours.AgentHoursEnd.ToString("HH:mm", CultureInfo.InvariantCulture),
                Formats.DayAndDate(day),
                time.ToString("HH:mm", CultureInfo.InvariantCulture)),
        [
            new("menu_file", turn.T("chat.button.file")),
            new("menu", turn.T("chat.button.menu")),
        ]);
    }
}
