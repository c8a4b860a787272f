using Complaints.Core.Features.Registry;

namespace Complaints.Tests.Shared;

/// <summary>Shared by the unit tests (the registry index) and the integration tests (the chatbot's legality check),
/// compiled into both.</summary>
public static class MisspeltRegistryNames
{
    /// <summary>
    /// Real names from both shipped files, each with a typo (deletion, insertion, substitution,
    /// transposition), a missing "PT", a missing word or different spacing. The illegal list repeats
    /// some names with other casing or spacing, so the expected entity is told by its compact name.
    /// </summary>
    public static readonly IReadOnlyList<(string Query, string Expected, RegistryEntryKind Kind)> All =
    [
        // licensed lenders
        ("Modakku", "Modalku", RegistryEntryKind.Institution),
        ("Amarta Mikro Fintek", "PT Amartha Mikro Fintek", RegistryEntryKind.Institution),
        ("Adakmi", "AdaKami", RegistryEntryKind.Institution),
        ("Indodanna", "Indodana", RegistryEntryKind.Institution),
        ("Awan Tunia", "AwanTunai", RegistryEntryKind.Institution),
        ("Julo Teknologi Finansil", "PT JULO Teknologi Finansial", RegistryEntryKind.Institution),
        ("KawanCicl", "KawanCicil", RegistryEntryKind.Institution),
        ("Gandeng Tangn", "GandengTangan", RegistryEntryKind.Institution),
        ("Mapan Globel Reksa", "PT Mapan Global Reksa", RegistryEntryKind.Institution),
        ("Dancita", "Danacita", RegistryEntryKind.Institution),
        ("Lahan Sikan", "LAHAN SIKAM", RegistryEntryKind.Institution),
        ("Pasar Dana Pinjamn", "PT Pasar Dana Pinjaman", RegistryEntryKind.Institution),
        ("Papitupi Syaria", "PAPITUPI SYARIAH", RegistryEntryKind.Institution),
        ("Creative Mobile Adventrue", "PT Creative Mobile Adventure", RegistryEntryKind.Institution),
        ("Kuaikuai Tek Indonesia", "PT Kuaikuai Tech Indonesia", RegistryEntryKind.Institution),
        // the task force's illegal list
        ("Beruang Emass", "Beruang Emas", RegistryEntryKind.IllegalEntity),
        ("Durain Runtuh", "Durian Runtuh", RegistryEntryKind.IllegalEntity),
        ("Tiapan Buah", "Taipan Buah", RegistryEntryKind.IllegalEntity),
        ("Digidompt", "Digidompet", RegistryEntryKind.IllegalEntity),
        ("Pasangan Abadi", "Passangan Abadi", RegistryEntryKind.IllegalEntity),
        ("Automatic Profit Landng", "Automatic Profit Landing", RegistryEntryKind.IllegalEntity),
        ("Cipta Multi Bisnis Grup", "PT Cipta Multi Bisnis Group", RegistryEntryKind.IllegalEntity),
        ("Indiscub Zoina Ripav", "PT Indiscub Ziona Ripav", RegistryEntryKind.IllegalEntity),
        ("Komunitas Smart Mobile Apps Dacco", "Komunitas Smart Mobile Apps Daco", RegistryEntryKind.IllegalEntity),
        ("Koperasi Simpan Pinjam Pohon Kelapa Sawit", "Koperasi Simpan Pinjam Pohon Kelapa Sawit Indonesia", RegistryEntryKind.IllegalEntity),
        ("Lepaskan kedua tangn", "Lepaskan kedua tangan", RegistryEntryKind.IllegalEntity),
        ("Throne Legacy Capitol", "Throne Legacy Capital", RegistryEntryKind.IllegalEntity),
        ("Robot Trading Panska", "Robot Trading Pansaka", RegistryEntryKind.IllegalEntity),
        ("Arahnu Gadai Indonesia", "Arrahnu Gadai Indonesia", RegistryEntryKind.IllegalEntity),
        ("Medusa Multi Business Center", "PT Medussa Multi Business Center", RegistryEntryKind.IllegalEntity),
    ];
}
