"""The help, in Indonesian to the last word, and the global options anywhere on the line.

Every command's ``--help`` is walked (the tree is read from the Typer app, so a command
added tomorrow is walked too), under cron's ``LANG=C``/``LC_ALL=C`` as well, through
CliRunner and through real processes; it fails on any English word the help framework
would write, on an option without a description and on a command without an example.
"""

from __future__ import annotations

import copy
import re
import subprocess
import sys
from importlib.metadata import version
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from keluhan import bantuan, cli
from conftest import PERINTAH_CLI, Jalankan, env_subproses

# What Typer's Click writes when the help is not ours (in its own words or gettext's).
INGGRIS = [
    r"\bUsage\b", r"\bOptions\b", r"\bArguments\b", r"\bCommands\b", r"Show this message", r"\brequired\b",
    r"\bdefault\b", r"env var", r"\bTry\b", r"for help", r"Install completion", r"Show completion", r"current shell",
    r"<str>", r"<path>", r"<int", r"<float", r"<text>", r"\bTEXT\b", r"\bINTEGER\b", r"\bPATH\b", r"\bFLOAT\b",
    r"DEPRECATED", r"\(dynamic\)", r"\bError\b", r"\bMissing\b", r"\bInvalid\b", r"\bOPTIONS\b", r"\bCOMMAND\b",
    r"\bARGS\b", r"x>=", r"x<=",
]
# Words of the code, not of a clerk.
ISTILAH = [r"\btrigger\b", r"banding\.batas", r"\bNone\b", r"\bTrue\b", r"\bFalse\b"]
LOKAL_C = {"LANG": "C", "LC_ALL": "C", "LANGUAGE": "en"}


def _pohon() -> Any:
    return typer.main.get_command(cli.app)


def _semua_jalur() -> list[tuple[str, ...]]:
    return [j for j, _ in bantuan.semua_perintah(_pohon())]


def _periksa_teks(jalur: tuple[str, ...], teks: str) -> list[str]:
    """What is wrong with one help page (empty: nothing)."""
    salah = [f"kata Inggris {p!r}" for p in INGGRIS if re.search(p, teks)]
    salah += [f"istilah kode {p!r}" for p in ISTILAH if re.search(p, teks)]
    if "Contoh:" not in teks:
        salah.append("tanpa Contoh:")
    baris = teks.splitlines()
    for i, b in enumerate(baris):
        # An example is copied into a shell: it starts its own line and is never wrapped onto the next.
        if "Contoh:" in b and not b.lstrip().startswith("Contoh:"):
            salah.append(f"Contoh: di tengah baris: {b.strip()!r}")
        if b.lstrip().startswith("Contoh: ") and i + 1 < len(baris) and baris[i + 1].strip():
            salah.append(f"contoh terpotong: {b.strip()!r} / {baris[i + 1].strip()!r}")
    if not teks.startswith(f"Pemakaian: keluhan {' '.join(jalur)}".rstrip() + " "):
        salah.append("baris pemakaian")
    return [f"keluhan {' '.join(jalur)}: {s}" for s in salah]


def test_pohon_perintah_lengkap() -> None:
    """The walk reaches every command, sub-commands included (so it will reach new ones)."""
    semua = _semua_jalur()
    assert {(), ("catat",), ("lihat",), ("daftar",), ("rekap",), ("libur",), ("libur", "tambah")} <= set(semua)
    assert len(semua) == len(set(semua)) >= 20


@pytest.mark.parametrize("lingkungan", [{}, LOKAL_C], ids=["bawaan", "LANG=C"])
def test_setiap_bantuan_indonesia(lingkungan: dict[str, str]) -> None:
    """Every --help (and -h, the same page) has no English framework word, an example, our usage line."""
    runner = CliRunner()
    salah = []
    for jalur in _semua_jalur():
        r = runner.invoke(cli.app, [*jalur, "--help"], env=lingkungan, prog_name="keluhan")
        assert r.exit_code == 0, (jalur, r.output)
        pendek = runner.invoke(cli.app, [*jalur, "-h"], env=lingkungan, prog_name="keluhan")
        assert (pendek.exit_code, pendek.stdout) == (0, r.stdout), jalur
        salah += _periksa_teks(jalur, r.stdout)
    assert salah == []


def test_setiap_opsi_dijelaskan() -> None:
    """Every option and argument of every command has a description, and the page shows it."""
    akar = _pohon()
    tanpa = []
    for jalur, c in bantuan.semua_perintah(akar):
        teks = bantuan.teks_bantuan(akar, jalur)
        ctx = c.context_class(c, info_name="keluhan", help_option_names=bantuan.NAMA_HELP)
        for p in c.get_params(ctx):
            baris = bantuan.baris_bantuan(p)
            nama = " ".join(jalur) + " " + (p.opts[0] if p.param_type_name == "option" else p.name)
            if baris is None:
                continue
            if not (getattr(p, "keluhan_umum", p).help or "").strip():
                tanpa.append(nama)
            assert baris[0] in teks, nama
    assert tanpa == []


