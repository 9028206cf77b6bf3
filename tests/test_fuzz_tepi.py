"""A fuzz test of every command's edges (issue 10): hostile strings in every option.

Hypothesis drives the real entry point, ``keluhan.cepat.main`` in-process (the daily
commands' fast path; everything else falls through to the Typer app), the Typer app
itself, and a few real processes. The commands and their options are read from the
Typer app (``typer.main.get_command``), so a new command or option is fuzzed without
touching this file. Values mix plausible ones (so commands get past their first check)
with controls, escape sequences, bidi overrides, rich markup, template syntax, bytes
that are not UTF-8 (``surrogateescape``), huge numbers, and paths onto the archive,
its -wal file, its settings, a folder, a name too long for the file system.

After every command: no exception escaped (no traceback), the exit code is 0, 1, 2;
a refusal says exactly one ``Galat:`` line and leaves the archive's ``.dump`` as it
was; the archive is still an archive; no ESC (or CSI) byte reaches human output.

A few hundred examples for CI; ``pytest --hypothesis-profile=panjang`` (conftest.py)
runs many more.
"""

from __future__ import annotations

import contextlib
import functools
import io
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from conftest import PETUGAS, PETUGAS_TEKNIS, PETUGAS_VERIFIKASI

# Strings an attacker or a careless clerk may type.
JAHAT = [
    "\x1b[2J\x1b[H", "\x1b]0;judul palsu\x07", "\x1b]8;;http://jahat.example/\x1b\\klik\x1b]8;;\x1b\\", "\x9b31mmerah",
    "\x1bP+q\x1b\\", "a\rGalat: palsu", "baris\nkedua", "\u202eabc\u202c", "\u2066x\u2069", "[/b]", "[bold red]x",
    "[link=http://jahat.example]klik[/link]", "{{ ''.__class__.__mro__ }}", "{{ cycler.__init__.__globals__.os }}",
    "{% for i in range(10**9) %}x{% endfor %}", "{{ 9**9**9 }}", "\udcff", "PT \udcfe\udcff", "9" * 40,
    "4611686018427387904", "-1", "0", "", " ", "\t", "-", "--", "a" * 300, "%s%n%x", "'; DROP TABLE keluhan; --",
    "2026-11-02T08:00:00+25:00", "1/1/0001 00:00", "9999-12-31", "31/02/2026", "2026-11", "99999-01", "1e309",
    "nan", "٣", "²", "${HOME}", "\x00", "\x7f", "\u0085", "\ufeff", "x" * 5000,
]
# Values that get a command past its first check.
WAJAR = {
    "waktu": ["2026-11-09 09:00", "2026-11-10 10:00"], "diajukan": ["2026-11-02 08:00"],
    "target": ["2026-12-31", "31/12/2026"], "bulan": ["2026-11", "2026-10"], "tahun": ["2026"],
    "dari": ["2026-11-01"], "sampai": ["2026-11-30"], "dalam": ["2j", "1h", "30m"],
    "tanggal": ["2026-12-24", "25/12/2026"], "kolom": ["telepon", "uraian", "nama"],
    "teruskan_ke": ["Laboratorium Pengujian"], "jangkar": ["1:" + "a" * 64],
}
ESC = ("\x1b", "\x9b")
# Output that is data, escaped its own way (SPEC: ekspor re-imports exactly; forms are documents).
DATA = {"ekspor", "formulir", "rekap"}
# The hostile archive text: a complaint whose customer fields carry escape sequences.
NAMA_JAHAT = "PT \x1b[2J\x1b]0;judul\x07Jahat [/b] \u202e"


# Typer may carry its own copy of Click (0.26+): parameters are read by duck typing.
def _opsi(p: Any) -> bool:
    return getattr(p, "param_type_name", "") == "option"


def _argumen(p: Any) -> bool:
    return getattr(p, "param_type_name", "") == "argument"


@functools.lru_cache(maxsize=1)
def _perintah() -> list[tuple[tuple[str, ...], Any]]:
    """Every leaf command of the Typer app, with its path ("libur", "tambah")."""
    import typer

    from keluhan.cli import app

    hasil: list[tuple[tuple[str, ...], Any]] = []

    def jalan(awal: tuple[str, ...], c: Any) -> None:
        if hasattr(c, "commands"):
            for nama, anak in sorted(c.commands.items()):
                jalan((*awal, nama), anak)
        else:
            hasil.append((awal, c))

    akar = typer.main.get_command(app)
    assert hasattr(akar, "commands")
    jalan((), akar)
    return hasil


