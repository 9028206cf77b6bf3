"""Coded root causes (``tindak --kode-akar``) and the category list (issue 16): held to the
lists of the settings ledger as in force when recorded, corrected as events, carried by
export and import, answered by the auditors' query."""

from __future__ import annotations

import json
import sqlite3

from keluhan import skema
from keluhan.workflow import Status
from tests.conftest import (
    BERIKUT, PETUGAS_TEKNIS, baca_db, potret, satu_baris_galat, teks_waktu, waktu_langkah,
)


def _tindak(jalankan, nomor, *tambahan, waktu=None):
    return jalankan("tindak", nomor, "--koreksi", "LHU dikirim ulang", "--pencegahan", "Cek alamat email",
                    "--akar-masalah", "Alamat email salah ketik", *tambahan,
                    "--waktu", waktu or teks_waktu(waktu_langkah(2)), petugas=PETUGAS_TEKNIS)


def test_kode_akar_dicatat_di_tindakan_dan_lihat(sampai, jalankan, lihat, arsip) -> None:
    """A code from the default 6M list is stored on the round as the list writes it, beside the free text."""
    nomor = sampai(Status.DIVALIDASI)
    r = _tindak(jalankan, nomor, "--kode-akar", "  MeTode ")
    assert r.exit_code == 0, r.stderr
    t = lihat(nomor)["tindakan"][0]
    assert (t["kode_akar"], t["akar_masalah"]) == ("metode", "Alamat email salah ketik")
    assert baca_db(arsip, "SELECT kode_akar FROM tindakan") == [{"kode_akar": "metode"}]
    riwayat = baca_db(arsip, "SELECT rincian FROM riwayat WHERE aksi = 'tindak'")
    assert json.loads(riwayat[0]["rincian"])["kode_akar"] == "metode"
    teks = jalankan("lihat", nomor).stdout
    assert "kode akar: metode" in teks


def test_kode_akar_tidak_dikenal_ditolak_menyebut_daftar(sampai, jalankan, arsip) -> None:
    """An unknown code is refused in one line naming the list, and nothing is written."""
    nomor = sampai(Status.DIVALIDASI)
    sebelum = potret(arsip)
    baris = satu_baris_galat(_tindak(jalankan, nomor, "--kode-akar", "cuaca"), 2)
    assert "cuaca" in baris and "akar_masalah.kode" in baris
    assert "manusia, metode, peralatan, bahan, pengukuran, lingkungan, lainnya" in baris
    assert potret(arsip).dump == sebelum.dump


def test_tanpa_kode_akar_tetap_boleh(sampai, jalankan, lihat) -> None:
    """The code is optional: a CAPA without one is recorded uncoded."""
    nomor = sampai(Status.DIVALIDASI)
    assert _tindak(jalankan, nomor).exit_code == 0
    assert lihat(nomor)["tindakan"][0]["kode_akar"] is None


def test_daftar_kode_berlaku_sejak_menurut_waktu_tindakan(sampai, jalankan, lihat) -> None:
    """The list is effective-dated: a code added from 5 Nov is refused for a round dated 3 Nov, accepted after."""
    r = jalankan("pengaturan", "ubah", "akar_masalah.kode", "manusia,metode,peralatan,bahan,pengukuran,lingkungan,"
                 "pemasok,lainnya", "--alasan", "Kaji ulang manajemen 2026", "--berlaku-sejak", "2026-11-05")
    assert r.exit_code == 0, r.stderr
    nomor = sampai(Status.DIVALIDASI)
    baris = satu_baris_galat(_tindak(jalankan, nomor, "--kode-akar", "pemasok"), 2)
    assert "pemasok" in baris
    assert _tindak(jalankan, nomor, "--kode-akar", "pemasok", waktu="2026-11-05 10:00").exit_code == 0
    assert lihat(nomor)["tindakan"][0]["kode_akar"] == "pemasok"


def test_koreksi_putaran_memperbaiki_kode_akar(sampai, jalankan, lihat, arsip) -> None:
    """koreksi --kolom kode_akar --putaran N corrects the code as an event, held to the same list; periksa stays sound."""
    nomor = sampai(Status.DIVALIDASI)
    assert _tindak(jalankan, nomor, "--kode-akar", "manusia").exit_code == 0
    baris = satu_baris_galat(jalankan("koreksi", nomor, "--kolom", "kode_akar", "--putaran", "1", "--nilai", "hujan",
                                      "--alasan", "salah pilih"), 2)
    assert "hujan" in baris and "akar_masalah.kode" in baris
    r = jalankan("koreksi", nomor, "--kolom", "kode_akar", "--putaran", "1", "--nilai", "Peralatan",
                 "--alasan", "Analisis ulang: neraca rusak")
    assert r.exit_code == 0, r.stderr
    x = lihat(nomor)
    assert x["tindakan"][0]["kode_akar"] == "peralatan"
    koreksi = [json.loads(p["rincian"]) for p in baca_db(arsip, "SELECT rincian FROM riwayat WHERE aksi = 'koreksi'")]
    assert koreksi[0] | {} == {"kolom": "kode_akar", "putaran": 1, "lama": "manusia", "baru": "peralatan",
                               "alasan": "Analisis ulang: neraca rusak"}
    assert jalankan("periksa").exit_code == 0


