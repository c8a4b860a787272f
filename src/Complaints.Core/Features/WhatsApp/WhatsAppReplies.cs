using System.Text.Json;
using System.Text.Json.Nodes;
using Complaints.Core.Data;
using Complaints.Core.Domain.Notifications;
using Complaints.Core.Domain.WhatsApp;

namespace Complaints.Core.Features.WhatsApp;

/// <summary>
/// Free-form WhatsApp replies from the chatbot or an agent: each becomes an outbox row (the Graph API message
/// body, sent by the WhatsApp channel inside the 24-hour window, else kept with the reason) and a line of the
/// conversation's transcript. Nothing is saved here; the caller saves with its own change. Texts are cut to
/// WhatsApp's limits (body 1024, button 20, list row 24/72 characters).
/// </summary>
public sealed class WhatsAppReplies(ComplaintsDbContext db, TimeProvider clock)
{
    public const string Bot = "bot";

    public sealed record Button(string Id, string Title);

    public sealed record ListRow(string Id, string Title, string? Description = null);

    public sealed record ListSection(string Title, IReadOnlyList<ListRow> Rows);

    /// <param name="transcript">What the transcript keeps instead of the text (a PIN masked), when it differs. The
    /// outbox row then keeps the text only until WhatsApp has accepted it: its body is the transcript's from the
    /// start, and its payload becomes the transcript's once sent.</param>
    public OutboxMessage Text(Conversation conversation, string text, string author = Bot, string? transcript = null)
    {
        var message = Add(conversation, author, transcript ?? text, TextPayload(text), body: transcript ?? text);
        if (transcript is not null && transcript != text)
        {
            message.RedactOnceSent(TextPayload(transcript).ToJsonString(JsonOptions));
        }

        return message;
    }

    private static JsonObject TextPayload(string text) => new()
    {
        ["type"] = "text",
        ["text"] = new JsonObject { ["preview_url"] = false, ["body"] = Cut(text, 4_096) },
    };

    /// <summary>Up to three reply buttons.</summary>
    /// <param name="mark">What the line answers, for the statistics (<see cref="ConversationMarks"/>).</param>
    public OutboxMessage Buttons(Conversation conversation, string body, IReadOnlyList<Button> buttons, string author = Bot, string? mark = null)
    {
        var action = new JsonArray([.. buttons.Take(3).Select(b => (JsonNode)new JsonObject
        {
            ["type"] = "reply",
            ["reply"] = new JsonObject { ["id"] = b.Id, ["title"] = Cut(b.Title, 20) },
        })]);
        var text = body + "\n" + string.Join("\n", buttons.Take(3).Select(b => "[" + b.Title + "]"));
        return Add(conversation, author, text, new JsonObject
        {
            ["type"] = "interactive",
            ["interactive"] = new JsonObject
            {
                ["type"] = "button",
                ["body"] = new JsonObject { ["text"] = Cut(body, 1_024) },
                ["action"] = new JsonObject { ["buttons"] = action },
            },
        }, mark: mark);
    }

    /// <summary>A list menu: at most ten rows in all.</summary>
    public OutboxMessage List(Conversation conversation, string body, string button, IReadOnlyList<ListSection> sections, string? header = null, string author = Bot)
    {
        var remaining = 10;
        var jsonSections = new JsonArray();
        var lines = new List<string> { body };
        foreach (var section in sections)
        {
            var rows = section.Rows.Take(remaining).ToList();
            remaining -= rows.Count;
            if (rows.Count == 0)
            {
                continue;
            }

            jsonSections.Add(new JsonObject
            {
                ["title"] = Cut(section.Title, 24),
                ["rows"] = new JsonArray([.. rows.Select(r =>
                {
                    var row = new JsonObject { ["id"] = r.Id, ["title"] = Cut(r.Title, 24) };
                    if (r.Description is { Length: > 0 } description)
                    {
                        row["description"] = Cut(description, 72);
                    }

                    return (JsonNode)row;
                })]),
            });
            lines.AddRange(rows.Select(r => "- " + r.Title + (r.Description is { Length: > 0 } d ? " (" + d + ")" : "")));
        }

        var interactive = new JsonObject
        {
            ["type"] = "list",
            ["body"] = new JsonObject { ["text"] = Cut(body, 1_024) },
            ["action"] = new JsonObject { ["button"] = Cut(button, 20), ["sections"] = jsonSections },
        };
        if (header is { Length: > 0 })
        {
            interactive["header"] = new JsonObject { ["type"] = "text", ["text"] = Cut(header, 60) };
        }

        return Add(conversation, author, string.Join("\n", lines), new JsonObject { ["type"] = "interactive", ["interactive"] = interactive });
    }

    /// <summary>The case's PDF receipt as a WhatsApp document: built and uploaded when sent.</summary>
    public OutboxMessage Receipt(Conversation conversation, Guid caseId, string trackingNumber, string caption, string author = Bot) =>
        Add(conversation, author, caption, new JsonObject
        {
            ["type"] = "document",
            ["document"] = new JsonObject { ["filename"] = $"tanda-terima-{trackingNumber}.pdf", ["caption"] = Cut(caption, 1_024) },
        }, caseId, trackingNumber, OutboxAttachment.Receipt);

    private OutboxMessage Add(
        Conversation conversation, string author, string text, JsonObject payload,
        Guid? caseId = null, string? trackingNumber = null, OutboxAttachment attachment = OutboxAttachment.None, string? body = null, string? mark = null)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var message = OutboxMessage.WhatsAppReply(
            conversation.WaId, conversation.Culture, payload.ToJsonString(JsonOptions), Cut(body ?? text, 8_000), conversation.Id,
            caseId ?? conversation.CaseId, trackingNumber, now, attachment);
        db.OutboxMessages.Add(message);
        db.ConversationMessages.Add(new ConversationMessage
        {
            ConversationId = conversation.Id,
            Direction = MessageDirection.Outbound,
            AtUtc = now,
            Author = author,
            Text = Cut(text, 4_096),
            Mark = mark,
        });
        conversation.LastActivityAtUtc = now;
        return message;
    }

    private static readonly JsonSerializerOptions JsonOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The text with a PIN replaced by dots, for the transcript staff read: only the consumer gets the PIN.</summary>
    public static string MaskPin(string text, string pin) => text.Replace(pin, "••••••", StringComparison.Ordinal);

    private static string Cut(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
