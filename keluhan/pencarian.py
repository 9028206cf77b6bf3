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
from datetime import datetime
from functools import lru_cache
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


_BUKAN_ANGKA = re.compile("[^0-9]")


def _angka(teks: str) -> str:
    if teks.isascii():  # (the same digits, without a Python step per character)
        return _BUKAN_ANGKA.sub("", teks)
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
    email = (kunci_email(baru.get("email")), kunci_email(lama.get("email")))
    if email[0] and email[0] == email[1]:
        return "email sama"
    telepon = (angka_telepon(baru.get("telepon")), angka_telepon(lama.get("telepon")))
    if telepon[0] and telepon[0] == telepon[1]:
        return "telepon sama"
    if _kunci_nama(baru.get("nama")) and _kunci_nama(baru.get("nama")) == _kunci_nama(lama.get("nama")):
        if kemiripan_uraian(baru.get("uraian"), lama.get("uraian")) > AMBANG_URAIAN:
            return "nama sama, uraian mirip"
    return None


# -- the duplicate warning's candidates: table kunci_serupa (migration m0NN_serupa) -------
#
# catat compares the new complaint with those sharing one of sebab_serupa's three keys (the
# e-mail, the phone digits, the name), never with a whole fortnight of complaints. Each key
# is kept as a 32-bit checksum (CRC-32 of the kind's letter and the normalised value) with
# the recording time in Unix seconds: 4 + 4 bytes instead of the text, and no second plain
# copy of the customer's e-mail, phone or name. A checksum shared by two different keys only
# adds a candidate: sebab_serupa then judges every candidate as before, so the warning is
# exactly the full comparison's (tests/test_serupa_kunci.py holds the two equal). Derived from
# ``keluhan`` and written with it in the same transaction (``Arsip._tulis``, the bulk
# import); ``keluhan periksa`` recomputes it.

TABEL_SERUPA = "kunci_serupa"
SKEMA_SERUPA = f"""
CREATE TABLE {TABEL_SERUPA} (
    kunci INTEGER NOT NULL,     -- CRC-32 (signed) of one key of sebab_serupa: e-mail, phone digits or name
    dicatat INTEGER NOT NULL,   -- keluhan.dicatat in Unix seconds
    keluhan_id TEXT NOT NULL,   -- keluhan.id
    PRIMARY KEY (kunci, dicatat, keluhan_id)
) WITHOUT ROWID;
"""
# The columns of ``keluhan`` the keys come from.
KOLOM_SERUPA = ("nama", "email", "telepon")
_SISIP_SERUPA = f"INSERT OR IGNORE INTO {TABEL_SERUPA} (kunci, dicatat, keluhan_id) VALUES (?, ?, ?)"
_HAPUS_SERUPA = f"DELETE FROM {TABEL_SERUPA} WHERE kunci = ? AND dicatat = ? AND keluhan_id = ?"
# The candidates: the complaints recorded in the window holding any of the new one's keys
# (one range of kunci_serupa's primary key per key, then keluhan by its key), not voided, in
# the order the full comparison read them (keluhan_dicatat_nomor backwards). The text bounds
# of ``dicatat`` are the full comparison's (a day wider); the instants are compared in Python.
SQL_SERUPA = f"""
SELECT DISTINCT k.nomor, k.nama, k.email, k.telepon, k.uraian, k.dicatat
FROM {TABEL_SERUPA} s CROSS JOIN keluhan k ON k.id = s.keluhan_id
WHERE s.kunci IN (:k0, :k1, :k2) AND s.dicatat >= :dari AND s.dicatat <= :sampai
  AND k.dicatat >= :teks_dari AND k.dicatat <= :teks_sampai AND k.status <> 'batal'
ORDER BY k.dicatat DESC, k.nomor DESC
"""


def kunci_email(teks: str | None) -> str:
    """The e-mail as sebab_serupa (and the recurrence keys) compare it: NFKC, trimmed, case-folded."""
    return normal(teks).strip().casefold()


@lru_cache(maxsize=1 << 14)
def _kunci(jenis: str, teks: str) -> int | None:
    """The checksum of one key (``jenis`` e: e-mail, t: phone, n: name) of the column's text
    ``teks``; None when it names no one. Cached: names and returning customers repeat."""
    nilai = kunci_email(teks) if jenis == "e" else angka_telepon(teks) if jenis == "t" else _kunci_nama(teks)
    if not nilai:
        return None
    global _crc32
    if _crc32 is None:  # (once: an import statement per key would cost more than the checksum)
        from zlib import crc32

        _crc32 = crc32
    x = _crc32((jenis + "\x00" + nilai).encode("utf-8", "surrogatepass"))
    return x - (1 << 32) if x >= 1 << 31 else x  # signed: SQLite stores it in 4 bytes


# zlib's crc32, loaded by the first key computed (a writer's; ``cari`` needs none).
_crc32: Any = None


