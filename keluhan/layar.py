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

__all__ = ["cetak", "json_teks", "rich_teks", "sel", "teks"]

_TAK_TAMPAK = "\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029\ud800-\udfff"
# One line: every character above. Lines: the same but newline and tab.
_POLA_SATU = re.compile(f"[{_TAK_TAMPAK}]")
_POLA_BARIS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029\ud800-\udfff]")
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
        return _POLA_BARIS.sub(_tampak, s.replace("\r\n", "\n"))
    return _POLA_SATU.sub(_tampak, s.replace("\r\n", "\n").translate(_SPASI))


_POLA_JSON = re.compile("[\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029\ud800-\udfff]")


def json_teks(teks_json: str) -> str:
    """JSON text (``json.dumps(..., ensure_ascii=False)``) that a terminal can show: the
    characters ``json`` leaves raw although a terminal may obey them (DEL, C1 controls,
    bidi controls, U+2028/U+2029, lone surrogates) written as ``\\u009b`` escapes, as ``json`` itself
    writes C0 controls (``\\u001b``). Same data: ``json.loads`` gives back the same value.
    Correct because these characters can only occur inside JSON strings."""
    if teks_json.isascii() and "\x7f" not in teks_json:  # DEL is ASCII, and a control (Cc)
        return teks_json
    return _POLA_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", teks_json)


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
