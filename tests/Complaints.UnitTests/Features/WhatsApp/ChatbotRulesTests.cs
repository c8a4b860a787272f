using Complaints.Core.Domain.Calendar;
using Complaints.Core.Domain.WhatsApp;
using Complaints.Core.Features.WhatsApp;
using Complaints.Core.Features.WhatsApp.Chatbot;

namespace Complaints.UnitTests.Features.WhatsApp;

public class ChatbotRulesTests
{
    [Theory]
    [InlineData("Hello, I want to check a company", "en")]
    [InlineData("hi", "en")]
    [InlineData("How long does my complaint take?", "en")]
    [InlineData("halo min, saya mau tanya", "id")]
    [InlineData("Apakah pinjol ini legal?", "id")]
    [InlineData("Kredit Pintar", null)]
    [InlineData("ABCD-EFGH-JKLM", null)]
    [InlineData("123456", null)]
    [InlineData("Throne Legacy Capital", null)]
    public void The_language_is_English_only_when_the_message_clearly_is(string text, string? expected)
    {
        Assert.Equal(expected, LanguageGuess.Of(text));
    }

    [Theory]
    [InlineData("english", "en")]
    [InlineData("English", "en")]
    [InlineData("bahasa", "id")]
    [InlineData("Bahasa Indonesia", "id")]
    [InlineData("indonesia", null)]
    [InlineData("bahasa inggris saya kurang", null)]
    public void English_and_bahasa_switch_the_language_explicitly(string text, string? expected)
    {
        Assert.Equal(expected, LanguageGuess.Switch(text));
    }

    private static readonly WorkingDayCalendar Calendar = new([new DateOnly(2026, 5, 14)]); // Ascension Day, a Thursday
    private static readonly WhatsAppOptions Options = new();

    [Theory]
    [InlineData("2026-05-12T00:39:00", false)] // Tuesday 07:39 WIB
    [InlineData("2026-05-12T00:40:00", true)] // 07:40
    [InlineData("2026-05-12T08:39:00", true)] // 15:39
    [InlineData("2026-05-12T08:40:00", false)] // 15:40
    [InlineData("2026-05-14T03:00:00", false)] // the holiday, 10:00
    [InlineData("2026-05-16T03:00:00", false)] // Saturday
    public void Agents_answer_between_0740_and_1540_Jakarta_time_on_working_days(string utc, bool open)
    {
        Assert.Equal(open, AgentHours.IsOpen(DateTime.Parse(utc, System.Globalization.CultureInfo.InvariantCulture), Calendar, Options));
    }

    [Theory]
    [InlineData("2026-05-12T00:00:00", "2026-05-12")] // Tuesday 07:00: today
    [InlineData("2026-05-12T09:00:00", "2026-05-13")] // Tuesday 16:00: tomorrow
    [InlineData("2026-05-13T09:00:00", "2026-05-15")] // Wednesday evening: the holiday is skipped
    [InlineData("2026-05-15T12:00:00", "2026-05-18")] // Friday 19:00: Monday
    public void Outside_hours_agents_are_back_at_the_next_opening(string utc, string day)
    {
        var (next, time) = AgentHours.NextOpening(DateTime.Parse(utc, System.Globalization.CultureInfo.InvariantCulture), Calendar, Options);
        Assert.Equal(DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture), next);
        Assert.Equal(new TimeOnly(7, 40), time);
    }

    [Fact]
    public void The_faq_ranks_keyword_hits_above_question_words_and_ignores_common_words()
    {
        FaqEntry fees = new() { QuestionId = "Apakah layanan ini berbayar?", QuestionEn = "Does this service cost anything?", AnswerId = "Gratis.", AnswerEn = "Free.", Keywords = "biaya, gratis, bayar, fee, free", SortOrder = 1 };
        FaqEntry time = new() { QuestionId = "Berapa lama pengaduan diproses?", QuestionEn = "How long does a complaint take?", AnswerId = "10 hari kerja.", AnswerEn = "10 working days.", Keywords = "lama, proses, diproses, hari kerja", SortOrder = 2 };

        var ranked = FaqMatcher.Rank("apakah ada biaya?", [fees, time]);
        Assert.Same(fees, ranked[0].Entry);
        Assert.Equal(1.0, ranked[0].Score);

        var process = FaqMatcher.Rank("berapa hari pengaduannya diproses", [fees, time]);
        Assert.Same(time, process[0].Entry);
        Assert.True(process[0].Score >= FaqMatcher.AnswerScore);

        Assert.Empty(FaqMatcher.Rank("resep rendang", [fees, time]));
        Assert.Empty(FaqMatcher.Rank("apa yang bisa", [fees, time]));
    }
}
