"""README's "Using it" session, typed as written by a new clerk in a fresh folder, works.

Each command of the block (continuation lines joined, comments dropped) runs through the
real CLI on a real archive that its own `keluhan init` creates, with the clock fixed at a
working morning after the block's dates (the README says "now" where it gives no
``--waktu``), one minute further for each command. A command that fails, or a number the
block prints in a comment that the program no longer issues, fails here.
"""

from __future__ import annotations

import re
import shlex
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from typer.testing import CliRunner

from keluhan import waktu as w
from keluhan.cli import app

README = Path(__file__).resolve().parent.parent / "README.md"


def sesi_pakai() -> list[str]:
    """The commands of the README's first ```sh block under "## Using it", one string each."""
    teks = README.read_text(encoding="utf-8")
    blok = re.search(r"^## Using it\n\n```sh\n(.*?)^```", teks, re.S | re.M)
    assert blok, "README has no ## Using it block"
    perintah, kini = [], ""
    for baris in blok[1].splitlines():
        baris = re.sub(r"\s+#\s.*$", "", baris).rstrip()  # a comment: whitespace, '#', space (no argument has one)
        if not baris.strip() or baris.lstrip().startswith("#"):
            continue
        if baris.endswith("\\"):
            kini += baris[:-1] + " "
            continue
        perintah.append(kini + baris)
        kini = ""
    return perintah


def test_sesi_readme_berjalan_seperti_tertulis(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every command of README's "Using it" block exits 0 in a fresh folder, and catat prints the number the block says."""
    perintah = sesi_pakai()
    assert perintah[0].startswith("pip install") and perintah[1].startswith("export KELUHAN_PETUGAS=")
    kantor = tmp_path / "kantor"
    kantor.mkdir()
    (kantor / "rekap").mkdir()  # --keluar rekap/ names a folder that exists (README, Cron)
    monkeypatch.chdir(kantor)
    monkeypatch.delenv("KELUHAN_ARSIP")
    nama, nilai = perintah[1].removeprefix("export ").split("=", 1)
    monkeypatch.setenv(nama, shlex.split(nilai)[0])
    jam = [datetime(2026, 12, 2, 9, 0, tzinfo=ZoneInfo("Asia/Jakarta"))]
    monkeypatch.setattr(w, "sekarang", lambda _zona: jam[0])
    runner = CliRunner()
    dijalankan = []
    for teks in perintah[2:]:
        argv = shlex.split(teks)
        assert argv[0] == "keluhan", teks
        jam[0] += timedelta(minutes=1)
        r = runner.invoke(app, argv[1:], catch_exceptions=False)
        assert r.exit_code == 0, (teks, r.stdout, r.stderr)
        dijalankan.append(argv[1 + (argv[1] == "--petugas") * 2])
        if argv[1] == "catat":
            dicetak = re.search(r"prints the number: (\S+)", README.read_text(encoding="utf-8"))
            assert dicetak and r.stdout.strip() == dicetak[1], r.stdout
    assert (kantor / "archive.db").exists() and {"init", "catat", "validasi", "tunda", "lanjutkan", "tindak",
                                                 "verifikasi", "informasikan", "banding", "putusan", "kepuasan",
                                                 "efektivitas", "rekap", "petugas"} <= set(dijalankan)
