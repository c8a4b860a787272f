namespace Complaints.Core.Features.WhatsApp.Chatbot;

/// <summary>
/// Indonesian unless the consumer clearly writes English. A word list, not a model: a message counts as English
/// when it has at least two common English words and no common Indonesian word, or is an English greeting on its
/// own ("hi", "hello"). Company names carry neither kind of word, so typing a name never switches the language;
/// words both languages use ("legal", "bank", "status") are in neither list.
/// "english" and "bahasa" switch explicitly.
/// </summary>
public static class LanguageGuess
{
    private static readonly HashSet<string> English = new(StringComparer.Ordinal)
    {
        "i", "i'm", "im", "my", "me", "you", "your", "the", "a", "an", "is", "are", "was", "to", "of", "and", "for",
        "with", "want", "would", "like", "need", "please", "how", "what", "where", "when", "why", "who", "which",
        "can", "could", "do", "does", "did", "have", "has", "this", "that", "it", "not", "about", "check", "company",
        "complaint", "complain", "track", "help", "question", "thanks", "thank", "hello", "hi", "good",
        "morning", "afternoon", "evening", "loan", "file", "case", "money", "talk", "speak",
    };

    private static readonly HashSet<string> Indonesian = new(StringComparer.Ordinal)
    {
        "saya", "aku", "mau", "ingin", "apa", "apakah", "yang", "ini", "itu", "tidak", "gak", "nggak", "bagaimana",
        "gimana", "cek", "tolong", "halo", "selamat", "pagi", "siang", "sore", "malam", "min", "kak", "dong", "ya",
        "adu", "pengaduan", "lapor", "bisa", "ada", "dan", "untuk", "dengan", "di", "ke", "dari", "sudah", "belum",
        "terima", "kasih", "bagaimanakah", "berapa", "kapan", "pinjol", "tanya", "uang", "saja", "atau", "kami",
    };

    private static readonly HashSet<string> Greetings = new(StringComparer.Ordinal) { "hi", "hello", "hey", "english" };

    /// <summary>"en", "id", or null when the text says nothing about the language.</summary>
    public static string? Of(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var words = Words(text);
        if (words.Count == 1 && Greetings.Contains(words[0]))
        {
            return "en";
        }

        if (words.Count == 1 && words[0] == "bahasa")
        {
            return "id";
        }

        var english = words.Count(English.Contains);
        var indonesian = words.Count(Indonesian.Contains);
        return english >= 2 && indonesian == 0 ? "en"
            : indonesian >= 2 && english == 0 ? "id"
            : null;
    }

    /// <summary>An explicit request to switch: "english", "bahasa", "bahasa indonesia".</summary>
    public static string? Switch(string? text)
    {
        var words = Words(text ?? "");
        return words switch
        {
            ["english"] or ["in", "english"] => "en",
            ["bahasa"] or ["bahasa", "indonesia"] => "id",
            _ => null,
        };
    }

    private static List<string> Words(string text) =>
        text.ToLowerInvariant().Split([' ', '\t', '\n', '\r', ',', '.', '?', '!', ';', ':', '"', '(', ')'], StringSplitOptions.RemoveEmptyEntries).ToList();
}
