"""Recurrence (issue 16, ISO/IEC 17025 8.7.1 b): the same customer coming back, and
complaints an officer links by hand (``keluhan kaitkan``).

**The same customer.** Two complaints are of the same customer when they share the
e-mail, the phone number or the organisation (``instansi``), each normalised the way
catat's duplicate warning compares them (keluhan/pencarian.py): e-mail NFKC and
case-folded; phone as its digits, ``+62``/``62`` read as the trunk ``0``, at least
``MIN_DIGIT_TELEPON`` digits; organisation NFKC, case-folded, its words only (so ``PT.
Sinar  Abadi`` is ``PT Sinar Abadi``), a placeholder such as "perorangan" naming no one.
A name alone is no match: people share names. "Earlier" means recorded (``dicatat``)
before the complaint and at most ``berulang.hari`` calendar days before it (a setting of
the chained ledger, default 180).

``kunci_pelanggan`` holds each complaint's normalised keys with its recording time,
keyed (jenis, kunci, dicatat): the lookup walks one index range per key, however many
complaints the archive holds (a SQL expression cannot NFKC-normalise, so the keys are
computed here, as ``keluhan_cari`` is). It is derived from ``keluhan`` and written with
it in the same transaction (``Arsip._tulis``, the bulk import); ``keluhan periksa``
recomputes it and names any difference.

**Links.** ``kaitkan ID ID2 --alasan`` is one event on ID (``aksi = 'kaitkan'``, status
unchanged) whose rincian names the other complaint by its official number (``terkait``:
the number survives an export and a re-import, the short id does not) and the reason.
The link is shown on both complaints: ID's own event, and ID2 through the partial index
``riwayat_kaitan`` on ``json_extract(rincian, '$.terkait')``.

Pure standard library: ``validasi`` and ``lihat`` are daily commands.
"""

from __future__ import annotations

import json
import re
import sqlite3
from bisect import bisect_left
from collections.abc import Iterable, Iterator
from datetime import datetime, timedelta
from operator import itemgetter
from typing import Any

from keluhan import waktu as w
from keluhan.pencarian import angka_telepon, normal

TABEL = "kunci_pelanggan"
JENIS = ("email", "telepon", "instansi")
HARI_BAWAAN = 180
MIN_DIGIT_TELEPON = 6
# Organisation values that name no organisation (a private customer).
BUKAN_INSTANSI = frozenset({"perorangan", "perseorangan", "pribadi", "individu", "umum", "tidak ada", "tidak ada instansi"})
_URAIAN_SINGKAT = 80