@functools.lru_cache(maxsize=1)
def _opsi_global() -> list[Any]:
    import typer

    from keluhan.cli import app

    return [p for p in typer.main.get_command(app).params if _opsi(p) and not p.hidden
            and p.name not in ("arsip",) and not p.is_eager]


# -- the world each example runs in ------------------------------------------------------

_TEMPLAT: dict[str, Any] = {}


def _siapkan_templat() -> dict[str, Any]:
    """An archive (built once through the CLI) with complaints in several statuses, one
    of them with escape sequences in its customer fields."""
    if _TEMPLAT:
        return _TEMPLAT
    folder = Path(tempfile.mkdtemp(prefix="keluhan-fuzz-"))
    arsip = folder / "archive.db"
    nomor = []
    init = _jalankan(["--arsip", str(arsip), "init"], folder)  # an archive exists only after init, where init makes one
    langkah = [
        ["catat", "--nama", "PT Sinar", "--media", "email", "--uraian", "LHU belum diterima",
         "--diajukan", "2026-11-02 08:00", "--waktu", "2026-11-02 08:10"],
        ["catat", "--nama", NAMA_JAHAT, "--media", "telepon", "--uraian", "\x1b[31mmerah\x1b[0m",
         "--alamat", "\x1b]8;;http://x\x1b\\l\x1b]8;;\x1b\\", "--waktu", "2026-11-02 08:20"],
        ["catat", "--nama", "PT Ketiga", "--media", "surat", "--uraian", "x", "--waktu", "2026-11-02 08:30"],
    ]
    for argv in langkah:
        kode, out, err = _jalankan(["--arsip", str(arsip), "--petugas", PETUGAS, *argv], folder)
        assert kode == 0, (init, err)
        nomor.append(out.strip().splitlines()[-1])
    for argv, petugas in (
        (["validasi", nomor[0], "--benar", "--teruskan-ke", "Laboratorium Pengujian", "--waktu", "2026-11-02 08:40"], PETUGAS),
        (["tindak", nomor[0], "--koreksi", "k", "--pencegahan", "p", "--waktu", "2026-11-03 10:00"], PETUGAS_TEKNIS),
        (["verifikasi", nomor[0], "--terima", "--waktu", "2026-11-03 11:00"], PETUGAS_VERIFIKASI),
        (["informasikan", nomor[0], "--media", "email", "--waktu", "2026-11-03 11:30"], PETUGAS),
        (["validasi", nomor[1], "--benar", "--teruskan-ke", "Laboratorium Pengujian", "--waktu", "2026-11-02 09:00"], PETUGAS),
    ):
        kode, _out, err = _jalankan(["--arsip", str(arsip), "--petugas", petugas, *argv], folder)
        assert kode == 0, err
    # Files an import may be pointed at.
    (folder / "dalam.json").write_text("[" * 200_000 + "]" * 200_000, encoding="utf-8")
    (folder / "bukan-utf8.csv").write_bytes(b"nama,media,uraian,dicatat\nPT \xff,email,x,2026-11-02 08:10\n")
    (folder / "jahat.csv").write_text(
        f"nomor,nama,media,uraian,dicatat\n5000000/KP/BBSPJIKFK/XI/2026,{NAMA_JAHAT},email,x,2026-11-02 08:10\n"
        f"{'9' * 60}/KP/BBSPJIKFK/XI/2026,\x1b[2J,email,x,2026-11-02T08:00:00+25:00\n", encoding="utf-8")
    _TEMPLAT.update(folder=folder, arsip=arsip, nomor=nomor, isi=_berkas_arsip(arsip))
    return _TEMPLAT


def _berkas_arsip(arsip: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in arsip.parent.iterdir() if p.name.startswith(arsip.name)}


@contextlib.contextmanager
def _dunia() -> Iterator[tuple[Path, Path]]:
    """A fresh folder holding a copy of the template archive and the import files."""
    t = _siapkan_templat()
    folder = Path(tempfile.mkdtemp(prefix="keluhan-fuzz-"))
    try:
        for p in t["folder"].iterdir():
            if p.is_file():
                shutil.copy2(p, folder / p.name)
        yield folder, folder / t["arsip"].name
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _dump(arsip: Path) -> list[str] | None:
    if not arsip.exists():
        return None
    db = sqlite3.connect(arsip)
    try:
        return list(db.iterdump())
    finally:
        db.close()


