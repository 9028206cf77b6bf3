"""``make demo``: a realistic month of complaints run through all six steps.

Runs the real ``keluhan`` command (a subprocess per step, as a clerk would type it) on a
archive it creates with ``keluhan init`` in the given folder, then prints the list and a short summary. Every
complaint has fixed past times, so the demo archive is the same every run except for
the short ids.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
from pathlib import Path

RINA, DEDI, BUDI, SITI, AGUS = "Rina Wulandari", "Dedi Kurniawan", "Budi Santoso", "Siti Aminah", "Agus Prasetyo"
# Decides appeals: took no part in handling any complaint (keluhan putusan, tidak_memihak).
HARTATI = "Hartati Ningsih"
# The officer register (issue 14): who the demo's clerks are, so every step resolves to one
# registered officer and the forms' signature blocks carry NIP and jabatan.
PETUGAS_DEMO: list[tuple[str, ...]] = [
    (RINA, "--nip", "198804122014022001", "--jabatan", "Petugas PJTK", "--peran", "pjtk"),
    (DEDI, "--nip", "198601052010011002", "--jabatan", "Petugas PJTK", "--peran", "pjtk,verifikator"),
    (BUDI, "--nip", "197909232005011003", "--jabatan", "Penyelia Laboratorium Pengujian", "--peran", "teknis",
     "--tim", "Laboratorium Pengujian"),
    (SITI, "--nip", "198503122010012003", "--jabatan", "Analis Laboratorium Kalibrasi", "--peran", "teknis",
     "--tim", "Laboratorium Kalibrasi"),
    (AGUS, "--nip", "198001012005011001", "--jabatan", "Koordinator Tim PJTK", "--peran", "verifikator,koordinator"),
    (HARTATI, "--nip", "197306152000032001", "--jabatan", "Manajer Mutu", "--peran", "manajer_mutu"),
]
LAB_UJI, LAB_KAL, LSPRO = "Laboratorium Pengujian", "Laboratorium Kalibrasi", "Lembaga Sertifikasi Produk"

# (catat options, then steps: (petugas, command, args...)). Times are October-November 2026.
KELUHAN: list[tuple[list[str], list[tuple[str, ...]]]] = [
    (["--nama", "Hendra Gunawan", "--instansi", "PT Sinar Kimia Abadi", "--media", "email",
      "--email", "hendra@sinarkimia.co.id", "--layanan", "pengujian", "--referensi", "LHU-0412/BBSPJIKFK/IX/2026",
      "--uraian", "Laporan hasil uji kadar air belum diterima, padahal sudah lewat 14 hari kerja dari janji.",
      "--harapan", "LHU dikirim minggu ini", "--kategori", "waktu layanan",
      "--diajukan", "1/10/2026 08.05", "--waktu", "1/10/2026 08.15"],
     [(DEDI, "validasi", "--benar", "--teruskan-ke", LAB_UJI, "--waktu", "1/10/2026 08.25"),
      (BUDI, "tindak", "--kode-akar", "peralatan", "--akar-masalah", "Antrian alat Karl Fischer; LHU menunggu paraf",
       "--koreksi", "LHU diparaf dan dikirim", "--korektif", "Paraf elektronik untuk LHU",
       "--pencegahan", "Pemantauan tenggat LHU harian", "--penanggung-jawab", "Kepala Lab Pengujian",
       "--target", "9/10/2026", "--waktu", "2/10/2026 10.00"),
      (AGUS, "verifikasi", "--terima", "--catatan", "Efektif: LHU diterima pelanggan", "--waktu", "2/10/2026 10.10"),
      (RINA, "informasikan", "--media", "email", "--waktu", "2/10/2026 10.20"),
      (RINA, "kepuasan", "--nilai", "4", "--menerima", "--catatan", "Cepat ditanggapi", "--waktu", "5/10/2026 09.00"),
      # The CAPA's effectiveness review (due 20 working days after verification): not effective, then effective.
      (SITI, "efektivitas", "--tidak-efektif", "--tindak-lanjut", "Paraf elektronik diwajibkan untuk semua LHU, bukan hanya kadar air",
       "--catatan", "Dua LHU lain terlambat menunggu paraf", "--waktu", "30/10/2026 10.00"),
      (SITI, "efektivitas", "--efektif", "--catatan", "Tidak ada LHU terlambat sejak paraf elektronik", "--waktu", "27/11/2026 10.00")]),
    (["--nama", "Lestari Putri", "--instansi", "CV Kemasan Nusantara", "--media", "telepon",
      "--telepon", "0812-1111-2222", "--layanan", "kalibrasi", "--referensi", "SK-2210/KAL/2026",
      "--uraian", "Sertifikat kalibrasi timbangan mencantumkan nomor seri yang salah.",
      "--harapan", "Sertifikat diterbitkan ulang", "--kategori", "mutu hasil",
      "--diajukan", "5/10/2026 09.00", "--waktu", "5/10/2026 09.10"],
     [(DEDI, "validasi", "--benar", "--teruskan-ke", LAB_KAL, "--waktu", "5/10/2026 09.20"),
      (SITI, "tindak", "--kode-akar", "manusia", "--akar-masalah", "Salah ketik saat input", "--koreksi", "Sertifikat dicetak ulang",
       "--pencegahan", "Cek silang nomor seri oleh petugas kedua", "--target", "7/10/2026", "--waktu", "6/10/2026 14.00"),
      (AGUS, "verifikasi", "--kembalikan", "--alasan", "Nomor seri di lampiran masih salah", "--waktu", "6/10/2026 14.10"),
      (SITI, "tindak", "--kode-akar", "metode", "--akar-masalah", "Lampiran memakai templat lama", "--koreksi", "Sertifikat dan lampiran dicetak ulang",
       "--pencegahan", "Templat lampiran diambil dari sistem", "--target", "8/10/2026", "--waktu", "7/10/2026 10.00"),
      (AGUS, "verifikasi", "--terima", "--catatan", "Efektif", "--waktu", "7/10/2026 10.12"),
      (RINA, "informasikan", "--media", "telepon", "--waktu", "7/10/2026 10.25"),
      (RINA, "kepuasan", "--nilai", "3", "--menerima", "--waktu", "8/10/2026 09.00"),
      (DEDI, "efektivitas", "--efektif", "--catatan", "Nomor seri diperiksa silang pada 12 sertifikat berikutnya",
       "--waktu", "28/10/2026 14.00")]),
    (["--nama", "Anonim", "--media", "kotak", "--layanan", "lainnya",
      "--uraian", "Ruang tunggu pelanggan panas dan tidak ada air minum.", "--kategori", "sarana",
      "--diajukan", "8/10/2026 07.45", "--waktu", "8/10/2026 08.00"],
     [(DEDI, "validasi", "--tidak-benar", "--alasan", "AC dan dispenser berfungsi saat diperiksa; bukan keluhan layanan jasa",
       "--waktu", "8/10/2026 08.15"),
      (RINA, "informasikan", "--media", "kotak", "--catatan", "Diumumkan di papan informasi", "--waktu", "8/10/2026 08.30"),
      (RINA, "kepuasan", "--nilai", "2", "--catatan", "Lewat kotak saran", "--waktu", "12/10/2026 08.00")]),
    (["--nama", "Yusuf Maulana", "--instansi", "PT Farmasi Sehat Sentosa", "--media", "surat",
      "--alamat", "Jl. Industri Raya No. 8, Bekasi", "--layanan", "sertifikasi", "--referensi", "SPPT-SNI 0117/2026",
      "--uraian", "Audit surveilan dijadwalkan ulang tiga kali tanpa pemberitahuan tertulis.",
      "--harapan", "Jadwal pasti dan pemberitahuan resmi", "--kategori", "komunikasi",
      "--diajukan", "9/10/2026 13.00", "--waktu", "12/10/2026 08.30"],
     [(DEDI, "validasi", "--benar", "--teruskan-ke", LSPRO, "--waktu", "12/10/2026 08.45"),
      (BUDI, "tindak", "--kode-akar", "metode", "--koreksi", "Jadwal surveilan dikirim resmi", "--pencegahan", "Perubahan jadwal wajib surat resmi",
       "--waktu", "16/10/2026 11.00"),
      (AGUS, "verifikasi", "--terima", "--waktu", "16/10/2026 13.00"),
      (RINA, "informasikan", "--media", "surat", "--waktu", "16/10/2026 13.10"),
      (RINA, "kepuasan", "--nilai", "1", "--tidak-menerima", "--catatan", "Meminta auditor lain", "--waktu", "20/10/2026 10.00"),
      (RINA, "banding", "--alasan", "Pelanggan meminta auditor pengganti", "--waktu", "26/10/2026 09.00"),
      # The appeal rejected: closed, no second appeal.
      (HARTATI, "putusan", "--ditolak", "--alasan", "Penggantian auditor hanya bila ada konflik kepentingan; tidak ada",
       "--waktu", "3/11/2026 10.00")]),
    (["--nama", "Dewi Anggraini", "--instansi", "PT Plastik Prima", "--media", "siptenan", "--layanan", "pengujian",
      "--uraian", "Tarif uji migrasi global berbeda dengan yang tercantum di SIPTENAN.",
      "--harapan", "Selisih tarif dikembalikan", "--kategori", "tarif",
      "--diajukan", "14/10/2026 10.00", "--waktu", "14/10/2026 10.10"],
     [(DEDI, "validasi", "--benar", "--teruskan-ke", LAB_UJI, "--waktu", "14/10/2026 10.20"),
      (BUDI, "tindak", "--kode-akar", "metode", "--koreksi", "Selisih tarif dikembalikan", "--pencegahan", "Tarif SIPTENAN disinkronkan tiap bulan",
       "--waktu", "15/10/2026 09.00"),
      (AGUS, "verifikasi", "--terima", "--waktu", "15/10/2026 09.10"),
      (RINA, "informasikan", "--media", "email", "--waktu", "15/10/2026 09.20"),
      (RINA, "kepuasan", "--nilai", "4", "--menerima", "--waktu", "16/10/2026 08.30")]),
    (["--nama", "Rudi Hartono", "--instansi", "UD Sumber Rejeki", "--media", "fax", "--layanan", "kalibrasi",
      "--uraian", "Alat yang dikalibrasi dikembalikan dengan kemasan rusak.", "--kategori", "penanganan barang",
      "--diajukan", "19/10/2026 08.00", "--waktu", "19/10/2026 08.40"],
     [(DEDI, "validasi", "--benar", "--teruskan-ke", LAB_KAL, "--waktu", "19/10/2026 08.50"),
      (SITI, "tindak", "--kode-akar", "bahan", "--koreksi", "Kemasan diganti dan alat diperiksa ulang", "--pencegahan", "Checklist pengemasan",
       "--waktu", "23/10/2026 15.00"),
      (AGUS, "verifikasi", "--terima", "--waktu", "26/10/2026 08.00"),
      (RINA, "informasikan", "--media", "telepon", "--waktu", "26/10/2026 08.10")]),
    (["--nama", "Maria Ulfa", "--instansi", "PT Kosmetika Indah", "--media", "website", "--layanan", "pengujian",
      "--email", "maria@kosmetika.co.id",
      "--uraian", "Formulir permintaan uji di website tidak bisa dikirim (tombol kirim tidak berfungsi).",
      "--kategori", "sistem informasi", "--diajukan", "22/10/2026 11.00", "--waktu", "22/10/2026 11.05"],
     [(DEDI, "validasi", "--benar", "--teruskan-ke", "Tim Pelayanan Jasa Teknis dan Kemitraan", "--waktu", "22/10/2026 11.15"),
      (BUDI, "tindak", "--kode-akar", "peralatan", "--koreksi", "Formulir diperbaiki", "--pencegahan", "Uji formulir setiap pembaruan website",
       "--waktu", "23/10/2026 09.00"),
      (AGUS, "verifikasi", "--terima", "--waktu", "23/10/2026 09.05"),
      (RINA, "informasikan", "--media", "email", "--waktu", "23/10/2026 09.15"),
      # The appeal accepted: a second CAPA round, informed again.
      (RINA, "banding", "--alasan", "Formulir masih gagal dikirim dari ponsel", "--waktu", "28/10/2026 10.00"),
      (HARTATI, "putusan", "--diterima", "--alasan", "Uji ulang di peramban ponsel membenarkan keluhan",
       "--waktu", "30/10/2026 09.00"),
      (BUDI, "tindak", "--kode-akar", "metode", "--akar-masalah", "Tombol kirim tertutup spanduk pada layar sempit",
       "--koreksi", "Tata letak formulir diperbaiki untuk ponsel", "--pencegahan", "Uji formulir di ponsel setiap pembaruan",
       "--waktu", "2/11/2026 10.00"),
      (AGUS, "verifikasi", "--terima", "--waktu", "2/11/2026 10.10"),
      (RINA, "informasikan", "--media", "email", "--waktu", "2/11/2026 10.20")]),
    (["--nama", "Bambang Sutrisno", "--instansi", "PT Cat Warna Jaya", "--media", "email", "--layanan", "pengujian",
      "--uraian", "Hasil uji kadar timbal berbeda jauh dengan uji pembanding di laboratorium lain.",
      "--harapan", "Uji ulang tanpa biaya", "--kategori", "mutu hasil",
      "--diajukan", "27/10/2026 14.00", "--waktu", "27/10/2026 14.05"],
     [(DEDI, "validasi", "--benar", "--teruskan-ke", LAB_UJI, "--waktu", "27/10/2026 14.15"),
      (BUDI, "tindak", "--kode-akar", "pengukuran", "--akar-masalah", "Kurva kalibrasi AAS kedaluwarsa", "--koreksi", "Uji ulang dengan kurva baru",
       "--korektif", "Verifikasi kurva sebelum setiap seri", "--pencegahan", "Jadwal kalibrasi AAS di sistem",
       "--waktu", "29/10/2026 10.00"),
      (AGUS, "verifikasi", "--terima", "--waktu", "29/10/2026 10.10")]),
    (["--nama", "Sri Wahyuni", "--media", "telepon", "--layanan", "inspeksi",
      "--uraian", "Petugas inspeksi datang terlambat dua jam tanpa kabar.", "--kategori", "waktu layanan",
      "--diajukan", "29/10/2026 13.00", "--waktu", "29/10/2026 13.10"],
     [(DEDI, "validasi", "--benar", "--teruskan-ke", "Tim Inspeksi", "--waktu", "29/10/2026 13.20")]),
    (["--nama", "Agus Salim", "--instansi", "PT Kemasan Hijau", "--media", "surat", "--layanan", "sertifikasi",
      "--uraian", "Sertifikat SNI belum terbit walaupun hasil audit sudah memenuhi.",
      "--diajukan", "30/10/2026 09.00", "--waktu", "2/11/2026 08.00"],
     []),
    (["--nama", "Nur Hidayati", "--instansi", "Koperasi Pangan Mandiri", "--media", "siptenan", "--layanan", "pengujian",
      "--uraian", "Contoh uji hilang; pelanggan diminta mengirim ulang.", "--kategori", "penanganan barang",
      "--diajukan", "9/11/2026 08.00", "--waktu", "9/11/2026 08.10"],
     [(DEDI, "validasi", "--benar", "--teruskan-ke", LAB_UJI, "--waktu", "9/11/2026 08.20"),
      # The clock stops while the lab waits for the customer's sample sent again (keluhan tunda): its working time
      # is kept beside step 4's duration, never hidden; the clock runs again when the sample turns up.
      (BUDI, "tunda", "--alasan", "Menunggu contoh uji kiriman ulang dari pelanggan", "--waktu", "9/11/2026 10.00"),
      # A progress notice while the Tim Teknis searches (ISO/IEC 17025 7.9.5).
      (RINA, "kabari", "--media", "siptenan", "--catatan", "Contoh sedang dicari di ruang penyimpanan; kabar berikut besok",
       "--waktu", "9/11/2026 13.00"),
      (BUDI, "lanjutkan", "--catatan", "Contoh ditemukan; kiriman ulang tidak diperlukan", "--waktu", "10/11/2026 08.00"),
      (BUDI, "tindak", "--kode-akar", "metode", "--koreksi", "Contoh ditemukan di ruang penyimpanan B", "--pencegahan", "Label lokasi contoh",
       "--waktu", "10/11/2026 09.00")]),
    (["--nama", "Wahyu Pratama", "--instansi", "PT Logam Presisi", "--media", "kotak", "--layanan", "kalibrasi",
      "--uraian", "Petugas loket kurang ramah saat menjelaskan biaya kalibrasi.", "--kategori", "sikap petugas",
      "--diajukan", "16/11/2026 10.00", "--waktu", "16/11/2026 10.10"],
     [(DEDI, "validasi", "--benar", "--teruskan-ke", "Tim Pelayanan Jasa Teknis dan Kemitraan", "--waktu", "16/11/2026 10.30"),
      (BUDI, "tindak", "--kode-akar", "manusia", "--koreksi", "Petugas diberi pembinaan", "--pencegahan", "Pelatihan pelayanan prima triwulanan",
       "--waktu", "17/11/2026 09.00"),
      (AGUS, "verifikasi", "--terima", "--waktu", "17/11/2026 09.10"),
      (RINA, "informasikan", "--media", "telepon", "--waktu", "17/11/2026 09.30"),
      (RINA, "kepuasan", "--nilai", "3", "--waktu", "18/11/2026 09.00")]),
    # The same box note typed in twice: the duplicate is voided (keluhan batal), its number stays used.
    (["--nama", "Wahyu Pratama", "--instansi", "PT Logam Presisi", "--media", "kotak", "--layanan", "kalibrasi",
      "--uraian", "Petugas loket kurang ramah saat menjelaskan biaya kalibrasi.", "--kategori", "sikap petugas",
      "--diajukan", "16/11/2026 10.00", "--waktu", "16/11/2026 10.40"],
     # Linked to the original first (keluhan kaitkan: the link shows on both), then voided.
     [(RINA, "kaitkan", "012/KP/BBSPJIKFK/XI/2026", "--alasan", "Catatan kotak yang sama diketik dua kali",
       "--waktu", "16/11/2026 10.50"),
      (DEDI, "batal", "--alasan", "Tercatat ganda dengan 012/KP/BBSPJIKFK/XI/2026", "--waktu", "16/11/2026 11.00")]),
]


# The sample evidence the demo uses, from the checkout's tests/data (``make demo`` runs from
# it; the tests read the same files): e-mails as real clients write them, a scanned letter.
DATA = Path(__file__).resolve().parents[1] / "tests" / "data"
SURAT_PINDAI = DATA / "surat-pindai.png"

# Complaints that arrive as e-mail, recorded from the message itself (catat --dari-eml: sender,
# Date header as diajukan, body as uraian, the .eml attached): (the .eml, other catat options, steps).
SUREL: list[tuple[Path, list[str], list[tuple[str, ...]]]] = [
    (DATA / "eml" / "thunderbird-qp.eml",
     ["--instansi", "PT Maju Bersama", "--layanan", "pengujian", "--referensi", "1234/LP/XI/2026",
      "--harapan", "Hasil uji diperiksa ulang", "--kategori", "mutu hasil", "--waktu", "30/11/2026 14.20"],
     [(DEDI, "validasi", "--benar", "--teruskan-ke", LAB_UJI, "--waktu", "30/11/2026 14.35")]),
]


# The official numbers of the complaints recorded from e-mail, as main() recorded them.
DARI_SUREL: list[str] = []


def surel_tersedia() -> list[tuple[Path, list[str], list[tuple[str, ...]]]]:
    """The e-mail complaints whose .eml is here (all of them in a checkout)."""
    return [s for s in SUREL if s[0].is_file()]


def jumlah_keluhan() -> int:
    """How many complaints the demo records (voided duplicate included): the tests that read
    the demo's register count from here, never from a literal."""
    return len(KELUHAN) + len(surel_tersedia())