# The table, its index per complaint, and the index of links by the complaint they name;
# migration m0NN_kaitan creates them (keluhan/migrasi.py).
SKEMA = f"""
CREATE TABLE {TABEL} (
    jenis TEXT NOT NULL CHECK (jenis IN ('email', 'telepon', 'instansi')),
    kunci TEXT NOT NULL,        -- the normalised e-mail, phone digits or organisation words
    dicatat TEXT NOT NULL,      -- keluhan.dicatat of the complaint
    keluhan_id TEXT NOT NULL,   -- keluhan.id
    PRIMARY KEY (jenis, kunci, dicatat, keluhan_id)
) WITHOUT ROWID;
CREATE INDEX {TABEL}_keluhan ON {TABEL} (keluhan_id);
CREATE INDEX riwayat_kaitan ON riwayat (json_extract(rincian, '$.terkait')) WHERE aksi = 'kaitkan';
-- The corrections of a customer's e-mail, phone or organisation: the recap reads the
-- few made after its period's end or anchor to know the keys as they stood then.
CREATE INDEX riwayat_koreksi_pelanggan ON riwayat (urutan)
    WHERE aksi = 'koreksi' AND json_extract(rincian, '$.kolom') IN ('email', 'telepon', 'instansi');
CREATE VIEW v_kaitan AS
    -- One row per link (keluhan kaitkan) and complaint: each link twice, once from each
    -- side, so WHERE nomor = '...' lists every link of that complaint. arah 'ke': the
    -- event is recorded on this complaint; 'dari': on the other (nomor_terkait). The
    -- condition on terkait lets SQLite walk riwayat_kaitan, not the whole of riwayat.
SELECT r.urutan AS riwayat_urutan, k.nomor, json_extract(r.rincian, '$.terkait') AS nomor_terkait, 'ke' AS arah,
       r.waktu, r.petugas, json_extract(r.rincian, '$.alasan') AS alasan
FROM riwayat r JOIN keluhan k ON k.id = r.keluhan_id
WHERE r.aksi = 'kaitkan' AND json_extract(r.rincian, '$.terkait') IS NOT NULL
UNION ALL
SELECT r.urutan, json_extract(r.rincian, '$.terkait'), k.nomor, 'dari', r.waktu, r.petugas,
       json_extract(r.rincian, '$.alasan')
FROM riwayat r JOIN keluhan k ON k.id = r.keluhan_id
WHERE r.aksi = 'kaitkan' AND json_extract(r.rincian, '$.terkait') IS NOT NULL;
CREATE VIEW v_pelanggan_berulang AS
    -- Customers with more than one complaint, without their personal data: per kind of
    -- key shared (email, telepon, instansi), how many complaints, the first and the last
    -- recorded, and their numbers in recording order. Voided complaints are left out.
SELECT p.jenis, COUNT(*) AS jumlah, MIN(p.dicatat) AS pertama, MAX(p.dicatat) AS terakhir,
       group_concat(k.nomor, ', ') AS nomor
FROM (SELECT * FROM kunci_pelanggan ORDER BY jenis, kunci, dicatat) p
JOIN keluhan k ON k.id = p.keluhan_id AND k.status <> 'batal'
GROUP BY p.jenis, p.kunci
HAVING COUNT(*) > 1;
"""
KOLOM = ("email", "telepon", "instansi")  # the keluhan columns the keys come from


def kunci(k: dict[str, Any]) -> list[tuple[str, str]]:
    """The complaint's customer keys, (jenis, kunci), each at most once."""
    hasil = []
    email = normal(k.get("email")).strip().casefold()
    if email:
        hasil.append(("email", email))
    telepon = angka_telepon(k.get("telepon"))
    if len(telepon) >= MIN_DIGIT_TELEPON:
        hasil.append(("telepon", telepon))
    instansi = " ".join(re.findall(r"\w+", normal(k.get("instansi")).casefold()))
    if instansi and instansi not in BUKAN_INSTANSI:
        hasil.append(("instansi", instansi))
    return hasil


_SISIP = f"INSERT OR IGNORE INTO {TABEL} (jenis, kunci, dicatat, keluhan_id) VALUES (?, ?, ?, ?)"


def _baris(k: dict[str, Any]) -> list[tuple[str, str, str, str]]:
    return [(j, x, k["dicatat"], k["id"]) for j, x in kunci(k)]


def tulis(db: sqlite3.Connection, lama: dict[str, Any] | None, baru: dict[str, Any]) -> None:
    """Inside ``Arsip._tulis``: the keys of a new complaint, or again after a change to
    the columns they come from (a correction) or to its recording time."""
    if lama is not None:
        if all(lama.get(c) == baru.get(c) for c in (*KOLOM, "dicatat")):
            return
        db.execute(f"DELETE FROM {TABEL} WHERE keluhan_id = ?", (baru["id"],))
    db.executemany(_SISIP, _baris(baru))


def baris(k: dict[str, Any]) -> list[tuple[str, str, str, str]]:
    """The key rows of new complaint ``k`` as ``tulis_banyak`` inserts them (built while
    the bulk import checks, so the write under the lock only inserts)."""
    return _baris(k)


def tulis_banyak(db: sqlite3.Connection, baris_: Iterable[tuple[str, str, str, str]]) -> None:
    """The bulk import's complaints (new ones only): rows made by ``baris``."""
    db.executemany(_SISIP, baris_)


