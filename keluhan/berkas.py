"""Writing output files atomically: a reader (or a cron mail) never sees half a file."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from keluhan.galat import GalatMasukan


def tulis_atomik(tujuan: Path, isi: str | Iterable[str]) -> Path:
    """Write ``isi`` (text, or its pieces in order) to a temp file beside ``tujuan``,
    fsync, then rename over it."""
    folder = tujuan.parent
    if not folder.is_dir():
        raise GalatMasukan(f"Folder tujuan tidak ada: {folder}")
    try:
        fd, sementara = tempfile.mkstemp(prefix=f".{tujuan.name}.", suffix=".tmp", dir=folder)
    except OSError as e:
        raise GalatMasukan(f"Tidak dapat menulis di {folder}: {e.strerror}.") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as f:
            tulis_potongan(f, isi)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(sementara, 0o640)
        os.replace(sementara, tujuan)
    except BaseException:
        Path(sementara).unlink(missing_ok=True)
        raise
    return tujuan


def tulis_potongan(f: Any, isi: str | Iterable[str]) -> str:
    """Write ``isi`` to the text stream ``f`` (pieces gathered into large writes); returns
    the last character written ("" when nothing was)."""
    if isinstance(isi, str):
        f.write(isi)
        return isi[-1:]
    kumpulan: list[str] = []
    n, akhir = 0, ""
    for p in isi:
        if p:
            kumpulan.append(p)
            n += len(p)
            akhir = p
        if n >= 1 << 16:
            f.write("".join(kumpulan))
            kumpulan, n = [], 0
    f.write("".join(kumpulan))
    return akhir[-1:]


def nama_aman(teks: str) -> str:
    """A file-name-safe version of an official number: 001/KP/X/2026 -> 001-KP-X-2026."""
    return "".join(c if c.isalnum() or c in "-_." else "-" for c in teks).strip("-")
