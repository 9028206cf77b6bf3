"""Regular expressions compiled on first use.

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