def _jalankan(argv: list[str], folder: Path, *, typer_app: bool = False) -> tuple[int, str, str]:
    """One in-process run: ``keluhan.cepat.main`` (or the Typer app), stdin empty, output
    captured (not a terminal), in ``folder``; (exit code, stdout, stderr). Anything but
    SystemExit propagates: that is a traceback the user would see."""
    from keluhan import cepat, cli

    out, err = io.StringIO(), io.StringIO()
    lama_cwd, lama_stdin = os.getcwd(), sys.stdin
    os.chdir(folder)
    sys.stdin = io.StringIO("")
    kode: Any = 0
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                if typer_app:
                    cli.app(args=argv, prog_name="keluhan")
                else:
                    cepat.main(argv)
            except SystemExit as e:
                kode = e.code
    finally:
        os.chdir(lama_cwd)
        sys.stdin = lama_stdin
    return (kode if isinstance(kode, int) else (0 if kode is None else 1)), out.getvalue(), err.getvalue()


# -- strategies -------------------------------------------------------------------------------


@functools.lru_cache(maxsize=1)
def _teks_acak() -> st.SearchStrategy[str]:
    huruf = st.one_of(st.characters(min_codepoint=0, max_codepoint=0x3000),
                      st.sampled_from(["\x1b", "\x9b", "\udcff", "\udc80", "\u202e", "[", "]", "{", "}", "%", "/"]))
    return st.text(huruf, max_size=24)


def _nilai(param: Any, folder: Path, arsip: Path, nomor: list[str]) -> st.SearchStrategy[str]:
    """Values for one parameter: plausible ones for its kind and name, and hostile ones."""
    nama = param.name or ""
    jahat = st.one_of(st.sampled_from(JAHAT), _teks_acak())
    jalur = st.sampled_from([
        str(arsip), f"{arsip}-wal", f"{arsip}-shm", str(folder / "keluhan.toml"), str(folder), f"{folder}/",
        f"{folder}/baru/", str(folder / "x.md"), str(folder / "x.csv"), str(folder / "x.db"), str(folder / "x.html"),
        str(folder / ("a" * 300)), str(folder / "dalam.json"), str(folder / "bukan-utf8.csv"), str(folder / "jahat.csv"),
        "archive.db", ".", "..", f"{folder}/\udcff.md",
    ])
    t = param.type
    if hasattr(t, "choices"):
        wajar: st.SearchStrategy[str] = st.sampled_from([str(getattr(c, "value", c)) for c in t.choices])
    elif getattr(t, "name", "") in ("integer", "integer range"):
        wajar = st.sampled_from(["1", "2", "2026", "50"])
    elif getattr(t, "name", "") == "path" or nama in ("keluar", "berkas", "tujuan", "konfigurasi", "templat"):
        return st.one_of(jalur, jalur, jahat)
    elif nama == "id":
        wajar = st.sampled_from(nomor)
    elif nama in WAJAR:
        wajar = st.sampled_from(WAJAR[nama])
    else:
        wajar = st.sampled_from(["PT Maju", "Rina", "x", "Laboratorium Pengujian"])
    return st.one_of(wajar, wajar, jahat)


@st.composite
def _baris_perintah(draw: st.DrawFn, folder: Path, arsip: Path, nomor: list[str]) -> list[str]:
    """One command line: a command, its arguments, some of its options, maybe global ones."""
    jalur, cmd = draw(st.sampled_from(_perintah()))
    argv: list[str] = []
    for p in _opsi_global():
        if draw(st.integers(0, 5)) == 0:
            argv += [p.opts[0], draw(_nilai(p, folder, arsip, nomor))]
    argv += ["--arsip", str(arsip), *jalur] if draw(st.integers(0, 9)) else [*jalur]  # sometimes the default archive.db
    for p in cmd.params:
        if _argumen(p):
            argv.append(draw(_nilai(p, folder, arsip, nomor)))
        elif _opsi(p) and not p.hidden and not p.is_eager:
            if not (p.required or draw(st.booleans())):
                continue
            if p.is_flag:
                argv.append(p.opts[0])
            else:
                nilai = draw(_nilai(p, folder, arsip, nomor))
                argv += [f"{p.opts[0]}={nilai}"] if draw(st.integers(0, 4)) == 0 else [p.opts[0], nilai]
    if draw(st.integers(0, 19)) == 0:
        argv.append(draw(st.sampled_from(JAHAT)))  # a stray word
    return argv


