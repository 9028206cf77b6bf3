"""`keluhan kepuasan`: the customer's satisfaction (PermenPANRB 14/2017, 1-4) and acceptance, one per informasikan."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from keluhan.workflow import Status
from conftest import REPO, Jalankan, baca_db, potret, satu_baris_galat, ubah_db

SESUDAH = "2026-11-04 09:00"  # after `sampai`'s informasikan (Tue 3 Nov 11:30)


def _kepuasan(jalankan: Jalankan, nomor: str, *opsi: str, waktu: str = SESUDAH) -> Any:
    return jalankan("kepuasan", nomor, *opsi, "--waktu", waktu)


def test_kepuasan_dicatat_tanpa_mengubah_status(sampai: Callable[..., str], jalankan: Jalankan,
                                                lihat: Callable[[str], dict[str, Any]], arsip: Path) -> None:
    """After informasikan: one status-less event in the chain, the complaint's latest answer on its row, status kept."""
    nomor = sampai(Status.SELESAI)
    sebelum = lihat(nomor)
    r = _kepuasan(jalankan, nomor, "--nilai", "3", "--tidak-menerima", "--catatan", "Lambat, tapi tuntas")
    assert (r.exit_code, r.stderr) == (0, "")
    assert "nilai 3 (baik)" in r.stdout and "tidak menerima" in r.stdout
    k = lihat(nomor)
    assert (k["status"], k["waktu_status"]) == (sebelum["status"], sebelum["waktu_status"])
    assert (k["kepuasan_nilai"], k["kepuasan_menerima"], k["kepuasan_catatan"], k["dinilai"], k["petugas_kepuasan"]) == (
        3, 0, "Lambat, tapi tuntas", "2026-11-04T09:00:00+07:00", "Rina Wulandari")
    akhir = k["riwayat"][-1]
    assert {c: akhir[c] for c in ("langkah", "aksi", "status_dari", "status_ke")} == {
        "langkah": None, "aksi": "kepuasan", "status_dari": None, "status_ke": None}
    informasikan = next(p for p in k["riwayat"] if p["aksi"] == "informasikan")
    assert akhir["rincian"] == {"nilai": 3, "menerima": False, "catatan": "Lambat, tapi tuntas",
                                "diinformasikan": informasikan["waktu"]}
    assert baca_db(arsip, "SELECT kepuasan_nilai, kepuasan_menerima FROM keluhan") == [
        {"kepuasan_nilai": 3, "kepuasan_menerima": 0}]
    assert jalankan("periksa").exit_code == 0


@pytest.mark.parametrize("status", [Status.DICATAT, Status.DIVALIDASI, Status.TIDAK_VALID, Status.DITINDAKLANJUTI,
                                    Status.DIVERIFIKASI], ids=str)
def test_kepuasan_sebelum_informasikan_ditolak(status: Status, sampai: Callable[..., str], jalankan: Jalankan,
                                               arsip: Path) -> None:
    """Before the customer is informed there is nothing to rate: refused, naming informasikan, archive unchanged."""
    nomor = sampai(status)
    awal = potret(arsip)
    r = _kepuasan(jalankan, nomor, "--nilai", "4", waktu="2026-11-09 09:00")
    baris = satu_baris_galat(r, 1)
    assert "belum diinformasikan" in baris and f"keluhan informasikan {nomor}" in baris, baris
    assert potret(arsip) == awal


def test_kepuasan_kedua_untuk_informasikan_yang_sama_ditolak(sampai: Callable[..., str], jalankan: Jalankan,
                                                              arsip: Path) -> None:
    """One answer per informasikan: a second is refused, naming koreksi; archive unchanged."""
    nomor = sampai(Status.SELESAI)
    assert _kepuasan(jalankan, nomor, "--nilai", "4", "--menerima").exit_code == 0
    awal = potret(arsip)
    baris = satu_baris_galat(_kepuasan(jalankan, nomor, "--nilai", "2", waktu="2026-11-05 09:00"), 1)
    assert "sudah dicatat" in baris and "keluhan koreksi" in baris and "kepuasan_nilai" in baris, baris
    assert potret(arsip) == awal


@pytest.mark.parametrize(("opsi", "kata"), [
    (["--nilai", "5"], "--nilai"),
    (["--nilai", "0"], "--nilai"),
    (["--nilai", "tiga"], "--nilai"),
    ([], "--nilai"),
    (["--nilai", "3", "--menerima", "--tidak-menerima"], "--menerima"),
])
def test_masukan_salah_ditolak(opsi: list[str], kata: str, sampai: Callable[..., str], jalankan: Jalankan,
                               arsip: Path) -> None:
    """A value off the 1-4 scale, none at all, or both acceptance flags: one line, archive unchanged."""
    nomor = sampai(Status.SELESAI)
    awal = potret(arsip)
    r = _kepuasan(jalankan, nomor, *opsi)
    assert r.exit_code != 0 and kata in r.stderr and "Traceback" not in r.stderr, r.stderr
    assert len(r.stderr.splitlines()) == 1, r.stderr
    assert potret(arsip) == awal


@pytest.mark.parametrize("waktu", ["2026-11-03 11:00", "2099-01-01 09:00"])
def test_waktu_sebelum_informasikan_atau_masa_depan_ditolak(waktu: str, sampai: Callable[..., str],
                                                            jalankan: Jalankan, arsip: Path) -> None:
    """An answer dated before the result was given, or in the future, is refused; archive unchanged."""
    nomor = sampai(Status.SELESAI)
    awal = potret(arsip)
    satu_baris_galat(_kepuasan(jalankan, nomor, "--nilai", "4", waktu=waktu), 2)
    assert potret(arsip) == awal


