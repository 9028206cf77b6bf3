"""Ctrl-C tells the truth: what a command committed is known, and said.

A Ctrl-C (SIGINT) raises ``KeyboardInterrupt`` wherever Python happens to be. Raised
while SQLite is finishing a ``COMMIT``, or between the commit and the line that prints
the new number, it made ``catat`` say "Dibatalkan; arsip tidak berubah" about a
complaint that was in the archive, with no number shown: the clerk recorded it again.

So every ``COMMIT`` goes through ``komit``: SIGINT is deferred from just before the
commit (a handler that only records it), so a transaction either rolls back (the
interrupt came first: nothing changed) or is committed and known to be. After a commit
that the user asked for (``hasil``: a complaint recorded, a step, an import), SIGINT
stays deferred until the command has printed its result: ``harian.penanganan`` ends the
window (``selesai``) and only then says that Ctrl-C came too late to stop anything.
Housekeeping commits (schema migration, calendar seeding) end the window at once and
re-raise a deferred interrupt there, so a long read command stays interruptible.

``keterangan`` is what an interrupted (or otherwise failed) command says about what
happened: nothing, housekeeping only, or the change that was saved.
"""

from __future__ import annotations

import sqlite3
from types import FrameType
from typing import Any

# What this run has committed: user-visible results, and housekeeping.
_hasil: list[str] = []
_pemeliharaan: list[str] = []
_tertunda = False  # a SIGINT arrived while deferred
_lama: Any = None  # the handler to restore; None when not deferring
_kedalaman = 0  # nested penanganan (cli's main and invoke both use it)


def _catat_sigint(_nomor: int, _frame: FrameType | None) -> None:
    global _tertunda
    _tertunda = True


def _tunda() -> bool:
    """Start deferring SIGINT (main thread only: Python delivers signals there). Through
    ``_signal``, the C module the interpreter has loaded at start-up, which ``signal``
    only wraps in enums it builds at import (~0.7 ms of every writing command): the
    same functions and numbers, the handlers given back as they were set."""
    global _lama
    if _lama is not None:
        return True
    import _signal as signal

    if signal.getsignal(signal.SIGINT) == signal.SIG_IGN:  # nohup, a background job: nothing to defer
        return False
    try:
        _lama = signal.signal(signal.SIGINT, _catat_sigint)
    except ValueError:  # not the main thread: signals are not delivered here, nothing to defer
        return False
    return True


def _pulihkan() -> bool:
    """Stop deferring; True when a SIGINT arrived meanwhile (and is now consumed)."""
    global _lama, _tertunda
    if _lama is not None:
        import _signal as signal

        signal.signal(signal.SIGINT, _lama)
        _lama = None
    tertunda, _tertunda = _tertunda, False
    return tertunda


def komit(db: sqlite3.Connection, hasil: str | None = None) -> None:
    """``COMMIT`` with SIGINT deferred. ``hasil`` names a change the user asked for (the
    window then stays open until ``selesai``); None is housekeeping (a deferred SIGINT
    is re-raised right after the commit, which is then reported as done)."""
    ditunda = _tunda()
    # Outside a command (the library called directly) nobody ends the window: close it here.
    sampai_selesai = hasil is not None and _kedalaman > 0
    try:
        db.execute("COMMIT")
    except BaseException:
        if ditunda and not sampai_selesai:
            _pulihkan()
        raise
    if hasil is None:
        if any(baris[2] for baris in db.execute("PRAGMA database_list")):  # a file, not a scratch :memory:
            _pemeliharaan.append("arsip disiapkan")
    else:
        _hasil.append(hasil)
    if ditunda and not sampai_selesai and _pulihkan():
        raise KeyboardInterrupt


def tersimpan(teks: str) -> None:
    """Name the last committed change more exactly, once it is known (e.g. its number)."""
    if _hasil:
        _hasil[-1] = teks


def mulai() -> None:
    """A command starts (outermost ``penanganan``): nothing committed yet."""
    global _kedalaman, _tertunda
    if _kedalaman == 0:
        _hasil.clear()
        _pemeliharaan.clear()
        _tertunda = False
    _kedalaman += 1


def selesai() -> bool:
    """A command ends; True when a SIGINT was deferred past a commit (the result stands)."""
    global _kedalaman
    _kedalaman = max(0, _kedalaman - 1)
    return _pulihkan()


def ada_hasil() -> bool:
    return bool(_hasil)


def keterangan() -> str:
    """What the archive holds now, as a refused or interrupted command says it."""
    if _hasil:
        return f"perubahan sudah tersimpan: {'; '.join(_hasil)}"
    if _pemeliharaan:
        return "tidak ada keluhan yang dicatat atau diubah (arsip hanya disiapkan)"
    return "arsip tidak berubah"