# -- the properties -----------------------------------------------------------------------------


def _periksa_satu(argv: list[str], kode: int, out: str, err: str, sebelum: list[str] | None, arsip: Path) -> None:
    ket = f"argv={argv!r}\nkode={kode}\nstdout={out[-2000:]!r}\nstderr={err[-2000:]!r}"
    assert "Traceback" not in err and "Traceback" not in out, ket
    assert kode in (0, 1, 2), ket
    galat = [b for b in err.splitlines() if b.startswith("Galat:")]
    gagal_sah = kode == 1 and not galat and ("--gagal-jika-ada" in argv or "terlambat" in argv)
    if kode != 0 and not gagal_sah:
        assert len(galat) == 1, ket
        assert _dump(arsip) == sebelum, "a refused command changed the archive\n" + ket
    else:
        assert not galat, ket
    assert not any(e in err for e in ESC), "escape byte on stderr\n" + ket
    data = bool(DATA & set(argv)) or "--json" in argv
    if not data:
        assert not any(e in out for e in ESC), "escape byte in human output\n" + ket
    if sebelum is not None:  # still an archive, whatever --keluar, cadangkan or init pointed at
        assert arsip.exists(), ket
        db = sqlite3.connect(arsip)
        try:
            assert db.execute("SELECT COUNT(*) FROM keluhan").fetchone()[0] >= 3, ket
        finally:
            db.close()


def _banyak(n: int) -> int:
    """``n`` examples for CI; a profile that asks for more (--hypothesis-profile=panjang) gets them."""
    diminta = settings.default.max_examples
    return n if diminta == settings.get_profile("default").max_examples else max(n, diminta)


@pytest.fixture
def lingkungan(monkeypatch: pytest.MonkeyPatch) -> None:
    """No archive or settings from the autouse fixture: every command line says its own."""
    monkeypatch.delenv("KELUHAN_ARSIP", raising=False)
    monkeypatch.setenv("KELUHAN_PETUGAS", PETUGAS)


@settings(max_examples=_banyak(200), deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large])
@given(data=st.data(), typer_app=st.integers(0, 3))
def test_fuzz_setiap_opsi_setiap_perintah(lingkungan, data, typer_app) -> None:
    """Hostile values in every option of every command (from the Typer app), in-process through cepat.main and the Typer app: no traceback, one Galat line and an unchanged archive on refusal, no escape byte in human output."""
    with _dunia() as (folder, arsip):
        nomor = _TEMPLAT["nomor"]
        urutan = data.draw(st.lists(_baris_perintah(folder, arsip, nomor), min_size=1, max_size=3), label="perintah")
        for argv in urutan:
            sebelum = _dump(arsip)
            kode, out, err = _jalankan(argv, folder, typer_app=typer_app == 0)
            nama = {j[0] for j, _c in _perintah()}
            event(f"{next((a for a in argv if a in nama), '?')}: keluar {kode}")
            _periksa_satu(argv, kode, out, err, sebelum, arsip)


def test_fuzz_mencakup_setiap_perintah() -> None:
    """The fuzzed command list is the Typer app's: every registered command is in it, with its options."""
    from keluhan.cli import app

    nama = {j[0] for j, _c in _perintah()}
    assert {c.name for c in app.registered_commands} <= nama
    assert {g.name for g in app.registered_groups} <= nama
    assert all(any(_opsi(p) for p in c.params) or c.params for _j, c in _perintah())


@settings(max_examples=_banyak(8), deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=st.data())
def test_fuzz_proses_nyata(lingkungan, data) -> None:
    """A few hostile command lines as real processes (raw bytes as a shell passes them): the same properties."""
    with _dunia() as (folder, arsip):
        argv = data.draw(_baris_perintah(folder, arsip, _TEMPLAT["nomor"]), label="perintah")
        if any("\x00" in a for a in argv):
            return  # a NUL cannot be passed to a real process (exec refuses it)
        sebelum = _dump(arsip)
        r = subprocess.run(
            [sys.executable, "-m", "keluhan", *[a.encode("utf-8", "surrogateescape") for a in argv]],
            capture_output=True, timeout=120, cwd=folder, stdin=subprocess.DEVNULL,
            env={**os.environ, "KELUHAN_PETUGAS": PETUGAS, "TERM": "dumb"},
        )
        out = r.stdout.decode("utf-8", "replace")
        err = r.stderr.decode("utf-8", "replace")
        _periksa_satu(argv, r.returncode, out, err, sebelum, arsip)
