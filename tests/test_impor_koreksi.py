"""Issue 13's leftover: a register whose history holds corrections beyond the form fields.
A CAPA round's field corrected (koreksi --kolom pencegahan --putaran 1, the latest round's
koreksi, its target) travels through every export format and re-imports to the same
complaint, CAPA rows and recap; a corrected time (koreksi --kolom waktu --peristiwa, or
--kolom diajukan) is refused naming the row and saying what to change, the archive untouched."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from _bantu_kantor import lihat_semua, periksa_rantai
from conftest import buat_arsip
from keluhan.cli import app

runner = CliRunner()


def _k(arsip: Path, *args: str, petugas: str = "Rina") -> str:
    r = runner.invoke(app, ["--arsip", str(arsip), "--petugas", petugas, *args], catch_exceptions=False)
    assert r.exit_code == 0, r.output
    return r.stdout


def _dua_putaran(arsip: Path) -> None:
    """One complaint through a rework loop (two CAPA rounds), informed."""
    buat_arsip(arsip)
    _k(arsip, "catat", "--nama", "PT Sinar Kimia", "--media", "email", "--uraian", "LHU terlambat",
       "--diajukan", "2/11/2026 08.00", "--waktu", "2/11/2026 08.10")
    _k(arsip, "validasi", "1/2026", "--benar", "--teruskan-ke", "Laboratorium Pengujian", "--waktu", "2/11/2026 08.20",
       petugas="Dedi")
    _k(arsip, "tindak", "1/2026", "--koreksi", "k1", "--pencegahan", "p1", "--waktu", "3/11/2026 09.00", petugas="Budi")
    _k(arsip, "verifikasi", "1/2026", "--kembalikan", "--alasan", "Belum tuntas", "--waktu", "3/11/2026 10.00",
       petugas="Agus")
    _k(arsip, "tindak", "1/2026", "--koreksi", "k2", "--pencegahan", "p2", "--target", "10/11/2026",
       "--waktu", "4/11/2026 09.00", petugas="Budi")
    _k(arsip, "verifikasi", "1/2026", "--terima", "--waktu", "4/11/2026 10.00", petugas="Agus")
    _k(arsip, "informasikan", "1/2026", "--waktu", "4/11/2026 11.00")


def _rekap(arsip: Path) -> object:
    data = json.loads(_k(arsip, "rekap", "--bulan", "2026-11", "--format", "json"))
    data.pop("jangkar")

    def tanpa_id(x: object) -> object:
        if isinstance(x, dict):
            return {k: tanpa_id(v) for k, v in x.items() if k not in ("id", "keluhan_id")}
        return [tanpa_id(v) for v in x] if isinstance(x, list) else x

    return tanpa_id(data)


@pytest.mark.parametrize(("format", "lain"), [("csv", []), ("csv", ["--pemisah", ";"]), ("json", []), ("ndjson", []),
                                              ("xlsx", [])])
def test_koreksi_tindakan_bolak_balik(tmp_path: Path, format: str, lain: list[str]) -> None:
    """Corrections of round 1's pencegahan and of the latest round's koreksi and target re-import (every format) to the same complaint, CAPA rows and recap."""
    asal = tmp_path / "asal.db"
    _dua_putaran(asal)
    _k(asal, "koreksi", "1/2026", "--kolom", "pencegahan", "--putaran", "1", "--nilai", "p1 yang benar", "--alasan", "Salah tulis")
    _k(asal, "koreksi", "1/2026", "--kolom", "koreksi", "--nilai", "k2 yang benar", "--alasan", "Salah tulis")
    _k(asal, "koreksi", "1/2026", "--kolom", "target", "--nilai", "12/11/2026", "--alasan", "Tanggal di surat tugas")
    berkas = tmp_path / f"ekspor.{format}"
    _k(asal, "ekspor", "--format", format, *lain, "--keluar", str(berkas))
    baru = buat_arsip(tmp_path / "baru.db")
    r = runner.invoke(app, ["--arsip", str(baru), "impor", str(berkas), "--jalankan"])
    assert r.exit_code == 0, r.output
    lama = lihat_semua(asal)
    tindakan = lama["001/KP/BBSPJIKFK/XI/2026"]["tindakan"]
    assert [(t["koreksi"], t["pencegahan"], t["target"]) for t in tindakan] == [
        ("k1", "p1 yang benar", None), ("k2 yang benar", "p2", "2026-11-12")]
    assert lihat_semua(baru) == lama
    assert _rekap(baru) == _rekap(asal)
    periksa_rantai(baru)
    assert runner.invoke(app, ["--arsip", str(baru), "periksa"]).exit_code == 0


@pytest.mark.parametrize(("koreksi", "pesan"), [
    (["--kolom", "waktu", "--peristiwa", "3", "--nilai", "3/11/2026 08.50"],
     "Baris 1: Riwayat memuat koreksi waktu langkah tindak (peristiwa #3 di arsip asal) (keluhan koreksi --kolom waktu), "
     "yang belum dapat diimpor. Tulis waktu yang benar (2026-11-03T08:50:00+07:00) langsung pada langkahnya di kolom "
     "riwayat dan hapus peristiwa koreksi itu dari riwayat, lalu impor lagi."),
    (["--kolom", "diajukan", "--nilai", "2/11/2026 07.45"],
     "Baris 1: Riwayat memuat koreksi waktu diajukan (keluhan koreksi --kolom diajukan), yang belum dapat diimpor. "
     "Tulis waktu yang benar (2026-11-02T07:45:00+07:00) langsung pada kolom diajukan dan hapus peristiwa koreksi itu "
     "dari riwayat, lalu impor lagi."),
])
def test_koreksi_waktu_ditolak_dengan_jelas(tmp_path: Path, koreksi: list[str], pesan: str) -> None:
    """A corrected step or submission time in the history: the dry run and --jalankan name the row and what to change; the archive stays byte-identical."""
    asal = tmp_path / "asal.db"
    _dua_putaran(asal)
    _k(asal, "koreksi", "1/2026", *koreksi, "--alasan", "Salah ketik jam")
    berkas = tmp_path / "ekspor.json"
    _k(asal, "ekspor", "--format", "json", "--keluar", str(berkas))
    baru = buat_arsip(tmp_path / "baru.db")
    isi = baru.read_bytes()
    r = runner.invoke(app, ["--arsip", str(baru), "impor", str(berkas)])
    assert pesan in r.stdout, r.output
    r = runner.invoke(app, ["--arsip", str(baru), "impor", str(berkas), "--jalankan"])
    assert r.exit_code != 0 and pesan in r.stdout and r.stderr.startswith("Galat:"), r.output
    assert baru.read_bytes() == isi
