using Complaints.Core.Data;
using Complaints.Core.Domain.WhatsApp;
using Microsoft.EntityFrameworkCore;

namespace Complaints.Core.Features.Seeding;

/// <summary>The chatbot's first answers, seeded into an empty FAQ; regulator staff edit them in the back office
/// (/regulator/faq). Does nothing once any entry exists, so staff deletions stay deleted.</summary>
public sealed class FaqSeeder(ComplaintsDbContext db, TimeProvider clock)
{
    public async Task SeedAsync(CancellationToken ct = default)
    {
        if (await db.FaqEntries.AnyAsync(ct))
        {
            return;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var order = 0;
        foreach (var (questionId, questionEn, answerId, answerEn, keywords) in Entries)
        {
            db.FaqEntries.Add(new FaqEntry
            {
                QuestionId = questionId,
                QuestionEn = questionEn,
                AnswerId = answerId,
                AnswerEn = answerEn,
                Keywords = keywords,
                SortOrder = order += 10,
                Active = true,
                UpdatedAtUtc = now,
            });
        }

        await db.SaveChangesAsync(ct);
    }

    private static readonly (string QuestionId, string QuestionEn, string AnswerId, string AnswerEn, string Keywords)[] Entries =
    [
        (
            "Bagaimana cara mengecek pinjol legal?",
            "How do I check whether an online lender is legal?",
            "Pilih \"Cek legalitas\" di menu lalu ketik nama aplikasi atau perusahaannya. Pinjaman daring yang legal berizin OJK; daftar lengkapnya juga ada di situs OJK. Ciri pinjol ilegal: tidak punya izin, meminta akses ke semua kontak dan galeri, bunga dan denda tidak jelas, serta menagih dengan ancaman.",
            "Choose \"Check legality\" in the menu and type the app's or company's name. Legal online lenders are licensed by OJK; the full list is also on OJK's website. Signs of an illegal lender: no licence, asks for access to all your contacts and photos, unclear interest and penalties, and collection by threats.",
            "pinjol, legal, ilegal, izin, berizin, cek, legalitas, terdaftar, daftar, aplikasi, pinjaman online, online loan, licensed, licence, license, illegal, lender, app"
        ),
        (
            "Berapa lama pengaduan diproses?",
            "How long does a complaint take?",
            "Setelah pengaduan diterima, petugas memeriksa kelengkapannya dalam beberapa hari kerja. Pengaduan yang diteruskan harus dijawab oleh pelaku usaha dalam 10 hari kerja (dapat diperpanjang sekali). Tenggat yang berlaku untuk pengaduan Anda terlihat saat Anda melacaknya.",
            "After we receive a complaint, staff check it within a few working days. A complaint forwarded to the provider must be answered within 10 working days (extendable once). The deadline that applies to your case shows when you track it.",
            "lama, berapa lama, proses, diproses, waktu, hari kerja, tenggat, batas waktu, jawaban, how long, time, deadline, days, process, processed, answer, duration"
        ),
        (
            "Apa itu LAPS SJK?",
            "What is LAPS SJK?",
            "LAPS SJK (Lembaga Alternatif Penyelesaian Sengketa Sektor Jasa Keuangan) adalah lembaga penyelesaian sengketa di luar pengadilan melalui mediasi, ajudikasi, atau arbitrase. Jika pengaduan Anda tidak selesai dengan pelaku usaha, Anda dapat membawa sengketanya ke LAPS SJK.",
            "LAPS SJK (the alternative dispute resolution body for the financial services sector) resolves disputes out of court by mediation, adjudication or arbitration. If your complaint is not settled with the provider, you can take the dispute to LAPS SJK.",
            "laps, sjk, laps sjk, sengketa, mediasi, arbitrase, ajudikasi, pengadilan, dispute, mediation, arbitration, adjudication, court"
        ),
        (
            "Dokumen apa yang perlu disiapkan?",
            "Which documents should I prepare?",
            "Siapkan: identitas (KTP), bukti hubungan dengan pelaku usaha (perjanjian, polis, nomor rekening atau kontrak), kronologi singkat, bukti kejadian (tangkapan layar, surat, bukti transfer), dan bukti bahwa Anda sudah mengadu ke pelaku usaha beserta jawabannya bila ada. Foto atau PDF bisa dikirim langsung di WhatsApp.",
            "Prepare: your ID (KTP), proof of your relationship with the provider (agreement, policy, account or contract number), a short account of what happened, evidence (screenshots, letters, transfer receipts), and proof that you complained to the provider and its answer if any. Photos or PDFs can be sent right here on WhatsApp.",
            "dokumen, berkas, bukti, syarat, persyaratan, lampiran, ktp, siapkan, disiapkan, document, documents, evidence, prepare, requirements, attachment, proof"
        ),
        (
            "Apakah layanan ini berbayar?",
            "Does this service cost anything?",
            "Tidak. Layanan pengaduan konsumen OJK gratis, tanpa biaya apa pun. Petugas OJK tidak pernah meminta uang atau transfer; waspadalah terhadap pihak yang mengaku petugas dan meminta bayaran.",
            "No. OJK's consumer complaint service is free of charge. OJK staff never ask for money or transfers; beware of anyone who claims to be staff and asks for payment.",
            "biaya, bayar, berbayar, gratis, tarif, ongkos, uang, fee, fees, cost, free, pay, payment, charge, price"
        ),
        (
            "Kapan saya bisa berbicara dengan petugas?",
            "When can I talk to an agent?",
            "Petugas melayani chat pada hari kerja (Senin–Jumat, kecuali hari libur nasional dan cuti bersama) pukul 07.40–15.40 WIB. Ketik #HUBUNGIPETUGAS kapan saja; di luar jam layanan kami memberi tahu kapan petugas kembali, dan Anda tetap dapat membuat pengaduan.",
            "Agents answer chats on working days (Monday to Friday, except national holidays and collective leave) from 07:40 to 15:40 WIB. Type #HUBUNGIPETUGAS any time; outside these hours we tell you when agents are back, and you can still file a complaint.",
            "jam, jam layanan, jam kerja, buka, petugas, agen, operasional, hari kerja, hours, opening, open, agent, staff, human, office hours, working hours"
        ),
        (
            "Bagaimana cara melacak pengaduan saya?",
            "How do I track my complaint?",
            "Pilih \"Lacak pengaduan\" di menu, lalu ketik nomor pengaduan dan PIN 6 angka dari tanda terima Anda. Anda akan melihat status, tenggat, dan langkah berikutnya. Hal yang sama bisa dilakukan di halaman lacak pengaduan di situs kami.",
            "Choose \"Track a complaint\" in the menu, then type your tracking number and the 6-digit PIN from your receipt. You will see the status, the deadline and the next step. You can do the same on the tracking page of our website.",
            "lacak, melacak, status, nomor pengaduan, pin, perkembangan, cek status, tiket, track, tracking, status, progress, ticket, number"
        ),
        (
            "Bagaimana data pribadi saya digunakan?",
            "How is my personal data used?",
            "Data pribadi Anda hanya digunakan untuk menangani pengaduan: diproses oleh OJK dan diteruskan kepada pelaku usaha yang diadukan, sesuai UU Pelindungan Data Pribadi. NIK tidak wajib. Kami tidak pernah meminta PIN, kata sandi, atau kode OTP rekening Anda.",
            "Your personal data is used only to handle your complaint: processed by OJK and passed on to the provider you complain about, under the Personal Data Protection Law. Your NIK is optional. We never ask for your bank PIN, password or OTP code.",
            "data pribadi, data, privasi, kerahasiaan, nik, ktp, otp, personal data, privacy, confidential, confidentiality, data protection"
        ),
    ];
}