def _keluhan(arsip: Path, petugas: str, *args: str, tampil: bool = True) -> str:
    perintah = [sys.executable, "-m", "keluhan", "--arsip", str(arsip), "--petugas", petugas, *args]
    if tampil:
        print("$ keluhan " + shlex.join(["--petugas", petugas, *args])[:150])
    hasil = subprocess.run(perintah, capture_output=True, text=True, env=os.environ | {"COLUMNS": "160"})
    if hasil.returncode != 0:
        sys.exit(f"demo gagal: {' '.join(args[:2])}: {hasil.stderr.strip()}")
    if tampil and hasil.stdout.strip():
        print("  " + hasil.stdout.strip().replace("\n", "\n  "))
    return hasil.stdout.strip()


def rujukan(nomor: str) -> str:
    """The short reference a clerk types for an official number: "12" for this year's
    012, "12/2025" for another year's (SPEC: a complaint is named by its sequence number)."""
    from datetime import date

    urut, *_, tahun = nomor.split("/")
    return str(int(urut)) if int(tahun) == date.today().year else f"{int(urut)}/{tahun}"


def main(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    arsip = folder / "archive.db"
    print(f"== Arsip demo: {arsip}\n")
    _keluhan(arsip, RINA, "init")  # the only way an archive is made
    _kop(folder)
    print()
    for nama, *opsi in PETUGAS_DEMO:
        _keluhan(arsip, RINA, "petugas", "tambah", nama, *opsi, "--alasan", "Surat tugas Tim PJTK 2026")
    print()
    for isian, langkah in KELUHAN:
        nomor = rujukan(_keluhan(arsip, RINA, "catat", *isian))
        for petugas, perintah, *args in langkah:
            _keluhan(arsip, petugas, perintah, nomor, *args)
        print()
    if len(surel_tersedia()) < len(SUREL):
        print(f"(Contoh surel tidak ada di {DATA / 'eml'}: keluhan dari surel dilewati; jalankan dari checkout)\n")
    for pesan, isian, langkah in surel_tersedia():
        DARI_SUREL.append(_keluhan(arsip, RINA, "catat", "--dari-eml", str(pesan), *isian))
        nomor = rujukan(DARI_SUREL[-1])
        for petugas, perintah, *args in langkah:
            _keluhan(arsip, petugas, perintah, nomor, *args)
        print()
    print("== Daftar keluhan\n")
    print(_keluhan(arsip, RINA, "daftar", "--per-halaman", "20", tampil=False))
    for langkah in SETELAH:
        langkah(arsip, folder)


# The demo Balai's letterhead: a drawn emblem (no real institution's logo) and its contacts.
LOGO = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100" width="100" height="100">'
    '<circle cx="50" cy="50" r="46" fill="none" stroke="#1f3a5f" stroke-width="6"/>'
    '<path d="M30 68 L50 24 L70 68 Z" fill="#1f3a5f"/><rect x="26" y="72" width="48" height="7" fill="#1f3a5f"/></svg>\n'
)
KOP = {
    "logo": "logo-demo.svg",
    "alamat": "Jl. Balai Kimia No. 7, Jakarta Timur 13210",
    "telepon": "(021) 555-0123",
    "email": "pjtk@balai-demo.go.id",
    "situs": "https://balai-demo.go.id",
}


