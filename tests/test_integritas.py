"""Review findings on the archive's integrity: each test names the hole it closes.

Tampering is done as an insider would: plain ``sqlite3`` on the file.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from keluhan import pengaturan
from keluhan import periksa as pemeriksa
from keluhan import arsip as arsip_mod
from keluhan.arsip import Arsip
from keluhan.workflow import Aksi, Status

from conftest import BERIKUT, PETUGAS_TEKNIS, baca_db, potret, satu_baris_galat


def _temuan(jalur: Path) -> list[str]:
    a = Arsip(jalur, pengaturan.muat(None))
    try:
        return pemeriksa.periksa(a.db).temuan
    finally:
        a.tutup()


# -- petugas names (ISO/IEC 17025 7.9.6) ----------------------------------------------------


@pytest.mark.parametrize("verifikator", ["Andi  Saputra", " andi\tsaputra ", "Andi\u00a0Saputra", "Andi\u200b Saputra",
                                         "ＡＮＤＩ ＳＡＰＵＴＲＡ"])
def test_varian_nama_pencatat_tindakan_tidak_boleh_memverifikasi(verifikator, sampai, jalankan, arsip) -> None:
    """7.9.6: the action's recorder cannot verify it under a spacing, Unicode or width variant of the name."""
    nomor = sampai(Status.DITINDAKLANJUTI)
    sebelum = potret(arsip)
    r = jalankan("verifikasi", nomor, "--terima", "--waktu", BERIKUT, petugas=verifikator)
    assert "ISO/IEC 17025 7.9.6" in satu_baris_galat(r, 1)
    assert potret(arsip) == sebelum


def test_petugas_disimpan_rapi(catat, lihat, arsip) -> None:
    """A petugas is stored trimmed with single spaces, whatever whitespace was typed."""
    nomor = catat(petugas="  Budi \t Santoso\u200b ")
    assert lihat(nomor)["riwayat"][0]["petugas"] == "Budi Santoso"
    assert baca_db(arsip, "SELECT petugas_pencatat FROM keluhan") == [{"petugas_pencatat": "Budi Santoso"}]


def test_periksa_melaporkan_verifikasi_oleh_pencatat_tindakan(sampai, arsip, monkeypatch) -> None:
    """periksa names a verification by the action's recorder that an older version let through."""
    nomor = sampai(Status.DITINDAKLANJUTI)
    monkeypatch.setattr(arsip_mod, "sama_petugas", lambda a, b: False, raising=False)  # as if unchecked
    a = Arsip(arsip, pengaturan.muat(None))
    try:
        a.langkah(nomor, Aksi.VERIFIKASI_TERIMA, petugas=PETUGAS_TEKNIS.replace(" ", "  "),
                  waktu=a._sekarang().replace(year=2026, month=11, day=9, hour=9, minute=0, second=0))
    finally:
        a.tutup()
    monkeypatch.undo()
    assert any("ISO/IEC 17025 7.9.6" in t for t in _temuan(arsip))


# -- time order: instants, not text ------------------------------------------------------------


def test_langkah_sebelum_langkah_sebelumnya_dibandingkan_sebagai_instan(sampai, arsip) -> None:
    """08:10 WITA is 07:10 WIB: before a step at 08:00 WIB, though its text sorts after it."""
    from datetime import datetime
    from zoneinfo import ZoneInfo

    nomor = sampai(Status.DICATAT)  # recorded 2026-11-02 08:10 WIB
    sebelum = potret(arsip)
    a = Arsip(arsip, pengaturan.muat(None))
    try:
        with pytest.raises(arsip_mod.GalatMasukan, match="lebih awal dari langkah sebelumnya"):
            a.langkah(nomor, Aksi.VALIDASI_TIDAK_BENAR, petugas="Rina", rincian={"alasan": "x"},
                      waktu=datetime(2026, 11, 2, 8, 15, tzinfo=ZoneInfo("Asia/Makassar")))
    finally:
        a.tutup()
    assert potret(arsip) == sebelum
    assert _temuan(arsip) == []


# -- INSERT OR REPLACE and other ways around the append-only triggers -------------------------


