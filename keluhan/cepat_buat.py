"""Generates the fast path's table and help pages from the Typer app: ``python -m keluhan.cepat_buat``.

A daily command is written once: its options and help in cli.py (a function marked
``@_di_harian``), its body in harian.py. What cepat.py needs to run it without Typer (the
options, their kinds and defaults, the arguments) is read here from the Click commands
Typer builds, and written to ``keluhan/cepat_tabel.py``; every help page, exactly as the
Typer app prints it at 80 columns, goes to ``keluhan/cepat_bantuan.py``, so that
``--help`` needs no Typer either. tests/test_cepat.py regenerates both and fails when a
file differs: rerun this module after changing a command, an option or a help text.

A marked command whose options cepat cannot read plainly (several values, an environment
variable, a callback, a custom parser, a type other than text, path, whole number, choice
or flag) is left out of the table, with the reason in a comment: it still works, through
Typer.
"""

from __future__ import annotations

import pprint
import sys
from pathlib import Path
from typing import Any

AKAR = Path(__file__).resolve().parent
TABEL = AKAR / "cepat_tabel.py"
BANTUAN = AKAR / "cepat_bantuan.py"
LEBAR = 78  # Click's width on a terminal of 80 columns or more, and when piped

_KEPALA = '''"""{apa}

Generated from the Typer app in cli.py by ``python -m keluhan.cepat_buat``: do not edit.
tests/test_cepat.py regenerates it and fails when it differs.
"""
'''


def _jenis(p: Any) -> Any:
    """What kind of value cepat reads for one Click option; raises ValueError when none fits."""
    from keluhan import cepat

    if getattr(p, "is_flag", False):
        if p.secondary_opts or p.default not in (False, None) or getattr(p, "count", False):
            raise ValueError(f"{p.opts[0]}: bendera dengan nilai lain")
        return cepat.BENDERA
    t = p.type
    if hasattr(t, "choices"):
        if t.case_sensitive:
            raise ValueError(f"{p.opts[0]}: pilihan peka huruf besar-kecil")
        return tuple(str(getattr(c, "value", c)) for c in t.choices)
    nama = type(t).__name__
    if nama == "IntRange":
        if t.min_open or t.max_open or t.clamp:
            raise ValueError(f"{p.opts[0]}: rentang terbuka")
        return (t.min, t.max)
    if nama == "IntParamType":
        return (None, None)
    if nama == "TyperPath":
        return cepat.JALUR
    if nama == "StringParamType":
        return cepat.TEKS
    raise ValueError(f"{getattr(p, 'opts', [p.name])[0]}: jenis {nama}")


def _bawaan(p: Any) -> Any:
    d = p.default
    d = getattr(d, "value", d)
    if getattr(p, "is_flag", False):
        return bool(d)
    if d is not None and not isinstance(d, (str, int)):
        raise ValueError(f"{p.opts[0]}: bawaan {d!r}")
    return d


def _baca_perintah(c: Any) -> tuple[tuple[str, ...], dict[str, tuple[str, Any]], dict[str, Any]]:
    """(arguments, options, defaults) of a command cepat can read; ValueError with why not.
    A command of cli._NilaiOpsional: its ``nilai_opsional`` options are text that may be left
    out (cepat.TEKS_OPSIONAL; both read a bare one by cepat.isi_nilai_opsional)."""
    from keluhan import cepat, cli
    from keluhan.bantuan import Perintah

    if type(c).parse_args not in (Perintah.parse_args, cli._NilaiOpsional.parse_args) or type(c).invoke is not Perintah.invoke:
        raise ValueError(f"kelas {type(c).__name__} membaca baris perintah sendiri")
    opsional = set(getattr(c, "nilai_opsional", ()))
    if c.context_settings:
        raise ValueError("context_settings sendiri")
    argumen, opsi, bawaan = [], {}, {}
    for p in c.params:
        if hasattr(p, "keluhan_umum"):  # the global options, repeated on the command
            continue
        if p.param_type_name == "argument":
            if not p.required or p.nargs != 1 or type(p.type).__name__ != "StringParamType" or p.callback:
                raise ValueError(f"argumen {p.name}")
            argumen.append(p.name)
            continue
        if p.multiple or p.nargs != 1 or p.required or p.envvar is not None or p.callback is not None or p.is_eager:
            raise ValueError(f"{p.opts[0]}: banyak nilai, wajib, variabel lingkungan atau callback")
        if not p.expose_value:
            raise ValueError(f"{p.opts[0]}: tidak diteruskan")
        jenis = _jenis(p)
        if opsional & set(p.opts):
            if jenis != cepat.TEKS or p.secondary_opts or not set(p.opts) <= opsional:
                raise ValueError(f"{p.opts[0]}: nilai opsional selain teks")
            jenis = cepat.TEKS_OPSIONAL
        for o in p.opts:
            opsi[o] = (p.name, jenis)
        bawaan[p.name] = _bawaan(p)
    return tuple(argumen), opsi, bawaan


