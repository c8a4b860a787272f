using System.Diagnostics;
using Complaints.Core.Data;
using Complaints.Core.Domain.Accounts;
using Complaints.Core.Domain.Cases;
using Complaints.Core.Domain.WhatsApp;
using Complaints.Core.Features.WhatsApp;
using Microsoft.EntityFrameworkCore;

namespace Complaints.Bench;

/// <summary>
/// Fills a database with WhatsApp conversations for the channel statistics: spread over the same two years as the
/// cases, in the channel's mix (the bot alone, expired, handed over to one of 40 agents, still open, filed as a
/// case — linked to the generated WhatsApp cases), each with a transcript of 6–12 lines; a third ask the
/// legality question and carry the bot's marked answer. Agents' chats overlap as a real shift's would.
/// </summary>
public sealed class ChatGenerator(Func<ComplaintsDbContext> newContext, int seed = 62)
{
    private const int Agents = 40;

    private static readonly string[] LegalityMarks =
        [ConversationMarks.LegalityLicensed, ConversationMarks.LegalityIllegal, ConversationMarks.LegalityIllegal, ConversationMarks.LegalityNotFound, ConversationMarks.LegalityRevoked];

    public async Task GenerateAsync(int count, int batchSize, TextWriter log, CancellationToken ct = default)
    {
        var random = new Random(seed);
        List<Guid> whatsAppCases;
        await using (var db = newContext())
        {
            for (var a = 1; a <= Agents; a++)
            {
                var id = AgentId(a);
                if (!await db.Users.AnyAsync(u => u.Id == id, ct))
                {
                    db.Users.Add(new ApplicationUser { Id = id, UserName = $"{id}@ojk.bench", DisplayName = $"Agen Bench {a:D2}" });
                }
            }

            await db.SaveChangesAsync(ct);
            whatsAppCases = await db.Cases.Where(c => c.Channel == Channel.WhatsApp).Select(c => c.Id).Take(count / 8).ToListAsync(ct);
        }

        var end = DateTime.UtcNow;
        var watch = Stopwatch.StartNew();
        var nextCase = 0;
        for (var done = 0; done < count; done += batchSize)
        {
            await using var db = newContext();
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            for (var i = 0; i < Math.Min(batchSize, count - done); i++)
            {
                var n = done + i;
                var started = end.AddMinutes(-random.Next(2 * 365 * 24 * 60));
                var at = started;
                var pick = random.Next(100);
                var conversation = new Conversation
                {
                    WaId = $"628{n % 900_000:D9}",
                    StartedAtUtc = started,
                    LastInboundAtUtc = started,
                    LastActivityAtUtc = started,
                    Culture = random.Next(10) == 0 ? "en" : "id",
                };
                var lines = new List<ConversationMessage>();
                void Line(string author, string text, int afterSeconds, string? mark = null)
                {
                    at = at.AddSeconds(afterSeconds);
                    lines.Add(new ConversationMessage
                    {
                        ConversationId = conversation.Id,
                        Direction = author == "consumer" ? MessageDirection.Inbound : MessageDirection.Outbound,
                        AtUtc = at,
                        Author = author,
                        Text = text,
                        ExternalId = author == "consumer" ? $"wamid.bench.{n}.{lines.Count}" : null,
                        Mark = mark,
                    });
                }

                Line("consumer", "Halo", 0);
                Line(WhatsAppReplies.Bot, "Selamat datang di layanan konsumen. Pilih menu.", 1);
                if (random.Next(3) == 0)
                {
                    Line("consumer", "Cek legalitas", 20);
                    Line(WhatsAppReplies.Bot, "Ketik nama pelaku usaha.", 1);
                    Line("consumer", "Pinjol Kilat", 30);
                    Line(WhatsAppReplies.Bot, "Jawaban legalitas.", 1, LegalityMarks[random.Next(LegalityMarks.Length)]);
                }

                if (pick < 55)
                {
                    Line("consumer", "Terima kasih", 40);
                    Line(WhatsAppReplies.Bot, "Sama-sama.", 1);
                    Close(conversation, ConversationEnd.Bot, at);
                }
                else if (pick < 65)
                {
                    Close(conversation, ConversationEnd.Expired, at.AddHours(24));
                }
                else if (pick < 70)
                {
                    conversation.State = ConversationState.Bot;
                }
                else
                {
                    // Handed over: a wait, an agent, a first reply, a few exchanges; a third become cases.
                    Line("consumer", "#HUBUNGIPETUGAS", 30);
                    conversation.QueuedAtUtc = at;
                    var agent = AgentId(random.Next(1, Agents + 1));
                    at = at.AddSeconds(random.Next(5, 900));
                    conversation.AgentUserId = agent;
                    conversation.AssignedAtUtc = at;
                    conversation.HadAgent = true;
                    Line(agent, "Selamat siang, ada yang bisa kami bantu?", random.Next(10, 240));
                    conversation.LastAgentReplyAtUtc = at;
                    Line("consumer", "Saya ditagih terus oleh penagih.", 60);
                    Line(agent, "Baik, kami catat.", random.Next(10, 300));
                    if (random.Next(3) == 0 && nextCase < whatsAppCases.Count)
                    {
                        conversation.CaseId = whatsAppCases[nextCase++];
                    }

                    Close(conversation, ConversationEnd.Agent, at.AddSeconds(random.Next(60, 1_800)));
                }

                conversation.LastActivityAtUtc = at;
                db.Conversations.Add(conversation);
                db.ConversationMessages.AddRange(lines);
            }

            db.ChangeTracker.DetectChanges();
            await db.SaveChangesAsync(ct);
            var total = done + Math.Min(batchSize, count - done);
            if (total % (batchSize * 10) == 0 || total == count)
            {
                log.WriteLine($"{total:N0} conversations in {watch.Elapsed.TotalSeconds:N0} s ({total / watch.Elapsed.TotalSeconds:N0}/s)");
            }
        }
    }

    private static string AgentId(int n) => $"bench-agent-{n:D2}";

    private static void Close(Conversation conversation, ConversationEnd end, DateTime at)
    {
        conversation.State = ConversationState.Closed;
        conversation.EndedBy = end;
        conversation.ClosedAtUtc = at;
    }
}