def isi_ulang(db: sqlite3.Connection) -> int:
    """Fill the table from ``keluhan`` (the migration). Returns the rows written."""
    db.execute(f"DELETE FROM {TABEL}")
    n = 0
    for r in db.execute("SELECT id, dicatat, email, telepon, instansi FROM keluhan").fetchall():
        b = _baris(dict(zip(("id", "dicatat", *KOLOM), r)))
        db.executemany(_SISIP, b)
        n += len(b)
    return n


def periksa(db: sqlite3.Connection, lewati: set[str] | frozenset[str] = frozenset()) -> Iterator[str]:
    """``keluhan periksa``: each complaint whose stored keys differ from the keys of its
    row (which the replay has checked; ``lewati``: rows the replay found edited, already
    a finding), and keys of complaints that do not exist. Both
    sides walk in complaint id order (the primary key and ``kunci_pelanggan_keluhan``):
    nothing is held but one complaint's keys."""
    if not db.execute("SELECT 1 FROM sqlite_master WHERE name = ?", (TABEL,)).fetchone():
        return
    ada = db.execute(f"SELECT keluhan_id, jenis, kunci, dicatat FROM {TABEL} ORDER BY keluhan_id, jenis, kunci")
    berikut = next(ada, None)
    for kid, nomor, dicatat, email, telepon, instansi in db.execute(
            "SELECT id, nomor, dicatat, email, telepon, instansi FROM keluhan ORDER BY id"):
        while berikut is not None and berikut[0] < kid:
            yield f"Tabel {TABEL}: kunci untuk keluhan id {berikut[0]}, yang tidak ada di tabel keluhan."
            berikut = next(ada, None)
        tersimpan = []
        while berikut is not None and berikut[0] == kid:
            tersimpan.append(tuple(berikut[1:]))
            berikut = next(ada, None)
        seharusnya = sorted((j, x, dicatat) for j, x in kunci({"email": email, "telepon": telepon, "instansi": instansi}))
        if sorted(tersimpan) != seharusnya and kid not in lewati:
            yield (f"Tabel {TABEL}, keluhan {nomor}: kunci pelanggan tersimpan tidak sama dengan email, telepon dan "
                   "instansi keluhannya (dihitung ulang).")
    while berikut is not None:
        yield f"Tabel {TABEL}: kunci untuk keluhan id {berikut[0]}, yang tidak ada di tabel keluhan."
        berikut = next(ada, None)


def periksa_kaitan(db: sqlite3.Connection) -> Iterator[str]:
    """``keluhan periksa``: each link names another complaint that exists (by its number),
    recorded no later than the link, and each pair is linked once, either way round."""
    pasangan: dict[frozenset[str], int] = {}
    for urutan, nomor, terkait, waktu in db.execute(
            "SELECT r.urutan, k.nomor, json_extract(r.rincian, '$.terkait'), r.waktu FROM riwayat r"
            " LEFT JOIN keluhan k ON k.id = r.keluhan_id"
            " WHERE r.aksi = 'kaitkan' AND json_extract(r.rincian, '$.terkait') IS NOT NULL ORDER BY +r.urutan"):
        lain = db.execute("SELECT dicatat FROM keluhan WHERE nomor = ?", (terkait,)).fetchone()
        if terkait == nomor:
            yield f"Peristiwa #{urutan} (keluhan {nomor}): kaitan dengan dirinya sendiri."
        elif lain is None:
            yield f"Peristiwa #{urutan} (keluhan {nomor}): kaitan dengan keluhan {terkait}, yang tidak ada di arsip."
        elif w.dari_iso(lain[0]) > w.dari_iso(waktu):
            yield f"Peristiwa #{urutan} (keluhan {nomor}): kaitan dengan keluhan {terkait} sebelum keluhan itu dicatat."
        kunci_ = frozenset((str(nomor), str(terkait)))
        if kunci_ in pasangan:
            yield (f"Peristiwa #{urutan} (keluhan {nomor}): keluhan {nomor} dan {terkait} sudah dikaitkan oleh peristiwa "
                   f"#{pasangan[kunci_]}.")
        else:
            pasangan[kunci_] = urutan


# -- lookups: lihat, validasi ------------------------------------------------------------