def _kop(folder: Path) -> None:
    """Fill the letterhead settings that keluhan init wrote empty (unit.logo and the contacts)."""
    (folder / KOP["logo"]).write_text(LOGO, encoding="utf-8")
    toml = folder / "keluhan.toml"
    teks = toml.read_text(encoding="utf-8")
    for kunci, nilai in KOP.items():
        lama = f'\n{kunci} = ""\n'
        assert lama in teks, f"keluhan init wrote no {kunci} setting"
        teks = teks.replace(lama, f'\n{kunci} = "{nilai}"\n', 1)
    toml.write_text(teks, encoding="utf-8")


def _ringkasan(arsip: Path, folder: Path) -> None:
    import json
    from collections import Counter

    daftar = json.loads(_keluhan(arsip, RINA, "daftar", "--per-halaman", "1000", "--json", tampil=False))
    per_status = Counter(k["status"] for k in daftar)
    print("\n== Ringkasan: " + ", ".join(f"{s} {n}" for s, n in sorted(per_status.items())))
    print(f"   {len(daftar)} keluhan dari {len({k['media'] for k in daftar})} media.")


def _format_formulir() -> tuple[str, ...]:
    """md and html, and pdf where WeasyPrint is installed (make venv installs keluhan[pdf])."""
    from keluhan import pdf

    if pdf.tersedia():
        return ("md", "html", "pdf")
    print("(WeasyPrint tidak terpasang: formulir PDF dilewati; pip install 'keluhan[pdf]')")
    return ("md", "html")


