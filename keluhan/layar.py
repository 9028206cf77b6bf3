"""Text for a person to read: the one way customer or file text reaches a terminal.

A complaint's fields, a holiday's name, an imported file's cells, a path typed on the
command line: any of it may hold bytes a terminal obeys instead of showing. ``ESC [2J``
clears the screen, ``ESC ]0;...BEL`` sets the window title, ``ESC ]8;;URL`` makes a live
link, a carriage return overwrites the line it is on, U+202E RIGHT-TO-LEFT OVERRIDE turns
the rest of a line around. So every human-facing printer (tables, ``lihat``, ``daftar``,
``terlambat``, ``libur daftar``, the ``rekap`` summary, every message and ``Galat:`` line,
on a terminal or piped) passes what it prints through ``teks`` (or ``sel`` / ``cetak`` /
``rich_teks``, which call it). Nothing is dropped; it is *shown*:

* C0 controls and DEL as their Unicode control pictures: ESC -> ``␛``, BEL -> ``␇``,
  CR -> ``␍``, NUL -> ``␀``, DEL -> ``␡`` (one column wide each, so tables keep their
  shape). ``ESC [2J`` prints as the harmless text ``␛[2J``.
* C1 controls (U+0080-U+009F, e.g. the one-byte CSI U+009B and NEL U+0085) as ``\\x9b``.
* Bidi embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069) as ``\\u202e``:
  shown, they cannot reorder the rest of the line. Right-to-left *letters* (an Arabic
  name) are text and stay as they are.
* U+2028/U+2029 (line/paragraph separators) and lone surrogates (undecodable bytes kept
  by ``surrogateescape``, which would make ``print`` raise) as ``\\u2028`` / ``\\udcff``.
* Newline and tab: kept by ``teks(..., baris=True)`` where the layout is lines (``lihat``
  indents a value's continuation lines, ``cetak`` prints our own multi-line messages);
  a CR LF pair counts as a newline there. Everywhere else (table cells, one-line
  messages, ``Galat:``) newline, CR LF and tab become one space each, so a value can never
  start a line of its own ("forge a line").

Text that is already printable (``str.isprintable``: the common case) is returned as it
is, at C speed.

Rich (tables on a terminal, the recap summary) gets customer text as ``rich.text.Text``
(``rich_teks``), never as a ``str``: rich parses a ``str`` as markup, so ``[/b]`` in a
name would crash the print and ``[link=...]`` would become a live link.

Only what a person reads goes through here. Data formats keep the data exactly and escape
it their own way: JSON (``--json``, ``ekspor``) writes ``\\u001b``, HTML forms use
entities, Markdown forms backslash escapes (``keluhan.formulir``), CSV keeps the bytes,
so an export re-imports exactly.
"""

from __future__ import annotations

import re
import sys
from typing import Any

__all__ = ["cetak", "json_teks", "lebar_tampil", "rich_teks", "sel", "tabel", "teks"]

_TAK_TAMPAK = "\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029\ud800-\udfff"
# One line: every character above. Lines: the same but newline and tab. Patterns as text,
# compiled by ``re`` (and cached) the first time a text needs them: most never does, and
# compiling these classes costs ~1 ms of every command's start-up.
_POLA_SATU = f"[{_TAK_TAMPAK}]"
_POLA_BARIS = "[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029\ud800-\udfff]"
_SPASI = str.maketrans({"\n": " ", "\t": " "})


def _tampak(m: re.Match[str]) -> str:
    """The visible stand-in of one character that a terminal would obey."""
    o = ord(m.group())
    if o < 0x20:
        return chr(0x2400 + o)  # U+2400 CONTROL PICTURES: ␀ ... ␟ (␛ for ESC)
    if o == 0x7F:
        return "\u2421"  # ␡
    if o <= 0x9F:
        return f"\\x{o:02x}"
    return f"\\u{o:04x}"


def teks(nilai: Any, *, baris: bool = False) -> str:
    """``nilai`` as text a terminal shows and never obeys (see the module doc).

    ``None`` is ``""``; anything else is ``str(nilai)``. ``baris=False`` (table cells,
    one-line messages): the result is one line, newline and tab as spaces.
    ``baris=True`` (free text laid out in lines): newlines and tabs are kept, CR LF read
    as a newline. Either way the result holds no C0/C1 control (except those kept), no
    escape sequence, no bidi embedding/override/isolate, no lone surrogate.
    """
    s = "" if nilai is None else nilai if isinstance(nilai, str) else str(nilai)
    if s.isprintable():
        return s
    if baris:
        return re.sub(_POLA_BARIS, _tampak, s.replace("\r\n", "\n"))
    return re.sub(_POLA_SATU, _tampak, s.replace("\r\n", "\n").translate(_SPASI))


_POLA_JSON = "[\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029\ud800-\udfff]"  # compiled when needed, as above


def json_teks(teks_json: str) -> str:
    """JSON text (``json.dumps(..., ensure_ascii=False)``) that a terminal can show: the
    characters ``json`` leaves raw although a terminal may obey them (DEL, C1 controls,
    bidi controls, U+2028/U+2029, lone surrogates) written as ``\\u009b`` escapes, as ``json`` itself
    writes C0 controls (``\\u001b``). Same data: ``json.loads`` gives back the same value.
    Correct because these characters can only occur inside JSON strings."""
    if teks_json.isascii() and "\x7f" not in teks_json:  # DEL is ASCII, and a control (Cc)
        return teks_json
    return re.sub(_POLA_JSON, lambda m: f"\\u{ord(m.group()):04x}", teks_json)


