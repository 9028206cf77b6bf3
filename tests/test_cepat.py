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

from keluhan import cepat, cepat_buat, cli
from keluhan.workflow import Status
from conftest import PERINTAH_CLI, PETUGAS, Jalankan, env_subproses

KLIK = typer.main.get_command(cli.app)


def test_tabel_dan_bantuan_dibuat_dari_typer() -> None:
    """cepat_tabel.py and cepat_bantuan.py are what `python -m keluhan.cepat_buat` makes of the Typer app now."""
    for jalur, teks in cepat_buat.sumber().items():
        assert jalur.read_text(encoding="utf-8") == teks, f"{jalur.name} berbeda: jalankan python -m keluhan.cepat_buat"


def test_perintah_harian_di_tabel() -> None:
    """Every daily command (marked @_di_harian in cli.py) is in the fast path's table, with harian's body."""
    harian_cli = {(c.name,): c.callback.keluhan_harian for c in cli.app.registered_commands
                  if hasattr(c.callback, "keluhan_harian")}
    assert {("catat",), ("validasi",), ("tindak",), ("verifikasi",), ("informasikan",), ("banding",), ("koreksi",),
            ("lihat",), ("daftar",)} <= set(harian_cli)
    for jalur, nama in harian_cli.items():
        assert cepat.PERINTAH[jalur].nama_fungsi == nama and callable(cepat.PERINTAH[jalur].fungsi), jalur
    assert set(cepat.GLOBAL) == {"--arsip", "--petugas", "--konfigurasi", "--templat"}


def test_tabel_sama_dengan_perintah_typer() -> None:
    """Each fast command's options, defaults and arguments name the Click command's (the generator's own reading checked)."""
    for jalur, p in cepat.PERINTAH.items():
        c = KLIK
        for nama in jalur:
            c = c.commands[nama]
        milik = [x for x in c.params if not hasattr(x, "keluhan_umum")]
        assert p.argumen == tuple(x.name for x in milik if x.param_type_name == "argument"), jalur
        assert set(p.opsi) == {o for x in milik if x.param_type_name == "option" for o in x.opts}, jalur
        assert set(p.bawaan) == {x.name for x in milik if x.param_type_name == "option"}, jalur


def _nilai_klik(v: Any) -> Any:
    return v.value if isinstance(v, Enum) else v


def _klik(argv: list[str]) -> tuple[tuple[str, ...], dict[str, Any], dict[str, Any]]:
    """How Click (the Typer app) reads ``argv``: command, global values, command values."""
    ctx = KLIK.make_context("keluhan", list(argv))
    jalur: tuple[str, ...] = ()
    sub, cmd, sisa = ctx, KLIK, [*ctx._protected_args, *ctx.args]
    while hasattr(cmd, "commands"):
        nama, cmd, sisa = cmd.resolve_command(sub, sisa)  # type: ignore[union-attr]
        jalur = (*jalur, nama)
        sub = cmd.make_context(nama, sisa, parent=sub)  # type: ignore[union-attr]
        sisa = [*sub._protected_args, *sub.args]
    glob = {k: v for k, v in ctx.params.items() if k in cepat.GLOBAL_BAWAAN} | ctx.meta.get("keluhan.umum", {})
    return jalur, glob, {k: _nilai_klik(v) for k, v in sub.params.items()}  # type: ignore[return-value]


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
    # rekap's --bulan may stand alone (the last complete month): last, before an option, or as --bulan=
    ["rekap", "--bulan"], ["rekap", "--bulan", "--format", "JSON"], ["rekap", "--bulan=", "--timpa"],
    ["rekap", "--bulan", "2026-10", "--format", "html", "--keluar", "r/", "--timpa", "--jangkar", "riwayat:3:ab"],
    ["rekap", "--keluar", "--bulan"], ["rekap", "--petugas", "--bulan", "--bulan", "2026-1"],
    ["rekap", "--tahun", "2026", "--dari", "1/10/2026", "--sampai", "31/10/2026", "--triwulan", "2026-4"],
])
def test_baris_perintah_dibaca_sama(argv: list[str]) -> None:
    """Well-formed daily command lines, tricky ones included, are read exactly as Click reads them."""
    assert _sama(argv)


@pytest.mark.parametrize("argv", [
    [], ["--help"], ["lihat"], ["lihat", "a", "b"], ["lihat", "--help"], ["lihat", "x", "--json=1"],
    ["daftar", "--halaman", "0"], ["daftar", "--halaman", "+5"], ["daftar", "--per-halaman", "10001"],
    ["catat", "--media", "EMEL"], ["catat", "--nama"], ["validasi", "x", "--", "--benar"], ["rekap", "--bulan", "-"],
    ["lihat", "x", "--arsip", ""], ["--arsip", "", "lihat", "x"], ["--arsip"], ["-", "lihat"],
    ["--install-completion"], ["lihat", "-k", "x"], ["lihat", "--jso", "x"],
])
def test_yang_ragu_diserahkan_ke_typer(argv: list[str]) -> None:
    """Help, typos, missing or malformed values, other commands: left to the Typer app."""
    assert cepat.urai(argv, os.environ) is None


