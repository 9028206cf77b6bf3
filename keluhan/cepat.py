"""The entry point: daily commands run without Typer; everything else goes to cli.py.

``import typer`` and building the Click commands cost ~60 ms of CPU on every run, five
times a bare ``python -c pass``, and a clerk types ``catat``, the step commands, ``lihat``
and ``daftar`` all day (issue 7: at most 5x). So ``main`` first reads the command line
by the table below. When every word is one it knows, plainly well formed (known
options, values of the right kind, the right number of arguments), it calls the command's
body in ``harian`` directly, the same code the Typer command calls. Anything else: help,
a typo, a missing value, a prompt to ask, shell completion, any other command, goes to
the Typer app unchanged, which says what is wrong exactly as before.

The table must say what cli.py's Typer signatures say: tests/test_cepat.py compares it
with the Click commands Typer builds, and reads random command lines both ways.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from keluhan import harian
from keluhan.workflow import LAYANAN, MEDIA, Status

# Kinds of value: text, a path, a flag (no value), one of the choices (any case), a whole number in range.
TEKS = "teks"
JALUR = "jalur"
BENDERA = "bendera"
STATUS = tuple(s.value for s in Status)

Jenis = str | tuple[str, ...] | tuple[int, int | None]


class Perintah:
    """A daily command as its Typer signature declares it."""

    def __init__(self, fungsi: Callable[..., None], argumen: tuple[str, ...], opsi: dict[str, tuple[str, Jenis]],
                 bawaan: dict[str, Any] | None = None) -> None:
        self.fungsi = fungsi
        self.argumen = argumen  # required positional arguments, in order
        self.opsi = opsi  # --name -> (keyword, kind)
        self.bawaan = {kata: (False if jenis == BENDERA else None) for kata, jenis in opsi.values()} | (bawaan or {})


# The global options: --name -> (keyword, kind, environment variable).
GLOBAL: dict[str, tuple[str, str, str]] = {
    "--arsip": ("arsip", JALUR, "KELUHAN_ARSIP"),
    "--petugas": ("petugas", TEKS, "KELUHAN_PETUGAS"),
    "--konfigurasi": ("konfigurasi", JALUR, "KELUHAN_KONFIGURASI"),
    "--templat": ("templat", JALUR, "KELUHAN_TEMPLAT"),
}
GLOBAL_BAWAAN: dict[str, Any] = {"arsip": Path("archive.db"), "petugas": None, "konfigurasi": None, "templat": None}
_GLOBAL_OPSI = {n: (k, j) for n, (k, j, _e) in GLOBAL.items()}


def _teks(*nama: str) -> dict[str, tuple[str, Jenis]]:
    return {f"--{n.replace('_', '-')}": (n, TEKS) for n in nama}


PERINTAH: dict[str, Perintah] = {
    "catat": Perintah(harian.catat, (), {
        **_teks("nama"), "--media": ("media", MEDIA), **_teks("uraian", "instansi", "alamat", "telepon", "email"),
        "--layanan": ("layanan", LAYANAN), **_teks("referensi", "harapan", "kategori", "diajukan", "waktu"),
        "--json": ("json_", BENDERA),
    }),
    "validasi": Perintah(harian.validasi, ("id",), {
        "--benar": ("benar", BENDERA), "--tidak-benar": ("tidak_benar", BENDERA),
        **_teks("teruskan_ke", "alasan", "catatan", "waktu"),
    }),
    "tindak": Perintah(harian.tindak, ("id",), _teks(
        "koreksi", "pencegahan", "akar_masalah", "korektif", "penanggung_jawab", "target", "waktu")),
    "verifikasi": Perintah(harian.verifikasi, ("id",), {
        "--terima": ("terima", BENDERA), "--kembalikan": ("kembalikan", BENDERA), **_teks("alasan", "catatan", "waktu"),
    }),
    "informasikan": Perintah(harian.informasikan, ("id",), {"--media": ("media", MEDIA), **_teks("catatan", "waktu")}),
    "banding": Perintah(harian.banding, ("id",), _teks("alasan", "waktu")),
    "koreksi": Perintah(harian.koreksi, ("id",), _teks("kolom", "nilai", "alasan")),
    "lihat": Perintah(harian.lihat, ("id",), {"--json": ("json_", BENDERA)}),
    "daftar": Perintah(harian.daftar, (), {
        "--status": ("status", STATUS), "--media": ("media", MEDIA), **_teks("bulan", "tim"),
        "--halaman": ("halaman", (1, None)), "--per-halaman": ("per_halaman", (1, 10000)),
        "--json": ("json_", BENDERA),
    }, bawaan={"halaman": 1, "per_halaman": 50}),
}


def _nilai(jenis: Jenis, teks: str) -> tuple[bool, Any]:
    """(True, value) when ``teks`` is plainly a value of ``jenis``; (False, None) otherwise."""
    if jenis == TEKS:
        return True, teks
    if jenis == JALUR:
        return (True, Path(teks)) if teks else (False, None)
    if isinstance(jenis[0], int):
        lo, hi = jenis
        if not (teks.isascii() and teks.isdigit()):
            return False, None
        n = int(teks)
        return (lo <= n and (hi is None or n <= hi)), n  # type: ignore[operator]
    # Choices are case-insensitive (case_sensitive=False in cli.py), read as Click's
    # TyperChoice reads them: casefold both sides, the declared spelling wins.
    cocok = harian.pilih(teks, jenis)  # type: ignore[arg-type]
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
    if i >= len(kata) or kata[i] not in PERINTAH:
        return None
    p = PERINTAH[kata[i]]
    nilai: dict[str, Any] = {}
    argumen: list[str] = []
    i += 1
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
    return p, GLOBAL_BAWAAN | glob, p.bawaan | dict(zip(p.argumen, argumen)) | nilai


def _perlu_bertanya(p: Perintah, nilai: dict[str, Any]) -> bool:
    """catat prompts for missing fields on a terminal: that is Typer's (typer.prompt)."""
    if p.fungsi is not harian.catat or not sys.stdin.isatty():
        return False
    return not all(nilai[k] for k in ("nama", "media", "uraian")) or nilai["uraian"] == "-"


def main(argv: Sequence[str] | None = None) -> None:
    argv = sys.argv[1:] if argv is None else list(argv)
    dibaca = urai(argv, os.environ)
    if dibaca is None or _perlu_bertanya(dibaca[0], dibaca[2]):
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
