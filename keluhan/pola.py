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


def modul_malas(*nama: str) -> tuple[Any, ...]:
    """keluhan's modules ``nama`` (``"tenggat"``), each loaded when one of its attributes is
    first read (``importlib.util.LazyLoader``), then the ordinary module in ``sys.modules``.

    For a module that imports another at the top but needs it only on some paths (``arsip``
    needs ``migrasi`` only when an archive is behind, the calendar only when writing): the
    code keeps its ``tenggat.x`` and an import that is not used costs nothing (issue 17:
    unmarshalling code a command never runs is a fifth of a daily command's start-up).
    A module already imported is returned as it is."""
    import importlib.util
    import sys

    import keluhan

    hasil = []
    for n in nama:
        penuh = f"keluhan.{n}"
        m = sys.modules.get(penuh)
        if m is None:
            spec = importlib.util.find_spec(penuh)
            if spec is None or spec.loader is None:  # pragma: no cover - a module of the package is missing
                raise ImportError(f"No module named {penuh!r}", name=penuh)
            spec.loader = importlib.util.LazyLoader(spec.loader)
            m = importlib.util.module_from_spec(spec)
            sys.modules[penuh] = m
            spec.loader.exec_module(m)
            setattr(keluhan, n, m)  # as an import sets it (``import keluhan.tenggat`` then reads it)
        hasil.append(m)
    return tuple(hasil)