_NAMA = sorted({j[0] for j in cepat.PERINTAH})
_KATA = sorted({
    *_NAMA, "-h", "--version", "libur", "periksa", "--help", "--", "-", "-x", "--json=1", "--arsip=a.db", "--petugas=Rina",
    *(o for p in cepat.PERINTAH.values() for o in p.opsi), *cepat.GLOBAL, "--media=email", "--halaman=3",
    "email", "EMAIL", "x", "", "0", "1", "50", "10001", "+5", "abc", "001/KP/BBSPJIKFK/XI/2026", "divalidasi",
    "a.db", "inspeksi", "--no-json",
})


_NILAI = ["email", "EMAIL", "x", "", "-", "0", "1", "50", "10001", "+5", "007", "divalidasi", "inspeksi", "a b", "--json"]


@settings(max_examples=300, deadline=None)
@given(
    depan=st.lists(st.sampled_from(["--arsip", "--petugas", "--konfigurasi", "--templat", "a.db", "Rina", "--arsip=x"]),
                   max_size=3),
    perintah=st.sampled_from(_NAMA),
    sisa=st.lists(st.sampled_from(_KATA), max_size=7),
)
def test_baris_acak_dibaca_sama_atau_diserahkan(depan: list[str], perintah: str, sisa: list[str]) -> None:
    """Random command lines: whatever cepat accepts, Click accepts with the same values."""
    _sama([*depan, perintah, *sisa])


@settings(max_examples=300, deadline=None)
@given(data=st.data(), perintah=st.sampled_from(sorted(cepat.PERINTAH)))
def test_baris_acak_dari_opsi_perintah(data: st.DataObject, perintah: tuple[str, ...]) -> None:
    """Random lines built from the command's own options and plausible values: read the same or left to Typer."""
    opsi = sorted(cepat.PERINTAH[perintah].opsi)
    kata = st.one_of(
        st.tuples(st.sampled_from(opsi + sorted(cepat.GLOBAL)), st.sampled_from(_NILAI)).map(lambda x: [x[0], x[1]]),
        st.tuples(st.sampled_from(opsi), st.sampled_from(_NILAI)).map(lambda x: [f"{x[0]}={x[1]}"]),
        st.sampled_from(opsi).map(lambda x: [x]),
        st.sampled_from(["k7f3q2m", "001/KP/BBSPJIKFK/XI/2026", "-", "--help", "--"]).map(lambda x: [x]),
    )
    baris = [w for bagian in data.draw(st.lists(kata, max_size=6)) for w in bagian]
    _sama([*perintah, *baris])


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


@pytest.mark.parametrize("argv", [["--help"], ["-h"], [], ["catat", "--help"], ["lihat", "-h"], ["libur"],
                                  ["libur", "tambah", "--help"], ["rekap", "--help"], ["--version"]])
def test_bantuan_tanpa_typer(tmp_path: Path, argv: list[str]) -> None:
    """--help, -h, a group alone and --version, in a real process, print Typer's page (or the version) without importing Typer."""
    from importlib.metadata import version

    from keluhan import bantuan

    hasil = tmp_path / "modul.json"
    p = subprocess.run([sys.executable, "-c", PENGAMAT, str(hasil), *argv], env=env_subproses(COLUMNS="100"),
                       stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=60)
    assert (p.returncode, p.stderr) == (0, ""), p.stderr
    assert json.loads(hasil.read_text()) == {"kode": 0, "modul": []}
    if argv != ["--version"]:  # nor pathlib, shutil or the daily commands' code: a page is printed as it is
        q = subprocess.run([sys.executable, "-c", "import sys\nfrom keluhan import cepat\ntry:\n    cepat.main(sys.argv[1:])\n"
                            "except SystemExit:\n    pass\nprint(sorted(m for m in ('pathlib', 'shutil', 'keluhan.harian') "
                            "if m in sys.modules), file=sys.stderr)", *argv],
                           env=env_subproses(COLUMNS="100"), stdin=subprocess.DEVNULL, capture_output=True, text=True,
                           timeout=60)
        assert q.stderr == "[]\n", q.stderr
    if argv == ["--version"]:
        assert p.stdout == f"keluhan {version('keluhan')}\n"
    else:
        jalur = tuple(a for a in argv if a not in ("--help", "-h"))
        assert p.stdout == bantuan.teks_bantuan(KLIK, jalur, 78) + "\n"


def test_bantuan_layar_sempit_lewat_typer(monkeypatch: pytest.MonkeyPatch) -> None:
    """On a terminal narrower than 80 columns Click lays the page out anew: the fast path leaves it to Typer."""
    import shutil

    monkeypatch.setenv("COLUMNS", "60")
    assert shutil.get_terminal_size().columns == 60 and cepat.bantuan(["catat", "--help"], os.environ) is None
    monkeypatch.setenv("COLUMNS", "80")
    assert cepat.bantuan(["catat", "--help"], os.environ) is not None
    assert cepat.bantuan(["catat", "--help"], {"_KELUHAN_COMPLETE": "bash_complete"}) is None
    assert cepat.bantuan(["catat", "--nama", "--help"], {}) is None  # not a plain help request


@pytest.mark.parametrize("columns", [None, "", "abc", "0", "60", "80", "200"])
def test_kolom_terminal_seperti_shutil(monkeypatch: pytest.MonkeyPatch, columns: str | None) -> None:
    """cepat's terminal width is shutil's (Click's formatter reads shutil), whatever $COLUMNS says."""
    import shutil

    if columns is None:
        monkeypatch.delenv("COLUMNS", raising=False)
    else:
        monkeypatch.setenv("COLUMNS", columns)
    assert cepat.kolom_terminal(os.environ) == shutil.get_terminal_size().columns
