"""The entry point: daily commands and help run without Typer; everything else goes to cli.py.

``import typer`` and building the Click commands cost ~60 ms of CPU on every run, five
times a bare ``python -c pass``, and a clerk types ``catat``, the step commands, ``lihat``
and ``daftar`` all day (issue 7: at most 5x). So ``main`` first reads the command line
by the table of ``cepat_tabel``. When every word is one it knows, plainly well formed
(known options, values of the right kind, the right number of arguments), it calls the
command's body in ``harian`` directly, the same function the Typer command calls. A
plain ``--help`` (or ``-h``) prints its page from ``cepat_bantuan``; ``--version`` the
installed version. Anything else: a typo, a missing value, a prompt to ask, shell
completion, any other command, goes to the Typer app unchanged, which says what is wrong
exactly as before.

The table and the pages are generated from cli.py's Typer app by ``python -m
keluhan.cepat_buat`` (tests/test_cepat.py fails when they drift), so a command or an
option is written once: its Typer signature, and its body in harian.py. The tests also
read random command lines both ways.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping, Sequence
from operator import itemgetter
from typing import Any

# No pathlib at module level: --help and --version do without it (~5-10 ms). The daily
# commands import it with harian.

# Kinds of value: text, a path, a flag (no value), one of the choices (any case), a whole number in range.
TEKS = "teks"
TEKS_OPSIONAL = "teks-opsional"  # text that may be left out: a bare --bulan (isi_nilai_opsional)
JALUR = "jalur"
BENDERA = "bendera"

Jenis = str | tuple[str, ...] | tuple[int | None, int | None]

try:  # generated; missing only while cepat_buat writes it the first time (then Typer reads everything)
    from keluhan import cepat_tabel as _tabel
except ImportError:  # pragma: no cover
    _tabel = None  # type: ignore[assignment]


class Perintah(tuple):  # type: ignore[type-arg]
    """A daily command as its Typer signature declares it: ``(jalur, (fungsi, argumen, opsi,
    bawaan))``, one item of ``cepat_tabel.PERINTAH``. A tuple, built by C code alone (no
    ``__init__``), like the other tables below: a Ctrl-C while this module is being imported
    (before ``main`` holds it) then stops in module code only, which is Python's own start-up
    report (tests/test_tangguh.py), never inside a function of ours."""

    __slots__ = ()

    @property
    def jalur(self) -> tuple[str, ...]:
        return self[0]  # type: ignore[no-any-return]

    @property
    def nama_fungsi(self) -> str:  # in harian, imported only when the command runs
        return self[1][0]  # type: ignore[no-any-return]

    @property
    def argumen(self) -> tuple[str, ...]:  # required positional arguments, in order
        return self[1][1]  # type: ignore[no-any-return]

    @property
    def opsi(self) -> dict[str, tuple[str, Jenis]]:  # --name -> (keyword, kind)
        return self[1][2]  # type: ignore[no-any-return]

    @property
    def bawaan(self) -> dict[str, Any]:
        return self[1][3]  # type: ignore[no-any-return]

    @property
    def fungsi(self) -> Any:
        from keluhan import harian

        return getattr(harian, self.nama_fungsi)


# The global options: --name -> (keyword, kind, environment variable); their defaults
# (a path's as text: _bawaan_global() makes it a Path).
GLOBAL: dict[str, tuple[str, str, str]] = dict(_tabel.GLOBAL) if _tabel else {}
GLOBAL_BAWAAN: dict[str, Any] = dict(_tabel.GLOBAL_BAWAAN) if _tabel else {}
# (No comprehension at module level: each is a function call, see Perintah.)
_GLOBAL_OPSI = dict(zip(GLOBAL, map(itemgetter(0, 1), GLOBAL.values())))

PERINTAH: dict[tuple[str, ...], Perintah] = dict(zip(
    _tabel.PERINTAH if _tabel else (), map(Perintah, _tabel.PERINTAH.items() if _tabel else ())))
# The first words of the commands (a sub-command's group too).
_AWAL = set(map(itemgetter(0), PERINTAH))
# Command lines that show a help page when given nothing more (the app, a group alone).
_TANPA_ARGUMEN: tuple[tuple[str, ...], ...] = _tabel.TANPA_ARGUMEN if _tabel else ()


def _nilai(jenis: Jenis, teks: str) -> tuple[bool, Any]:
    """(True, value) when ``teks`` is plainly a value of ``jenis``; (False, None) otherwise."""
    if jenis == TEKS or jenis == TEKS_OPSIONAL:
        return True, teks
    if jenis == JALUR:
        from pathlib import Path

        return (True, Path(teks)) if teks else (False, None)
    if len(jenis) == 2 and all(b is None or isinstance(b, int) for b in jenis):  # a whole number
        lo, hi = jenis
        if not (teks.isascii() and teks.isdigit()):
            return False, None
        n = int(teks)
        return ((lo is None or lo <= n) and (hi is None or n <= hi)), n  # type: ignore[operator]
    # Choices are case-insensitive (case_sensitive=False in cli.py), read as Click's
    # TyperChoice reads them: casefold both sides, the declared spelling wins.
    from keluhan.harian import pilih

    cocok = pilih(teks, jenis)  # type: ignore[arg-type]
    return cocok is not None, cocok


def _opsi(kata: list[str], i: int, opsi: Mapping[str, tuple[str, Jenis]], hasil: dict[str, Any]) -> int | None:
    """Read the option at ``kata[i]`` into ``hasil``; the index after it, or None when unsure."""
    nama, sama, nilai = kata[i].partition("=")
    if nama not in opsi:
        return None
    kunci, jenis = opsi[nama]
    if jenis == BENDERA:
        if sama:
            return None
        hasil[kunci] = True
        return i + 1
    if not sama:
        i += 1
        if i >= len(kata):
            return None
        nilai = kata[i]  # Click takes the next word as the value, whatever it looks like
    ok, v = _nilai(jenis, nilai)
    if not ok:
        return None
    hasil[kunci] = v
    return i + 1


def urai(argv: Sequence[str], env: Mapping[str, str]) -> tuple[Perintah, dict[str, Any], dict[str, Any]] | None:
    """(command, global values, command values) of a plainly well-formed daily command
    line, read as Click would; None for anything else (Typer then reads it)."""
    if any(k.startswith(("_KELUHAN_COMPLETE", "_TYPER_COMPLETE")) for k in env):
        return None
    kata = list(argv)
    glob: dict[str, Any] = {}
    i = 0
    while i < len(kata) and kata[i].startswith("-") and kata[i] != "-":
        j = _opsi(kata, i, _GLOBAL_OPSI, glob)
        if j is None:
            return None
        i = j
    if i >= len(kata) or kata[i] not in _AWAL:
        return None
    jalur = (kata[i],)
    i += 1
    while jalur not in PERINTAH:  # a group's name: its sub-command follows
        if i >= len(kata) or not any(j[:len(jalur) + 1] == (*jalur, kata[i]) for j in PERINTAH):
            return None
        jalur = (*jalur, kata[i])
        i += 1
    p = PERINTAH[jalur]
    opsional = [o for o, (_k, j) in p.opsi.items() if j == TEKS_OPSIONAL]
    if opsional:  # as the command's Click class reads its words (cli._NilaiOpsional)
        kata[i:] = isi_nilai_opsional(kata[i:], opsional)
    nilai: dict[str, Any] = {}
    argumen: list[str] = []
    while i < len(kata):
        if kata[i].startswith("-") and kata[i] != "-":
            # The command's own options first, then the global ones (keluhan catat --petugas X),
            # as cli.py adds them to each command where the command has no option of that name.
            j = _opsi(kata, i, p.opsi, nilai)
            if j is None and kata[i].partition("=")[0] not in p.opsi:
                j = _opsi(kata, i, _GLOBAL_OPSI, glob)
            if j is None:
                return None
            i = j
        else:
            argumen.append(kata[i])
            i += 1
    if len(argumen) != len(p.argumen):
        return None
    for nama, (kunci, jenis, envvar) in GLOBAL.items():
        if kunci not in glob and env.get(envvar):  # Click ignores an empty variable
            ok, v = _nilai(jenis, env[envvar])
            if not ok:
                return None
            glob[kunci] = v
    return p, _bawaan_global() | glob, p.bawaan | dict(zip(p.argumen, argumen)) | nilai


def isi_nilai_opsional(args: Sequence[str], nama: Sequence[str]) -> list[str]:
    """A command's words with each bare option of ``nama`` (the last word, or one followed by
    another option) written ``--bulan=`` (empty): how an option with an optional value is read,
    by cli._NilaiOpsional for Click and here for the fast path (one reading for both)."""
    return [
        f"{a}=" if a in nama and (i + 1 == len(args) or args[i + 1].startswith("-")) else a
        for i, a in enumerate(args)
    ]


def _bawaan_global() -> dict[str, Any]:
    """The global options' defaults, a path as a Path (as Click gives it)."""
    from pathlib import Path

    jalur = {k for k, j, _e in GLOBAL.values() if j == JALUR}
    return {k: Path(v) if k in jalur and v is not None else v for k, v in GLOBAL_BAWAAN.items()}


