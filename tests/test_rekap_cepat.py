"""``rekap`` through the fast path (keluhan/cepat.py, issue 17): users' entry point runs the recap without
importing Typer or Click, and prints, writes, refuses and exits exactly as the Typer app does.

The recap's other tests run through both entry points in-process (tests/conftest.py, ``pintu_masuk``); these
run real processes, one through ``keluhan.cepat.main`` (what ``keluhan`` and ``python -m keluhan`` run) and one
through ``keluhan.cli.main`` (the Typer app), on the same archive with the clock fixed, and compare them.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from conftest import env_subproses
from keluhan.workflow import Status

PINTU_MASUK_SENDIRI = True  # each test runs both entry points in real processes (conftest's pintu_masuk not needed)

# Runs one command line in a real process through the entry point named, with the clock at 3 December 2026
# (November closed) and every closed month kept from one complaint up; "simpan": what the first writer after a
# month closes does (keluhan/rekap_bulan.py), until nothing is left to keep.
SKRIP = """
import json, sys
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo
from keluhan import rekap_bulan, waktu
waktu.sekarang = lambda _zona=None: datetime(2026, 12, 3, 10, 0, tzinfo=ZoneInfo("Asia/Jakarta"))
rekap_bulan.AMBANG = 1
dibaca, _baca = [], rekap_bulan.baca
rekap_bulan.baca = lambda *a, **k: dibaca.append(x := _baca(*a, **k)) or x
hasil, masuk, *argv = sys.argv[1:]
kode, disimpan = 0, []
if masuk == "simpan":
    from keluhan import pengaturan
    from keluhan.arsip import Arsip
    a = Arsip(Path(argv[0]), pengaturan.muat(None))
    while (b := rekap_bulan.simpan(a)) is not None:
        disimpan.append(b)
    a.tutup()
else:
    try:
        if masuk == "cepat":
            from keluhan import cepat
            cepat.main(argv)
        else:
            from keluhan import cli
            cli.main(argv)
    except SystemExit as e:
        kode = e.code
with open(hasil, "w") as f:
    json.dump({"kode": kode, "disimpan": disimpan, "tersimpan": [x is not None for x in dibaca],
               "typer": sorted(m for m in sys.modules if m.split(".")[0] in ("typer", "click"))}, f)
