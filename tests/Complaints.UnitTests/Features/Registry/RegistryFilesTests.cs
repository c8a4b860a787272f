using System.Text;
using Complaints.Core.Domain.Institutions;
using Complaints.Core.Features.Registry;

namespace Complaints.UnitTests.Features.Registry;

public class RegistryFilesTests
{
    private const string Header = "no,nama_perusahaan,nama_platform,nomor_izin,tanggal_izin_raw,tanggal_izin,jenis_usaha,website,os";

    private static RegistryFile Read(string fileName, string content) =>
        RegistryFiles.Read(fileName, new MemoryStream(Encoding.UTF8.GetBytes(content)));

    [Fact]
    public void The_shipped_lender_list_holds_94_licensed_fintech_lenders()
    {
        var file = RegistryFiles.LoadShipped();

        Assert.Equal(94, file.Institutions.Count);
        Assert.All(file.Institutions, i =>
        {
            Assert.Equal(Sector.FintechLending, i.Sector);
            Assert.Equal(InstitutionStatus.Licensed, i.Status);
            Assert.StartsWith("KEP-", i.LicenseNumber, StringComparison.Ordinal);
            Assert.NotNull(i.LicensedOn);
        });
        Assert.Equal(7, file.Institutions.Count(i => i.IsSharia));
    }

    [Fact]
    public void The_shipped_illegal_list_keeps_all_9019_entries_including_duplicates()
    {
        var file = RegistryFiles.LoadShipped();

        Assert.Equal(9019, file.IllegalEntities.Count);
        Assert.Equal(9019, file.IllegalEntities.Select(e => e.SourceId).Distinct().Count());
        Assert.Equal(7578, file.IllegalEntities.Count(e => e.EntityType == "Fintech Ilegal"));
        Assert.Equal(1226, file.IllegalEntities.Count(e => e.EntityType == "Investasi Ilegal"));
        Assert.Equal(215, file.IllegalEntities.Count(e => e.EntityType == "Gadai Ilegal"));
        Assert.True(file.IllegalEntities.Count(e => e.Name == "Durian Runtuh") > 1);
    }

    [Fact]
    public void A_lender_row_becomes_a_licensed_institution()
    {
        var danamas = RegistryFiles.LoadShipped().Institutions[0];

        Assert.Equal("PT Pasar Dana Pinjaman", danamas.LegalName);
        Assert.Equal("Danamas", danamas.BrandNames);
        Assert.Equal("KEP-49/D.05/2017", danamas.LicenseNumber);
        Assert.Equal(new DateOnly(2017, 7, 6), danamas.LicensedOn);
        Assert.Equal("https://p2p.danamas.co.id/", danamas.Website);
        Assert.False(danamas.IsSharia);
    }

    [Fact]
    public void A_syariah_lender_is_marked_sharia()
    {
        var ammana = Assert.Single(RegistryFiles.LoadShipped().Institutions, i => i.BrandNames == "Ammana");

        Assert.True(ammana.IsSharia);
        Assert.Equal("PT Ammana Fintek Syariah", ammana.LegalName);
    }

    [Fact]
    public void A_shipped_illegal_entry_keeps_its_source_id_date_and_letter()
    {
        var first = RegistryFiles.LoadShipped().IllegalEntities[0];

        Assert.Equal(1, first.SourceId);
        Assert.Equal("Alipinjaman - Ali Pinjaman Uang Kilat Dana Kredit", first.Name);
        Assert.Equal("Fintech Ilegal", first.EntityType);
        Assert.Equal("Peer To Peer Lending", first.ActivityTypes);
        Assert.Equal(new DateOnly(2021, 12, 13), first.ListedOn);
        Assert.Equal("SP07/IX/SWI/2018", first.Reference);
        Assert.Null(first.Aliases);
        Assert.Null(first.Websites);
    }

    [Fact]
    public void An_illegal_entry_is_cleaned_and_its_lists_are_joined()
    {
        const string json = """
            { "data": [ {
                "id": 42,
                "name": "  Kami OKe\n - Pinjol  ",
                "alias": [" Cepat Oke ", "", "   ", "KO"],
                "address": ["-"],
                "web": ["https://a.example", " ", "b.example"],
                "email": [],
                "phone": [],
                "entity_type": "Investasi Ilegal",
                "activity_type": ["Forex", "Money Game"],
                "input_date": "05/03/2024",
                "description": "SP6/STPASTI/VIII/2024"
            } ], "version": "08/12/2024" }
            """;

        var entity = Assert.Single(Read("illegals.json", json).IllegalEntities);

        Assert.Equal(42, entity.SourceId);
        Assert.Equal("Kami OKe - Pinjol", entity.Name);
        Assert.Equal("Cepat Oke;KO", entity.Aliases);
        Assert.Equal(["Kami OKe - Pinjol", "Cepat Oke", "KO"], entity.AllNames());
        Assert.Equal("https://a.example;b.example", entity.Websites);
        Assert.Equal("Investasi Ilegal", entity.EntityType);
        Assert.Equal("Forex; Money Game", entity.ActivityTypes);
        Assert.Equal(new DateOnly(2024, 3, 5), entity.ListedOn);
        Assert.Equal("SP6/STPASTI/VIII/2024", entity.Reference);
        Assert.Equal(0, entity.Id);
    }