def _formulir(arsip: Path, folder: Path) -> None:
    """Every form of the complaint that went through a rework loop (formulir --semua), as md, html and pdf."""
    keluar = folder / "formulir"
    keluar.mkdir(exist_ok=True)
    nomor = "002/KP/BBSPJIKFK/X/2026"
    fmt_semua = _format_formulir()
    for fmt in fmt_semua:
        _keluhan(arsip, RINA, "formulir", rujukan(nomor), "--semua", "--format", fmt, "--keluar", f"{keluar}/",
                 tampil=False)
    print(f"\n== Formulir keluhan {nomor} ({', '.join(fmt_semua)}; keluhan formulir {rujukan(nomor)} --semua): {keluar}/")
    for p in sorted(keluar.iterdir()):
        print(f"   {p.name}")


# What the demo does after recording: each issue that adds a feature appends its step.
SETELAH = [_ringkasan, _formulir]


def _rekap_layar(arsip: Path, judul: str, *periode: str) -> None:
    """A recap on the terminal as the clerk sees it (a summary; Markdown when piped), 160 columns wide."""
    perintah = " ".join(("keluhan rekap", *periode))
    print(f"\n== {judul}: {perintah}\n", flush=True)
    hasil = subprocess.run([sys.executable, "-m", "keluhan", "--arsip", str(arsip), "rekap", *periode],
                           env=os.environ | {"COLUMNS": "160"})
    if hasil.returncode != 0:
        sys.exit(f"demo gagal: {perintah}")
    print()


