using Complaints.Core.Domain.Institutions;

namespace Complaints.Core.Domain.Taxonomy;

public sealed record TaxonomyItem(string Code, LocalizedText Label);

/// <summary>
/// Sectors, products and issue categories offered at intake and used at screening. Codes are stored on the
/// case; labels are shown. The back office will manage this list; these are the seeded values.
/// </summary>
public static class CaseTaxonomy
{
    public static readonly IReadOnlyDictionary<Sector, LocalizedText> Sectors = new Dictionary<Sector, LocalizedText>
    {
        [Sector.Banking] = new("Perbankan", "Banking"),
        [Sector.CapitalMarket] = new("Pasar modal", "Capital market"),
        [Sector.LifeInsurance] = new("Asuransi jiwa", "Life insurance"),
        [Sector.GeneralInsurance] = new("Asuransi umum", "General insurance"),
        [Sector.PensionFund] = new("Dana pensiun", "Pension fund"),
        [Sector.Financing] = new("Perusahaan pembiayaan", "Financing company"),
        [Sector.FintechLending] = new("Pinjaman daring (fintech lending)", "Online lending (fintech)"),
        [Sector.Pawnshop] = new("Pergadaian", "Pawnshop"),
        [Sector.Microfinance] = new("Lembaga keuangan mikro", "Microfinance"),
        [Sector.Guarantee] = new("Penjaminan", "Guarantee"),
        [Sector.DigitalFinancialInnovation] = new("Inovasi keuangan digital & aset kripto", "Digital finance & crypto assets"),
        [Sector.Other] = new("Lainnya", "Other"),
    };

    public static readonly IReadOnlyList<TaxonomyItem> Products =
    [
        new("savings", new("Tabungan / giro / deposito", "Savings / current account / deposit")),
        new("credit-card", new("Kartu kredit", "Credit card")),
        new("consumer-loan", new("Kredit / pinjaman", "Loan")),
        new("mortgage", new("KPR", "Mortgage")),
        new("online-loan", new("Pinjaman daring", "Online loan")),
        new("vehicle-financing", new("Pembiayaan kendaraan", "Vehicle financing")),
        new("insurance-policy", new("Polis asuransi", "Insurance policy")),
        new("unit-link", new("Unit link", "Unit-linked insurance")),
        new("investment", new("Reksa dana / saham / obligasi", "Mutual fund / shares / bonds")),
        new("e-wallet", new("Uang elektronik / transfer", "E-money / transfer")),
        new("paylater", new("Paylater", "Buy now, pay later")),
        new("pawn", new("Gadai", "Pawn")),
        new("pension", new("Dana pensiun", "Pension")),
        new("other", new("Lainnya", "Other")),
    ];

    public static readonly IReadOnlyList<TaxonomyItem> IssueCategories =
    [
        new("collection", new("Penagihan tidak beretika", "Unethical debt collection")),
        new("fees-interest", new("Bunga, denda atau biaya", "Interest, penalties or fees")),
        new("data-misuse", new("Penyalahgunaan data pribadi", "Misuse of personal data")),
        new("unauthorized-transaction", new("Transaksi tidak dikenal / penipuan", "Unrecognised transaction / fraud")),
        new("claim-rejected", new("Klaim ditolak atau lambat", "Claim rejected or delayed")),
        new("restructuring", new("Restrukturisasi kredit", "Loan restructuring")),
        new("misselling", new("Informasi produk menyesatkan", "Misleading product information")),
        new("credit-report", new("SLIK / riwayat kredit", "Credit report (SLIK)")),
        new("service", new("Kualitas layanan", "Service quality")),
        new("illegal-offer", new("Tawaran investasi / pinjaman ilegal", "Illegal investment or loan offer")),
        new("other", new("Lainnya", "Other")),
    ];

    public static bool IsProduct(string? code) => code is not null && Products.Any(p => p.Code == code);

    public static bool IsIssueCategory(string? code) => code is not null && IssueCategories.Any(p => p.Code == code);
}