# The complaints recorded with one key in a window (text bounds a day wider: offsets may
# differ; the instants are compared in Python). kunci_pelanggan's primary key.
SQL_CALON = f"""
SELECT p.keluhan_id, p.jenis FROM {TABEL} p
WHERE p.jenis = :jenis AND p.kunci = :kunci AND p.dicatat >= :dari AND p.dicatat <= :sampai
"""
# The complaints linked to one: its own kaitkan events, and the others' that name it
# (riwayat_keluhan, riwayat_kaitan).
SQL_KAITAN_SENDIRI = """
SELECT r.urutan, r.waktu, r.petugas, json_extract(r.rincian, '$.terkait'), json_extract(r.rincian, '$.alasan')
FROM riwayat r WHERE r.keluhan_id = :id AND r.aksi = 'kaitkan'
"""
SQL_KAITAN_MASUK = """
SELECT r.urutan, r.waktu, r.petugas, r.keluhan_id, json_extract(r.rincian, '$.alasan')
FROM riwayat r WHERE json_extract(r.rincian, '$.terkait') = :nomor AND r.aksi = 'kaitkan'
"""


def ringkas(teks: str | None) -> str:
    satu = " ".join((teks or "").split())
    return satu if len(satu) <= _URAIAN_SINGKAT else satu[: _URAIAN_SINGKAT - 1].rstrip() + "…"


def _cocok(db: sqlite3.Connection, kunci_: list[tuple[str, str]], dari: datetime, sampai: datetime,
           ) -> dict[str, list[str]]:
    """id -> the kinds of key it shares, of the complaints recorded with any of ``kunci_``
    between ``dari`` and ``sampai`` (both included, by text a day wider)."""
    hasil: dict[str, list[str]] = {}
    batas = {"dari": w.iso(dari - timedelta(days=1)), "sampai": w.iso(sampai + timedelta(days=1))}
    for jenis, x in kunci_:
        for kid, j in db.execute(SQL_CALON, {**batas, "jenis": jenis, "kunci": x}):
            hasil.setdefault(kid, []).append(j)
    return hasil


def sebelumnya(db: sqlite3.Connection, k: dict[str, Any], hari: int, *, dengan_batal: bool = True,
               ) -> list[dict[str, Any]]:
    """The complaints of ``k``'s customer recorded before it, at most ``hari`` days
    before, newest first: number, id, recording time, status, short description and which
    keys matched (``sebab``). Voided ones are marked by their status, or left out."""
    akhir = w.dari_iso(k["dicatat"])
    awal = akhir - timedelta(days=hari)
    calon = _cocok(db, kunci(k), awal, akhir)
    calon.pop(k["id"], None)
    hasil = []
    for kid, sebab in calon.items():
        r = db.execute("SELECT id, nomor, dicatat, status, uraian FROM keluhan WHERE id = ?", (kid,)).fetchone()
        if r is None or not awal <= w.dari_iso(r[2]) < akhir or (not dengan_batal and r[3] == "batal"):
            continue
        hasil.append({"nomor": r[1], "id": r[0], "dicatat": r[2], "status": r[3], "uraian_singkat": ringkas(r[4]),
                      "sebab": [j for j in JENIS if j in sebab]})
    hasil.sort(key=lambda x: (w.dari_iso(x["dicatat"]), x["nomor"]), reverse=True)
    return hasil


def kaitan(db: sqlite3.Connection, k: dict[str, Any]) -> list[dict[str, Any]]:
    """The links of ``k`` both ways, in the order they were recorded: the other complaint
    (number, id, status, short description), ``arah`` "ke" (recorded on this complaint)
    or "dari" (recorded on the other), the event's number, time, officer and reason."""
    baris = []
    for urutan, waktu, petugas, nomor, alasan in db.execute(SQL_KAITAN_SENDIRI, {"id": k["id"]}):
        lain = db.execute("SELECT id, nomor, status, uraian FROM keluhan WHERE nomor = ?", (nomor,)).fetchone()
        baris.append((urutan, "ke", waktu, petugas, alasan, lain, nomor))
    for urutan, waktu, petugas, kid, alasan in db.execute(SQL_KAITAN_MASUK, {"nomor": k["nomor"]}):
        lain = db.execute("SELECT id, nomor, status, uraian FROM keluhan WHERE id = ?", (kid,)).fetchone()
        baris.append((urutan, "dari", waktu, petugas, alasan, lain, lain[1] if lain else None))
    baris.sort(key=lambda b: b[0])
    return [{"nomor": nomor, "id": lain[0] if lain else None, "status": lain[2] if lain else None,
             "uraian_singkat": ringkas(lain[3]) if lain else None, "arah": arah, "urutan": urutan, "waktu": waktu,
             "petugas": petugas, "alasan": alasan}
            for urutan, arah, waktu, petugas, alasan, lain, nomor in baris]