def test_waktu_menyebut_bentuknya() -> None:
    """Every --waktu says which forms it reads, by an example of each kind."""
    dilihat = 0
    for _jalur, c in bantuan.semua_perintah(_pohon()):
        for p in c.params:
            if "--waktu" in getattr(p, "opts", ()):
                dilihat += 1
                assert all(b in p.help for b in ("2/11/2026 08.10", "2026-11-02 08:10", "+07:00")), p.help
    assert dilihat >= 6


@pytest.mark.parametrize("lingkungan", [{}, LOKAL_C], ids=["bawaan", "LANG=C"])
def test_bantuan_di_proses_nyata(lingkungan: dict[str, str]) -> None:
    """In a real process (the installed entry point's code), under LANG=C too, the help is the same Indonesian page."""
    env = env_subproses() | lingkungan | {"COLUMNS": "80"}
    akar = _pohon()
    salah = []
    for jalur in _semua_jalur():
        p = subprocess.run([*PERINTAH_CLI, *jalur, "--help"], env=env, capture_output=True, text=True, timeout=60,
                           stdin=subprocess.DEVNULL)
        assert (p.returncode, p.stderr) == (0, ""), jalur
        salah += _periksa_teks(jalur, p.stdout)
        # 78 columns, as Click lays out a page for a terminal of 80 or more (CliRunner forces 80).
        assert p.stdout == bantuan.teks_bantuan(akar, jalur, 78) + "\n", jalur
    assert salah == []


def test_tanpa_argumen_bantuan() -> None:
    """`keluhan` alone shows the help (exit 0), in Indonesian."""
    p = subprocess.run(PERINTAH_CLI, env=env_subproses() | LOKAL_C, capture_output=True, text=True, timeout=60)
    assert p.returncode == 0 and p.stdout.startswith("Pemakaian: keluhan [OPSI] PERINTAH"), p.stdout


def test_versi() -> None:
    """--version prints the installed package's version, on both entry points."""
    harap = f"keluhan {version('keluhan')}\n"
    r = CliRunner().invoke(cli.app, ["--version"])
    assert (r.exit_code, r.stdout) == (0, harap)
    p = subprocess.run([*PERINTAH_CLI, "--version"], env=env_subproses(), capture_output=True, text=True, timeout=60)
    assert (p.returncode, p.stdout, p.stderr) == (0, harap, "")


def test_opsi_pelengkapan_berbahasa_indonesia() -> None:
    """The shell-completion options are ours, described in Indonesian."""
    akar = _pohon()
    opsi = {o: p.help for p in akar.params for o in p.opts}
    assert "tombol Tab" in opsi["--install-completion"] and "skrip" in opsi["--show-completion"]


def test_perintah_baru_dengan_bawaan_typer_ikut_berbahasa_indonesia() -> None:
    """A sub-app added with Typer's defaults (rich help, TyperGroup) gets our help and the global options."""
    sub = typer.Typer(help="Uji pengaturan.", epilog="Contoh: keluhan uji ubah")

    @sub.command("ubah")
    def ubah(ctx: typer.Context, kunci: str = typer.Argument(..., help="Kunci.")) -> None:
        """Ubah sesuatu. Contoh: keluhan uji ubah a"""
        print(ctx.obj.petugas)

    aplikasi = copy.copy(cli.app)
    aplikasi.registered_groups = [*cli.app.registered_groups]
    aplikasi.add_typer(sub, name="uji")
    runner = CliRunner()
    for jalur in (("uji",), ("uji", "ubah")):
        r = runner.invoke(aplikasi, [*jalur, "--help"], env=LOKAL_C)
        assert r.exit_code == 0 and _periksa_teks(jalur, r.stdout) == [], r.stdout
        assert "--petugas" in r.stdout
    r = runner.invoke(aplikasi, ["uji", "ubah", "a", "--petugas", "Siti Aminah"])
    assert (r.exit_code, r.stdout) == (0, "Siti Aminah\n"), r.output


# -- global options anywhere ---------------------------------------------------------


