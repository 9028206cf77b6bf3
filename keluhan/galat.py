"""The one exception family users see.

The core raises these with a message in Indonesian; the CLI prints the message as one
line on stderr and exits with ``kode``. Nothing else should reach the user.
"""

from __future__ import annotations

import errno

# Why a file could not be read, in the user's words: OSError.strerror is the C library's
# English whatever the locale (writing has its own list in berkas.py).
_SEBAB_BACA = {
    errno.ENOENT: "berkasnya tidak ada",
    errno.EACCES: "pengguna ini tidak berhak membacanya",
    errno.EPERM: "pengguna ini tidak berhak membacanya",
    errno.EISDIR: "itu sebuah folder, bukan berkas",
    errno.ENOTDIR: "salah satu bagian jalurnya bukan folder",
    errno.ELOOP: "terlalu banyak tautan simbolik pada jalurnya",
    errno.ENAMETOOLONG: "nama berkasnya terlalu panjang",
    errno.EIO: "galat baca perangkat",
}


def sebab_baca(e: OSError) -> str:
    """The reason a read failed, in Indonesian (the system's own words only for a rare one)."""
    return _SEBAB_BACA.get(e.errno or 0) or (e.strerror or str(e))


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
