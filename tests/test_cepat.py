"""The fast path (keluhan/cepat.py): it reads a command line exactly as Click does, or not at all.

What it accepts it must read as the Typer app would (same command, same values); what it
declines goes to the Typer app unchanged. The daily commands it runs must not import
Typer nor the heavy libraries that only forms, recaps and terminals need.
"""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from enum import Enum
from pathlib import Path
from typing import Any

import pytest
import typer
import typer.testing
from hypothesis import given, settings
from hypothesis import strategies as st

from keluhan import cepat, cli
from keluhan.workflow import Status
from conftest import PERINTAH_CLI, PETUGAS, Jalankan, env_subproses

KLIK = typer.main.get_command(cli.app)


def _jenis_klik(p: Any) -> Any:
    """What cepat's table should say about one Click parameter."""
    if getattr(p, "is_flag", False):
        return cepat.BENDERA
    t = p.type
    if hasattr(t, "choices"):
        assert not t.case_sensitive, p.name  # cepat reads every choice in any case (--media Email)
        return tuple(getattr(c, "value", c) for c in t.choices)
    if type(t).__name__ == "IntRange":
        return (t.min, t.max)
    if type(t).__name__ == "TyperPath":
        return cepat.JALUR
    assert type(t).__name__ == "StringParamType", t
    return cepat.TEKS


def _nilai_klik(v: Any) -> Any:
    return v.value if isinstance(v, Enum) else v


def test_tabel_sama_dengan_perintah_typer() -> None:
    """Every fast command's options, kinds, defaults and arguments are what cli.py declares."""
    glob = {o: (p.name, _jenis_klik(p), p.envvar) for p in KLIK.params for o in p.opts if p.expose_value}
    assert glob == cepat.GLOBAL
    assert {p.name: p.default for p in KLIK.params if p.expose_value} == cepat.GLOBAL_BAWAAN
    for nama, p in cepat.PERINTAH.items():
        c = KLIK.commands[nama]
        assert not c.context_settings, nama
        argumen = tuple(x.name for x in c.params if x.param_type_name == "argument")
        assert argumen == p.argumen and all(x.required for x in c.params if x.param_type_name == "argument")
        opsi = [x for x in c.params if x.param_type_name == "option" and not hasattr(x, "keluhan_umum")]
        assert all(not x.multiple and x.nargs == 1 and not x.required and x.envvar is None and not x.secondary_opts
                   and x.callback is None for x in opsi), nama
        assert {o: (x.name, _jenis_klik(x)) for x in opsi for o in x.opts} == p.opsi, nama
        assert {x.name: _nilai_klik(x.default) for x in opsi} == p.bawaan, nama
        assert p.fungsi.__name__ == c.callback.__name__, nama  # type: ignore[union-attr]


def _klik(argv: list[str]) -> tuple[str, dict[str, Any], dict[str, Any]]:
    """How Click (the Typer app) reads ``argv``: command, global values, command values."""
    ctx = KLIK.make_context("keluhan", list(argv))
    nama, cmd, sisa = KLIK.resolve_command(ctx, [*ctx._protected_args, *ctx.args])
    sub = cmd.make_context(nama, sisa, parent=ctx)  # type: ignore[union-attr]
    glob = {k: v for k, v in ctx.params.items() if k in cepat.GLOBAL_BAWAAN} | ctx.meta.get("keluhan.umum", {})
    return nama, glob, {k: _nilai_klik(v) for k, v in sub.params.items()}  # type: ignore[return-value]


def _sama(argv: list[str]) -> bool:
    """When cepat reads ``argv`` at all, Click reads it the same; returns whether cepat did."""
    dibaca = cepat.urai(argv, os.environ)
    if dibaca is None:
        return False
    p, glob, nilai = dibaca
    nama, glob_klik, nilai_klik = _klik(argv)
    assert cepat.PERINTAH[nama] is p, argv
    assert {k: Path(v) if isinstance(v, (str, Path)) and cepat.GLOBAL[f"--{k}"][1] == cepat.JALUR else v
            for k, v in glob_klik.items()} == glob, argv
    assert nilai_klik == nilai, argv
    return True