def sudah_terkait(db: sqlite3.Connection, a: dict[str, Any], b: dict[str, Any]) -> int | None:
    """The event (its ``urutan``) that already links ``a`` and ``b``, either way, or None."""
    for x, y in ((a, b), (b, a)):
        r = db.execute("SELECT r.urutan FROM riwayat r WHERE r.keluhan_id = ? AND r.aksi = 'kaitkan'"
                       " AND json_extract(r.rincian, '$.terkait') = ?", (x["id"], y["nomor"])).fetchone()
        if r is not None:
            return int(r[0])
    return None


# -- the recap's berulang (as of the period's end and the anchor) --------------------------

# Corrections of the customer's columns made after the period's end or the anchor
# (riwayat_koreksi_pelanggan): the value each column held then is the first one's "lama".
SQL_KOREKSI_SESUDAH = """
SELECT keluhan_id, json_extract(rincian, '$.kolom'), json_extract(rincian, '$.lama') FROM riwayat
WHERE aksi = 'koreksi' AND json_extract(rincian, '$.kolom') IN ('email', 'telepon', 'instansi')
  AND (urutan > :n OR waktu >= :a)
ORDER BY urutan
"""
# Every link, walking riwayat_kaitan (which holds only those: few next to the events); the
# unary + keeps SQLite from walking riwayat by urutan or waktu instead, which are most of it.
SQL_KAITAN_SEMUA = """
SELECT r.urutan, r.keluhan_id, json_extract(r.rincian, '$.terkait'), r.waktu, json_extract(r.rincian, '$.alasan')
FROM riwayat r
WHERE r.aksi = 'kaitkan' AND json_extract(r.rincian, '$.terkait') IS NOT NULL AND +r.urutan <= :n AND +r.waktu < :a
"""
_KOLOM_BARIS = ("id", "nomor", "dicatat", *KOLOM)
SQL_BARIS = "SELECT id, nomor, dicatat, email, telepon, instansi FROM keluhan WHERE id = ?"
SQL_BARIS_NOMOR = "SELECT id, nomor, dicatat, email, telepon, instansi FROM keluhan WHERE nomor = ?"
# The period's complaints' stored keys (keluhan_dicatat_nomor, then kunci_pelanggan_keluhan).
SQL_KUNCI_PERIODE = f"""
SELECT p.keluhan_id, p.jenis, p.kunci FROM keluhan k JOIN {TABEL} p ON p.keluhan_id = k.id
WHERE k.dicatat >= :m AND k.dicatat < :a
"""
# The complaints recorded with any of the period's keys (``:kunci``, a JSON list of [jenis,
# kunci]) in a span: one statement, one range of kunci_pelanggan's primary key per key, the
# table alone (its ``dicatat`` is keluhan's: periksa holds them equal). Each row: the key's
# place in the list, the instant in Unix seconds (computed by SQLite for times stored as
# w.iso writes them, 25 characters, whole seconds and an offset: exact; else the text, read
# in Python), the complaint.
SQL_CALON_KUNCI = f"""
SELECT j.key, CASE WHEN length(p.dicatat) = 25 THEN unixepoch(p.dicatat) ELSE p.dicatat END, p.keluhan_id
FROM json_each(:kunci) j
JOIN {TABEL} p ON p.jenis = json_extract(j.value, '$[0]') AND p.kunci = json_extract(j.value, '$[1]')
    AND p.dicatat >= :dari AND p.dicatat <= :sampai
"""
# The number and recording time of the complaints a recap lists (the newest few of each
# repeat), by id (keluhan's key).
SQL_NOMOR = "SELECT id, nomor, dicatat FROM keluhan WHERE id IN (SELECT value FROM json_each(:ids))"
SQL_CATAT = "SELECT MIN(urutan) FROM riwayat WHERE keluhan_id = ?"
# The recap lists this many earlier complaints per repeat, newest first; it counts them all.
REKAP_SEBELUMNYA = 5


