"""A mistyped archive path: only the commands that create an archive (catat, impor
--jalankan) may create one; every other command says "Arsip tidak ditemukan" and writes
nothing, and a refused catat leaves no empty archive behind."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from conftest import PERINTAH_CLI, env_subproses, satu_baris_galat

# Every command that reads or changes an existing archive (catat, init and impor --jalankan excepted).
BUTUH_ARSIP = [
    ["lihat", "001"],
    ["lihat", "001", "--json"],
    ["daftar"],
    ["daftar", "--json"],
    ["terlambat"],
    ["terlambat", "--gagal-jika-ada"],
    ["terlambat", "--json"],
    ["rekap", "--bulan"],
    ["rekap", "--bulan", "2026-10", "--format", "json"],
    ["rekap", "--bulan", "--format", "html", "--keluar", "{tmp}"],
    ["formulir", "001", "--jenis", "fpkp"],
    ["validasi", "001", "--benar", "--teruskan-ke", "Laboratorium Pengujian"],
    ["tindak", "001", "--koreksi", "k", "--pencegahan", "p"],
    ["verifikasi", "001", "--terima"],
    ["informasikan", "001"],
    ["banding", "001", "--alasan", "a"],
    ["koreksi", "001", "--kolom", "telepon", "--nilai", "1", "--alasan", "a"],
    ["libur", "daftar"],
    ["libur", "tambah", "2026-12-30", "Cuti bersama"],
    ["libur", "hapus", "2026-12-25", "--alasan", "a"],
    ["ekspor"],
    ["ekspor", "--keluar", "{tmp}/e.csv"],
    ["periksa"],
    ["cadangkan", "{tmp}/salinan.db"],
]


@pytest.mark.parametrize("argv", BUTUH_ARSIP, ids=lambda a: " ".join(a))
def test_perintah_tanpa_arsip_ditolak(argv: list[str], jalankan, tmp_path: Path) -> None:
    """Each command on a missing archive: exit 1, "Arsip tidak ditemukan: PATH", no file created anywhere."""
    salah = tmp_path / "salah" / "b.db"
    salah.parent.mkdir()
    sebelum = sorted(tmp_path.rglob("*"))
    r = jalankan("--arsip", str(salah), *(a.format(tmp=tmp_path) for a in argv))
    assert satu_baris_galat(r, 1) == f"Galat: Arsip tidak ditemukan: {salah}"
    assert sorted(tmp_path.rglob("*")) == sebelum


@pytest.mark.parametrize("argv", [["lihat", "001"], ["daftar"], ["terlambat", "--gagal-jika-ada"], ["rekap", "--bulan"]])
def test_proses_nyata_di_folder_salah(argv: list[str], tmp_path: Path) -> None:
    """As cron or a clerk in the wrong folder runs it (fast path included): refused, no archive.db appears."""
    env = env_subproses()
    env.pop("KELUHAN_ARSIP")
    p = subprocess.run([*PERINTAH_CLI, *argv], cwd=tmp_path, env=env, stdin=subprocess.DEVNULL,
                       capture_output=True, text=True, timeout=60)
    assert (p.returncode, p.stdout, p.stderr) == (1, "", "Galat: Arsip tidak ditemukan: archive.db\n")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(("argv", "petugas", "kode"), [
    (["--nama", "PT A", "--media", "email", "--uraian", "x"], "", 2),
    (["--media", "email", "--uraian", "x"], None, 2),
    (["--nama", "PT A", "--media", "email", "--uraian", "   "], None, 2),
    (["--nama", "PT A", "--media", "faks", "--uraian", "x"], None, 2),
    (["--nama", "PT A", "--media", "email", "--uraian", "x", "--waktu", "2099-01-01 08:00"], None, 2),
    (["--nama", "PT A", "--media", "email", "--uraian", "x", "--diajukan", "2099-01-01 08:00"], None, 2),
    (["--nama", "PT A", "--media", "email", "--uraian", "x", "--diajukan", "2026-11-02 09:00",
      "--waktu", "2026-11-02 08:00"], None, 2),
])
def test_catat_ditolak_tidak_meninggalkan_arsip(argv: list[str], petugas: str | None, kode: int, jalankan,
                                               arsip: Path) -> None:
    """The first catat refused for bad input (no petugas, missing field, bad media, bad time) creates no archive."""
    r = jalankan("catat", *argv, petugas=petugas)
    satu_baris_galat(r, kode)
    assert list(arsip.parent.iterdir()) == []


def test_catat_membuat_arsip(jalankan, arsip: Path) -> None:
    """A valid first catat still creates the archive."""
    r = jalankan("catat", "--nama", "PT A", "--media", "email", "--uraian", "x", "--waktu", "2026-11-02 08:00")
    assert (r.exit_code, r.stdout) == (0, "001/KP/BBSPJIKFK/XI/2026\n")
    assert arsip.is_file()