@pytest.mark.parametrize("argv", [
    ["lihat", "001/KP/BBSPJIKFK/XI/2026"],
    ["lihat", "--json", "k7f3q2m"],
    ["--arsip", "a.db", "--petugas=Rina", "daftar", "--status", "divalidasi", "--halaman=2", "--json"],
    ["daftar", "--per-halaman", "10000", "--media=email", "--bulan", "2026-11", "--tim", "Tim Inspeksi"],
    ["catat", "--nama", "--media", "--media", "email", "--uraian", "-"],
    ["catat", "--nama=PT A=B", "--media", "kotak", "--uraian", "", "--json", "--json", "--layanan", "inspeksi"],
    ["validasi", "--benar", "x", "--teruskan-ke", "Tim Inspeksi", "--alasan", "a", "--alasan", "b"],
    ["--konfigurasi", "k.toml", "--templat", "t", "tindak", "x", "--koreksi", "-k", "--pencegahan", "p", "--target", "1/12/2026"],
    ["verifikasi", "-", "--kembalikan", "--alasan", "--terima"],
    ["informasikan", "x", "--media", "website", "--catatan", "c", "--waktu", "2026-11-02 08:10"],
    ["banding", "--alasan", "a", "x"],
    ["koreksi", "x", "--kolom", "telepon", "--nilai", "", "--alasan", "salah ketik"],
    ["catat", "--nama", "PT A", "--media", "EMAIL", "--uraian", "x", "--layanan=Kalibrasi"],
    ["informasikan", "x", "--media=Telepon"],
    ["daftar", "--status", "DIVALIDASI", "--media", "SipTenan"],
    ["lihat", "x", "--arsip", "a.db"],
    ["catat", "--petugas", "Siti Aminah", "--nama", "PT A", "--media", "email", "--uraian", "x"],
    ["--petugas", "A", "--arsip=a.db", "lihat", "x", "--petugas=B", "--templat", "t", "--json"],
])
def test_baris_perintah_dibaca_sama(argv: list[str]) -> None:
    """Well-formed daily command lines, tricky ones included, are read exactly as Click reads them."""
    assert _sama(argv)


@pytest.mark.parametrize("argv", [
    [], ["--help"], ["lihat"], ["lihat", "a", "b"], ["lihat", "--help"], ["lihat", "x", "--json=1"],
    ["daftar", "--halaman", "0"], ["daftar", "--halaman", "+5"], ["daftar", "--per-halaman", "10001"],
    ["catat", "--media", "EMEL"], ["catat", "--nama"], ["validasi", "x", "--", "--benar"], ["rekap", "--bulan"],
    ["lihat", "x", "--arsip", ""], ["--arsip", "", "lihat", "x"], ["--arsip"], ["-", "lihat"],
    ["--install-completion"], ["lihat", "-k", "x"], ["lihat", "--jso", "x"],
])
def test_yang_ragu_diserahkan_ke_typer(argv: list[str]) -> None:
    """Help, typos, missing or malformed values, other commands: left to the Typer app."""
    assert cepat.urai(argv, os.environ) is None


_KATA = sorted({
    *cepat.PERINTAH, "rekap", "periksa", "--help", "--", "-", "-x", "--json=1", "--arsip=a.db", "--petugas=Rina",
    *(o for p in cepat.PERINTAH.values() for o in p.opsi), *cepat.GLOBAL, "--media=email", "--halaman=3",
    "email", "EMAIL", "x", "", "0", "1", "50", "10001", "+5", "abc", "001/KP/BBSPJIKFK/XI/2026", "divalidasi",
    "a.db", "inspeksi", "--no-json",
})


_NILAI = ["email", "EMAIL", "x", "", "-", "0", "1", "50", "10001", "+5", "007", "divalidasi", "inspeksi", "a b", "--json"]


@settings(max_examples=300, deadline=None)
@given(
    depan=st.lists(st.sampled_from(["--arsip", "--petugas", "--konfigurasi", "--templat", "a.db", "Rina", "--arsip=x"]),
                   max_size=3),
    perintah=st.sampled_from([*cepat.PERINTAH, "rekap"]),
    sisa=st.lists(st.sampled_from(_KATA), max_size=7),
)
def test_baris_acak_dibaca_sama_atau_diserahkan(depan: list[str], perintah: str, sisa: list[str]) -> None:
    """Random command lines: whatever cepat accepts, Click accepts with the same values."""
    _sama([*depan, perintah, *sisa])


