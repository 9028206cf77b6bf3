"""Writing output files atomically: a reader (or a cron mail) never sees half a file."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from keluhan.galat import GalatMasukan


def tulis_atomik(tujuan: Path, isi: str) -> Path:
    """Write ``isi`` to a temp file beside ``tujuan``, fsync, then rename over it."""
    folder = tujuan.parent
    if not folder.is_dir():
        raise GalatMasukan(f"Folder tujuan tidak ada: {folder}")
    try:
        fd, sementara = tempfile.mkstemp(prefix=f".{tujuan.name}.", suffix=".tmp", dir=folder)
    except OSError as e:
        raise GalatMasukan(f"Tidak dapat menulis di {folder}: {e.strerror}.") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as f:
            f.write(isi)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(sementara, 0o640)
        os.replace(sementara, tujuan)
    except BaseException:
        Path(sementara).unlink(missing_ok=True)
        raise
    return tujuan


def nama_aman(teks: str) -> str:
    """A file-name-safe version of an official number: 001/KP/X/2026 -> 001-KP-X-2026."""
    return "".join(c if c.isalnum() or c in "-_." else "-" for c in teks).strip("-")
