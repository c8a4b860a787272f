using System.Globalization;
using Complaints.Core.Data;
using Complaints.Core.Domain.WhatsApp;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Complaints.Core.Features.WhatsApp.Chatbot;

/// <summary>
/// Closes conversations with the bot or waiting in the queue that have been idle for
/// <see cref="WhatsAppOptions.IdleExpiry"/> (24 hours): EndedBy Expired, with a polite goodbye while WhatsApp's
/// 24-hour window still allows a free-form message. A half-filed complaint goes with it. Conversations with an
/// agent are the agent's to close. A repeated run finds nothing.
/// </summary>
/// <remarks>
/// With the default 24-hour expiry the window closes at the same moment as the conversation, so the job closes a
/// conversation up to <see cref="Lead"/> early (it runs every 15 minutes): the goodbye still reaches the consumer.
/// </remarks>
public sealed class ExpireIdleConversations(
    ComplaintsDbContext db,
    WhatsAppReplies replies,
    IStringLocalizerFactory localizers,
    IOptions<WhatsAppOptions> options,
    IConversationEvents events,
    TimeProvider clock,
    ILogger<ExpireIdleConversations> logger)
{
    /// <summary>WhatsApp's customer-service window after the consumer's last message.</summary>
    public static readonly TimeSpan ServiceWindow = TimeSpan.FromHours(24);

    /// <summary>How much before the idle limit a conversation may be closed: two runs of the job.</summary>
    public static readonly TimeSpan Lead = TimeSpan.FromMinutes(30);

    public sealed record Input(int BatchSize = 200);

    public sealed record Result(int Expired, int Told)
    {
        public string Summary => string.Create(CultureInfo.InvariantCulture, $"{Expired} expired, {Told} told");
    }

    public async Task<Result> HandleAsync(Input input, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var now = clock.GetUtcNow().UtcDateTime;
        var cutoff = now - options.Value.IdleExpiry + Lead;
        var idle = await db.Conversations
            .Where(c => (c.State == ConversationState.Bot || c.State == ConversationState.Queued) && c.LastActivityAtUtc <= cutoff)
            .OrderBy(c => c.LastActivityAtUtc)
            .Take(input.BatchSize)
            .ToListAsync(ct);
        var told = 0;
        var strings = localizers.Create(typeof(ExpireIdleConversations));
        var (ui, formatting) = (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture);
        try
        {
            foreach (var conversation in idle)
            {
                // Outside the window a free-form message would be refused by WhatsApp; silence is the polite option.
                if (now - conversation.LastInboundAtUtc < ServiceWindow)
                {
                    CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(conversation.Culture);
                    replies.Text(conversation, strings["chat.expired"]);
                    told++;
                }

                HandleInboundMessage.Expire(conversation, now);
            }
        }
        finally
        {
            CultureInfo.CurrentUICulture = ui;
            CultureInfo.CurrentCulture = formatting;
        }

        await db.SaveChangesAsync(ct);
        foreach (var conversation in idle)
        {
            await events.ConversationChangedAsync(conversation.Id, ct);
        }

        if (idle.Count > 0)
        {
            logger.LogInformation("Expired {Count} idle WhatsApp conversations", idle.Count);
        }

        return new(idle.Count, told);
    }
}
