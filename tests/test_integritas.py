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
