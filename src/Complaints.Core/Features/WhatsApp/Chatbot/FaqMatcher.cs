using Complaints.Core.Domain.WhatsApp;
using Complaints.Core.Features.Registry;

namespace Complaints.Core.Features.WhatsApp.Chatbot;

/// <summary>
/// Picks the FAQ entries closest to a consumer's question by normalized word overlap: the question's words
/// (lowercase, no accents or punctuation, common words removed) against each entry's keywords and, at half
/// weight, its question text in both languages. Two words match when equal, or when one starts with the other
/// and the shorter has at least five letters ("pengaduan"/"pengaduannya"). The score is the matched weight over
/// the number of question words, so a short question that hits one keyword scores high and a long story that hits
/// one keyword scores low.
/// </summary>
public static class FaqMatcher
{
    /// <summary>At or above this, with a clear lead, the bot answers directly.</summary>
    public const double AnswerScore = 0.5;

    /// <summary>At or above this the entry is offered in a "did you mean" list.</summary>
    public const double OfferScore = 0.2;

    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "saya", "aku", "apa", "apakah", "yang", "di", "ke", "dari", "dan", "atau", "ini", "itu", "ada", "mau", "ingin",
        "bisa", "untuk", "dengan", "bagaimana", "gimana", "cara", "berapa", "kapan", "tolong", "min", "kak", "ya",
        "the", "a", "an", "is", "are", "i", "my", "to", "of", "and", "or", "how", "what", "do", "does", "can", "for",
        "in", "on", "it", "me", "please", "when", "much", "many", "long", "lama",
    };

    public sealed record Scored(FaqEntry Entry, double Score);

    public static IReadOnlyList<Scored> Rank(string question, IEnumerable<FaqEntry> entries)
    {
        var words = Words(question);
        if (words.Count == 0)
        {
            return [];
        }

        var ranked = new List<Scored>();
        foreach (var entry in entries)
        {
            var keywords = entry.Keywords.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .SelectMany(Words).ToHashSet(StringComparer.Ordinal);
            var questionWords = Words(entry.QuestionId + " " + entry.QuestionEn).ToHashSet(StringComparer.Ordinal);
            double matched = 0;
            foreach (var word in words)
            {
                matched += keywords.Any(k => Same(word, k)) ? 1.0 : questionWords.Any(q => Same(word, q)) ? 0.5 : 0;
            }

            var score = matched / words.Count;
            if (score > 0)
            {
                ranked.Add(new(entry, score));
            }
        }

        return ranked.OrderByDescending(s => s.Score).ThenBy(s => s.Entry.SortOrder).ThenBy(s => s.Entry.Id).ToList();
    }

    private static bool Same(string a, string b)
    {
        if (a == b)
        {
            return true;
        }

        var (shorter, longer) = a.Length <= b.Length ? (a, b) : (b, a);
        return shorter.Length >= 5 && longer.StartsWith(shorter, StringComparison.Ordinal);
    }

    private static List<string> Words(string text) =>
        NameNormalizer.Tokens(text).Where(t => !StopWords.Contains(t)).Distinct().ToList();
}