def hari_pada(kal: Any, titik: datetime) -> int:
    """``berulang.hari`` in force at ``titik`` in the settings ledger as the recap's calendar
    holds it (the anchor's); the default when that ledger did not hold the key yet."""
    setelan = getattr(kal, "setelan", None)
    if setelan is not None and setelan.ada("berulang.hari"):
        return int(setelan.nilai("berulang.hari", titik))
    return HARI_BAWAAN


class _Pada:
    """Complaints as they stood at the period's end and the anchor, for the match: their
    row with the customer's columns put back before any later correction, whether they
    existed then (catat recorded by the anchor) and were not voided by it."""

    def __init__(self, db: sqlite3.Connection, kunci_: dict[str, Any]) -> None:
        self.db, self.n = db, kunci_["n"]
        # At the tip every complaint in the table was recorded by the anchor: nothing to ask.
        self.di_ujung = self.n >= (db.execute("SELECT MAX(urutan) FROM riwayat").fetchone()[0] or 0)
        self.batal = frozenset(json.loads(kunci_.get("batal", "[]")))
        self.lama: dict[str, dict[str, Any]] = {}
        for kid, kolom, lama in db.execute(SQL_KOREKSI_SESUDAH, kunci_):
            self.lama.setdefault(kid, {}).setdefault(kolom, lama)
        self._baris: dict[str, dict[str, Any] | None] = {}

    def baris(self, kid: str | None = None, nomor: str | None = None) -> dict[str, Any] | None:
        """The complaint ``kid`` (or numbered ``nomor``) then; None when it did not exist then or was voided."""
        if kid is not None and kid in self._baris:
            return self._baris[kid]
        r = self.db.execute(SQL_BARIS if kid is not None else SQL_BARIS_NOMOR, (kid or nomor,)).fetchone()
        return None if r is None else self.dari(r)

    def ada(self, kid: str) -> bool:
        """Whether complaint ``kid`` existed then (recorded by the anchor) and was not voided by it."""
        if kid in self.batal:
            return False
        return self.di_ujung or (self.db.execute(SQL_CATAT, (kid,)).fetchone()[0] or 0) <= self.n

    def dari(self, r: Any) -> dict[str, Any] | None:
        """The complaint then, from its row ``r`` (``_KOLOM_BARIS``), once per complaint."""
        if r[0] in self._baris:
            return self._baris[r[0]]
        b: dict[str, Any] | None = dict(zip(_KOLOM_BARIS, r))
        assert b is not None
        if b["id"] in self.batal or (not self.di_ujung and (self.db.execute(SQL_CATAT, (b["id"],)).fetchone()[0] or 0) > self.n):
            b = None
        else:
            b.update(self.lama.get(b["id"], {}))
            b["_kunci"] = set(kunci(b))
            b["_t"] = w.dari_iso(b["dicatat"])
        self._baris[r[0]] = b
        return b


class _Daftar(tuple):
    """One key's complaints in time order: ``(entries, times)``, entries ``(time, id)``;
    ``anggota``: the ids among them (built when first asked)."""

    _anggota: set[str] | None = None

    @property
    def anggota(self) -> set[str]:
        if self._anggota is None:
            self._anggota = {e[1] for e in self[0]}
        return self._anggota


