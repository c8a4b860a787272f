using System.Collections.Frozen;
using System.Runtime.CompilerServices;
using Complaints.Core.Domain.Institutions;

namespace Complaints.Core.Features.Registry;

public enum RegistryEntryKind
{
    Institution,
    IllegalEntity,
}

/// <param name="Detail">The licence number of an institution, the entity type of an illegal entity.</param>
public sealed record RegistryEntry(RegistryEntryKind Kind, int Id, string DisplayName, IReadOnlyList<string> Names, string? Detail);

/// <param name="MatchedName">The one of <see cref="RegistryEntry.Names"/> that matched best.</param>
/// <param name="Score">In (0, 1]; 1 means the normalized names are equal.</param>
public sealed record RegistryMatch(RegistryEntry Entry, string MatchedName, double Score);

/// <summary>
/// Immutable fuzzy name index for the legality check. Built once; the app swaps in a new instance
/// after an import, so reads need no locks.
/// </summary>
/// <remarks>
/// Every name becomes one or more keys: its normalized form, plus the part before " - " of the task
/// force's "App Name - tagline from the app store" names. A trigram index over the space-less keys picks
/// the few hundred keys most like the query (trigram Dice); each is scored as the best of
/// <list type="bullet">
/// <item>whole-name edit similarity on the space-less form (optimal string alignment, so a transposition is one edit),</item>
/// <item>a typed-ahead prefix ("dana" → "Danamas"), one flat score for every completion,</item>
/// <item>word by word, for reordered and missing words.</item>
/// </list>
/// Only equal normalized names score 1.
/// </remarks>
public sealed class RegistryIndex
{
    private const char Start = '\u0002';
    private const char End = '\u0003';
    private const int CandidateLimit = 300;
    private const int MaxQueryLength = 100;
    private const double TokenThreshold = 0.7;
    private const double PrefixScore = 0.8;
    private const double ReorderedScore = 0.95;
    private const double NearExact = 0.99;

    // Separators between an app's name and the tagline the task force copied from the app store.
    private static readonly string[] TaglineSeparators = [" - ", "\u2013", "\u2014", "|", " : "];

    private readonly RegistryEntry[] _entries;
    private readonly Key[] _keys;
    private readonly FrozenDictionary<string, int[]> _postings;

    private sealed record Key(int Entry, RegistryEntryKind Kind, string Name, string Compact, string[] Tokens, int TrigramCount);

    public static RegistryIndex Empty { get; } = new([]);