def _perlu_bertanya(p: Perintah, nilai: dict[str, Any]) -> bool:
    """A command that would ask at a terminal (harian's ``bertanya_<name>`` says when) is
    Typer's: typer.prompt and its Ctrl-C handling live there."""
    if not sys.stdin.isatty():
        return False
    from keluhan import harian

    tanya = getattr(harian, f"bertanya_{p.nama_fungsi}", None)
    return bool(tanya and tanya(nilai))


def bantuan(argv: Sequence[str], env: Mapping[str, str]) -> str | None:
    """The help page a plain ``[COMMAND...] --help`` (or ``-h``, or a group's name alone)
    asks for, as the Typer app would print it; None when Typer must answer."""
    if any(k.startswith(("_KELUHAN_COMPLETE", "_TYPER_COMPLETE")) for k in env):
        return None
    from keluhan import cepat_bantuan

    kata = tuple(argv)
    if kata and kata[-1] in ("--help", "-h"):
        jalur = kata[:-1]
    elif kata in _TANPA_ARGUMEN:
        jalur = kata
    else:
        return None
    teks = cepat_bantuan.HALAMAN.get(jalur)
    if teks is None:
        return None
    # The pages are laid out for 78 columns, as Click does on a terminal of 80 or more and
    # when piped; a narrower terminal gets Typer's own layout.
    return teks if kolom_terminal(env) >= 80 else None


