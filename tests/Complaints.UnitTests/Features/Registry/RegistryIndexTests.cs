using System.Diagnostics;
using System.Globalization;
using Complaints.Core.Domain.Institutions;
using Complaints.Core.Features.Registry;
using Complaints.Tests.Shared;

namespace Complaints.UnitTests.Features.Registry;

/// <summary>The shipped registry, loaded once for all tests, with ids as the database would give them.</summary>
internal static class ShippedRegistry
{
    private static readonly Lazy<RegistryFile> LazyFile = new(() =>
    {
        var file = RegistryFiles.LoadShipped();
        for (var i = 0; i < file.Institutions.Count; i++)
        {
            file.Institutions[i].Id = i + 1;
        }

        foreach (var entity in file.IllegalEntities)
        {
            entity.Id = entity.SourceId!.Value;
        }

        return file;
    });

    private static readonly Lazy<RegistryIndex> LazyIndex = new(() => RegistryIndex.Build(File.Institutions, File.IllegalEntities));

    public static RegistryFile File => LazyFile.Value;

    public static RegistryIndex Index => LazyIndex.Value;
}

public class RegistryIndexTests
{
    private static RegistryIndex Index => ShippedRegistry.Index;

    public static TheoryData<string, string, RegistryEntryKind> MisspeltNames()
    {
        var data = new TheoryData<string, string, RegistryEntryKind>();
        foreach (var (query, expected, kind) in MisspeltRegistryNames.All)
        {
            data.Add(query, expected, kind);
        }

        return data;
    }

    private static bool IsExpected(RegistryMatch match, string expectedName, RegistryEntryKind kind) =>
        match.Entry.Kind == kind
        && NameNormalizer.Compact(match.MatchedName) == NameNormalizer.Compact(expectedName)
        && match.Entry.Names.Contains(match.MatchedName);

    [Theory]
    [MemberData(nameof(MisspeltNames))]
    public void A_misspelt_name_finds_the_right_entity_first(string query, string expectedName, RegistryEntryKind kind)
    {
        var first = Index.Search(query)[0];

        Assert.True(IsExpected(first, expectedName, kind), $"'{query}' found {first.Entry.Kind} '{first.MatchedName}' ({first.Score.ToString("F3", CultureInfo.InvariantCulture)}).");
        Assert.InRange(first.Score, 0.55, 0.99);
    }

