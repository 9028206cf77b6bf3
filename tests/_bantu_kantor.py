"""Helpers for the kantor tests (impor, ekspor, schema docs, Datasette): not a conftest,
so other test files keep their own fixtures.

``arsip_demo`` runs ``python -m keluhan.demo`` once per session and hands out copies.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

AKAR = Path(__file__).resolve().parent.parent
_DEMO: list[Path] = []


def env() -> dict[str, str]:
    return os.environ | {"PYTHONPATH": str(AKAR), "TERM": "dumb", "COLUMNS": "200"}


def keluhan(*args: str, masukan: str | None = None) -> subprocess.CompletedProcess[str]:
    """Run the real command in a child process, as a clerk or cron would."""
    return subprocess.run(
        [sys.executable, "-m", "keluhan", *args], capture_output=True, text=True, env=env(), input=masukan,
    )


# What `python -m keluhan.demo` printed (the commands as a clerk types them), once built.
KELUARAN_DEMO: list[str] = []


def arsip_demo(tmp_path_factory: Any) -> Path:
    """A private copy of the demo archive (built once per session by keluhan.demo)."""
    if not _DEMO:
        folder = tmp_path_factory.mktemp("demo")
        hasil = subprocess.run(
            [sys.executable, "-m", "keluhan.demo", str(folder)], capture_output=True, text=True, env=env(), cwd=AKAR,
        )
        assert hasil.returncode == 0, hasil.stdout[-2000:] + hasil.stderr[-2000:]
        KELUARAN_DEMO.append(hasil.stdout)
        sumber = sqlite3.connect(folder / "archive.db")
        _DEMO.append(folder / "satu-berkas.db")
        salinan = sqlite3.connect(_DEMO[0])
        sumber.backup(salinan)  # one self-contained file, nothing left in a WAL
        salinan.close()
        sumber.close()
    tujuan = tmp_path_factory.mktemp("salinan") / "archive.db"
    shutil.copy(_DEMO[0], tujuan)
    return tujuan


def lihat_semua(arsip: Path) -> dict[str, dict[str, Any]]:
    """``lihat --json`` (in-process) of every complaint by number, without what an import cannot keep:
    ids, system times, event numbers and hashes, and the import's own provenance note."""
    db = sqlite3.connect(arsip)
    nomor = [r[0] for r in db.execute("SELECT nomor FROM keluhan ORDER BY tahun, urut")]
    db.close()
    hasil = {}
    from typer.testing import CliRunner

    from keluhan.cli import app

    runner = CliRunner()
    for n in nomor:
        p = runner.invoke(app, ["--arsip", str(arsip), "lihat", n, "--json"])
        assert p.exit_code == 0, p.output
        k = json.loads(p.stdout)
        for kunci in ("id", "diperbarui"):
            k.pop(kunci)
        for x in [*k.get("berulang", []), *k.get("kaitan", [])]:  # the other complaint's id, the link's event number
            x.pop("id")
            x.pop("urutan", None)
        for r in k["riwayat"]:
            # The officer register is the archive's, not the complaint's: an export carries names only.
            for kunci in ("urutan", "keluhan_id", "dicatat_pada", "hash", "hash_sebelum", "petugas_nip", "petugas_jabatan"):
                r.pop(kunci)
            r["rincian"].pop("impor", None)
        hasil[n] = k
    return hasil


def periksa_rantai(arsip: Path) -> None:
    """The hash chain is unbroken and every complaint's rows equal the fold of its events."""
    from keluhan import proyeksi
    from keluhan.arsip import HASH_AWAL, hash_peristiwa

    db = sqlite3.connect(arsip)
    db.row_factory = sqlite3.Row
    sebelum = HASH_AWAL
    keluhan_: dict[str, Any] = {}
    tindakan: dict[str, list[Any]] = {}
    urutan = 0
    for r in db.execute("SELECT * FROM riwayat ORDER BY urutan"):
        p = dict(r)
        assert p["urutan"] > urutan
        urutan = p["urutan"]
        assert p["hash_sebelum"] == sebelum, f"chain broken at event {p['urutan']}"
        p["rincian_json"] = p["rincian"]
        assert hash_peristiwa(p, sebelum) == p["hash"], f"event {p['urutan']} does not hash to its hash"
        sebelum = p["hash"]
        p["rincian"] = json.loads(p["rincian"])
        kid = p["keluhan_id"]
        keluhan_[kid], tindakan[kid] = proyeksi.terapkan(keluhan_.get(kid), tindakan.get(kid, []), p)
    kol = ", ".join(proyeksi.KOLOM_KELUHAN)
    baris = {r["id"]: dict(r) for r in db.execute(f"SELECT {kol} FROM keluhan")}
    assert baris == keluhan_
    kol_t = ", ".join(proyeksi.KOLOM_TINDAKAN)
    for kid, t in tindakan.items():
        assert [dict(r) for r in db.execute(
            f"SELECT {kol_t} FROM tindakan WHERE keluhan_id = ? ORDER BY putaran", (kid,))] == t
    assert db.execute("SELECT COUNT(*) FROM tindakan").fetchone()[0] == sum(map(len, tindakan.values()))
    db.close()