def kolom_terminal(env: Mapping[str, str]) -> int:
    """``shutil.get_terminal_size().columns`` (what Click's help formatter reads), without
    importing shutil: $COLUMNS when set, else stdout's terminal, else 80."""
    try:
        kolom = int(env["COLUMNS"])
    except (KeyError, ValueError):
        kolom = 0
    if kolom <= 0:
        try:
            kolom = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            kolom = 0
        kolom = kolom or 80
    return kolom


def _dapat_ditulis(teks: str) -> bool:
    """Whether stdout's encoding takes the page (a legacy Windows console may not: Click's
    own output handles that, so Typer prints it then)."""
    try:
        teks.encode(sys.stdout.encoding or "utf-8")
    except (UnicodeEncodeError, LookupError):
        return False
    return True


def main(argv: Sequence[str] | None = None) -> None:
    # Everything inside the try, from the first statement on: a Ctrl-C can come at any
    # bytecode, and one outside it would print Python's traceback through this function.
    try:
        if argv is None:
            # This process is the command (the console script, python -m keluhan): the cyclic
            # garbage collector stays off while the modules and the archive are loaded, which
            # make almost no garbage but trigger a dozen collections walking every object
            # loaded so far (~8 ms of a daily command, issue 17); harian.gc_lanjut starts it
            # again with all that frozen. A caller that passes argv (the tests) keeps its own.
            import gc

            gc.disable()
        _main(argv)
    except KeyboardInterrupt:  # one that came outside the handler (entering or leaving it): still one line
        _dibatalkan()
    except Exception as e:
        # A Ctrl-C while a module is being imported can surface wrapped: Python turns an
        # exception inside a class body's __set_name__ into a RuntimeError caused by it.
        if not _karena_ctrl_c(e):
            raise
        _dibatalkan()


def _karena_ctrl_c(e: BaseException) -> bool:
    """Whether a KeyboardInterrupt is among the exception's causes."""
    dilihat: set[int] = set()
    sebab: BaseException | None = e
    while sebab is not None and id(sebab) not in dilihat:
        if isinstance(sebab, KeyboardInterrupt):
            return True
        dilihat.add(id(sebab))
        sebab = sebab.__cause__ or sebab.__context__
    return False


def _dibatalkan() -> None:
    from keluhan import harian

    harian._tutup_dengan("", 130, dibatalkan=True)


def _main(argv: Sequence[str] | None) -> None:
    argv = sys.argv[1:] if argv is None else list(argv)
    if not argv or argv[-1] in ("--help", "-h", "--version") or tuple(argv) in _TANPA_ARGUMEN:
        if argv == ["--version"]:
            from importlib.metadata import version

            print(f"keluhan {version('keluhan')}")
            sys.exit(0)
        teks = bantuan(argv, os.environ)
        if teks is not None and _dapat_ditulis(teks):
            try:
                sys.stdout.write(teks)
                sys.stdout.flush()
            except BrokenPipeError:  # keluhan --help | head: quiet, and no second error at exit
                os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            sys.exit(0)
    from keluhan import harian

    with harian.penanganan():  # bytes that are not UTF-8: one line, before anything is opened
        harian.periksa_argv(argv, os.environ)
    dibaca = urai(argv, os.environ)
    if dibaca is None or _perlu_bertanya(dibaca[0], dibaca[2]):
        harian.gc_lanjut()
        from keluhan import cli

        cli.main(argv)
        return
    p, glob, nilai = dibaca
    k = harian.Konteks(glob["arsip"], glob["petugas"], glob["konfigurasi"], glob["templat"])
    with harian.penanganan():
        try:
            p.fungsi(k, **nilai)
        finally:
            k.tutup()
    sys.exit(0)


if __name__ == "__main__":
    main()