def test_petugas_sesudah_perintah(jalankan: Jalankan, lihat: Any) -> None:
    """Issue 12: `keluhan catat --petugas "Siti Aminah" ...` records Siti Aminah (was "opsi --petugas tidak dikenal")."""
    r = jalankan("catat", "--petugas", "Siti Aminah", "--nama", "PT A", "--media", "email", "--uraian", "x",
                 "--waktu", "2026-11-02 08:10")
    assert r.exit_code == 0, r.stderr
    assert lihat(r.stdout.strip())["riwayat"][0]["petugas"] == "Siti Aminah"


def test_opsi_umum_sesudah_menang(jalankan: Jalankan, lihat: Any, tmp_path: Any) -> None:
    """A global option after the command wins over the same one before it and over its variable."""
    r = jalankan("--petugas", "Awal", "catat", "--nama", "PT A", "--media", "email", "--uraian", "x",
                 "--waktu", "2026-11-02 08:10", "--petugas", "Akhir")
    assert r.exit_code == 0, r.stderr
    nomor = r.stdout.strip()
    assert lihat(nomor)["riwayat"][0]["petugas"] == "Akhir"
    r = jalankan("lihat", nomor, "--arsip", str(tmp_path / "tidak-ada.db"))
    assert r.exit_code != 0 and "tidak-ada.db" in r.stderr


def test_opsi_umum_sesudah_di_proses_nyata(tmp_path: Any) -> None:
    """Both entry points (the fast path and the Typer app) take the global options after the command."""
    env = env_subproses()
    arsip = tmp_path / "lain" / "archive.db"
    arsip.parent.mkdir()
    subprocess.run([*PERINTAH_CLI, "--arsip", str(arsip), "init"], env=env, capture_output=True, check=True, timeout=60)
    p = subprocess.run([*PERINTAH_CLI, "catat", "--nama", "PT A", "--media", "email", "--uraian", "x",
                        "--arsip", str(arsip), "--petugas", "Siti Aminah", "--waktu", "2026-11-02 08:10"],
                       env=env, capture_output=True, text=True, timeout=60)
    assert p.returncode == 0, p.stderr
    nomor = p.stdout.strip()
    for perintah in (["lihat", nomor, "--json", "--arsip", str(arsip)],  # the fast path
                     ["formulir", nomor, "--jenis", "fpkp", "--arsip", str(arsip), "--petugas", "Siti Aminah"]):
        q = subprocess.run([*PERINTAH_CLI, *perintah], env=env, capture_output=True, text=True, timeout=60)
        assert q.returncode == 0 and "Siti Aminah" in q.stdout, (perintah, q.stderr)


def test_h_sama_dengan_help(jalankan: Jalankan) -> None:
    """-h is --help, for the whole app and for a command."""
    for jalur in ((), ("catat",), ("libur", "tambah")):
        assert jalankan(*jalur, "-h").stdout == jalankan(*jalur, "--help").stdout


def test_bantuan_perintah_menyebut_opsi_umum(jalankan: Jalankan) -> None:
    """Each command's help lists the global options it accepts."""
    teks = jalankan("catat", "--help").stdout
    bagian = teks[teks.index(bantuan.JUDUL_UMUM):]
    assert all(o in bagian for o in ("--arsip", "--petugas", "--konfigurasi", "--templat"))


def test_urutan_opsi_bantuan_tetap() -> None:
    """The help page is the same in every process (Click orders -h/--help by a set)."""
    teks = {subprocess.run([sys.executable, "-c", "from keluhan import cli; cli.main(['lihat', '--help'])"],
                           env=env_subproses() | {"PYTHONHASHSEED": str(n)}, capture_output=True, text=True,
                           timeout=60).stdout for n in (1, 2, 3, 4)}
    assert len(teks) == 1 and "-h, --help" in teks.pop()


def test_pelengkapan_shell_tetap_jalan() -> None:
    """Tab completion still works with our completion options (Typer registers its shells only with its own)."""
    for kata, harap in (("keluhan cat", "catat"), ("keluhan catat --pet", "--petugas"), ("keluhan lib", "libur")):
        env = env_subproses(COMP_WORDS=kata, COMP_CWORD=str(len(kata.split()) - 1), _KELUHAN_COMPLETE="complete_bash")
        p = subprocess.run(PERINTAH_CLI, env=env, capture_output=True, text=True, timeout=60)
        assert (p.returncode, p.stderr) == (0, "") and harap in p.stdout.split(), (kata, p.stdout, p.stderr)


def test_bantuan_ke_pipa_tertutup() -> None:
    """`keluhan --help | head -0`: the reader gone, the fast help exits 0 without an error on stderr."""
    p = subprocess.Popen([*PERINTAH_CLI, "--help"], env=env_subproses(), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert p.stdout is not None and p.stderr is not None
    p.stdout.close()
    with p.stderr:
        galat = p.stderr.read()
    assert (p.wait(timeout=60), galat) == (0, b"")