@settings(max_examples=300, deadline=None)
@given(data=st.data(), perintah=st.sampled_from(sorted(cepat.PERINTAH)))
def test_baris_acak_dari_opsi_perintah(data: st.DataObject, perintah: str) -> None:
    """Random lines built from the command's own options and plausible values: read the same or left to Typer."""
    opsi = sorted(cepat.PERINTAH[perintah].opsi)
    kata = st.one_of(
        st.tuples(st.sampled_from(opsi), st.sampled_from(_NILAI)).map(lambda x: [x[0], x[1]]),
        st.tuples(st.sampled_from(opsi), st.sampled_from(_NILAI)).map(lambda x: [f"{x[0]}={x[1]}"]),
        st.sampled_from(opsi).map(lambda x: [x]),
        st.sampled_from(["k7f3q2m", "001/KP/BBSPJIKFK/XI/2026", "-", "--help", "--"]).map(lambda x: [x]),
    )
    baris = [w for bagian in data.draw(st.lists(kata, max_size=6)) for w in bagian]
    _sama([perintah, *baris])


def test_variabel_lingkungan_seperti_click(monkeypatch: pytest.MonkeyPatch) -> None:
    """KELUHAN_* fill the global options unless given on the line; an empty one counts as unset."""
    monkeypatch.setenv("KELUHAN_KONFIGURASI", "")
    monkeypatch.setenv("KELUHAN_TEMPLAT", "tpl")
    for argv in (["lihat", "x"], ["--arsip", "b.db", "--templat=lain", "lihat", "x"]):
        assert _sama(argv)
    monkeypatch.setenv("_KELUHAN_COMPLETE", "bash_complete")
    assert cepat.urai(["lihat", "x"], os.environ) is None


def test_pilihan_huruf_besar_kecil_sama(jalankan: Jalankan, lihat: Any) -> None:
    """--media Email is read as email by both paths (Typer and cepat), and stored as email."""
    dibaca = cepat.urai(["catat", "--media", "Email"], os.environ)
    assert dibaca is not None and dibaca[2]["media"] == "email"
    r = jalankan("catat", "--nama", "PT A", "--media", "Email", "--layanan", "PENGUJIAN", "--uraian", "x",
                 "--waktu", "2026-11-02 08:00")
    assert r.exit_code == 0, r.stderr
    k = lihat(r.stdout.strip())
    assert (k["media"], k["layanan"]) == ("email", "pengujian")


def _semua_perintah(c: Any) -> list[Any]:
    return [c] + [x for sub in getattr(c, "commands", {}).values() for x in _semua_perintah(sub)]


def test_semua_pilihan_tanpa_beda_huruf() -> None:
    """Every choice option of every command (--format HTML, --jenis FPKP, ...) accepts any case."""
    pilihan = {(c.name, p.name): p.type.case_sensitive for c in _semua_perintah(KLIK) for p in c.params
               if hasattr(p.type, "choices")}
    assert len(pilihan) >= 9 and not any(pilihan.values()), pilihan