def _per_kunci(db: sqlite3.Connection, pada: _Pada, kunci_: dict[str, Any], periode: list[tuple[str, str, str]],
               hari: int) -> tuple[dict[str, set[tuple[str, str]]], dict[tuple[str, str], _Daftar], dict[str, tuple[str, str]]]:
    """The period's complaints' keys then (id -> keys); each of those keys -> the complaints
    holding it then, recorded from ``hari`` days before the period's first complaint to its
    last, in time order as (time, id), with their times for bisection; and the number and
    recording time of those whose keys then are computed here (id -> (nomor, dicatat)). The
    keys are kunci_pelanggan's (periksa holds them equal to the rows), but for the few
    complaints corrected after the end or the anchor, whose keys then are computed here.
    One statement for all the keys, one index range per key, however many of the period's
    complaints share it."""
    if not periode:
        return {}, {}, {}
    ids = {kid for kid, _, _ in periode}
    kunci_p: dict[str, set[tuple[str, str]]] = {kid: set() for kid in ids}
    for kid, jenis, nilai in db.execute(SQL_KUNCI_PERIODE, kunci_):
        if kid in kunci_p and kid not in pada.lama:
            kunci_p[kid].add((jenis, nilai))
    for kid in ids & pada.lama.keys():
        e = pada.baris(kid=kid)
        kunci_p[kid] = set(e["_kunci"]) if e is not None else set()
    waktu_ = [w.dari_iso(d) for _, _, d in periode]
    semua = sorted({kx for k in kunci_p.values() for kx in k})
    isi: list[list[tuple[Any, str]]] = [[] for _ in semua]
    keluar = pada.lama.keys() | pada.batal  # corrected after (their keys then: below), voided by the anchor
    ada: dict[str, bool] = {}
    for i, t, kid in db.execute(SQL_CALON_KUNCI, {
            "dari": w.iso(min(waktu_) - timedelta(days=hari + 1)), "sampai": w.iso(max(waktu_) + timedelta(days=1)),
            "kunci": json.dumps(semua)}):
        if kid in keluar:
            continue
        if not pada.di_ujung:  # recorded by the anchor?
            if kid not in ada:
                ada[kid] = pada.ada(kid)
            if not ada[kid]:
                continue
        if t.__class__ is str:  # POSIX seconds: instants compared fast, whatever their offsets
            t = w.dari_iso(t).timestamp()
        isi[i].append((t, kid))
    tempat = {kx: i for i, kx in enumerate(semua)}
    info: dict[str, tuple[str, str]] = {}
    for kid in pada.lama:  # their keys then, not the table's
        e = pada.baris(kid=kid)
        for kx in e["_kunci"] if e is not None else ():
            if kx in tempat:
                isi[tempat[kx]].append((e["_t"].timestamp(), e["id"]))  # type: ignore[index]
                info[e["id"]] = (e["nomor"], e["dicatat"])  # type: ignore[index]
    hasil = {}
    for kx, daftar in zip(semua, isi):
        daftar.sort()
        hasil[kx] = _Daftar((daftar, [x[0] for x in daftar]))
    return kunci_p, hasil, info


def _sebelumnya(kx_: Iterable[tuple[str, str]], per_kunci: dict[tuple[str, str], _Daftar], awal: float, akhir: float,
                ) -> tuple[int, list[tuple[Any, str]], list[tuple[str, set[str]]]]:
    """How many complaints hold any of the keys ``kx_`` and were recorded in [awal, akhir);
    the candidates for the newest ``REKAP_SEBELUMNYA`` of them, (time, id); and per key
    whose window holds any, its kind and the ids holding it. Counted, not walked: a key's
    complaints in the window are a slice of its list; where two keys' slices overlap, the
    smaller ones are walked for the ids the biggest does not hold (an e-mail or a phone is
    rarely shared by many). The newest of the union are among the newest of each slice:
    its last ``REKAP_SEBELUMNYA``, and those recorded at the same second as the first of
    them (the number breaks the tie)."""
    jendela = []
    for kx in kx_:
        d = per_kunci[kx]
        waktu_ = d[1]
        lo = bisect_left(waktu_, awal)
        hi = bisect_left(waktu_, akhir, lo)
        if hi > lo:
            jendela.append((hi - lo, kx, d, lo, hi))
    if not jendela:
        return 0, [], []
    jendela.sort(key=itemgetter(0), reverse=True)
    jumlah = jendela[0][0]
    if len(jendela) > 1:
        besar = jendela[0][2].anggota
        jumlah += len({e[1] for _, _, d, lo, hi in jendela[1:] for e in d[0][lo:hi] if e[1] not in besar})
    calon: list[tuple[Any, str]] = []
    for _, _, d, lo, hi in jendela:
        mulai = lo if hi - lo <= REKAP_SEBELUMNYA else bisect_left(d[1], d[1][hi - REKAP_SEBELUMNYA], lo, hi)
        calon += d[0][mulai:hi]
    if len(jendela) == 1:
        return jumlah, calon, [(jendela[0][1][0], set())]
    return jumlah, calon, [(kx[0], d.anggota) for _, kx, d, _, _ in jendela]


