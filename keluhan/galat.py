"""The one exception family users see.

The core raises these with a message in Indonesian; the CLI prints the message as one
line on stderr and exits with ``kode``. Nothing else should reach the user.
"""

from __future__ import annotations


class GalatKeluhan(Exception):
    """A refused command: one line for the user, archive left unchanged."""

    kode = 1

    def __init__(self, pesan: str) -> None:
        super().__init__(pesan)
        self.pesan = pesan


class GalatMasukan(GalatKeluhan):
    """Bad input from the user (a value that cannot be used): exit 2, like a usage error."""

    kode = 2


class GalatTransisi(GalatKeluhan):
    """A step asked for in the wrong order."""


class TidakDitemukan(GalatKeluhan):
    """No complaint with that number or id."""


class GalatArsip(GalatKeluhan):
    """The archive cannot be opened, is locked too long, or is damaged."""


class GalatPengaturan(GalatKeluhan):
    """An invalid setting in keluhan.toml; the message names the key."""

    kode = 2
