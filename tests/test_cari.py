"""Issue 12, ``keluhan cari``: full-text search on SQLite FTS5 over number, customer,
organisation, e-mail, phone, description, reference and notes; ranked, paged, --json;
the index kept in step with every write, rebuilt by m009, safe across VACUUM."""

from __future__ import annotations

import csv
import json
import sqlite3
import unicodedata
from contextlib import closing
from pathlib import Path

import pytest

from keluhan import migrasi

from tests.conftest import BERIKUT, baca_db, potret, satu_baris_galat, tanpa_m011


def _nomor(jalankan, *kata: str) -> list[str]:
    r = jalankan("cari", *kata, "--json")
    assert r.exit_code == 0, r.stderr
    return [k["nomor"] for k in json.loads(r.stdout)]


@pytest.fixture
def dua(catat):
    """Two complaints that differ in every searched field."""
    a = catat(nama="Rénata O'Brien", instansi="PT. Sinar Kimia", telepon="0812-3456-7890",
              email="renata@sinar.co.id", uraian="LHU 001/KP terlambat; AND * \" tanda baca", referensi="LHU-2026-0457")
    b = catat(nama="Budi Hartono", instansi="CV Maju", uraian="Sertifikat kalibrasi timbangan salah",
              waktu="2026-11-02 08:20")
    return a, b


@pytest.mark.parametrize("kata, siapa", [
    ("renata", 0), ("RÉNATA", 0), ("sinar kimia", 0), ("renata@sinar.co.id", 0), ("0812-3456-7890", 0),
    ("081234567890", 0), ("lhu-2026-0457", 0), ("timbangan", 1), ("cv maju", 1), ("hartono", 1),
])
def test_setiap_kolom_dicari(kata, siapa, dua, jalankan) -> None:
    """Each searched field finds its complaint, case- and accent-insensitive; a phone typed as digits only."""
    assert _nomor(jalankan, kata) == [dua[siapa]]


@pytest.mark.parametrize("kata", ["001/KP", "PT.", "O'Brien", '"', "*", "AND", "OR", "NOT", "NEAR(", "a:b", "^x", "-"])
def test_tanda_baca_bukan_sintaks(kata, dua, jalankan) -> None:
    """The user's words are FTS5 strings: punctuation and operators never raise a syntax error."""
    r = jalankan("cari", kata, "--json")
    assert r.exit_code == 0, r.stderr
    json.loads(r.stdout)


def test_tanda_baca_ditemukan(dua, jalankan) -> None:
    """001/KP, PT. and O'Brien find the complaint that holds them."""
    for kata in ("001/KP", "PT.", "O'Brien"):
        assert dua[0] in _nomor(jalankan, kata), kata


def test_nfd_dan_nfc_sama(catat, jalankan) -> None:
    """Rénata recorded decomposed is found typed composed, and the other way round."""
    nfd = unicodedata.normalize("NFD", "Rénata Dekomposisi")
    a = catat(nama=nfd)
    b = catat(nama=unicodedata.normalize("NFC", "Rénata Komposisi"), waktu="2026-11-02 08:20")
    assert _nomor(jalankan, "Rénata Dekomposisi") == [a]
    assert _nomor(jalankan, nfd.split()[0] + " komposisi") == [b]


def test_json_sama_dengan_daftar(dua, jalankan) -> None:
    """--json is a list of the same objects daftar --json gives."""
    semua = {k["nomor"]: k for k in json.loads(jalankan("daftar", "--json").stdout)}
    hasil = json.loads(jalankan("cari", "timbangan", "--json").stdout)
    assert hasil == [semua[dua[1]]]


def test_peringkat_dan_halaman(catat, jalankan) -> None:
    """bm25 ranks the complaint naming the word most first; pages split the rest."""
    sedikit = catat(nama="Satu", uraian="kalibrasi termometer dan lainnya, banyak kata lain di sini juga")
    banyak = catat(nama="Dua", uraian="kalibrasi kalibrasi kalibrasi", waktu="2026-11-02 08:20")
    ketiga = catat(nama="Tiga", uraian="kalibrasi ulang alat ukur yang lain sekali lagi", waktu="2026-11-02 08:30")
    urut = _nomor(jalankan, "kalibrasi")
    assert urut[0] == banyak and set(urut) == {sedikit, banyak, ketiga}
    h1 = _nomor(jalankan, "kalibrasi", "--per-halaman", "2")
    h2 = _nomor(jalankan, "kalibrasi", "--per-halaman", "2", "--halaman", "2")
    assert h1 + h2 == urut and len(h2) == 1
    r = jalankan("cari", "kalibrasi", "--per-halaman", "2")
    assert "2 dari 3 keluhan cocok; halaman 1/2." in r.stderr + r.stdout