def kunci_serupa(k: dict[str, Any]) -> list[int]:
    """The checksums of ``k``'s keys that sebab_serupa compares (the empty ones name no one), each once."""
    return _kunci_kolom(k.get("email"), k.get("telepon"), k.get("nama"))


def _kunci_kolom(email: str | None, telepon: str | None, nama: str | None) -> list[int]:
    hasil = []
    for jenis, teks in (("e", email), ("t", telepon), ("n", nama)):
        if teks:
            x = _kunci(jenis, teks)
            if x is not None and x not in hasil:
                hasil.append(x)
    return hasil


def detik(teks: str) -> int:
    """A stored time (ISO 8601 with offset) in whole Unix seconds, rounded down."""
    return int(datetime.fromisoformat(teks).timestamp() // 1)


def baris_serupa(k: dict[str, Any]) -> list[tuple[int, int, str]]:
    """The kunci_serupa rows of complaint ``k`` (as the bulk import queues them)."""
    t = detik(k["dicatat"])
    return [(x, t, k["id"]) for x in kunci_serupa(k)]


def tulis_serupa(db: sqlite3.Connection, lama: dict[str, Any] | None, baru: dict[str, Any]) -> None:
    """Inside ``Arsip._tulis``: the rows of a new complaint, or again after a change to the
    columns its keys come from (a correction) or to its recording time."""
    if lama is not None:
        if all(lama.get(c) == baru.get(c) for c in (*KOLOM_SERUPA, "dicatat")):
            return
        db.executemany(_HAPUS_SERUPA, baris_serupa(lama))
    db.executemany(_SISIP_SERUPA, baris_serupa(baru))


def tulis_serupa_banyak(db: sqlite3.Connection, baris_: Iterable[tuple[int, int, str]]) -> None:
    """The bulk import's complaints (new ones only): rows made by ``baris_serupa``, in key
    order (neighbours in the B-tree: fewer pages touched than in arrival order)."""
    db.executemany(_SISIP_SERUPA, sorted(baris_))


def isi_ulang_serupa(db: sqlite3.Connection) -> int:
    """Fill the table from ``keluhan`` (the migration). Returns the rows written."""
    db.execute(f"DELETE FROM {TABEL_SERUPA}")
    baris_ = [b for r in db.execute("SELECT id, dicatat, nama, email, telepon FROM keluhan")
              for b in baris_serupa(dict(zip(("id", "dicatat", *KOLOM_SERUPA), r)))]
    tulis_serupa_banyak(db, baris_)
    return len(baris_)


# periksa's walk of the complaints: each one's recording time in Unix seconds computed by SQLite for
# times as w.iso writes them (25 characters, whole seconds and an offset: exact), else None (read in Python).
SQL_PERIKSA_SERUPA = ("SELECT id, nomor, CASE WHEN length(dicatat) = 25 THEN unixepoch(dicatat) END, dicatat, nama, email,"
                      " telepon FROM keluhan ORDER BY id")


def periksa_serupa(db: sqlite3.Connection, lewati: set[str] | frozenset[str] = frozenset()) -> Iterable[str]:
    """``keluhan periksa``: each complaint whose stored duplicate-warning keys differ from the
    keys of its row (which the replay has checked; ``lewati``: rows the replay found edited,
    already a finding), and keys of complaints that do not exist. Both sides walk in
    complaint id order: nothing is held but one complaint's keys."""
    if not db.execute("SELECT 1 FROM sqlite_master WHERE name = ?", (TABEL_SERUPA,)).fetchone():
        return
    ada = db.execute(f"SELECT keluhan_id, kunci, dicatat FROM {TABEL_SERUPA} ORDER BY keluhan_id")
    berikut = next(ada, None)
    kunci_kolom = _kunci_kolom
    for kid, nomor, t, dicatat, nama, email, telepon in db.execute(SQL_PERIKSA_SERUPA):
        while berikut is not None and berikut[0] < kid:
            yield f"Tabel {TABEL_SERUPA}: kunci untuk keluhan id {berikut[0]}, yang tidak ada di tabel keluhan."
            berikut = next(ada, None)
        tersimpan = set()
        while berikut is not None and berikut[0] == kid:
            tersimpan.add(berikut[1:])
            berikut = next(ada, None)
        try:  # kunci_serupa's keys, as baris_serupa writes them
            if t is None:
                t = detik(dicatat)
            seharusnya: set[tuple[int, int]] | None = {(x, t) for x in kunci_kolom(email, telepon, nama)}
        except (TypeError, ValueError):  # not a time, not text: the replay names the row
            seharusnya = None
        if tersimpan != seharusnya and kid not in lewati:
            yield (f"Tabel {TABEL_SERUPA}, keluhan {nomor}: kunci keluhan serupa tersimpan tidak sama dengan nama, "
                   "email dan telepon keluhannya (dihitung ulang).")
    while berikut is not None:
        yield f"Tabel {TABEL_SERUPA}: kunci untuk keluhan id {berikut[0]}, yang tidak ada di tabel keluhan."
        berikut = next(ada, None)
