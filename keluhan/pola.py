"""Regular expressions compiled on first use, and modules loaded on first use (``modul_malas``).

A module's patterns compiled at import (``re.compile``) cost every command that imports
it, whether or not it matches anything: about 3 ms of a daily command's start-up for
``waktu``'s date phrases alone (issue 17: start-up at most 5x a bare Python). ``Pola``
takes ``re.compile``'s arguments and compiles on the first use of any of its methods
(``match``, ``sub``, ...), then behaves as the compiled pattern.
"""

from __future__ import annotations

import re
from typing import Any


class Pola:
    """``re.compile(pola, bendera)``, done the first time it is used."""

    __slots__ = ("_argumen", "_pola")

    def __init__(self, pola: str, bendera: int = 0) -> None:
        self._argumen = (pola, bendera)
        self._pola: re.Pattern[str] | None = None

    def __getattr__(self, nama: str) -> Any:
        pola = self._pola
        if pola is None:
            pola = self._pola = re.compile(*self._argumen)
        return getattr(pola, nama)


class _Modul:
    """keluhan's module ``nama``, imported by an ordinary import the first time one of its
    attributes is read; the name that held this stand-in in ``pemilik`` (the importing
    module's globals) then holds the module itself."""

    __slots__ = ("_nama", "_pemilik", "_modul")

    def __init__(self, nama: str, pemilik: dict[str, Any]) -> None:
        self._nama = nama
        self._pemilik = pemilik
        self._modul: Any = None

    def __getattr__(self, atribut: str) -> Any:
        m = self._modul
        if m is None:
            import importlib

            m = self._modul = importlib.import_module(f"keluhan.{self._nama}")
            if self._pemilik.get(self._nama) is self:
                self._pemilik[self._nama] = m
        return getattr(m, atribut)


def modul_malas(*nama: str) -> tuple[Any, ...]:
    """keluhan's modules ``nama`` (``"tenggat"``), each imported when one of its attributes is
    first read, for the module calling this under those same names.

    For a module that imports another at the top but needs it only on some paths (``arsip``
    needs ``migrasi`` only when an archive is behind, the calendar only when writing): the
    code keeps its ``tenggat.x`` and an import that is not used costs nothing (issue 17:
    unmarshalling code a command never runs is a fifth of a daily command's start-up).
    A module already imported is returned as it is.

    The import is Python's ordinary one, done at the first use: nothing sits in
    ``sys.modules`` before it, and an import interrupted there (Ctrl-C) leaves no half-run
    module behind, so the interruption is reported as such and a later import starts afresh.
    (``importlib.util.LazyLoader`` does neither: its module is in ``sys.modules`` from the start
    and stays there half-run when its loading fails.)"""
    import sys

    pemilik = sys._getframe(1).f_globals
    return tuple(sys.modules.get(f"keluhan.{n}") or _Modul(n, pemilik) for n in nama)
