"""JSON written as it is produced: exactly ``json.dumps(obj, ensure_ascii=False, indent=2)``,
in pieces, for documents too big to hold twice.

The standard library formats an indented document in pure Python and returns it whole;
a year's recap of a big archive (200 000 complaints) is then a 120 MB string built from
millions of small ones. Here each value goes through the standard library's own C
encoders (strings, numbers), containers are laid out the same way, and any iterable
that is not a list, tuple or dict (a list kept on disk, ``rekap.Daftar``) is written as a
JSON array while it is read. tests/test_jsonalir.py holds the output to ``json.dumps``.

A list of flat rows (dicts with the same keys in the same order and only plain values, the
recap's complaint lists) is written a thousand rows at a time from a template built from
the first row's keys: each column encoded at once by the standard library's C encoders,
then each row filled in with ``%`` (issue 17: 20 000 rows of a month at the floor). Rows
whose values are lists (a repeat's earlier complaints and links, each of those a row
with a list of keys shared) take the same path: the lists' items of a thousand rows are
written together, rows by their own template, then put back per row (a month of a 1M
archive, 19 327 repeats: 1.0 -> 0.45 s). The text is the same as the general path's, byte
for byte.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import Any

_teks = json.encoder.encode_basestring  # the C encoder when available, as json.dumps(ensure_ascii=False) uses
_INF = float("inf")


def _angka(x: float) -> str:
    if x != x:
        return "NaN"
    if x == _INF:
        return "Infinity"
    if x == -_INF:
        return "-Infinity"
    return float.__repr__(x)


def _kunci(k: Any) -> str:
    if isinstance(k, str):
        return k
    if k is True:
        return "true"
    if k is False:
        return "false"
    if k is None:
        return "null"
    if isinstance(k, float):
        return _angka(k)
    if isinstance(k, int):
        return int.__repr__(k)
    raise TypeError(f"keys must be str, int, float, bool or None, not {type(k).__name__}")


def _skalar(x: Any) -> str | None:
    if isinstance(x, str):
        return _teks(x)
    if x is None:
        return "null"
    if x is True:
        return "true"
    if x is False:
        return "false"
    if isinstance(x, int):
        return int.__repr__(x)
    if isinstance(x, float):
        return _angka(x)
    return None


_TIADA = type(None)
_SKALAR = frozenset((str, int, float, bool, _TIADA))
_ANGKA = frozenset((int, float, _TIADA))
_SEKALIGUS = 1000  # rows formatted together


def _kolom(nilai: tuple[Any, ...], tingkat: int) -> list[str]:
    """One column of rows, each value as ``potongan`` writes it at ``tingkat``: plain ones as
    ``_skalar`` writes them, the others by ``_nilai``."""
    jenis = set(map(type, nilai))
    if jenis == {str}:
        return list(map(_teks, nilai))
    if jenis <= {str, _TIADA}:
        return ["null" if v is None else _teks(v) for v in nilai]
    if jenis <= _ANGKA and all(v is None or math.isfinite(v) for v in nilai):
        return ["null" if v is None else repr(v) for v in nilai]  # int and float's own repr, as _skalar
    if jenis <= _SKALAR:
        return [_skalar(v) for v in nilai]  # type: ignore[misc]
    if jenis == {list}:  # lists (of plain values, or of rows): their items written together, then put back
        datar = [x for v in nilai for x in v]
        if not datar:
            return ["[]"] * len(nilai)
        jenis = set(map(type, datar))
        if jenis == {str}:
            butir: list[str] | None = list(map(_teks, datar))
        elif jenis <= _SKALAR:
            butir = [_skalar(x) for x in datar]  # type: ignore[misc]
        else:
            butir = _baris_datar(datar, tingkat)
        if butir is not None:
            dalam, akhir = "\n" + "  " * (tingkat + 1), "\n" + "  " * tingkat + "]"
            pisah, hasil, i = "," + dalam, [], 0
            for v in nilai:
                n = len(v)
                hasil.append("[" + dalam + pisah.join(butir[i:i + n]) + akhir if n else "[]")
                i += n
            return hasil
    return [_nilai(v, tingkat) for v in nilai]


def _nilai(v: Any, tingkat: int) -> str:
    """``v`` written whole at ``tingkat``: a list of plain values or of flat rows (a recap's
    repeat with its earlier complaints and links) by the rows' template, anything else by
    the general path."""
    s = _skalar(v)
    if s is not None:
        return s
    if type(v) is list:
        if not v:
            return "[]"
        dalam = "\n" + "  " * (tingkat + 1)
        if all(type(x) in _SKALAR for x in v):
            butir = [_skalar(x) for x in v]
        else:
            butir = _baris_datar(v, tingkat)  # type: ignore[assignment]
            if butir is None:
                return "".join(potongan(v, tingkat))
        return "[" + dalam + ("," + dalam).join(butir) + "\n" + "  " * tingkat + "]"  # type: ignore[arg-type]
    return "".join(potongan(v, tingkat))


def _baris_datar(kumpulan: list[Any], tingkat: int) -> list[str] | None:
    """The items of a list at ``tingkat`` written whole, when all are dicts with the first one's
    keys in its order (None otherwise: the general path writes them); a value that is not
    plain is written by ``_nilai``."""
    pertama = kumpulan[0]
    if type(pertama) is not dict or not pertama:
        return None
    kunci = tuple(pertama)
    if not all(type(r) is dict and tuple(r) == kunci for r in kumpulan):
        return None
    kolom = [_kolom(nilai, tingkat + 2) for nilai in zip(*map(dict.values, kumpulan))]
    dalam = "\n" + "  " * (tingkat + 2)
    templat = ("{" + dalam + ("," + dalam).join(_teks(_kunci(k)).replace("%", "%%") + ": %s" for k in kunci)
               + "\n" + "  " * (tingkat + 1) + "}")
    return list(map(templat.__mod__, zip(*kolom)))


def potongan(obj: Any, tingkat: int = 0) -> Iterator[str]:
    """The pieces of ``json.dumps(obj, ensure_ascii=False, indent=2)``, in order."""
    s = _skalar(obj)
    if s is not None:
        yield s
        return
    dalam = "\n" + "  " * (tingkat + 1)
    if isinstance(obj, dict):
        if not obj:
            yield "{}"
            return
        pisah = "{" + dalam
        for k, v in obj.items():
            s = _skalar(v)
            if s is not None:
                yield f"{pisah}{_teks(_kunci(k))}: {s}"
            else:
                yield f"{pisah}{_teks(_kunci(k))}: "
                yield from potongan(v, tingkat + 1)
            pisah = "," + dalam
        yield "\n" + "  " * tingkat + "}"
        return
    if isinstance(obj, (list, tuple)) or (isinstance(obj, Iterable) and not isinstance(obj, (bytes, bytearray))):
        pisah = "[" + dalam
        semua = iter(obj)
        while kumpulan := list(islice(semua, _SEKALIGUS)):
            datar = _baris_datar(kumpulan, tingkat)
            if datar is not None:
                yield pisah + ("," + dalam).join(datar)
                pisah = "," + dalam
                continue
            for v in kumpulan:
                s = _skalar(v)
                if s is not None:
                    yield pisah + s
                else:
                    yield pisah
                    yield from potongan(v, tingkat + 1)
                pisah = "," + dalam
        yield "[]" if pisah[0] == "[" else "\n" + "  " * tingkat + "]"
        return
    raise TypeError(f"Object of type {type(obj).__name__} is not JSON serializable")


def teks(obj: Any) -> str:
    """The whole document at once (small ones)."""
    return "".join(potongan(obj))


def tulis(obj: Any, f: Any) -> None:
    """Write the document to the text stream ``f`` piece by piece."""
    tulis_potongan = f.write
    kumpulan: list[str] = []
    for p in potongan(obj):
        kumpulan.append(p)
        if len(kumpulan) >= 4096:
            tulis_potongan("".join(kumpulan))
            kumpulan = []
    tulis_potongan("".join(kumpulan))