def test_koreksi_nilai_kepuasan(sampai: Callable[..., str], jalankan: Jalankan,
                                lihat: Callable[[str], dict[str, Any]]) -> None:
    """A mistyped answer is corrected with koreksi (old value kept in riwayat); periksa still agrees."""
    nomor = sampai(Status.SELESAI)
    assert _kepuasan(jalankan, nomor, "--nilai", "1", "--menerima").exit_code == 0
    for kolom, nilai, harap in (("kepuasan_nilai", "4", 4), ("kepuasan_menerima", "tidak", 0),
                                ("kepuasan_catatan", "Ditulis ulang", "Ditulis ulang")):
        r = jalankan("koreksi", nomor, "--kolom", kolom, "--nilai", nilai, "--alasan", "Salah ketik dari formulir")
        assert r.exit_code == 0, r.stderr
        assert lihat(nomor)[kolom] == harap
    k = lihat(nomor)
    assert [p["rincian"]["lama"] for p in k["riwayat"] if p["aksi"] == "koreksi"] == [1, 1, None]
    assert jalankan("periksa").exit_code == 0


@pytest.mark.parametrize(("kolom", "nilai"), [("kepuasan_nilai", "7"), ("kepuasan_nilai", "x"),
                                              ("kepuasan_menerima", "mungkin")])
def test_koreksi_kepuasan_nilai_tidak_sah_ditolak(kolom: str, nilai: str, sampai: Callable[..., str],
                                                  jalankan: Jalankan, arsip: Path) -> None:
    """A correction is held to the command's own rules (1-4; accepted or not)."""
    nomor = sampai(Status.SELESAI)
    assert _kepuasan(jalankan, nomor, "--nilai", "3").exit_code == 0
    awal = potret(arsip)
    satu_baris_galat(jalankan("koreksi", nomor, "--kolom", kolom, "--nilai", nilai, "--alasan", "x"), 2)
    assert potret(arsip) == awal


def test_koreksi_kepuasan_sebelum_ada_jawaban_ditolak(sampai: Callable[..., str], jalankan: Jalankan,
                                                      arsip: Path) -> None:
    """Nothing to correct before an answer was recorded: refused, naming the kepuasan command."""
    nomor = sampai(Status.SELESAI)
    awal = potret(arsip)
    baris = satu_baris_galat(jalankan("koreksi", nomor, "--kolom", "kepuasan_nilai", "--nilai", "3",
                                      "--alasan", "x"), 1)
    assert "kepuasan" in baris
    assert potret(arsip) == awal


def test_banding_sesudah_menerima_memperingatkan(sampai: Callable[..., str], jalankan: Jalankan,
                                                 lihat: Callable[[str], dict[str, Any]]) -> None:
    """An appeal after the customer said they accept the result is recorded, with a warning on stderr."""
    nomor = sampai(Status.SELESAI)
    assert _kepuasan(jalankan, nomor, "--nilai", "4", "--menerima").exit_code == 0
    r = jalankan("banding", nomor, "--alasan", "Berubah pikiran", "--waktu", "2026-11-05 09:00")
    assert r.exit_code == 0, r.stderr
    assert r.stderr == ("Peringatan: pelanggan menyatakan menerima hasil penyelesaian (4 November 2026 09.00 WIB, "
                        "keluhan kepuasan --menerima); banding tetap dicatat.\n"), r.stderr
    assert lihat(nomor)["status"] == "banding"


def test_banding_sesudah_tidak_menerima_tanpa_peringatan(sampai: Callable[..., str], jalankan: Jalankan) -> None:
    """No warning when the customer did not accept (or did not say)."""
    nomor = sampai(Status.SELESAI)
    assert _kepuasan(jalankan, nomor, "--nilai", "2", "--tidak-menerima").exit_code == 0
    r = jalankan("banding", nomor, "--alasan", "Tidak puas", "--waktu", "2026-11-05 09:00")
    assert (r.exit_code, r.stderr) == (0, "")


def test_kepuasan_sesudah_banding_dan_tidak_valid(sampai: Callable[..., str], jalankan: Jalankan,
                                                  lihat: Callable[[str], dict[str, Any]]) -> None:
    """An answer not yet given may still be recorded once the customer appealed; a 'tidak valid' outcome can be rated too."""
    nomor = sampai(Status.BANDING)
    assert _kepuasan(jalankan, nomor, "--nilai", "1", "--tidak-menerima", waktu="2026-11-09 09:00").exit_code == 0
    assert lihat(nomor)["status"] == "banding"
    lain = sampai(Status.TIDAK_VALID)
    assert jalankan("informasikan", lain, "--waktu", "2026-11-02 09:00").exit_code == 0
    assert _kepuasan(jalankan, lain, "--nilai", "2", waktu="2026-11-02 10:00").exit_code == 0


def test_periksa_menangkap_nilai_diubah_diam_diam(sampai: Callable[..., str], jalankan: Jalankan, arsip: Path) -> None:
    """A rating edited in the keluhan row behind the history's back is found by periksa and the stdlib script."""
    nomor = sampai(Status.SELESAI)
    assert _kepuasan(jalankan, nomor, "--nilai", "2").exit_code == 0
    skrip = [sys.executable, str(REPO / "docs" / "periksa_arsip.py"), str(arsip)]
    assert subprocess.run(skrip, capture_output=True, text=True).returncode == 0
    ubah_db(arsip, "UPDATE keluhan SET kepuasan_nilai = 4")
    r = jalankan("periksa")
    assert r.exit_code != 0 and "kepuasan_nilai" in r.stdout + r.stderr
    hasil = subprocess.run(skrip, capture_output=True, text=True)
    assert hasil.returncode == 1 and "kepuasan_nilai" in hasil.stdout, hasil.stdout
