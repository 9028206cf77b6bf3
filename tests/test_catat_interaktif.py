"""Interactive `catat` (issue 12): with no arguments at a terminal it asks every FPKP field
in the form's order, lists choices with numbers, reads --diajukan as people say it, shows a
summary and asks before a number is issued; No writes nothing. Driven on a real
pseudo-terminal, a real process."""

from __future__ import annotations

import re

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from _terminal import Terminal
from conftest import baca_db, potret

WIB = ZoneInfo("Asia/Jakarta")
URUTAN_FPKP = ["Nama pelanggan", "Instansi/Perusahaan", "Alamat", "Telepon/Faksimile", "Email",
               "Tanggal diajukan pelanggan", "Media penyampaian", "Jenis layanan", "No. LHU/Sertifikat",
               "Kategori keluhan", "Uraian keluhan", "Harapan pelanggan", "Waktu diterima dan dicatat"]


def _jawab_semua(t: Terminal, jawaban: list[str]) -> None:
    for label, jawab in zip(URUTAN_FPKP, jawaban, strict=True):
        t.tunggu(label)
        t.tunggu(": ")
        t.ketik(jawab)


def test_wawancara_fpkp_lalu_konfirmasi(arsip, lihat) -> None:
    """Every FPKP field asked in order, choices by number, 'kemarin 14.30', a summary, then yes: one complaint."""
    t = Terminal("catat")
    _jawab_semua(t, ["PT Sinar Kimia", "", "Jl. Kenari 5", "0812-3456-7890", "", "kemarin 14.30",
                     "2", "1", "LHU-0412/2026", "", "LHU belum diterima", "Dikirim ulang", "kemarin 15.00"])
    layar = t.tunggu("[y/T]")
    assert "1. kotak" in t.keluaran and "2. surat" in t.keluaran and "1. pengujian" in t.keluaran
    kemarin = datetime.now(WIB).date() - timedelta(days=1)
    from keluhan import tanggal as tg

    assert f"{tg.tanggal(kemarin)} 14.30 WIB" in layar  # the summary reads the time as a person says it
    assert "surat" in layar and "pengujian" in layar and "LHU belum diterima" in layar
    t.ketik("y")
    assert t.akhir() == 0, t.keluaran
    assert "Nomor: 001/KP/BBSPJIKFK/" in t.keluaran
    k = lihat(re.search(r"Nomor: (\S+)", t.keluaran)[1])  # its full number: 'kemarin' may be last year's
    assert (k["nama"], k["alamat"], k["telepon"], k["media"], k["layanan"], k["referensi"], k["harapan"]) == (
        "PT Sinar Kimia", "Jl. Kenari 5", "0812-3456-7890", "surat", "pengujian", "LHU-0412/2026", "Dikirim ulang")
    assert k["instansi"] is None and k["email"] is None
    assert k["diajukan"] == f"{kemarin.isoformat()}T14:30:00+07:00"
    assert k["dicatat"] == f"{kemarin.isoformat()}T15:00:00+07:00"
    # The order asked is the form's order.
    posisi = [t.keluaran.find(label) for label in URUTAN_FPKP]
    assert posisi == sorted(posisi) and -1 not in posisi


def test_tidak_berarti_tidak_ada_yang_ditulis(arsip) -> None:
    """Answering no at the summary writes nothing (the archive unchanged, no number spent)."""
    sebelum = potret(arsip)
    t = Terminal("catat")
    _jawab_semua(t, ["CV Beta", "", "", "", "", "", "surat", "", "", "", "Sertifikat salah nama", "", ""])
    t.tunggu("[y/T]")
    t.ketik("t")
    assert t.akhir() == 1
    assert "Tidak dicatat" in t.keluaran
    assert potret(arsip) == sebelum


def test_jawaban_salah_ditanya_lagi(arsip) -> None:
    """A wrong choice, an impossible date or a blank required field is asked again, nothing lost; a letter's date alone is kept as a date."""
    t = Terminal("catat")
    t.tunggu("Nama pelanggan")
    t.ketik("")
    t.tunggu("wajib diisi")
    t.ketik("UD Gamma")
    for _ in range(4):
        t.tunggu(": ")
        t.ketik("")
    t.tunggu("Tanggal diajukan")
    t.tunggu(": ")
    t.ketik("31/02/2026")
    t.tunggu("31 Februari 2026 tidak ada; Februari 2026 sampai tanggal 28")
    t.ketik("30/10/2026")
    t.tunggu("Pilih nomor")
    t.ketik("9")
    t.tunggu("bukan pilihan")
    t.ketik("Email")
    for jawab in ["", "", "", "Hasil uji terlambat", "", "2/11/2026 08.10"]:
        t.tunggu(": ")
        t.ketik(jawab)
    t.tunggu("[y/T]")
    t.ketik("y")
    assert t.akhir() == 0, t.keluaran
    k = baca_db(arsip, "SELECT nama, media, diajukan, dicatat FROM keluhan")[0]
    assert k == {"nama": "UD Gamma", "media": "email", "diajukan": "2026-10-30", "dicatat": "2026-11-02T08:10:00+07:00"}
