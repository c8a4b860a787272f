using Complaints.Core.Features.Registry;

namespace Complaints.UnitTests.Features.Registry;

public class NameNormalizerTests
{
    [Fact]
    public void Legal_form_words_and_punctuation_are_dropped()
    {
        Assert.Equal("bank rakyat indonesia", NameNormalizer.Normalize("PT Bank Rakyat Indonesia (Persero) Tbk"));
    }

    [Theory]
    [InlineData("PT. Kredit Pintar Indonesia", "kredit pintar indonesia")]
    [InlineData("pt kredit pintar indonesia tbk.", "kredit pintar indonesia")]
    [InlineData("CV Indodata Group", "indodata group")]
    [InlineData("Benor Capital Ltd", "benor capital")]
    [InlineData("GAIN Capital Holdings, Inc.", "gain capital holdings")]
    [InlineData("Koperasi Simpan Pinjam Pohon Kelapa Sawit Indonesia", "koperasi simpan pinjam pohon kelapa sawit indonesia")]
    public void Legal_forms_go_but_koperasi_and_indonesia_stay(string name, string expected)
    {
        Assert.Equal(expected, NameNormalizer.Normalize(name));
    }

    [Fact]
    public void Diacritics_are_removed_and_case_is_folded()
    {
        Assert.Equal("prestamos rapidos", NameNormalizer.Normalize("Préstamos Rápidos"));
        Assert.Equal("creditos", NameNormalizer.Normalize("CRÉDITOS"));
    }

    [Fact]
    public void Punctuation_separates_words_and_apostrophes_join_them()
    {
        Assert.Equal("uang kita pinjaman uang tunai", NameNormalizer.Normalize("Uang-Kita—Pinjaman Uang Tunai"));
        Assert.Equal("restock id", NameNormalizer.Normalize("Restock.ID"));
        Assert.Equal("kamis dana", NameNormalizer.Normalize("Kami's Dana"));
    }

    [Fact]
    public void Whitespace_and_line_breaks_collapse_to_one_space()
    {
        Assert.Equal("kredit pintar", NameNormalizer.Normalize("  KREDIT \n\t  PINTAR  "));
    }

    [Fact]
    public void Legal_form_letters_inside_a_word_are_kept()
    {
        Assert.Equal("ptolemy incubator", NameNormalizer.Normalize("Ptolemy Incubator"));
    }

    [Fact]
    public void A_name_made_only_of_legal_form_words_keeps_them()
    {
        Assert.Equal("pt", NameNormalizer.Normalize("PT."));
        Assert.Equal("pt tbk", NameNormalizer.Normalize("PT Tbk"));
    }

    [Fact]
    public void The_compact_form_ignores_spacing()
    {
        Assert.Equal("kreditpintar", NameNormalizer.Compact("Kredit Pintar"));
        Assert.Equal("kreditpintar", NameNormalizer.Compact("PT KreditPintar"));
        Assert.Equal(NameNormalizer.Compact("Awan Tunai"), NameNormalizer.Compact("AwanTunai"));
    }

    [Fact]
    public void A_name_without_letters_or_digits_normalizes_to_empty()
    {
        Assert.Equal("", NameNormalizer.Normalize(" - !! "));
        Assert.Empty(NameNormalizer.Tokens("()"));
    }

    [Fact]
    public void A_broken_character_in_scraped_text_does_not_break_normalizing()
    {
        Assert.Equal("dana kilat", NameNormalizer.Normalize("Dana\uD800 Kilat"));
    }
}