    [Fact]
    public void Quoted_csv_fields_may_hold_commas_quotes_and_line_breaks()
    {
        var csv = Header + "\r\n"
            + "1,\"PT Koma, \"\"Kutip\"\" Dan\nBaris\",\"Brand A;Brand B\",KEP-1/D.05/2020,1 Mei 2020,2020-05-01,Syariah,\"https://x.example/?a=1,2\",Android\r\n"
            + "2,PT Kedua,,KEP-2/D.05/2021,,2021-01-31,Konvensional,-,-\n";

        var institutions = Read("lenders.csv", csv).Institutions;

        Assert.Equal(2, institutions.Count);
        Assert.Equal("PT Koma, \"Kutip\" Dan\nBaris", institutions[0].LegalName);
        Assert.Equal(["PT Koma, \"Kutip\" Dan\nBaris", "Brand A", "Brand B"], institutions[0].AllNames());
        Assert.Equal("https://x.example/?a=1,2", institutions[0].Website);
        Assert.True(institutions[0].IsSharia);
        Assert.Equal(new DateOnly(2020, 5, 1), institutions[0].LicensedOn);
        Assert.Null(institutions[1].BrandNames);
        Assert.Null(institutions[1].Website);
        Assert.False(institutions[1].IsSharia);
        Assert.Equal(new DateOnly(2021, 1, 31), institutions[1].LicensedOn);
    }

    [Fact]
    public void The_format_is_told_by_the_content_not_the_file_name()
    {
        var file = Read("download(3).txt", "\uFEFF" + Header + "\n1,PT Satu,Satu,KEP-1/D.05/2020,,2020-05-01,Konvensional,,\n");

        Assert.Equal("PT Satu", Assert.Single(file.Institutions).LegalName);
        Assert.Empty(file.IllegalEntities);
    }

    [Theory]
    [InlineData("notes.txt", "hello, world\n1,2,3\n")]
    [InlineData("lenders.csv", "no,nama_perusahaan,nama_platform\n1,PT A,A\n")]
    [InlineData("illegals.json", "{ \"items\": [] }")]
    [InlineData("illegals.json", "[ { \"id\": 1, \"name\": \"A\" } ]")]
    [InlineData("illegals.json", "{ \"data\": [ { \"id\": 1, \"name\": ")]
    [InlineData("empty.csv", "  \n ")]
    public void A_file_of_neither_format_is_refused_naming_the_expected_formats(string fileName, string content)
    {
        var error = Assert.Throws<FormatException>(() => Read(fileName, content));

        Assert.Contains(fileName, error.Message, StringComparison.Ordinal);
        Assert.Contains("nama_perusahaan", error.Message, StringComparison.Ordinal);
        Assert.Contains("\"data\"", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Header + "\n1,PT A,A,KEP-1,x,2020-05-01,Konvensional,,\n2,PT B,B\n", "line 3")]
    [InlineData(Header + "\n1,PT A,A,KEP-1,x,01/05/2020,Konvensional,,\n", "tanggal_izin")]
    [InlineData(Header + "\n1,\"PT A,A,KEP-1,x,2020-05-01,Konvensional,,\n", "never closed")]
    [InlineData("{ \"data\": [ { \"id\": 1, \"name\": \"A\", \"entity_type\": \"Fintech Ilegal\", \"input_date\": \"2024-03-05\" } ] }", "input_date")]
    [InlineData("{ \"data\": [ { \"id\": 1, \"name\": \"  \", \"entity_type\": \"Fintech Ilegal\" } ] }", "name")]
    [InlineData("{ \"data\": [ { \"name\": \"A\", \"entity_type\": \"Fintech Ilegal\" } ] }", "id")]
    public void A_broken_row_is_refused_with_where_it_is(string content, string expectedInMessage)
    {
        var error = Assert.Throws<FormatException>(() => Read("upload", content));

        Assert.Contains(expectedInMessage, error.Message, StringComparison.Ordinal);
    }
}