def _jalan_cepat(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    assert cepat.urai(argv, os.environ) is not None
    with pytest.raises(SystemExit) as e:
        cepat.main(argv)
    keluar = capsys.readouterr()
    return int(e.value.code or 0), keluar.out, keluar.err


def test_keluaran_sama_dengan_typer(jalankan: Jalankan, sampai: Any, capsys: pytest.CaptureFixture[str]) -> None:
    """The same command lines print the same and exit the same through either path."""
    nomor = sampai(Status.DITINDAKLANJUTI)
    capsys.readouterr()
    for argv in (["lihat", nomor], ["lihat", nomor, "--json"], ["daftar"], ["daftar", "--json", "--status", "divalidasi"],
                 ["lihat", "tidak-ada"], ["validasi", nomor, "--benar"], ["verifikasi", nomor, "--terima", "--kembalikan"],
                 ["--petugas", PETUGAS, "--konfigurasi", "tidak-ada.toml", "lihat", nomor]):
        r = jalankan(*argv)
        assert _jalan_cepat(argv, capsys) == (r.exit_code, r.stdout, r.stderr), argv


def test_langkah_lewat_jalur_cepat(sampai: Any, lihat: Any, capsys: pytest.CaptureFixture[str]) -> None:
    """A step run by the fast path is written as the Typer command writes it."""
    nomor = sampai(Status.DICATAT)
    kode, keluar, err = _jalan_cepat(["validasi", nomor, "--benar", "--teruskan-ke", "tim inspeksi",
                                      "--waktu", "2026-11-02 08:20"], capsys)
    assert (kode, keluar, err) == (0, f"{nomor}: keluhan benar, diteruskan ke Tim Inspeksi (status: divalidasi).\n", "")
    k = lihat(nomor)
    assert (k["status"], k["tim_teknis"], k["riwayat"][-1]["petugas"]) == ("divalidasi", "Tim Inspeksi", PETUGAS)


PENGAMAT = """
import json, sys
from keluhan import cepat
try:
    cepat.main(sys.argv[2:])
except SystemExit as e:
    kode = e.code
berat = ("typer", "click", "jinja2", "holidays", "dateutil", "rich", "sqlite_utils", "openpyxl", "hashlib", "inspect")
with open(sys.argv[1], "w") as f:
    json.dump({"kode": kode, "modul": sorted(m for m in sys.modules if m.split(".")[0] in berat)}, f)
"""


@pytest.mark.parametrize("perintah", [["lihat", "{nomor}"], ["lihat", "{nomor}", "--json"], ["daftar"],
                                      ["daftar", "--json", "--halaman", "1"]])
def test_perintah_harian_tanpa_pustaka_berat(tmp_path: Path, sampai: Any, perintah: list[str]) -> None:
    """lihat and daftar, in a real process, import none of typer, jinja2, holidays, dateutil, rich, sqlite_utils."""
    nomor = sampai(Status.DIVERIFIKASI)
    hasil = tmp_path / "modul.json"
    p = subprocess.run([sys.executable, "-c", PENGAMAT, str(hasil), *(a.format(nomor=nomor) for a in perintah)],
                       env=env_subproses(), stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=60)
    assert p.returncode == 0, p.stderr
    assert json.loads(hasil.read_text()) == {"kode": 0, "modul": []}


def test_catat_di_proses_nyata_tanpa_typer(tmp_path: Path) -> None:
    """catat and a step through `python -m keluhan` (no terminal) take the fast path and need no Typer."""
    hasil = tmp_path / "modul.json"
    env = env_subproses()
    nomor = subprocess.run([*PERINTAH_CLI, "catat", "--nama", "PT A", "--media", "email", "--uraian", "-"], env=env,
                           input="Uraian dari stdin", capture_output=True, text=True, timeout=60)
    assert nomor.returncode == 0 and nomor.stdout.strip().startswith("001/KP/"), nomor.stderr
    p = subprocess.run([sys.executable, "-c", PENGAMAT, str(hasil), "validasi", nomor.stdout.strip(), "--tidak-benar",
                        "--alasan", "Bukan layanan"], env=env, stdin=subprocess.DEVNULL, capture_output=True, text=True,
                       timeout=60)
    assert p.returncode == 0, p.stderr
    modul = json.loads(hasil.read_text())["modul"]
    assert not [m for m in modul if m.split(".")[0] in ("typer", "click", "jinja2", "rich", "sqlite_utils")], modul
    if importlib.util.find_spec("_sha256") or importlib.util.find_spec("_sha2"):  # CPython's own sha256
        assert "hashlib" not in modul, modul  # OpenSSL is not loaded for one digest


@pytest.mark.parametrize("nama", sorted(c.name for c in cli.app.registered_commands if c.name))
def test_aplikasi_satu_perintah_sama(nama: str, jalankan: Jalankan) -> None:
    """The Typer path builds only the named command: its help and its usage errors read as with the full app."""
    satu = cli._app_untuk(["--arsip", "a.db", "--petugas=Rina", nama])
    assert [c.name for c in satu.registered_commands] == [nama] and satu is not cli.app
    runner = typer.testing.CliRunner()
    for argv in ([nama, "--help"], [nama, "--tidak-ada"], ["--arsip", "x.db", nama, "a", "b", "c", "d", "e"]):
        penuh, hasil = runner.invoke(cli.app, argv), runner.invoke(satu, argv)
        assert (hasil.exit_code, hasil.stdout, hasil.stderr) == (penuh.exit_code, penuh.stdout, penuh.stderr), argv


def test_bantuan_umum_dari_aplikasi_penuh() -> None:
    """Help for the whole app, unknown commands and sub-apps keep the full app."""
    for argv in ([], ["--help"], ["--arsip", "a.db"], ["tidak-ada"], ["libur", "daftar"], ["--install-completion"]):
        assert cli._app_untuk(argv) is cli.app, argv