def sumber() -> dict[Path, str]:
    """The text of each generated file, from the Typer app as it is now."""
    import typer

    from keluhan import bantuan, cepat, cli

    akar = typer.main.get_command(cli.app)
    umum: dict[str, tuple[str, Any, str]] = {}
    umum_bawaan: dict[str, Any] = {}
    for p in akar.params:
        if p.expose_value:
            umum[p.opts[0]] = (p.name, _jenis(p), p.envvar)
            umum_bawaan[p.name] = p.default
    perintah: dict[tuple[str, ...], tuple[str, tuple[str, ...], dict[str, Any], dict[str, Any]]] = {}
    dilewati: list[str] = []
    halaman: dict[tuple[str, ...], str] = {}
    tanpa_argumen: list[tuple[str, ...]] = []
    for jalur, c in bantuan.semua_perintah(akar):
        halaman[jalur] = bantuan.teks_bantuan(akar, jalur, LEBAR) + "\n"
        if getattr(c, "no_args_is_help", False):
            tanpa_argumen.append(jalur)
        fungsi = getattr(c.callback, "keluhan_harian", None)
        if fungsi is None:
            continue
        try:
            perintah[jalur] = (fungsi, *_baca_perintah(c))
        except ValueError as e:
            dilewati.append(f"# {' '.join(jalur)}: lewat Typer ({e})")
    assert cepat.BENDERA and umum
    tabel = [
        _KEPALA.format(apa="The daily commands as cepat.py reads them, from their Typer signatures."),
        "# The global options: --name -> (keyword, kind, environment variable); their defaults (a path as text).",
        f"GLOBAL = {_literal(umum)}",
        f"GLOBAL_BAWAAN = {_literal({k: v.as_posix() if isinstance(v, Path) else v for k, v in umum_bawaan.items()})}",
        "",
        "# Each daily command: path of names -> (harian's function, arguments, --option -> (keyword, kind), defaults).",
        f"PERINTAH = {pprint.pformat(perintah, width=116, sort_dicts=False)}",
        *(["", "# Marked @_di_harian, but read by Typer:", *dilewati] if dilewati else []),
        "",
        "# Command lines that show their help page when given nothing more.",
        f"TANPA_ARGUMEN = {_literal(tuple(tanpa_argumen))}",
        "",
    ]
    teks_bantuan = [
        _KEPALA.format(apa="Every help page, as the Typer app prints it at 80 columns, for cepat.py's fast --help."),
        "HALAMAN = {",
        *(f"    {_literal(j)}: (\n" + "".join(f"        {b!r}\n" for b in t.splitlines(keepends=True)) + "    ),"
          for j, t in halaman.items()),
        "}",
        "",
    ]
    return {TABEL: "\n".join(tabel), BANTUAN: "\n".join(teks_bantuan)}


def _literal(v: Any) -> str:
    """Python source for a value of the table."""
    if isinstance(v, dict):
        return "{" + ", ".join(f"{_literal(k)}: {_literal(x)}" for k, x in v.items()) + "}"
    if isinstance(v, tuple):
        isi = ", ".join(_literal(x) for x in v)
        return f"({isi},)" if len(v) == 1 else f"({isi})"
    return repr(v)


def main() -> None:
    for jalur, teks in sumber().items():
        lama = jalur.read_text(encoding="utf-8") if jalur.exists() else None
        if lama != teks:
            jalur.write_text(teks, encoding="utf-8", newline="\n")
            print(f"ditulis: {jalur.relative_to(AKAR.parent)}", file=sys.stderr)


if __name__ == "__main__":
    main()