    public RegistryIndex(IEnumerable<RegistryEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        _entries = entries.ToArray();

        var keys = new List<Key>();
        var postings = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var e = 0; e < _entries.Length; e++)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var name in _entries[e].Names)
            {
                foreach (var variant in Variants(name))
                {
                    var tokens = NameNormalizer.Tokens(variant);
                    var compact = string.Concat(tokens);
                    if (compact.Length == 0 || !seen.Add(compact))
                    {
                        continue;
                    }

                    var trigrams = Trigrams(compact);
                    foreach (var trigram in trigrams)
                    {
                        if (!postings.TryGetValue(trigram, out var list))
                        {
                            postings[trigram] = list = [];
                        }

                        list.Add(keys.Count);
                    }

                    keys.Add(new Key(e, _entries[e].Kind, name, compact, tokens, trigrams.Count));
                }
            }
        }

        _keys = [.. keys];
        _postings = postings.ToFrozenDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal);
    }

    public static RegistryIndex Build(IEnumerable<Institution> institutions, IEnumerable<IllegalEntity> illegal)
    {
        ArgumentNullException.ThrowIfNull(institutions);
        ArgumentNullException.ThrowIfNull(illegal);

        var entries = institutions
            .Select(i => new RegistryEntry(RegistryEntryKind.Institution, i.Id, i.LegalName, i.AllNames().ToArray(), i.LicenseNumber))
            .Concat(illegal.Select(x => new RegistryEntry(RegistryEntryKind.IllegalEntity, x.Id, x.Name, x.AllNames().ToArray(), x.EntityType)));
        return new RegistryIndex(entries);
    }

    public int Count => _entries.Length;

    /// <summary>
    /// Best match first, at most one per entry. Equal scores list a licensed institution before an
    /// entity on the illegal list (the list holds clones of licensed names), then the shorter name.
    /// </summary>
    public IReadOnlyList<RegistryMatch> Search(string query, RegistryEntryKind? kind = null, int max = 10, double minScore = 0.55)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (max <= 0 || _keys.Length == 0)
        {
            return [];
        }

        var queryTokens = NameNormalizer.Tokens(query.Length > 4 * MaxQueryLength ? query[..(4 * MaxQueryLength)] : query);
        var queryCompact = string.Concat(queryTokens);
        if (queryCompact.Length == 0)
        {
            return [];
        }

        if (queryCompact.Length > MaxQueryLength)
        {
            queryCompact = queryCompact[..MaxQueryLength];
        }

        var scratch = new Scratch(MaxQueryLength + 3);
        var best = new Dictionary<int, (double Score, Key Key)>();
        foreach (var key in Candidates(queryCompact, kind))
        {
            var score = Score(queryCompact, queryTokens, key, minScore, scratch);
            if (score < minScore)
            {
                continue;
            }

            // Of an entry's names, the best wins; among equals the shortest, the closest to what was typed.
            if (!best.TryGetValue(key.Entry, out var current)
                || score > current.Score
                || (score == current.Score && key.Compact.Length < current.Key.Compact.Length))
            {
                best[key.Entry] = (score, key);
            }
        }

        return best.Values
            .OrderByDescending(m => m.Score)
            .ThenBy(m => m.Key.Kind == RegistryEntryKind.Institution ? 0 : 1)
            .ThenBy(m => m.Key.Compact.Length)
            .ThenBy(m => m.Key.Entry)
            .Take(max)
            .Select(m => new RegistryMatch(_entries[m.Key.Entry], m.Key.Name, m.Score))
            .ToList();
    }

    private static IEnumerable<string> Variants(string name)
    {
        yield return name;
        var cut = TaglineSeparators
            .Select(s => name.IndexOf(s, StringComparison.Ordinal))
            .Where(i => i > 0)
            .DefaultIfEmpty(-1)
            .Min();
        if (cut > 0)
        {
            yield return name[..cut];
        }
    }

    private static HashSet<string> Trigrams(string compact)
    {
        var padded = Start + compact + End;
        var trigrams = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i + 3 <= padded.Length; i++)
        {
            trigrams.Add(padded.Substring(i, 3));
        }

        return trigrams;
    }

    /// <summary>The keys most like the query by trigram Dice coefficient, at most <see cref="CandidateLimit"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private List<Key> Candidates(string queryCompact, RegistryEntryKind? kind)
    {
        var counts = new int[_keys.Length];
        var touched = new List<int>();
        var queryTrigrams = Trigrams(queryCompact);
        foreach (var trigram in queryTrigrams)
        {
            if (!_postings.TryGetValue(trigram, out var postings))
            {
                continue;
            }

            foreach (var key in postings)
            {
                if (counts[key]++ == 0 && (kind is null || _keys[key].Kind == kind))
                {
                    touched.Add(key);
                }
            }
        }

        if (touched.Count <= CandidateLimit)
        {
            return touched.ConvertAll(key => _keys[key]);
        }

        // Sort on a primitive key (fast, no comparer): Dice descending, then index order, so among equals
        // the licensed institutions (indexed first) stay in. Distinct Dice values differ by more than
        // 1e-5 for names of a few hundred characters; the index term stays below 1e-6.
        var order = new double[touched.Count];
        var candidates = touched.ToArray();
        for (var i = 0; i < candidates.Length; i++)
        {
            var key = candidates[i];
            var dice = 2.0 * counts[key] / (queryTrigrams.Count + _keys[key].TrigramCount);
            order[i] = -dice + (key * 1e-11);
        }

        Array.Sort(order, candidates);
        var result = new List<Key>(CandidateLimit);
        for (var i = 0; i < CandidateLimit; i++)
        {
            result.Add(_keys[candidates[i]]);
        }

        return result;
    }

    private static double Score(string queryCompact, string[] queryTokens, Key key, double minScore, Scratch scratch)
    {
        var keyCompact = key.Compact;
        if (string.Equals(queryCompact, keyCompact, StringComparison.Ordinal))
        {
            return 1.0;
        }

        var q = queryCompact.Length;
        var k = keyCompact.Length;
        double score = 0;

        // Beyond this many edits the whole-name similarity is below minScore anyway.
        var maxDistance = (int)Math.Floor(((1 - minScore) * Math.Max(q, k)) + 1e-9);
        var prefixAllowed = q < 3 ? -1 : q < 5 ? 0 : q < 9 ? 1 : 2;
        if (Math.Abs(k - q) <= maxDistance)
        {
            var distance = scratch.Osa(queryCompact, keyCompact, out var prefixDistance);
            score = 1.0 - ((double)distance / Math.Max(q, k));
            if (k > q && prefixDistance <= prefixAllowed)
            {
                score = Math.Max(score, PrefixScore - (0.08 * prefixDistance));
            }
        }
        else if (k > q && prefixAllowed >= 0)
        {
            // Only the key's first q + 2 characters can be within two edits of the query.
            scratch.Osa(queryCompact, keyCompact.AsSpan(0, Math.Min(k, q + prefixAllowed)), out var prefixDistance);
            if (prefixDistance <= prefixAllowed)
            {
                score = PrefixScore - (0.08 * prefixDistance);
            }
        }

        if (queryTokens.Length > 1 || key.Tokens.Length > 1)
        {
            score = Math.Max(score, TokenScore(queryTokens, key.Tokens, scratch));
        }

        return Math.Min(score, NearExact);
    }

    /// <summary>
    /// Word by word: a soft Dice coefficient over the characters of query and name, each query word paired
    /// with at most one name word. A misspelt word counts at its similarity squared: spelling is the
    /// whole-name comparison's job, this one is for words reordered or missing.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double TokenScore(string[] queryTokens, string[] keyTokens, Scratch scratch)
    {
        var nq = Math.Min(queryTokens.Length, 64);
        var nk = Math.Min(keyTokens.Length, 64);
        Span<double> similarity = nq * nk <= 512 ? stackalloc double[nq * nk] : new double[nq * nk];
        var any = false;
        for (var i = 0; i < nq; i++)
        {
            var qt = queryTokens[i];
            var isLast = i == queryTokens.Length - 1;
            for (var j = 0; j < nk; j++)
            {
                var kt = keyTokens[j];
                double s;
                if (string.Equals(qt, kt, StringComparison.Ordinal))
                {
                    s = 1;
                }
                else
                {
                    s = 0;
                    var longer = Math.Max(qt.Length, kt.Length);
                    if (Math.Abs(qt.Length - kt.Length) <= (1 - TokenThreshold) * longer)
                    {
                        var fuzzy = 1.0 - ((double)scratch.Osa(qt, kt, out _) / longer);
                        s = fuzzy >= TokenThreshold ? fuzzy * fuzzy : 0;
                    }

                    // The word being typed: "kredit pin" → "kredit pintar".
                    if (isLast && qt.Length >= 3 && kt.Length > qt.Length && kt.StartsWith(qt, StringComparison.Ordinal))
                    {
                        s = Math.Max(s, PrefixScore);
                    }
                }

                similarity[(i * nk) + j] = s;
                any |= s > 0;
            }
        }

        if (!any)
        {
            return 0;
        }

        // Greedy one-to-one pairing, best pair first; names have a handful of words.
        double matched = 0;
        var queryUsed = 0UL;
        var keyUsed = 0UL;
        while (true)
        {
            var bestSimilarity = 0.0;
            var bestI = -1;
            var bestJ = -1;
            for (var i = 0; i < nq; i++)
            {
                if ((queryUsed & (1UL << i)) != 0)
                {
                    continue;
                }

                for (var j = 0; j < nk; j++)
                {
                    var s = similarity[(i * nk) + j];
                    if (s > bestSimilarity && (keyUsed & (1UL << j)) == 0)
                    {
                        (bestSimilarity, bestI, bestJ) = (s, i, j);
                    }
                }
            }

            if (bestI < 0)
            {
                break;
            }

            queryUsed |= 1UL << bestI;
            keyUsed |= 1UL << bestJ;
            matched += bestSimilarity * (queryTokens[bestI].Length + keyTokens[bestJ].Length);
        }

        var total = 0;
        foreach (var t in queryTokens)
        {
            total += t.Length;
        }

        foreach (var t in keyTokens)
        {
            total += t.Length;
        }

        // All words present but reordered comes close to, yet stays below, an exact match.
        return Math.Min(matched / total, ReorderedScore);
    }

    /// <summary>Per-search rows for the edit distance, so scoring allocates nothing per candidate.</summary>
    private sealed class Scratch(int initialLength)
    {
        private int[] _twoBack = new int[initialLength + 1];
        private int[] _oneBack = new int[initialLength + 1];
        private int[] _current = new int[initialLength + 1];

        /// <summary>
        /// Optimal-string-alignment distance from <paramref name="a"/> to <paramref name="b"/>, and from
        /// <paramref name="a"/> to the closest prefix of <paramref name="b"/>.
        /// </summary>
        // The hot loop: optimized from the first call rather than after tiering, so the first searches after start-up are fast too.
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public int Osa(ReadOnlySpan<char> a, ReadOnlySpan<char> b, out int prefixDistance)
        {
            var n = b.Length;
            if (_current.Length <= n)
            {
                _twoBack = new int[n + 1];
                _oneBack = new int[n + 1];
                _current = new int[n + 1];
            }

            // One row per character of a, one column per character of b.
            var twoBack = _twoBack;
            var oneBack = _oneBack;
            var current = _current;
            for (var j = 0; j <= n; j++)
            {
                oneBack[j] = j;
            }

            for (var i = 1; i <= a.Length; i++)
            {
                current[0] = i;
                var ai = a[i - 1];
                for (var j = 1; j <= n; j++)
                {
                    var cost = ai == b[j - 1] ? 0 : 1;
                    var value = Math.Min(Math.Min(oneBack[j] + 1, current[j - 1] + 1), oneBack[j - 1] + cost);
                    if (i > 1 && j > 1 && ai == b[j - 2] && a[i - 2] == b[j - 1])
                    {
                        value = Math.Min(value, twoBack[j - 2] + 1);
                    }

                    current[j] = value;
                }

                (twoBack, oneBack, current) = (oneBack, current, twoBack);
            }

            // oneBack holds the last row: the distance from a to each prefix of b.
            prefixDistance = int.MaxValue;
            for (var j = 0; j <= n; j++)
            {
                prefixDistance = Math.Min(prefixDistance, oneBack[j]);
            }

            return oneBack[n];
        }
    }
}