"""


def _jalan(tmp_path: Path, masuk: str, argv: list[str]) -> tuple[dict[str, Any], subprocess.CompletedProcess[bytes]]:
    hasil = tmp_path / f"hasil-{masuk}.json"
    p = subprocess.run([sys.executable, "-c", SKRIP, str(hasil), masuk, *argv], env=env_subproses(),
                       stdin=subprocess.DEVNULL, capture_output=True, timeout=120, cwd=tmp_path)
    assert hasil.exists(), p.stderr.decode(errors="replace")
    return json.loads(hasil.read_text()), p


@pytest.fixture
def arsip_nov(arsip: Path, sampai: Any, tmp_path: Path) -> Path:
    """The test's archive with November 2026's complaints at several stages, November kept."""
    for status in (Status.SELESAI, Status.DIVERIFIKASI, Status.DIVALIDASI, Status.TIDAK_VALID, Status.DICATAT):
        sampai(status)
    data, p = _jalan(tmp_path, "simpan", [str(arsip)])
    assert data["disimpan"] == ["2026-11"], p.stderr.decode(errors="replace")
    return arsip


# Each command line and what it does: read November's kept figures, compute live, or refuse.
BARIS = [
    (["rekap", "--bulan", "2026-11", "--format", "json"], "tersimpan"),
    (["rekap", "--bulan", "2026-11", "--format", "html"], "tersimpan"),
    (["rekap", "--bulan", "2026-11", "--format", "md"], "tersimpan"),
    (["rekap", "--bulan", "--format", "JSON"], "tersimpan"),  # the last complete month (November)
    (["rekap", "--bulan"], "tersimpan"),
    (["rekap", "--triwulan", "2026-4", "--format", "html"], "langsung"),  # a quarter is never kept
    (["rekap", "--dari", "1/11/2026", "--sampai", "15/11/2026", "--format", "json"], "langsung"),
    (["rekap", "--bulan", "2026-13"], "galat"),
    (["rekap", "--bulan", "2026-11", "--dari", "1/11/2026"], "galat"),
    (["rekap", "--tahun", "2026", "--format", "md", "--jangkar", "riwayat:1:00"], "galat"),
]


@pytest.mark.parametrize(("argv", "apa"), BARIS, ids=[" ".join(b[0]) for b in BARIS])
def test_rekap_lewat_jalur_cepat_sama_dengan_typer(arsip_nov: Path, tmp_path: Path, argv: list[str], apa: str) -> None:
    """A real ``keluhan rekap`` runs without importing Typer or Click, and prints the same bytes on stdout and
    stderr, with the same exit code, as the Typer app (a kept month, a live period, the refusals)."""
    cepat, p_cepat = _jalan(tmp_path, "cepat", argv)
    typer, p_typer = _jalan(tmp_path, "typer", argv)
    assert cepat["typer"] == [] and typer["typer"], (cepat, typer)
    assert (cepat["kode"], p_cepat.stdout, p_cepat.stderr) == (typer["kode"], p_typer.stdout, p_typer.stderr)
    if apa == "galat":
        assert cepat["kode"] != 0 and p_cepat.stderr.decode().startswith("Galat: ") and p_cepat.stderr.count(b"\n") == 1
        assert p_cepat.stdout == b""
    else:
        assert cepat["kode"] == 0 and p_cepat.stdout and p_cepat.stderr == b"", p_cepat.stderr
        assert cepat["tersimpan"] == typer["tersimpan"] == [apa == "tersimpan"]


@pytest.mark.parametrize("fmt", ["json", "html", "md"])
def test_rekap_ke_berkas_lewat_jalur_cepat(arsip_nov: Path, tmp_path: Path, fmt: str) -> None:
    """--keluar to a folder and to a file: the fast path writes the same bytes as the Typer app (the kept month's
    JSON as kept), quietly; without --timpa it refuses an existing file, and it never writes over the archive."""
    berkas = {}
    for masuk in ("cepat", "typer"):
        folder = tmp_path / f"keluar-{masuk}"
        folder.mkdir()
        data, p = _jalan(tmp_path, masuk, ["rekap", "--bulan", "2026-11", "--format", fmt, "--keluar", f"{folder}/"])
        assert (data["kode"], p.stdout, p.stderr) == (0, b"", b""), p.stderr
        berkas[masuk] = (folder / f"rekap-2026-11.{fmt}").read_bytes()
        assert data["tersimpan"] == [True]
        if masuk == "cepat":
            assert data["typer"] == []
    assert berkas["cepat"] == berkas["typer"] and berkas["cepat"]
    arsip_sebelum = arsip_nov.read_bytes()
    for argv in (["--keluar", str(tmp_path / "keluar-cepat" / f"rekap-2026-11.{fmt}")],
                 ["--keluar", str(arsip_nov), "--timpa"], ["--keluar", str(arsip_nov.parent / "keluhan.toml"), "--timpa"]):
        hasil = {}
        for masuk in ("cepat", "typer"):
            data, p = _jalan(tmp_path, masuk, ["rekap", "--bulan", "2026-11", "--format", fmt, *argv])
            hasil[masuk] = (data["kode"], p.stdout, p.stderr)
        assert hasil["cepat"] == hasil["typer"], argv
        kode, keluar, err = hasil["cepat"]
        assert kode != 0 and keluar == b"" and err.startswith(b"Galat: ") and err.count(b"\n") == 1, argv
    assert arsip_nov.read_bytes() == arsip_sebelum
    assert (tmp_path / "keluar-cepat" / f"rekap-2026-11.{fmt}").read_bytes() == berkas["cepat"]
