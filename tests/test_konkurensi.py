"""Several clerks recording at the same moment: numbers stay unique and gapless, every
process succeeds, and the archive holds exactly one row and one event per complaint."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

from keluhan import migrasi

from conftest import PERINTAH_CLI, baca_db, env_subproses

pytestmark = pytest.mark.lambat

PEKERJA = 8
PER_PEKERJA = 5

# One clerk's process: import everything, say it is ready, wait for the common start
# signal, then run the CLI's catat PER_PEKERJA times (each a complete run: open the
# archive, record, close), so that all processes hit the fresh file at the same instant.
_PEKERJA = r"""
import contextlib, io, json, os, sys, time
siap, mulai, n, nama = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
from keluhan.cli import app
open(siap, "x").close()
batas = time.monotonic() + 60
while not os.path.exists(mulai):
    if time.monotonic() > batas:
        sys.exit(99)
    time.sleep(0.001)
hasil = []
for j in range(n):
    keluar, galat = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(keluar), contextlib.redirect_stderr(galat):
        try:
            app(["catat", "--nama", f"{nama}-{j}", "--media", "email", "--uraian", "Uji serentak",
                 "--waktu", "2026-11-02 08:10"], prog_name="keluhan")
            kode = 0
        except SystemExit as e:
            kode = e.code if isinstance(e.code, int) else (0 if e.code is None else 1)
    hasil.append({"kode": kode, "keluar": keluar.getvalue(), "galat": galat.getvalue()})
print(json.dumps(hasil))
"""


def _periksa_arsip(arsip: Path, nomor_dicetak: list[str], n: int) -> None:
    assert len(nomor_dicetak) == n
    assert sorted(nomor_dicetak) == [f"{i:03d}/KP/BBSPJIKFK/XI/2026" for i in range(1, n + 1)]
    keluhan = baca_db(arsip, "SELECT nomor, urut, tahun FROM keluhan ORDER BY urut")
    assert [k["urut"] for k in keluhan] == list(range(1, n + 1))
    assert sorted(k["nomor"] for k in keluhan) == sorted(nomor_dicetak)
    riwayat = baca_db(arsip, "SELECT keluhan_id, aksi, hash_sebelum, hash FROM riwayat ORDER BY urutan")
    assert len(riwayat) == n and {r["aksi"] for r in riwayat} == {"catat"}
    assert len({r["keluhan_id"] for r in riwayat}) == n
    # The hash chain stays one line even when writers race for the end of it.
    assert riwayat[0]["hash_sebelum"] == "0" * 64
    assert all(b["hash_sebelum"] == a["hash"] for a, b in zip(riwayat, riwayat[1:]))
    # The fresh archive was migrated exactly once.
    assert [r["nama"] for r in baca_db(arsip, "SELECT nama FROM _migrasi")] == [m for m, _ in migrasi.MIGRASI]


def test_delapan_proses_serentak_pada_arsip_baru(tmp_path, arsip) -> None:
    """8 processes x 5 catat at once on a new archive (as init leaves it): all exit 0, numbers 1..40, 40 rows each."""
    env = env_subproses()
    mulai = tmp_path / "mulai"
    proses = []
    try:
        for i in range(PEKERJA):
            proses.append(subprocess.Popen(
                [sys.executable, "-c", _PEKERJA, str(tmp_path / f"siap-{i}"), str(mulai), str(PER_PEKERJA), f"P{i}"],
                env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True))
        batas = time.monotonic() + 60
        while not all((tmp_path / f"siap-{i}").exists() for i in range(PEKERJA)):
            assert time.monotonic() < batas, "pekerja tidak siap"
            assert all(p.poll() is None for p in proses), [p.communicate() for p in proses if p.poll() is not None]
            time.sleep(0.01)
        assert baca_db(arsip, "SELECT COUNT(*) AS n FROM keluhan") == [{"n": 0}]
        mulai.touch()
        keluaran = [p.communicate(timeout=120) for p in proses]
    finally:
        for p in proses:
            if p.poll() is None:
                p.kill()
                p.wait()
    assert [p.returncode for p in proses] == [0] * PEKERJA, keluaran
    nomor = []
    for stdout, stderr in keluaran:
        assert stderr == ""
        for h in json.loads(stdout):
            assert (h["kode"], h["galat"]) == (0, ""), h
            nomor.append(h["keluar"].strip())
    _periksa_arsip(arsip, nomor, PEKERJA * PER_PEKERJA)


def test_delapan_python_m_keluhan_serentak(arsip, catat) -> None:
    """8 `python -m keluhan catat` at once on an existing archive: all succeed, numbers gapless."""
    pertama = catat()
    env = env_subproses()
    proses = [subprocess.Popen(
        [*PERINTAH_CLI, "catat", "--nama", f"Klerk {i}", "--media", "telepon", "--uraian", "Serentak",
         "--waktu", "2026-11-02 08:10"],
        env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for i in range(PEKERJA)]
    try:
        keluaran = [p.communicate(timeout=120) for p in proses]
    finally:
        for p in proses:
            if p.poll() is None:
                p.kill()
                p.wait()
    assert [(p.returncode, e) for p, (_, e) in zip(proses, keluaran)] == [(0, "")] * PEKERJA
    _periksa_arsip(arsip, [pertama] + [o.strip() for o, _ in keluaran], PEKERJA + 1)
