"""Evidence files kept inside the archive (``keluhan lampirkan`` / ``keluhan lampiran``).

One archive stays one backup: the scanned letter, the e-mail, the photo of the damaged
sample are stored in the archive itself, in ``berkas_lampiran``, once per content
(content-addressed by sha256: the same scan attached to two complaints is stored once).
What ties a file to a complaint is an event in ``riwayat`` (``aksi = 'lampirkan'``)
whose ``rincian`` carries the file's sha256, size, name, sniffed MIME type and the
clerk's note, so the hash chain covers them: ``keluhan periksa`` recomputes each stored
file's sha256 and size and names a changed or missing one.

An archive imported from a file that did not carry the bytes (CSV, xlsx) records the
attachment event with ``isi`` NULL in ``berkas_lampiran``: "not included", which
``periksa`` reports as such, never as damage.

The MIME type is sniffed from the first bytes, never trusted from the file name.
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from keluhan.galat import GalatMasukan, sebab_baca

TABEL = "berkas_lampiran"
BATAS_MB_BAWAAN = 20

# The table and its guards; migration m0NN creates them (keluhan/migrasi.py).
SKEMA = f"""
CREATE TABLE {TABEL} (
    sha256 TEXT PRIMARY KEY CHECK (length(sha256) = 64),  -- hex sha256 of the bytes
    ukuran INTEGER NOT NULL CHECK (ukuran >= 0),          -- bytes
    mime TEXT NOT NULL,                                   -- sniffed from the content
    isi BLOB                                              -- the bytes; NULL = not included (imported without them)
) WITHOUT ROWID;
-- Stored evidence is never changed or removed, whoever tries; only bytes not included
-- (NULL) may be filled in later with the very bytes whose sha256 the row names.
CREATE TRIGGER {TABEL}_tolak_hapus BEFORE DELETE ON {TABEL}
BEGIN SELECT RAISE(ABORT, 'lampiran hanya boleh ditambah: DELETE ditolak'); END;
CREATE TRIGGER {TABEL}_tolak_ubah BEFORE UPDATE ON {TABEL}
WHEN OLD.isi IS NOT NULL OR NEW.sha256 IS NOT OLD.sha256 OR NEW.ukuran IS NOT OLD.ukuran
BEGIN SELECT RAISE(ABORT, 'lampiran hanya boleh ditambah: UPDATE ditolak'); END;
"""

# Signatures at the start of a file -> MIME type. Order matters only where one is a
# prefix of another (none here).
_TANDA: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "application/pdf"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
    (b"II*\x00", "image/tiff"),
    (b"MM\x00*", "image/tiff"),
    (b"BM", "image/bmp"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "application/x-ole-storage"),  # .doc/.xls/.msg
    (b"\x1f\x8b", "application/gzip"),
    (b"7z\xbc\xaf\x27\x1c", "application/x-7z-compressed"),
    (b"Rar!\x1a\x07", "application/vnd.rar"),
)
_KEPALA_SUREL = (b"from:", b"received:", b"return-path:", b"message-id:", b"date:", b"subject:", b"mime-version:",
                 b"to:", b"delivered-to:", b"x-")


def sniff(isi: bytes) -> str:
    """The MIME type the content shows (its first bytes), not the name it came with."""
    awal = isi[:4096]
    for tanda, mime in _TANDA:
        if awal.startswith(tanda):
            return mime
    if awal[:4] == b"RIFF" and awal[8:12] == b"WEBP":
        return "image/webp"
    if awal[4:12] in (b"ftypheic", b"ftypheix", b"ftypmif1"):
        return "image/heic"
    if awal.startswith(b"PK\x03\x04"):
        if b"[Content_Types].xml" in awal or b"word/" in awal or b"xl/" in awal:
            return "application/vnd.openxmlformats-officedocument"
        if b"mimetypeapplication/vnd.oasis.opendocument" in awal:
            return "application/vnd.oasis.opendocument"
        return "application/zip"
    baris = awal.lstrip().split(b"\n", 1)[0].lower()
    if baris.startswith(_KEPALA_SUREL) and b":" in baris:
        return "message/rfc822"
    if awal.lstrip()[:5].lower() in (b"<?xml", b"<svg ") and b"<svg" in awal.lower():
        return "image/svg+xml"
    if awal.lstrip()[:14].lower().startswith((b"<!doctype html", b"<html")):
        return "text/html"
    try:
        awal.decode("utf-8")
    except UnicodeDecodeError as e:
        if e.start < len(awal) - 4:  # not a character cut by the 4096-byte window
            return "application/octet-stream"
    if b"\x00" in awal:
        return "application/octet-stream"
    return "text/plain"


def sha256(isi: bytes) -> str:
    return hashlib.sha256(isi).hexdigest()


def baca_berkas(jalur: Path, batas_mb: int) -> bytes:
    """The bytes of ``jalur`` for attaching, refused over ``batas_mb`` before they are read whole."""
    batas = batas_mb * 1024 * 1024
    try:
        if not jalur.is_file():
            raise GalatMasukan(f"Berkas {jalur} tidak ada atau bukan berkas biasa.")
        with jalur.open("rb") as f:
            isi = f.read(batas + 1)
    except OSError as e:
        raise GalatMasukan(f"Berkas {jalur} tidak dapat dibaca ({sebab_baca(e)}).") from None
    if len(isi) > batas:
        raise GalatMasukan(f"Berkas {jalur} lebih dari {batas_mb} MB (batas lampiran.batas_mb); "
                           "perkecil berkasnya (mis. pindai ulang dengan resolusi lebih rendah).")
    if not isi:
        raise GalatMasukan(f"Berkas {jalur} kosong; tidak ada yang dilampirkan.")
    return isi


def simpan(db: sqlite3.Connection, isi: bytes | None, *, sha: str | None = None, ukuran: int | None = None,
           mime: str | None = None) -> dict[str, Any]:
    """Store ``isi`` once (inside the caller's transaction); returns what the event carries:
    ``sha256``, ``ukuran``, ``mime``. With ``isi`` None (an import without the bytes), the
    row records ``sha``/``ukuran``/``mime`` as not included."""
    if isi is not None:
        sha, ukuran, mime = sha256(isi), len(isi), sniff(isi)
    if sha is None or ukuran is None or mime is None:
        raise ValueError("lampiran tanpa isi memerlukan sha, ukuran dan mime")
    ada = db.execute(f"SELECT ukuran, isi IS NULL FROM {TABEL} WHERE sha256 = ?", (sha,)).fetchone()
    if ada is None:
        db.execute(f"INSERT INTO {TABEL} (sha256, ukuran, mime, isi) VALUES (?,?,?,?)", (sha, ukuran, mime, isi))
    elif ada[1] and isi is not None:  # the bytes arrive for a row imported without them
        db.execute(f"UPDATE {TABEL} SET isi = ? WHERE sha256 = ?", (isi, sha))
    return {"sha256": sha, "ukuran": ukuran, "mime": mime}


def ambil(db: sqlite3.Connection, sha: str) -> bytes | None:
    """The stored bytes, or None when they were not included."""
    baris = db.execute(f"SELECT isi FROM {TABEL} WHERE sha256 = ?", (sha,)).fetchone()
    return None if baris is None or baris[0] is None else bytes(baris[0])


def ukuran_total(db: sqlite3.Connection) -> tuple[int, int]:
    """(files, bytes) stored: reported apart from the size per complaint."""
    n, b = db.execute(f"SELECT COUNT(*), IFNULL(SUM(length(isi)), 0) FROM {TABEL}").fetchone()
    return int(n), int(b)


def periksa(db: sqlite3.Connection, dirujuk: Iterator[tuple[int, str, dict[str, Any]]]) -> tuple[list[str], list[str]]:
    """(findings, notes) for every attachment event ``dirujuk`` yields as (urutan, nomor,
    rincian): the stored bytes must be there and hash to the event's sha256 and size. A
    row recorded as not included is a note, not a finding."""
    temuan: list[str] = []
    catatan: list[str] = []
    for urutan, nomor, r in dirujuk:
        sha, ukuran = r.get("sha256"), r.get("ukuran")
        baris = db.execute(f"SELECT ukuran, isi FROM {TABEL} WHERE sha256 = ?", (sha,)).fetchone()
        apa = f"Lampiran '{r.get('nama')}' keluhan {nomor} (peristiwa #{urutan})"
        if baris is None:
            temuan.append(f"{apa} tidak ada di {TABEL}: berkasnya dihapus.")
        elif baris[1] is None:
            catatan.append(f"{apa} tidak disertakan saat impor (hanya sidiknya yang tercatat).")
        elif len(baris[1]) != ukuran or baris[0] != ukuran or sha256(bytes(baris[1])) != sha:
            temuan.append(f"{apa} berubah: sha256 atau ukurannya tidak sama dengan yang tercatat di riwayat.")
    return temuan, catatan
