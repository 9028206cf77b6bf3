"""README's sessions, typed as written by a new clerk in a fresh folder, work.

The ```sh blocks under "Using it", "Forms", "The archive keeps its word" and "Import,
export, personal data" run in that order, command by command (continuation lines
joined, comments dropped), through the real CLI on the real archive their own
`keluhan init` creates, with the clock fixed at a working morning after the blocks'
dates (README says "now" where it gives no ``--waktu``), one minute further for each
command. The files the blocks name as the clerk's own (a scanned letter, an .eml, the
folders ``rekap/``, ``formulir/``, ``unduhan/`` that must exist, ``/backup/``) are put
in place first; ``impor`` lines are left out (they read the office's old register).
A command that fails, or a number the block says catat prints that it no longer prints,
fails here.
"""

from __future__ import annotations

import re
import shlex
import shutil
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from typer.testing import CliRunner

from keluhan import waktu as w
from keluhan.cli import app

AKAR = Path(__file__).resolve().parent.parent
README = AKAR / "README.md"
BAGIAN = ("Using it", "Forms", "The archive keeps its word", "Import, export, personal data")


def perintah_readme(judul: str) -> list[str]:
    """The commands of the first ```sh block under README's ``## judul``, one string each."""
    teks = README.read_text(encoding="utf-8")
    blok = re.search(rf"^## {re.escape(judul)}\n.*?^```sh\n(.*?)^```", teks, re.S | re.M)
    assert blok, f"README has no ```sh block under ## {judul}"
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
    """Every command of README's four sessions exits 0 in a fresh folder, and catat prints the number the block says."""
    pakai = perintah_readme("Using it")
    assert pakai[0].startswith("pip install") and pakai[1].startswith("export KELUHAN_PETUGAS=")
    kantor = tmp_path / "kantor"
    kantor.mkdir()
    for folder in ("rekap", "formulir", "unduhan"):  # '--keluar DIR/' names a folder that exists (README)
        (kantor / folder).mkdir()
    (kantor / "surat-keluhan.pdf").write_bytes(b"%PDF-1.4\n% surat keluhan hasil pindai\n%%EOF\n")
    shutil.copy(AKAR / "tests" / "data" / "eml" / "gmail-alternatif.eml", kantor / "keluhan.eml")
    cadangan = tmp_path / "backup"
    cadangan.mkdir()
    monkeypatch.chdir(kantor)
    monkeypatch.delenv("KELUHAN_ARSIP")
    nama, nilai = pakai[1].removeprefix("export ").split("=", 1)
    monkeypatch.setenv(nama, shlex.split(nilai)[0])
    jam = [datetime(2026, 12, 2, 9, 0, tzinfo=ZoneInfo("Asia/Jakarta"))]
    monkeypatch.setattr(w, "sekarang", lambda _zona: jam[0])
    dicetak = re.search(r"prints the number: (\S+)", README.read_text(encoding="utf-8"))
    assert dicetak
    runner = CliRunner()
    dijalankan = []
    for teks in pakai[2:] + [p for judul in BAGIAN[1:] for p in perintah_readme(judul)]:
        # The shell's part of a line, done here: $(date +%F) and the backup disk.
        teks = teks.replace("$(date +%F)", f"{jam[0]:%Y-%m-%d}").replace("/backup/", f"{cadangan}/")
        argv = shlex.split(teks)
        assert argv[0] == "keluhan", teks
        perintah = argv[1 + (argv[1] == "--petugas") * 2]
        if perintah == "impor":
            continue
        jam[0] += timedelta(minutes=1)
        r = runner.invoke(app, argv[1:], catch_exceptions=False)
        assert r.exit_code == 0, (teks, r.stdout, r.stderr)
        dijalankan.append(perintah)
        if dijalankan.count("catat") == 1 and perintah == "catat":
            assert r.stdout.strip() == dicetak[1], r.stdout
    assert {"init", "catat", "validasi", "tunda", "lanjutkan", "tindak", "verifikasi", "informasikan", "banding",
            "putusan", "kepuasan", "efektivitas", "rekap", "petugas", "formulir", "periksa", "cadangkan", "koreksi",
            "lampirkan", "lampiran", "ekspor"} <= set(dijalankan)
    assert (kantor / "unduhan" / "surat-keluhan.pdf").read_bytes() == (kantor / "surat-keluhan.pdf").read_bytes()
    assert len(list(cadangan.iterdir())) == 1


def test_tata_letak_menyebut_setiap_modul() -> None:
    """README's Layout names every module of the package, so a reader finds each room by its name."""
    blok = re.search(r"^## Layout\n\n```\n(.*?)^```", README.read_text(encoding="utf-8"), re.S | re.M)
    assert blok
    disebut = set(re.findall(r"([a-z_]+)\.py", blok[1]))
    modul = {p.stem for p in (AKAR / "keluhan").glob("*.py") if not p.stem.startswith("__")}
    assert sorted(modul - disebut) == []