def test_kategori_dari_daftar_dan_lainnya(arsip, catat, jalankan, lihat) -> None:
    """With kategori.daftar set, a listed category is stored as the list writes it; another is kept and warned about."""
    r = jalankan("pengaturan", "ubah", "kategori.daftar", "Waktu layanan, Mutu hasil, Tarif", "--alasan", "Daftar baku",
                 "--berlaku-sejak", "2026-01-01")
    assert r.exit_code == 0, r.stderr
    nomor = catat(kategori="mutu  HASIL")
    assert lihat(nomor)["kategori"] == "Mutu hasil"
    r = jalankan("catat", "--nama", "CV Maju", "--media", "email", "--uraian", "Ruang tunggu panas",
                 "--kategori", "sarana", "--waktu", BERIKUT)
    assert r.exit_code == 0, r.stderr
    assert "direkap sebagai 'lainnya: sarana'" in r.stderr
    assert lihat(r.stdout.strip())["kategori"] == "sarana"


def test_ekspor_impor_membawa_kode_akar(sampai, jalankan, tmp_path, monkeypatch, lihat) -> None:
    """ekspor (json and csv) carries the code, and impor into a new archive restores it."""
    nomor = sampai(Status.DIVALIDASI)
    assert _tindak(jalankan, nomor, "--kode-akar", "bahan").exit_code == 0
    for fmt in ("json", "csv"):
        keluar = tmp_path / f"ekspor.{fmt}"
        r = jalankan("ekspor", "--format", fmt, "--keluar", str(keluar))
        assert r.exit_code == 0, r.stderr
        if fmt == "csv":
            assert "kode_akar" in keluar.read_text(encoding="utf-8").splitlines()[0]
        baru = tmp_path / f"baru-{fmt}.db"
        assert jalankan("--arsip", str(baru), "init").exit_code == 0
        r = jalankan("--arsip", str(baru), "impor", str(keluar), "--jalankan")
        assert r.exit_code == 0, r.stderr
        with sqlite3.connect(baru) as db:
            assert db.execute("SELECT kode_akar FROM tindakan").fetchall() == [("bahan",)]


def test_kueri_keluhan_per_akar_masalah(sampai, jalankan, arsip) -> None:
    """The documented Pareto query counts complaints by their latest round's code, most first, cumulative to 100."""
    for kode in ("metode", "metode", "manusia"):
        nomor = sampai(Status.DIVALIDASI)
        assert _tindak(jalankan, nomor, "--kode-akar", kode).exit_code == 0
    nomor = sampai(Status.DIVALIDASI)
    assert _tindak(jalankan, nomor).exit_code == 0
    kueri = next(q for q in skema.KUERI if q.nama == "keluhan_per_akar_masalah")
    with sqlite3.connect(arsip) as db:
        db.row_factory = sqlite3.Row
        baris = [dict(r) for r in skema.jalankan_kueri(db, kueri, {"dari": "2026-11-01", "sampai": "2026-11-30"})]
    assert baris == [
        {"kode_akar": "metode", "jumlah": 2, "persen": 66.7, "persen_kumulatif": 66.7},
        {"kode_akar": "manusia", "jumlah": 1, "persen": 33.3, "persen_kumulatif": 100.0},
        {"kode_akar": None, "jumlah": 1, "persen": None, "persen_kumulatif": None},
    ]


def test_periksa_menemukan_kode_akar_diubah_langsung(sampai, jalankan, arsip) -> None:
    """tindakan.kode_akar is a fold of the events: edited behind the history's back, periksa names it."""
    from tests.conftest import ubah_db

    nomor = sampai(Status.DIVALIDASI)
    assert _tindak(jalankan, nomor, "--kode-akar", "metode").exit_code == 0
    assert jalankan("periksa").exit_code == 0
    ubah_db(arsip, "UPDATE tindakan SET kode_akar = 'lingkungan'")
    r = jalankan("periksa")
    assert r.exit_code == 1 and "kode_akar" in r.stdout