def _rekap(arsip: Path, folder: Path) -> None:
    """Issue 3: October 2026's recap on the terminal (a summary; Markdown when piped), then as files."""
    _rekap_layar(arsip, "Rekap Oktober 2026", "--bulan", "2026-10")
    for fmt in ("md", "html", "json", *(f for f in _format_formulir() if f == "pdf")):
        _keluhan(arsip, RINA, "rekap", "--bulan", "2026-10", "--format", fmt, "--keluar", str(folder))


SETELAH.append(_rekap)


def _bukti(arsip: Path, folder: Path) -> None:
    """Issue 16: the letter complaint's scan attached inside the archive (the e-mail complaint
    carries its .eml already), its attachments listed, and the quarter's recap printed and written."""
    if SURAT_PINDAI.is_file():
        nomor = rujukan("010/KP/BBSPJIKFK/XI/2026")  # Agus Salim's letter (media surat)
        print("\n== Bukti di dalam arsip: surat keluhan pindaian dan surel (.eml) yang dicatat dari pesannya\n")
        _keluhan(arsip, RINA, "lampirkan", nomor, str(SURAT_PINDAI), "--keterangan", "Surat keluhan asli (pindaian)")
        _keluhan(arsip, RINA, "lampiran", nomor)
        for nomor in DARI_SUREL[:1]:  # the .eml it was recorded from, attached by catat --dari-eml
            _keluhan(arsip, RINA, "lampiran", rujukan(nomor))
    else:
        print(f"\n(Surat pindaian contoh tidak ada: {SURAT_PINDAI}; lampirkan dilewati)")
    _rekap_layar(arsip, "Rekap triwulan IV 2026", "--triwulan", "2026-4")
    for fmt in ("md", "html"):
        _keluhan(arsip, RINA, "rekap", "--triwulan", "2026-4", "--format", fmt, "--keluar", f"{folder}/")


SETELAH.append(_bukti)


def _kantor(arsip: Path, folder: Path) -> None:
    """A correction (the audit queries show one), the export, and the archive for auditors."""
    print()
    _keluhan(arsip, RINA, "koreksi", rujukan("005/KP/BBSPJIKFK/X/2026"), "--kolom", "instansi",
             "--nilai", "PT Plastik Prima Tbk", "--alasan", "Nama instansi sesuai kop surat pelanggan")
    for nama, tambahan in (("ekspor.csv", []), ("ekspor-tanpa-data-pribadi.csv", ["--tanpa-data-pribadi"])):
        _keluhan(arsip, RINA, "ekspor", *tambahan, "--keluar", str(folder / nama), tampil=False)
    print(f"\n== Ekspor (dibaca kembali oleh keluhan impor): {folder}/ekspor.csv, {folder}/ekspor-tanpa-data-pribadi.csv")
    print(f"\n== Untuk auditor (Datasette): keluhan --arsip {arsip} datasette --keluar {folder}/")
    print("  " + _keluhan(arsip, RINA, "datasette", "--keluar", f"{folder}/", tampil=False).replace("\n", "\n  "))


SETELAH.append(_kantor)


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "demo"))
