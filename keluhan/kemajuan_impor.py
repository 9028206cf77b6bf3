"""The progress record of a running ``impor --jalankan``: a small file beside the archive
(``<archive>.impor.json``) that the importing process rewrites about once a second while
it holds the write lock, and that every other command reads when it needs the lock.

A clerk's ``catat`` during a six-minute import then says at once "impor sedang berjalan"
with how far it is, instead of failing after the busy timeout with "database is locked".
The archive itself is never copied and swapped: the import writes into the one file,
under SQLite's lock; only this note about it lives beside it.

A record is believed only while its process is alive and the archive's write lock is
really held: a record left by a killed import is stale and ignored.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path
from typing import Any


_SELANG = 1.0  # seconds between rewrites of the record


def jalur(arsip: Path) -> Path:
    return arsip.with_name(arsip.name + ".impor.json")


def _hidup(pid: int) -> bool:
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # another user's live process
    except OSError:
        return False
    return True


def baca(arsip: Path) -> dict[str, Any] | None:
    """The record of an import running on this archive by another live process, or None."""
    try:
        data = json.loads(jalur(arsip).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or not isinstance(data.get("pid"), int):
        return None
    if data["pid"] == os.getpid() or not _hidup(data["pid"]):
        return None
    return data


def pesan(data: dict[str, Any]) -> str:
    """What a command that needs the write lock says while an import holds it."""
    persen = data.get("persen")
    sejauh = f"{persen:.0f}%" if isinstance(persen, (int, float)) else "baru mulai"
    baris = data.get("baris")
    rincian = f"{sejauh}, {baris} baris ditulis" if isinstance(baris, int) and baris else sejauh
    return (
        f"Impor sedang berjalan ({data.get('berkas', '?')}: {rincian}; mulai {data.get('mulai', '?')}). Arsip dikunci "
        "untuk menulis sampai impor selesai; coba lagi nanti. Perintah yang hanya membaca (daftar, lihat, cari) tetap dapat dipakai."
    )


class Pencatat:
    """The importing process's side: ``maju`` rewrites the record at most once a second;
    ``selesai`` removes it."""

    def __init__(self, arsip: Path, berkas: str, mulai: str) -> None:
        self.jalur = jalur(arsip)
        self.data: dict[str, Any] = {"pid": os.getpid(), "berkas": berkas, "mulai": mulai, "baris": 0, "persen": 0.0}
        self._akhir = 0.0
        self._tulis()

    def _tulis(self) -> None:
        try:
            from keluhan import berkas as bk  # only an import writes its progress: not on a daily command's path

            bk.tulis_teks(self.jalur, json.dumps(self.data, ensure_ascii=False), timpa=True)
        except Exception:  # noqa: BLE001  (a note for others: never a reason to stop the import)
            pass
        self._akhir = time.monotonic()

    def maju(self, baris: int, selesai: int, total: int) -> None:
        if time.monotonic() - self._akhir < _SELANG:
            return
        self.data["baris"] = baris
        self.data["persen"] = round(100.0 * selesai / total, 1) if total else 0.0
        self._tulis()

    def selesai(self) -> None:
        try:
            self.jalur.unlink()
        except OSError:
            pass
