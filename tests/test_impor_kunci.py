"""`keluhan impor` on a big register does not lock the clerks out without a word (issue 13):
the file is checked without any transaction, and while the write holds the lock, other
commands say "impor sedang berjalan" with its progress instead of "database is locked"."""

from __future__ import annotations

import csv
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from _bantu_kantor import keluhan
from keluhan.cli import app

runner = CliRunner()
CATAT = ["catat", "--nama", "PT Loket", "--media", "email", "--uraian", "Sertifikat terlambat"]


def _csv(berkas: Path, n: int, salah: bool = False) -> Path:
    with berkas.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["nama", "media", "uraian", "dicatat", "petugas"])
        for i in range(n):
            w.writerow([f"Pelanggan {i}", "whatsapp" if salah and i == n - 1 else "email", "LHU terlambat",
                        f"{1 + i % 28}/3/2025 {8 + i % 8:02d}.{i % 60:02d}", "Rina Wulandari"])
    return berkas


def _impor(arsip: Path, berkas: Path, *args: str) -> Any:
    return runner.invoke(app, ["--arsip", str(arsip), "--petugas", "Petugas Impor", "impor", str(berkas), *args])


def test_pemeriksaan_tidak_memerlukan_kunci_tulis(arsip: Path, tmp_path: Path) -> None:
    """While a clerk holds the write lock, a dry run and a refused --jalankan still report every row (no lock taken)."""
    kunci = sqlite3.connect(arsip, isolation_level=None)
    kunci.execute("BEGIN IMMEDIATE")
    try:
        hasil = _impor(arsip, _csv(tmp_path / "r.csv", 30))
        assert hasil.exit_code == 0, hasil.output
        assert "30 dapat diimpor" in hasil.stdout
        hasil = _impor(arsip, _csv(tmp_path / "s.csv", 30, salah=True), "--jalankan")
        assert hasil.exit_code == 1
        assert "Baris 31: Media 'whatsapp' tidak dikenal" in hasil.stdout and "dikunci" not in hasil.output
    finally:
        kunci.execute("ROLLBACK")
        kunci.close()


def test_perintah_lain_saat_impor_menulis(arsip: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A clerk's catat while the import writes is told 'Impor sedang berjalan' with the file and progress, then works after."""
    from keluhan import arsip as arsip_mod, kemajuan_impor

    asli = arsip_mod.PenulisMassal._flush
    selama: list[subprocess.CompletedProcess[str]] = []
    catatan: list[dict[str, Any]] = []

    def _flush(self: arsip_mod.PenulisMassal) -> None:
        if self.tulis and not selama:  # the checked rows being inserted under the lock
            catatan.append(json.loads(kemajuan_impor.jalur(arsip).read_text(encoding="utf-8")))
            selama.append(keluhan("--arsip", str(arsip), "--petugas", "Rina", *CATAT))
        asli(self)

    monkeypatch.setattr(arsip_mod.PenulisMassal, "_flush", _flush)
    hasil = _impor(arsip, _csv(tmp_path / "register.csv", 20), "--jalankan")
    assert hasil.exit_code == 0, hasil.output
    assert catatan[0]["pid"] == os.getpid() and catatan[0]["berkas"] == "register.csv"
    [klerk] = selama
    assert klerk.returncode != 0
    assert klerk.stderr.startswith("Galat: Impor sedang berjalan (register.csv: ")
    assert "database is locked" not in klerk.stderr and klerk.stderr.count("\n") == 1
    assert not kemajuan_impor.jalur(arsip).exists(), "the record goes with the import"
    sesudah = keluhan("--arsip", str(arsip), "--petugas", "Rina", *CATAT)
    assert sesudah.returncode == 0, sesudah.stderr
    db = sqlite3.connect(arsip)
    assert db.execute("SELECT COUNT(*) FROM keluhan").fetchone() == (21,)
    db.close()


def test_catatan_basi_diabaikan(arsip: Path) -> None:
    """A record left by a killed import (its process gone, no lock held) does not stop anyone."""
    from keluhan import kemajuan_impor

    mati = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    kemajuan_impor.jalur(arsip).write_text(json.dumps({"pid": int(mati.stdout), "berkas": "lama.csv"}), encoding="utf-8")
    hasil = keluhan("--arsip", str(arsip), "--petugas", "Rina", *CATAT)
    assert hasil.returncode == 0, hasil.stderr
    # A live process's record, but no lock held: stale too (the import ended without removing it).
    kemajuan_impor.jalur(arsip).write_text(json.dumps({"pid": os.getppid(), "berkas": "lama.csv"}), encoding="utf-8")
    hasil = keluhan("--arsip", str(arsip), "--petugas", "Rina", *CATAT)
    assert hasil.returncode == 0, hasil.stderr