def test_teks_kosong_ditolak(dua, jalankan, arsip) -> None:
    """Only spaces: one line, exit 2 (an input error), nothing changed."""
    sebelum = potret(arsip)
    assert "Teks pencarian kosong" in satu_baris_galat(jalankan("cari", "  "), 2)
    assert potret(arsip) == sebelum


def test_seiring_langkah_dan_koreksi(dua, jalankan) -> None:
    """A step's notes and a corrected name are searchable at once; the old name no longer is."""
    r = jalankan("validasi", dua[1], "--benar", "--teruskan-ke", "Laboratorium Kalibrasi",
                 "--catatan", "pelanggan menelepon ulang", "--waktu", "2026-11-02 09:00")
    assert r.exit_code == 0, r.stderr
    assert _nomor(jalankan, "menelepon") == [dua[1]]
    r = jalankan("koreksi", dua[1], "--kolom", "nama", "--nilai", "Budiman Hartanto", "--alasan", "salah eja")
    assert r.exit_code == 0, r.stderr
    assert _nomor(jalankan, "budiman") == [dua[1]]
    assert _nomor(jalankan, "budi") == []


def test_indeks_tidak_disentuh_bila_kolom_tak_berubah(dua, jalankan, arsip) -> None:
    """A step that changes no searched column leaves the index's storage byte for byte."""
    sql = "SELECT * FROM keluhan_cari_data ORDER BY id"
    sebelum = baca_db(arsip, sql)
    r = jalankan("validasi", dua[0], "--benar", "--teruskan-ke", "Laboratorium Pengujian", "--waktu", "2026-11-02 09:00")
    assert r.exit_code == 0, r.stderr
    assert baca_db(arsip, sql) == sebelum


def test_vacuum_tidak_merusak(catat, jalankan, arsip) -> None:
    """VACUUM, and keluhan's implicit rowids renumbered as SQLite allows VACUUM to do: every search still finds its complaint."""
    nomor = [catat(nama=f"Pelanggan{i}", uraian=f"kata{i}", waktu=f"2026-11-02 08:{10 + i:02d}") for i in range(6)]
    with closing(sqlite3.connect(arsip, isolation_level=None)) as db:
        db.execute("VACUUM")
        # "VACUUM may change the ROWIDs of entries in any tables that do not have an explicit
        # INTEGER PRIMARY KEY" (SQLite's documentation): keluhan's primary key is its text id.
        db.execute("UPDATE keluhan SET rowid = 1000 - rowid")
        db.execute("VACUUM")
        assert db.execute("SELECT MIN(rowid) FROM keluhan").fetchone()[0] > 900
    for i, n in enumerate(nomor):
        assert _nomor(jalankan, f"kata{i}") == [n]
        assert _nomor(jalankan, f"pelanggan{i}") == [n]
    r = jalankan("periksa")
    assert r.exit_code == 0, r.stdout + r.stderr


def test_migrasi_mengisi_arsip_lama(dua, jalankan, arsip) -> None:
    """An archive from before m009 gets its index filled from every complaint on first write-open."""
    from conftest import tanpa_m011

    with closing(sqlite3.connect(arsip, isolation_level=None)) as db:
        tanpa_m011(db)  # applied again after m009
        for view in ("v_hari_kerja", "v_pencatatan_susulan", "v_hasil_validasi", "v_tenggat"):
            db.execute(f"DROP VIEW {view}")  # m010's, applied again after m009
        db.execute("DROP TABLE keluhan_cari")
        db.execute("DELETE FROM _migrasi WHERE nama IN ('m009_cari', 'm010_bukti_rekap', 'm011_putusan_banding')")
        db.execute(f"PRAGMA user_version = {[n for n, _ in migrasi.MIGRASI].index('m009_cari')}")
    assert jalankan("validasi", dua[1], "--tidak-benar", "--alasan", "ganda", "--waktu", BERIKUT).exit_code == 0
    assert _nomor(jalankan, "renata") == [dua[0]]
    assert _nomor(jalankan, "ganda") == [dua[1]]
    assert baca_db(arsip, "PRAGMA user_version")[0]["user_version"] == migrasi.versi_terbaru()


def test_impor_mengisi_indeks(tmp_path: Path, jalankan) -> None:
    """Complaints written by the bulk import are searchable, phone digits included."""
    berkas = tmp_path / "r.csv"
    with berkas.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["nama", "media", "uraian", "dicatat", "telepon", "petugas"])
        w.writerow(["Siti Impor", "surat", "Sertifikat belum terbit", "2025-03-05 09:00", "(021) 555-0199", "Rina"])
        w.writerow(["Joko Impor", "email", "LHU salah satuan", "2025-03-06 09:00", "", "Rina"])
    r = jalankan("impor", str(berkas), "--jalankan")
    assert r.exit_code == 0, r.stderr
    assert len(_nomor(jalankan, "impor")) == 2
    assert len(_nomor(jalankan, "0215550199")) == 1
    assert len(_nomor(jalankan, "satuan")) == 1