def rekap(db: sqlite3.Connection, kal: Any, kunci_: dict[str, Any], titik: datetime,
          keluhan: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """``berulang_hari`` and ``berulang``: of the period's complaints (``keluhan``, the
    recap's list: voided ones are out), those matching an earlier complaint of the same
    customer within the window or linked to another (kaitkan), in the list's order; each
    with ``jumlah_sebelumnya`` (how many earlier ones), ``sebelumnya`` (the newest
    ``REKAP_SEBELUMNYA`` of them: number, id, recording time, keys shared) and ``kaitan``
    (in recorded order: the other's number, direction, time, reason). As of the
    period's end and the anchor: keys as they stood then, complaints then existing and
    not voided by the anchor, links dated before the end and recorded by the anchor."""
    hari = hari_pada(kal, titik)
    pada = _Pada(db, kunci_)
    kaitan_: dict[str, list[dict[str, Any]]] = {}
    for urutan, kid, nomor_lain, waktu, alasan in sorted(map(tuple, db.execute(SQL_KAITAN_SEMUA, kunci_))):
        a, b = pada.baris(kid=kid), pada.baris(nomor=nomor_lain)
        if a is None or b is None:
            continue
        kaitan_.setdefault(a["id"], []).append({"nomor": b["nomor"], "arah": "ke", "urutan": urutan, "waktu": waktu,
                                                "alasan": alasan})
        kaitan_.setdefault(b["id"], []).append({"nomor": a["nomor"], "arah": "dari", "urutan": urutan, "waktu": waktu,
                                                "alasan": alasan})
    periode = [(k["id"], k["nomor"], k["dicatat"]) for k in keluhan]
    kunci_p, per_kunci, info = _per_kunci(db, pada, kunci_, periode, hari)
    rentang = hari * 86400.0
    ulang = []
    perlu: set[str] = set()
    for kid, nomor, dicatat in periode:
        akhir = w.dari_iso(dicatat).timestamp()
        jumlah, calon, sama = _sebelumnya(kunci_p[kid], per_kunci, akhir - rentang, akhir)
        if jumlah or kid in kaitan_:
            ulang.append((kid, nomor, dicatat, jumlah, calon, sama))
            perlu.update(e[1] for e in calon)
    perlu -= info.keys()
    if perlu:
        info.update((i, (n, d)) for i, n, d in db.execute(SQL_NOMOR, {"ids": json.dumps(sorted(perlu))}))
    hasil = []
    for kid, nomor, dicatat, jumlah, calon, sama in ulang:
        baru = sorted(((t, *info[i], i) for t, i in set(calon)), key=itemgetter(0, 1, 3), reverse=True)
        sebelumnya_ = []
        for _, n, d, i in baru[:REKAP_SEBELUMNYA]:
            sebab = [sama[0][0]] if len(sama) == 1 else [j for j in JENIS if any(j == jj and i in ang for jj, ang in sama)]
            sebelumnya_.append({"nomor": n, "id": i, "dicatat": d, "sebab": sebab})
        hasil.append({"id": kid, "nomor": nomor, "dicatat": dicatat, "jumlah_sebelumnya": jumlah,
                      "sebelumnya": sebelumnya_, "kaitan": kaitan_.get(kid, [])})
    return {"berulang_hari": hari, "berulang": hasil}