    [Fact]
    public void All_thirty_misspelt_names_find_their_entity_first()
    {
        var cases = MisspeltRegistryNames.All;
        for (var pass = 0; pass < 3; pass++)
        {
            foreach (var (query, _, _) in cases)
            {
                Index.Search(query); // let the JIT settle before timing
            }
        }

        var timings = new List<double>();
        var hits = 0;
        foreach (var (query, expected, kind) in cases)
        {
            var stopwatch = Stopwatch.StartNew();
            var matches = Index.Search(query);
            timings.Add(stopwatch.Elapsed.TotalMilliseconds);
            hits += matches.Count > 0 && IsExpected(matches[0], expected, kind) ? 1 : 0;
        }

        Assert.Equal(30, cases.Count);
        Assert.Equal(30, hits);

        // A sanity print, not an assertion: timings depend on the machine.
        timings.Sort();
        var p95 = timings[(int)Math.Ceiling(0.95 * timings.Count) - 1];
        TestContext.Current.TestOutputHelper?.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"Registry search over {Index.Count} entries: median {timings[timings.Count / 2]:F2} ms, p95 {p95:F2} ms, max {timings[^1]:F2} ms."));
    }

    [Fact]
    public void The_shipped_index_holds_every_institution_and_illegal_entity()
    {
        Assert.Equal(94 + 9019, Index.Count);
    }

    [Fact]
    public void An_exact_name_scores_1_and_a_typo_scores_less()
    {
        var exact = Index.Search("Danamas")[0];
        var typo = Index.Search("Danamsa")[0];

        Assert.Equal(1.0, exact.Score);
        Assert.Equal("Danamas", exact.MatchedName);
        Assert.Equal("PT Pasar Dana Pinjaman", typo.Entry.DisplayName);
        Assert.True(typo.Score < 1.0);
    }

    [Fact]
    public void A_transposition_counts_as_one_edit()
    {
        var match = Index.Search("Tiapan Buah")[0];

        Assert.Equal("Taipan Buah", match.MatchedName);
        Assert.Equal(1 - (1.0 / "taipanbuah".Length), match.Score, 6);
    }

    [Fact]
    public void Missing_PT_and_Tbk_still_match_exactly()
    {
        var match = Index.Search("Pasar Dana Pinjaman", RegistryEntryKind.Institution)[0];
        var decorated = Index.Search("PT. Pasar Dana Pinjaman Tbk", RegistryEntryKind.Institution)[0];

        Assert.Equal("PT Pasar Dana Pinjaman", match.Entry.DisplayName);
        Assert.Equal(1.0, match.Score);
        Assert.Equal(match.Entry, decorated.Entry);
        Assert.Equal(1.0, decorated.Score);
    }

    [Fact]
    public void A_brand_name_with_a_typo_finds_the_licensed_lender()
    {
        var match = Index.Search("Easycahs")[0];

        Assert.Equal(RegistryEntryKind.Institution, match.Entry.Kind);
        Assert.Equal("PT Indonesia Fintopia Technology", match.Entry.DisplayName);
        Assert.Equal("Easycash", match.MatchedName);
        Assert.Equal("KEP-49/D.05/2020", match.Entry.Detail);
    }

    [Fact]
    public void Spacing_does_not_matter()
    {
        var spaced = Index.Search("kredit pintar", RegistryEntryKind.Institution)[0];
        var joined = Index.Search("KreditPintar", RegistryEntryKind.Institution)[0];

        Assert.Equal("PT Kredit Pintar Indonesia", spaced.Entry.DisplayName);
        Assert.Equal(1.0, spaced.Score);
        Assert.Equal(spaced, joined);
    }

    [Fact]
    public void Reordered_words_match_below_an_exact_match()
    {
        var match = Index.Search("pintar kredit", RegistryEntryKind.Institution)[0];

        Assert.Equal("PT Kredit Pintar Indonesia", match.Entry.DisplayName);
        Assert.InRange(match.Score, 0.9, 0.99);
    }

    [Fact]
    public void Typing_the_start_of_a_name_offers_the_licensed_lenders_that_begin_with_it()
    {
        var matches = Index.Search("dana");

        Assert.Equal(1.0, matches[0].Score); // "Dana - Pay" on the illegal list is exactly "dana"
        var danamas = Assert.Single(matches, m => m.MatchedName == "Danamas");
        Assert.Equal(RegistryEntryKind.Institution, danamas.Entry.Kind);
        Assert.InRange(danamas.Score, 0.55, 0.99);
        Assert.Contains(matches, m => m.MatchedName == "Danacita");
    }

    [Fact]
    public void A_three_letter_prefix_is_enough()
    {
        var matches = Index.Search("aks", RegistryEntryKind.Institution);

        Assert.Equal("Akseleran", matches[0].MatchedName);
        Assert.True(matches[0].Score < 1.0);
    }

    [Theory]
    [InlineData("xqzvw blorft")]
    [InlineData("qqqqqqqq")]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("!!! ???")]
    public void A_nonsense_query_finds_nothing(string query)
    {
        Assert.Empty(Index.Search(query));
    }

    [Fact]
    public void A_licensed_name_cloned_on_the_illegal_list_finds_both_with_the_licensed_lender_first()
    {
        var matches = Index.Search("Kredit Pintr");

        Assert.Equal(RegistryEntryKind.Institution, matches[0].Entry.Kind);
        Assert.Equal("Kredit Pintar", matches[0].MatchedName);
        Assert.Equal(RegistryEntryKind.IllegalEntity, matches[1].Entry.Kind);
        Assert.StartsWith("Kredit Pintar - ", matches[1].MatchedName, StringComparison.Ordinal);
        Assert.Equal(matches[0].Score, matches[1].Score);
    }

    [Fact]
    public void The_kind_filter_keeps_only_that_kind()
    {
        var illegal = Index.Search("Kredit Pintar", RegistryEntryKind.IllegalEntity);
        var licensed = Index.Search("Kredit Pintar", RegistryEntryKind.Institution);

        Assert.NotEmpty(illegal);
        Assert.All(illegal, m => Assert.Equal(RegistryEntryKind.IllegalEntity, m.Entry.Kind));
        Assert.Equal(1.0, illegal[0].Score);
        Assert.NotEmpty(licensed);
        Assert.All(licensed, m => Assert.Equal(RegistryEntryKind.Institution, m.Entry.Kind));
    }

    [Fact]
    public void Results_are_best_first_within_max_and_min_score()
    {
        var matches = Index.Search("dana", max: 5, minScore: 0.7);

        Assert.Equal(5, matches.Count);
        Assert.All(matches, m => Assert.True(m.Score >= 0.7));
        Assert.Equal(matches.OrderByDescending(m => m.Score).Select(m => m.Score), matches.Select(m => m.Score));
        Assert.Empty(Index.Search("Danamsa", minScore: 0.95));
        Assert.Empty(Index.Search("Danamas", max: 0));
    }

    [Fact]
    public void An_entity_is_listed_once_even_when_several_of_its_names_match()
    {
        var index = RegistryIndex.Build([], [new IllegalEntity { Id = 7, Name = "Dana Kilat", Aliases = "DanaKilat;Dana Kilat Cepat", EntityType = "Fintech Ilegal" }]);

        var match = Assert.Single(index.Search("dana kilat"));

        Assert.Equal(7, match.Entry.Id);
        Assert.Equal(1.0, match.Score);
    }

    [Fact]
    public void An_app_name_with_a_store_tagline_matches_on_the_app_name_alone()
    {
        var match = Index.Search("Kami OKe")[0];

        Assert.Equal(1.0, match.Score);
        Assert.StartsWith("Kami OKe - ", match.MatchedName, StringComparison.Ordinal);
        Assert.Equal(match.Entry.DisplayName, match.MatchedName);
    }

    [Fact]
    public void Entries_carry_the_id_and_the_licence_number_or_entity_type()
    {
        var lender = Index.Search("JULO")[0];
        var gadai = Index.Search("Arrahnu Gadai Indonesia")[0];

        Assert.Equal(RegistryEntryKind.Institution, lender.Entry.Kind);
        Assert.Equal("KEP-16/D.05/2020", lender.Entry.Detail);
        Assert.Equal(ShippedRegistry.File.Institutions.Single(i => i.LicenseNumber == "KEP-16/D.05/2020").Id, lender.Entry.Id);
        Assert.Equal(["PT JULO Teknologi Finansial", "JULO"], lender.Entry.Names);
        Assert.Equal("Gadai Ilegal", gadai.Entry.Detail);
        Assert.Equal(3796, gadai.Entry.Id);
    }

    [Fact]
    public void The_empty_index_finds_nothing()
    {
        Assert.Equal(0, RegistryIndex.Empty.Count);
        Assert.Empty(RegistryIndex.Empty.Search("Danamas"));
    }

    [Fact]
    public void Concurrent_searches_answer_as_sequential_ones_do()
    {
        var queries = MisspeltRegistryNames.All.Select(c => c.Query).ToArray();
        var sequential = queries.Select(q => Index.Search(q)).ToArray();
        var concurrent = new IReadOnlyList<RegistryMatch>[queries.Length];

        Parallel.For(0, queries.Length * 4, i => concurrent[i % queries.Length] = Index.Search(queries[i % queries.Length]));

        for (var i = 0; i < queries.Length; i++)
        {
            Assert.Equal(sequential[i], concurrent[i]);
        }
    }
}