def sel(nilai: Any) -> str:
    """A table cell or a value inside a one-line message: ``teks(nilai)``."""
    return teks(nilai)


def rich_teks(nilai: Any, style: str = "") -> Any:
    """``nilai`` as a ``rich.text.Text`` (one line, like ``sel``): shown, never parsed as
    rich markup. A ``Text`` already built by us is returned as it is."""
    from rich.text import Text

    if isinstance(nilai, Text):
        return nilai
    return Text(teks(nilai), style=style)


def cetak(*bagian: Any, file: Any = None, sep: str = " ", end: str = "\n", flush: bool = False) -> None:
    """``print`` for what a person reads: the whole text through ``teks(..., baris=True)``.

    Our own messages may span lines; a customer's value inside a one-line message should
    be passed through ``sel`` first, so its newlines cannot start a line of their own."""
    print(teks(sep.join(map(str, bagian)), baris=True), file=file if file is not None else sys.stdout, end=end,
          flush=flush)


# --------------------------------------------------------------------------- plain tables

_GARIS = "\u2500"  # ─ under the header
_JARAK = "  "


def _lebar_huruf(c: str) -> int:
    """Terminal columns of one character: 2 for East Asian wide and full-width ones, 0 for
    combining marks and format characters, else 1."""
    import unicodedata

    if unicodedata.combining(c) or unicodedata.category(c) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(c) in ("W", "F") else 1


def lebar_tampil(teks_: str) -> int:
    """How many terminal columns ``teks_`` (already shown-safe, one line) takes."""
    if teks_.isascii():
        return len(teks_)
    return sum(_lebar_huruf(c) for c in teks_)


def _potong(teks_: str, lebar: int) -> list[str]:
    """``teks_`` folded into pieces of at most ``lebar`` columns (words kept whole where they fit)."""
    if lebar_tampil(teks_) <= lebar:
        return [teks_]
    baris: list[str] = []
    kini, n = "", 0
    for kata in teks_.split(" "):
        k = lebar_tampil(kata)
        if kini and n + 1 + k <= lebar:
            kini, n = f"{kini} {kata}", n + 1 + k
            continue
        if kini:
            baris.append(kini)
            kini, n = "", 0
        while k > lebar:  # a word longer than the column: cut it
            potong, m = "", 0
            for c in kata:
                w = _lebar_huruf(c)
                if m + w > lebar:
                    break
                potong, m = potong + c, m + w
            baris.append(potong)
            kata = kata[len(potong):]
            k = lebar_tampil(kata)
        kini, n = kata, k
    baris.append(kini)
    return baris


def _kolom_terminal(file: Any) -> int:
    import os

    try:
        return os.get_terminal_size(file.fileno()).columns
    except (AttributeError, OSError, ValueError):
        try:
            return int(os.environ.get("COLUMNS", "")) or 80
        except ValueError:
            return 80


# Columns whose cells a clerk copies whole (headers as the commands print them).
_UTUH = frozenset({"Nomor", "ID", "#"})


def tabel(judul: str | None, kolom: list[str], baris: list[list[Any]], *, file: Any = None,
          lebar: int | None = None) -> None:
    """A table for a person at a terminal, in plain text: the daily commands print it
    without loading rich (~50 ms of start-up, docs/benchmark.md). Every cell is shown
    through ``teks`` (one line, nothing a terminal obeys); columns are padded by their
    display width (wide CJK letters count two, combining marks none); when the table is
    wider than the terminal (``lebar``, default its width) the widest columns are narrowed
    and their cells folded onto more lines. No escape sequence is written."""
    keluar = file if file is not None else sys.stdout
    lebar = lebar or _kolom_terminal(keluar)
    kepala = [teks(k) for k in kolom]
    isi = [[teks(v) for v in b] for b in baris]
    w = [max([lebar_tampil(k), *(lebar_tampil(b[i]) for b in isi)]) for i, k in enumerate(kepala)]
    batas = max(lebar - len(_JARAK) * (len(w) - 1), len(w))
    # Narrowed one column at a time, always the widest that may still give: no column below
    # its header or 6 columns (what it needs, if less).
    terkecil = [min(x, max(lebar_tampil(k), 6)) for x, k in zip(w, kepala)]
    lebih = sum(w) - batas
    while lebih > 0:
        boleh = [j for j in range(len(w)) if w[j] > terkecil[j]]
        if not boleh:
            break  # as narrow as columns go: the terminal wraps what is left
        # A complaint's number and short id are what a clerk copies into the next command: they
        # fold only once every other column is as narrow as it goes.
        boleh = [j for j in boleh if kepala[j] not in _UTUH] or boleh
        i = max(boleh, key=lambda j: w[j])
        kedua = max([w[j] for j in boleh if j != i] + [terkecil[i]])
        kurang = min(lebih, w[i] - max(kedua, terkecil[i]) or 1)
        w[i] -= kurang
        lebih -= kurang

    def cetak_baris(sel_: list[str]) -> None:
        potongan = [_potong(t, w[i]) for i, t in enumerate(sel_)]
        for n in range(max(len(p) for p in potongan)):
            bagian = []
            for i, p in enumerate(potongan):
                t = p[n] if n < len(p) else ""
                bagian.append(t + " " * (w[i] - lebar_tampil(t)) if i < len(w) - 1 else t)
            print(_JARAK.join(bagian).rstrip(), file=keluar)

    if judul is not None:
        print(teks(judul), file=keluar)
    cetak_baris(kepala)
    print(_JARAK.join(_GARIS * x for x in w), file=keluar)
    for b in isi:
        cetak_baris(b)
