"""The archive's hash chains, listed once.

Every append-only, hash-chained table of the archive is named here with the columns its
hash covers, in the recipe's order. ``periksa`` verifies each one, the recap's anchor
(``jangkar``) takes the tip of each, and docs/jaminan.md and the auditor's script
(docs/periksa_arsip.py) describe and check the same list; a test holds them to it.

The recipe is one for every chain (version 1, unchanged since the first release): the
entry's hash is the lowercase hex SHA-256 of the UTF-8 text of the JSON array
``[hash_sebelum, <the columns below, in order>]``, written as Python's
``json.dumps(larik, ensure_ascii=False, separators=(",", ":"))`` writes it, each value
exactly as stored (JSON columns such as ``rincian`` as their stored text, a JSON string
inside the array, not an object; NULL as ``null``; integers as numbers). The first
entry of a chain has ``hash_sebelum`` = 64 zeros, each later one the hash of the entry
before it in ``urutan`` order, and ``urutan`` runs 1, 2, 3 ... with no gap
(AUTOINCREMENT: ``sqlite_sequence`` remembers the highest number ever given).

Imports nothing of ours: the hot write path (``arsip.hash_peristiwa``) keeps its own
copy of the encoding, and a test proves both give the same hashes.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from operator import itemgetter
from typing import Any

from keluhan.workflow import _repr_bernama

HASH_AWAL = "0" * 64  # hash_sebelum of a chain's first entry
VERSI_RESEP = 1  # the recipe above; a change would be a new version, old entries still verifiable
_JSON = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))


class Rantai(tuple):  # type: ignore[type-arg]
    """One hash-chained table: its name, the columns its hash covers (after
    ``hash_sebelum``, in order), and what it holds, in Indonesian, for the docs.

    A tuple with named fields written out, as ``workflow.Entri``: a ``NamedTuple`` class
    costs about 1 ms to build at import, and every command imports this module."""

    __slots__ = ()

    def __new__(cls, tabel: str, kolom: tuple[str, ...], isi: str) -> Rantai:
        return tuple.__new__(cls, (tabel, kolom, isi))

    _NAMA = ("tabel", "kolom", "isi")
    tabel: str = property(itemgetter(0))  # type: ignore[assignment]
    kolom: tuple[str, ...] = property(itemgetter(1))  # type: ignore[assignment]
    isi: str = property(itemgetter(2))  # type: ignore[assignment]
    __repr__ = _repr_bernama

    def __getnewargs__(self) -> tuple[Any, ...]:  # pickle and copy rebuild it field by field, as a NamedTuple
        return tuple(self)


RIWAYAT = Rantai(
    "riwayat",
    ("keluhan_id", "langkah", "aksi", "status_dari", "status_ke", "petugas", "waktu", "dicatat_pada", "rincian"),
    "setiap langkah SOP dan koreksi setiap keluhan",
)
KALENDER = Rantai(
    "kalender_riwayat",
    ("aksi", "tanggal", "petugas", "dicatat_pada", "rincian"),
    "setiap perubahan kalender kerja: zona waktu arsip, jam kerja awal, libur dan cuti bersama",
)
PENGATURAN = Rantai(
    "pengaturan_riwayat",
    ("kunci", "nilai", "nilai_lama", "berlaku_sejak", "petugas", "alasan", "dicatat_pada"),
    "setiap nilai pengaturan yang menentukan angka (mutu baku, jam kerja, batas banding, jangka "
    "efektivitas, daftar akar masalah dan kategori) dengan sejak kapan berlaku, siapa, dan mengapa",
)

PETUGAS = Rantai(
    "petugas_riwayat",
    ("aksi", "nip", "nama", "jabatan", "peran", "tim", "aktif", "berlaku_sejak", "oleh", "alasan", "dicatat_pada"),
    "setiap pendaftaran, perubahan, dan penonaktifan petugas (NIP, nama, jabatan, peran, tim) dengan sejak kapan "
    "berlaku, siapa, dan mengapa",
)

# The ledgers beside riwayat (the anchor's ``rantai``), in the order the anchor lists them.
BUKU: tuple[Rantai, ...] = (KALENDER, PENGATURAN, PETUGAS)
# Every chain of the archive: riwayat first.
SEMUA: tuple[Rantai, ...] = (RIWAYAT, *BUKU)


def hash_entri(hash_sebelum: str, nilai: Sequence[Any]) -> str:
    """The recipe: sha256 of ``[hash_sebelum, *nilai]`` as JSON (see the module's text)."""
    from hashlib import sha256

    return sha256(_JSON.encode([hash_sebelum, *nilai]).encode("utf-8")).hexdigest()


def sql_entri(r: Rantai) -> str:
    """SELECT of a chain's entries in order: urutan, the hashed columns, hash_sebelum, hash."""
    return f"SELECT urutan, {', '.join(r.kolom)}, hash_sebelum, hash FROM {r.tabel} ORDER BY urutan"


def sql_entri_teks(r: Rantai) -> str:
    """``sql_entri`` with one more column: the recipe's JSON text of the entry, written by
    SQLite's ``json_array`` where that is byte for byte Python's encoding (every value text,
    integer or NULL: the same escapes, ``\\u00XX`` in lowercase, no ASCII escaping of
    the rest), NULL otherwise (a real or a blob: ``hash_entri`` then encodes it)."""
    nilai = ", ".join(("hash_sebelum", *r.kolom))
    sah = " AND ".join(f"typeof({k}) IN ('text', 'integer', 'null')" for k in ("hash_sebelum", *r.kolom))
    return (f"SELECT urutan, {', '.join(r.kolom)}, hash_sebelum, hash, CASE WHEN {sah} THEN json_array({nilai}) END"
            f" FROM {r.tabel} ORDER BY urutan")


def hash_teks(teks: str) -> str:
    """The recipe's hash of an entry whose JSON text (``sql_entri_teks``) is already written."""
    from hashlib import sha256

    return sha256(teks.encode("utf-8")).hexdigest()


def ujung(db: sqlite3.Connection, r: Rantai) -> tuple[int, str]:
    """The tip of a chain: (urutan, hash) of its last entry, (0, 64 zeros) when empty."""
    baris = db.execute(f"SELECT urutan, hash FROM {r.tabel} ORDER BY urutan DESC LIMIT 1").fetchone()
    return (0, HASH_AWAL) if baris is None else (int(baris[0]), str(baris[1]))
