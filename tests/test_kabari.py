"""Progress notices (``keluhan kabari``, ISO/IEC 17025 7.9.5): an event of the transition table that changes no
status and leaves the clock alone; shown in lihat, the FPKP and the recap's open list."""

from __future__ import annotations

import json

import pytest

from keluhan.workflow import Aksi, Status

from conftest import BERIKUT, PETUGAS, baca_db, lihat_json, pesan_tolak, potret, satu_baris_galat

KABAR = ["--media", "telepon", "--catatan", "Uji ulang dijadwalkan Kamis"]


@pytest.mark.parametrize("status", [Status.DICATAT, Status.DIVALIDASI, Status.TIDAK_VALID, Status.DITINDAKLANJUTI,
                                    Status.DIVERIFIKASI, Status.BANDING], ids=lambda s: s.value)
def test_kabari_tanpa_ubah_status_dan_jam(status: Status, sampai, jalankan, arsip) -> None:
    """In every open status a notice is one riwayat row with no status and no step, its media and note kept; the
    complaint's status, last step time and deadline row are as before."""
    nomor = sampai(status)
    sebelum = lihat_json(jalankan, nomor)
    tenggat = baca_db(arsip, "SELECT * FROM tenggat")
    r = jalankan("kabari", nomor, *KABAR, "--waktu", BERIKUT)
    assert (r.exit_code, r.stderr, r.stdout) == (
        0, "", f"{nomor}: kabar kemajuan kepada pelanggan dicatat; status tidak berubah (status: {status.value}).\n")
    k = lihat_json(jalankan, nomor)
    assert (k["status"], k["waktu_status"], k["langkah_berikutnya"], k["batas_langkah"]) == (
        sebelum["status"], sebelum["waktu_status"], sebelum["langkah_berikutnya"], sebelum["batas_langkah"])
    e = k["riwayat"][-1]
    assert (e["aksi"], e["langkah"], e["status_dari"], e["status_ke"], e["petugas"], e["waktu"], e["rincian"]) == (
        "kabari", None, None, None, PETUGAS, "2026-11-09T09:00:00+07:00",
        {"media": "telepon", "catatan": "Uji ulang dijadwalkan Kamis"})
    assert baca_db(arsip, "SELECT * FROM tenggat") == tenggat
    assert baca_db(arsip, "SELECT COUNT(*) AS n FROM durasi_langkah WHERE riwayat_urutan = ?", (e["urutan"],))[0]["n"] == 0
    assert jalankan("periksa").exit_code == 0


def test_kabari_tidak_menggeser_langkah_berikut(sampai, jalankan, arsip) -> None:
    """The next step is still measured from the previous step, not from the notice in between."""
    nomor = sampai(Status.DIVALIDASI)  # validated Mon 2 Nov 08:20; tindak's mutu baku is 3 working days
    assert jalankan("kabari", nomor, *KABAR, "--waktu", "2026-11-04 09:00").exit_code == 0
    r = jalankan("tindak", nomor, "--koreksi", "k", "--pencegahan", "p", "--waktu", "2026-11-05 08:00",
                 petugas="Andi Saputra")
    assert r.exit_code == 0, r.stderr
    d = baca_db(arsip, "SELECT mulai, patuh FROM durasi_langkah WHERE langkah = 4")
    assert d == [{"mulai": "2026-11-02T08:20:00+07:00", "patuh": 1}]


def test_kabari_setelah_selesai_ditolak(sampai, jalankan, arsip) -> None:
    """Once handled (selesai) nothing is in progress: refused with the table's hint, file unchanged."""
    nomor = sampai(Status.SELESAI)
    sebelum = potret(arsip)
    r = jalankan("kabari", nomor, *KABAR, "--waktu", BERIKUT)
    assert satu_baris_galat(r, 1) == pesan_tolak(nomor, Status.SELESAI, "kabari")
    assert potret(arsip) == sebelum


@pytest.mark.parametrize(("args", "pesan"), [
    (["--catatan", "x"], "Galat: Perintah 'kabari' memerlukan --media MEDIA."),
    (["--media", "email"], "Galat: Perintah 'kabari' memerlukan --catatan TEKS."),
    (["--media", "email", "--catatan", "   "], "Galat: Perintah 'kabari' memerlukan --catatan TEKS."),
])
def test_kabari_tanpa_isian_ditolak(args: list[str], pesan: str, sampai, jalankan, arsip) -> None:
    """A notice needs its medium and what was said; refused in one line, file unchanged."""
    nomor = sampai(Status.DIVALIDASI)
    sebelum = potret(arsip)
    assert satu_baris_galat(jalankan("kabari", nomor, *args, "--waktu", BERIKUT), 2) == pesan
    assert potret(arsip) == sebelum


def test_kabari_sebelum_langkah_terakhir_ditolak(sampai, jalankan, arsip) -> None:
    """A notice dated before the complaint's last step is refused like a step would be."""
    nomor = sampai(Status.DIVALIDASI)
    sebelum = potret(arsip)
    r = jalankan("kabari", nomor, *KABAR, "--waktu", "2026-11-02 08:00")
    assert satu_baris_galat(r, 2).startswith("Galat: Waktu kabari (2 November 2026 08.00 WIB) lebih awal dari langkah")
    assert potret(arsip) == sebelum


def test_kabari_di_lihat_fpkp_dan_rekap(sampai, jalankan, arsip) -> None:
    """lihat's history and the FPKP show the notice; the recap's open list counts the notices given by the period's
    end (a later one is not counted in an earlier period)."""
    nomor = sampai(Status.DIVALIDASI)
    for waktu in ("2026-11-03 09:00", "2026-11-04 09:00", "2026-12-01 09:00"):
        assert jalankan("kabari", nomor, *KABAR, "--waktu", waktu).exit_code == 0
    lihat = jalankan("lihat", nomor).stdout
    assert "kabar via telepon: Uji ulang dijadwalkan Kamis" in lihat
    fpkp = jalankan("formulir", nomor, "--jenis", "fpkp").stdout
    assert "Kabar kemajuan via telepon: Uji ulang dijadwalkan Kamis" in fpkp
    nov = json.loads(jalankan("rekap", "--bulan", "2026-11", "--format", "json").stdout)
    assert [(t["nomor"], t["kabar"], t["keterangan"]) for t in nov["terbuka_akhir_periode"]] == [
        (nomor, 2, "Menunggu langkah 4, melewati mutu baku; kabar kemajuan 2 kali")]
    r = jalankan("rekap", "--bulan", "2026-12", "--format", "json")
    assert r.exit_code == 0, r.stderr
    assert [t["kabar"] for t in json.loads(r.stdout)["terbuka_akhir_periode"]] == [3]
