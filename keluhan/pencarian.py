"""``keluhan cari``: the full-text index over the complaints (SQLite FTS5).

``keluhan_cari`` holds its own copy of the searched text, normalised here (NFKC, so a
name typed decomposed and one typed composed are the same letters; phone numbers also
as digits only, so ``081234567890`` finds ``0812-3456-7890``) and folded by FTS5's
``unicode61 remove_diacritics 2`` tokenizer (case and accents). Its rowid is the
``riwayat.urutan`` of the complaint's ``catat`` event: an explicit INTEGER PRIMARY KEY
that ``VACUUM`` never renumbers. (An index keyed on the implicit rowid of ``keluhan``,
whose primary key is the text id, would be silently broken by a VACUUM that renumbers
those rowids.) It is written by ``Arsip._tulis`` and ``PenulisMassal`` in the same
transaction as the complaint's row, and only when a searched column changes.

The user's words are each quoted as an FTS5 string: ``001/KP``, ``PT.``, ``O'Brien``,
``"``, ``*`` or ``AND`` are text to find, never query syntax. Pure standard library, so
the daily commands that write (catat and the steps) import nothing heavier.
"""

from __future__ import annotations

import re
import sqlite3
import unicodedata
from collections.abc import Iterable
from typing import Any

# The searched fields (SPEC: number, customer, organisation, e-mail, phone, description,
# reference, notes), as columns of the index, and the complaint's columns behind each.
KOLOM: dict[str, tuple[str, ...]] = {
    "nomor": ("nomor",),
    "nama": ("nama",),
    "instansi": ("instansi",),
    "email": ("email",),
    "telepon": ("telepon",),
    "uraian": ("uraian",),
    "referensi": ("referensi",),
    "catatan": ("catatan_validasi", "alasan_tidak_valid", "catatan_verifikasi", "catatan_informasi", "banding_alasan"),
}
SUMBER = frozenset(c for kol in KOLOM.values() for c in kol)

SQL_TABEL = (
    "CREATE VIRTUAL TABLE keluhan_cari USING fts5("
    + ", ".join(KOLOM) + ", keluhan_id UNINDEXED, tokenize = 'unicode61 remove_diacritics 2')"
)
_SISIP = f"INSERT INTO keluhan_cari (rowid, {', '.join(KOLOM)}, keluhan_id) VALUES ({', '.join('?' * (len(KOLOM) + 2))})"
_UBAH = f"UPDATE keluhan_cari SET {', '.join(f'{k} = ?' for k in KOLOM)} WHERE rowid = ?"


def normal(teks: str | None) -> str:
    """NFKC: composed and decomposed input, full-width and ligatures become one form."""
    return unicodedata.normalize("NFKC", teks) if teks else ""


def _angka(teks: str) -> str:
    return "".join(c for c in teks if c.isdigit())


def isi(k: dict[str, Any]) -> list[str]:
    """The index row of complaint ``k``, in KOLOM's order."""
    hasil = []
    for kolom, sumber in KOLOM.items():
        teks = "\n".join(normal(k.get(s)) for s in sumber if k.get(s))
        if kolom == "telepon" and teks:
            angka = _angka(teks)
            if angka and angka != teks:
                teks = f"{teks} {angka}"
        hasil.append(teks)
    return hasil


def berubah(lama: dict[str, Any], baru: dict[str, Any]) -> bool:
    """Whether a searched column differs: anything else leaves the index alone."""
    return any(lama.get(c) != baru.get(c) for c in SUMBER)


def tulis_baru(db: sqlite3.Connection, rowid: int, k: dict[str, Any]) -> None:
    db.execute(_SISIP, [rowid, *isi(k), k["id"]])


def baris(rowid: int, k: dict[str, Any]) -> list[Any]:
    """The index row of new complaint ``k`` as ``tulis_banyak`` inserts it (the bulk import
    builds it while checking, so the write under the lock only inserts)."""
    return [rowid, *isi(k), k["id"]]


def tulis_banyak(db: sqlite3.Connection, baris_: Iterable[list[Any]]) -> None:
    """Insert rows made by ``baris``."""
    db.executemany(_SISIP, baris_)


def perbarui(db: sqlite3.Connection, k: dict[str, Any]) -> None:
    """After a change to a searched column of ``k`` (an existing complaint)."""
    rowid = db.execute(
        "SELECT MIN(urutan) FROM riwayat WHERE keluhan_id = ?", (k["id"],)
    ).fetchone()[0]
    db.execute(_UBAH, [*isi(k), rowid])


def kueri(teks: str) -> str | None:
    """The FTS5 query for the user's words: every word a quoted string, all required.
    None when no word is left (only spaces)."""
    kata = normal(teks).split()
    if not kata:
        return None
    return " ".join('"' + k.replace('"', '""') + '"' for k in kata)


def isi_ulang(db: sqlite3.Connection) -> int:
    """Rebuild the whole index from ``keluhan`` (the migration; a repair). Returns rows."""
    db.execute("DELETE FROM keluhan_cari")
    kol = sorted(SUMBER | {"id"})
    baris = db.execute(
        f"SELECT {', '.join('k.' + c for c in kol)}, (SELECT MIN(r.urutan) FROM riwayat r WHERE r.keluhan_id = k.id)"
        " FROM keluhan k"
    )
    n = 0
    for r in baris.fetchall():
        k = dict(zip(kol, r[:-1]))
        tulis_baru(db, r[-1], k)
        n += 1
    return n


# -- catat's duplicate warning (SPEC: "catat's duplicate warning"; README) --------------

# How far back a new complaint is compared, from its recording time.
HARI_SERUPA = 14
# Two descriptions are similar when their word sets overlap above this (Jaccard index:
# shared words / all words, after NFKC and case folding).
AMBANG_URAIAN = 0.5


def _kunci_nama(teks: str | None) -> str:
    return " ".join(normal(teks).casefold().split())


def angka_telepon(teks: str | None) -> str:
    """A phone number as digits only, the country code 62 written as the trunk 0."""
    angka = _angka(normal(teks))
    if angka.startswith("62") and len(angka) > 8:
        angka = "0" + angka[2:]
    return angka


def _kata(teks: str | None) -> set[str]:
    return set(re.findall(r"\w+", normal(teks).casefold()))


def kemiripan_uraian(a: str | None, b: str | None) -> float:
    ka, kb = _kata(a), _kata(b)
    return len(ka & kb) / len(ka | kb) if ka and kb else 0.0


def sebab_serupa(baru: dict[str, Any], lama: dict[str, Any]) -> str | None:
    """Why ``lama`` looks like the same complaint as ``baru`` (None when it does not)."""
    email = (normal(baru.get("email")).strip().casefold(), normal(lama.get("email")).strip().casefold())
    if email[0] and email[0] == email[1]:
        return "email sama"
    telepon = (angka_telepon(baru.get("telepon")), angka_telepon(lama.get("telepon")))
    if telepon[0] and telepon[0] == telepon[1]:
        return "telepon sama"
    if _kunci_nama(baru.get("nama")) and _kunci_nama(baru.get("nama")) == _kunci_nama(lama.get("nama")):
        if kemiripan_uraian(baru.get("uraian"), lama.get("uraian")) > AMBANG_URAIAN:
            return "nama sama, uraian mirip"
    return None