def _sql(jalur: Path, *perintah: str) -> None:
    db = sqlite3.connect(jalur, isolation_level=None)
    try:
        for p in perintah:
            db.execute(p)
    finally:
        db.close()


def _kolom(jalur: Path, tabel: str) -> str:
    db = sqlite3.connect(jalur)
    try:
        return ", ".join(r[1] for r in db.execute(f"PRAGMA table_info({tabel})"))
    finally:
        db.close()


TIMPA = [
    # (table, WHERE picking one existing row, a column to change in the copy)
    ("riwayat", "urutan = 4", "petugas = 'Palsu'"),
    ("keluhan", "1", "nama = 'Palsu'"),
    ("tindakan", "1", "koreksi = 'Palsu'"),
    ("libur", "tanggal = '2026-12-25' AND dihapus IS NULL", "tanggal = '2026-12-25'"),
    ("libur_tahun", "tahun = 2026", "sumber = 'palsu'"),
    ("jam_kerja", "hari = 0", "selesai = '23:00'"),
    ("durasi_langkah", "1", "patuh = 1 - patuh"),
]


@pytest.mark.parametrize(("tabel", "syarat", "ubah"), TIMPA, ids=[t[0] for t in TIMPA])
def test_insert_or_replace_ditolak(tabel: str, syarat: str, ubah: str, sampai, arsip) -> None:
    """INSERT OR REPLACE of an existing row (which fires no DELETE trigger) is refused on every evidence table."""
    sampai(Status.SELESAI)
    sebelum = potret(arsip)
    kolom = _kolom(arsip, tabel)
    pilih = ", ".join(ubah.split(" = ", 1)[1] + f" AS {k}" if k == ubah.split(" = ")[0] else k for k in kolom.split(", "))
    with pytest.raises(sqlite3.IntegrityError, match="tidak boleh|hanya boleh|sudah"):
        _sql(arsip, f"INSERT OR REPLACE INTO {tabel} ({kolom}) SELECT {pilih} FROM {tabel} WHERE {syarat} LIMIT 1")
    with pytest.raises(sqlite3.IntegrityError):
        _sql(arsip, f"REPLACE INTO {tabel} ({kolom}) SELECT {pilih} FROM {tabel} WHERE {syarat} LIMIT 1")
    assert potret(arsip) == sebelum
    assert _temuan(arsip) == []


@pytest.mark.parametrize("perintah", [
    "UPDATE OR REPLACE keluhan SET nomor = 'X' WHERE 1",
    "UPDATE tindakan SET putaran = 9",
    "UPDATE jam_kerja SET selesai = '23:00' WHERE hari = 0",
    "DELETE FROM jam_kerja",
    "UPDATE libur_tahun SET sumber = 'x'",
    "DELETE FROM libur_tahun WHERE tahun = 2026",
    "DELETE FROM durasi_langkah",
    "UPDATE durasi_langkah SET mutu_baku = '30 hari'",
    "UPDATE durasi_langkah SET akhir = mulai",
])
def test_kunci_kalender_dan_durasi_tidak_dapat_diubah(perintah: str, sampai, arsip) -> None:
    """Keys of complaints and CAPA rows, office hours, seeded years and duration rows are refused plain SQL changes."""
    sampai(Status.SELESAI)
    sebelum = potret(arsip)
    with pytest.raises(sqlite3.IntegrityError):
        _sql(arsip, perintah)
    assert potret(arsip) == sebelum


@pytest.mark.parametrize("trigger", ["riwayat_tolak_timpa", "libur_tolak_timpa", "jam_kerja_tolak_ubah",
                                     "durasi_langkah_tolak_hapus"])
def test_periksa_melaporkan_trigger_timpa_yang_hilang(trigger: str, sampai, arsip) -> None:
    """periksa names a dropped overwrite guard as it does the original append-only triggers."""
    sampai(Status.DICATAT)
    _sql(arsip, f"DROP TRIGGER {trigger}")
    assert any(t.startswith(f"Trigger {trigger} ") and "tidak ada" in t for t in _temuan(arsip))
