"""Kept month-end figures of closed months (issue 17: the recap at the floor).

``rekap --bulan M`` of a month M that has ended is, by design (keluhan/rekap.py), a
function of:

- the events dated before M's end (``riwayat.waktu`` < the first day after M) and recorded
  by the anchor, with the corrections (``koreksi``: of a field, a time, a customer's keys)
  and voids (``batal``, whenever dated) recorded by the anchor, and the links (``kaitkan``);
- the calendar and the settings ledger as they stood at the anchor (their chains' tips),
  and the settings of keluhan.toml the recap reads (``p``);
- the anchor itself, printed in the recap (its ``jangkar`` key): the one part that is never
  kept.

Nothing else: statuses, open complaints, pending reviews, late steps, recurrence, Pareto and
trend are all "as of M's end", so an event recorded later and dated after M's end that is not
a correction, a void or a link cannot change them. Hence a recap of M computed at anchor K
(``urutan`` K of riwayat) holds at any later anchor N as long as no event in K < urutan <= N
is dated before M's end or is a ``koreksi``, ``batal`` or ``kaitkan``, no other chain (the
calendar's, the settings', the officers') has an entry after K's, and keluhan.toml and the
program are the same. That is checked on every use by one range of riwayat's primary key
(``SQL_BERUBAH``) plus the tips of the other chains: otherwise the recap is computed live,
exactly as without kept figures.

``rekap_bulan`` holds, per closed month, the recap's whole JSON as ``rekap --format json``
writes it, with the anchor's place held by ``PENANDA`` (a read fills in its own anchor), the
anchor it was computed at (``jangkar``, every chain's tip), ``sah_sampai`` (riwayat's
``urutan`` up to which it has been checked to hold), ``kunci`` (sha256 of the program's
sources, Python's and SQLite's versions, the settings and the calendar) and the settings
themselves (``pengaturan``, so that ``keluhan periksa`` can recompute it).

``rekap`` is a read command: it never writes here. The writing commands do, after their own
commit (``simpan``, called by ``Arsip.transaksi`` and the bulk import): each of the last
``BULAN_DISIMPAN`` closed months holding at least ``AMBANG`` complaints (smaller months are
as fast computed live) whose kept row is missing or no longer holds is recomputed, one per
command, newest first; a row that still holds has ``sah_sampai`` moved to the tip once
``GESER`` events have been recorded since, so that a read checks at most that many (about a
millisecond at 1M). Not on every write: SQLite rewrites a row to change any of its columns, and
for a kept month it compares the whole ~80 MB record at 1M to write the one page that changed
(~0.5 s of CPU, ~50 ms at 100k), which every clerk's ``catat`` paid before. Triggers refuse a
row moved back in time or deleted.
``keluhan periksa`` recomputes every kept row at its anchor and names one that differs.

A read takes from the row only what its format needs (``baca``): at 1M a month's JSON is ~47 MB
of overflow pages, and SQLite walks them page by page to reach any column after ``isi``. A json
recap reads its first MB in the recap's snapshot and the rest by incremental blob reads as it is
written out (``_Baris``: the row checked again to be the one computed at that anchor with that
key); html and md read the short figures around the long lists' places and the format's rows, the
lists themselves only if an override template loops over them. A keep writes the JSON and the rows
as made to unnamed temporary files, then into the row by incremental blob writes: its memory is
the live recap's own, not three copies of the ~80 MB on top of it.
"""

from __future__ import annotations

import sqlite3
import sys
from collections.abc import Iterator
from datetime import date, datetime, time, timedelta
from typing import Any

# (json, hashlib, pathlib and the recap itself are imported where used: a daily write on an archive
# whose months are all below AMBANG pays two index counts here, no imports)

TABEL = "rekap_bulan"
BULAN_DISIMPAN = 3  # closed months kept: the last quarter (a monthly cron's month and the two before)
AMBANG = 1000  # complaints recorded in a month below which it is not kept (its live recap takes well under a second)
PENANDA = "\x00jangkar\x00"  # the anchor's place in the kept JSON
POTONG = 1 << 20  # bytes per incremental read of a kept JSON written out (no 47 MB copy at 1M)
# Events recorded since ``sah_sampai`` before a writer moves it forward: the move costs one pass over the
# kept row (~0.5 s at 1M, once per GESER events), a read's check of the events since ~1 ms per 2 000 at 1M.
GESER = 2000
_PENANDA_JSON = '"\\u0000jangkar\\u0000"'  # ... as the JSON writes it (json.dumps(PENANDA))
# The actions recorded after a kept anchor that can change a closed month whatever their date.
AKSI_MENGUBAH = ("koreksi", "batal", "kaitkan")

SKEMA = f"""
CREATE TABLE {TABEL} (
    bulan TEXT PRIMARY KEY,             -- YYYY-MM, a closed month
    urutan INTEGER NOT NULL,            -- riwayat's tip (the anchor) the figures were computed at
    jangkar TEXT NOT NULL,              -- that anchor's text: every chain's tip (keluhan/jangkar.py)
    sah_sampai INTEGER NOT NULL,        -- riwayat urutan up to which nothing recorded changes them (checked)
    kunci TEXT NOT NULL,                -- sha256 of the program, the settings and the calendar they were computed with
    pengaturan TEXT NOT NULL,           -- the settings (JSON) they were computed with
    isi BLOB NOT NULL,                  -- the recap's JSON (UTF-8), the anchor's place held by "\\u0000jangkar\\u0000"
    dihitung TEXT NOT NULL              -- when (ISO 8601, the archive's zone)
);
CREATE TRIGGER {TABEL}_mundur BEFORE UPDATE ON {TABEL}
WHEN NEW.bulan IS NOT OLD.bulan OR NEW.urutan < OLD.urutan OR NEW.sah_sampai < NEW.urutan
  OR (NEW.urutan = OLD.urutan AND NEW.sah_sampai < OLD.sah_sampai)
BEGIN SELECT RAISE(ABORT, 'rekap_bulan: angka tersimpan hanya boleh dihitung ulang pada jangkar yang sama atau sesudahnya'); END;
CREATE TRIGGER {TABEL}_hapus BEFORE DELETE ON {TABEL}
BEGIN SELECT RAISE(ABORT, 'rekap_bulan tidak boleh dihapus; angka yang tidak berlaku lagi dihitung ulang'); END;
"""

# Migration m031_rekap_bulan_baris: the long lists' places and their printed rows (a row kept before it
# has none: it is not used, and the next writer keeps the month again).
SKEMA_BARIS = f"""
ALTER TABLE {TABEL} ADD COLUMN posisi TEXT;   -- JSON: where each long list lies in isi, and its rows in html and md
ALTER TABLE {TABEL} ADD COLUMN html BLOB;     -- the long lists' rows as the recap's HTML prints them (formulir.baris_rekap)
ALTER TABLE {TABEL} ADD COLUMN md BLOB;       -- ... and as its Markdown does
"""

# An event recorded after the kept anchor's check (``:s``) and by the anchor asked for (``:n``)
# that can change month ``:a``'s figures: dated before its end, or a correction, a void, a link.
# riwayat's primary key: the range since ``sah_sampai``, fewer than GESER events when writers keep it.
SQL_BERUBAH = f"""
SELECT urutan FROM riwayat
WHERE urutan > :s AND urutan <= :n AND (waktu < :a OR aksi IN ({", ".join(f"'{a}'" for a in AKSI_MENGUBAH)}))
LIMIT 1
"""

_kode: str | None = None


def _sha256(teks: str) -> str:
    try:  # CPython's own sha256: a daily write does not load OpenSSL for one digest
        from _sha2 import sha256  # type: ignore[import-not-found]
    except ImportError:
        try:
            from _sha256 import sha256  # type: ignore[import-not-found,no-redef]
        except ImportError:  # pragma: no cover
            from hashlib import sha256  # type: ignore[assignment]
    return sha256(teks.encode("utf-8")).hexdigest()  # type: ignore[no-any-return]


def kode() -> str:
    """What identifies the program that computes the figures: every module of this package by
    name, size and modification time (an upgrade or an edit changes them), the package's version,
    and Python's and SQLite's versions (a kept row of another version is not used)."""
    global _kode
    if _kode is None:
        import os

        folder = os.path.dirname(os.path.abspath(__file__))
        from keluhan import __version__

        bagian = [sys.version, sqlite3.sqlite_version, __version__]
        for nama in sorted(os.listdir(folder)):
            if nama.endswith(".py"):
                st = os.stat(os.path.join(folder, nama))
                bagian.append(f"{nama}:{st.st_size}:{st.st_mtime_ns}")
        _kode = _sha256("\n".join(bagian))
    return _kode


def _teks_pengaturan(p: dict[str, Any]) -> str:
    import json

    return json.dumps(p, sort_keys=True, ensure_ascii=False, default=str)


def kunci(kal: Any, p: dict[str, Any]) -> str:
    """What the kept figures depend on besides the chains: the program, the settings and the zone.
    (The calendar is the archive's: its holidays and hours move only with entries of
    ``kalender_riwayat`` and ``pengaturan_riwayat``, whose tips a kept row must share.)"""
    return _sha256("\n".join((kode(), _teks_pengaturan(p), str(kal.zona))))


def _ada(db: sqlite3.Connection) -> bool:
    return db.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (TABEL,)).fetchone() is not None


def _akhir(bulan: str) -> str:
    """The first day after month ``YYYY-MM`` (the recap's ``:a``)."""
    t, b = int(bulan[:4]), int(bulan[5:7])
    return date(t + b // 12, b % 12 + 1, 1).isoformat()


def tertutup(bulan: str, sekarang: datetime) -> bool:
    """Month ``bulan`` has ended by ``sekarang`` (local midnight after its last day)."""
    return datetime.combine(date.fromisoformat(_akhir(bulan)), time(0), sekarang.tzinfo) <= sekarang


def _ujung_teks(teks: str) -> dict[str, tuple[int, str]]:
    """The tips an anchor's text names (``t:n:h`` tokens; its ``ringkas`` left out), without
    keluhan/jangkar.py (and the sha256 it loads): a kept row's ``jangkar`` as the program wrote it."""
    hasil = {}
    for token in teks.split():
        t, _, sisa = token.partition(":")
        n, _, h = sisa.partition(":")
        if t != "ringkas" and n.isdigit() and len(h) == 64:
            hasil[t] = (int(n), h)
    return hasil


def _berlaku(db: sqlite3.Connection, baris: tuple[Any, ...], j_n: int, lain: dict[str, tuple[int, str]],
             kunci_kini: str) -> bool:
    """The kept row ``baris`` (bulan, urutan, jangkar, sah_sampai, kunci) holds at riwayat
    ``j_n`` with the other chains at ``lain`` and what else it depends on hashing to ``kunci_kini``."""
    bulan, urutan, jangkar, sah, k = baris
    if k != kunci_kini or j_n < urutan:
        return False
    simpan = _ujung_teks(jangkar)
    riwayat = simpan.pop("riwayat", None)
    if riwayat is None or riwayat[0] != urutan or simpan != lain:
        return False  # (a row edited behind the program's back: computed live, periksa names it)
    if urutan and (db.execute("SELECT hash FROM riwayat WHERE urutan = ?", (urutan,)).fetchone() or (None,))[0] != riwayat[1]:
        return False  # riwayat no longer holds the kept anchor's entry
    if j_n > sah and db.execute(SQL_BERUBAH, {"s": sah, "n": j_n, "a": _akhir(bulan)}).fetchone():
        return False
    return True


# The recap's long lists (formulir.baris_rekap's table, the recap's key): kept with their rows as printed.
DAFTAR = (("keluhan", "keluhan"), ("terbuka", "terbuka_akhir_periode"), ("berulang", "berulang"))
FORMAT_BARIS = ("html", "md")


class DaftarTersimpan:
    """One long list of a kept recap: read from the kept JSON when first iterated or indexed
    (``muat``: its bytes), its length known at once; ``baris(format)``: its rows as
    ``formulir.baris_rekap`` prints them, when kept for that format (None otherwise)."""

    def __init__(self, muat: Any, n: int, baris: dict[str, bytes]) -> None:
        self._muat_bytes, self._n, self._baris = muat, n, baris
        self._daftar: list[Any] | None = None

    def _muat(self) -> list[Any]:
        if self._daftar is None:
            import json

            self._daftar = json.loads(self._muat_bytes())
        return self._daftar

    def baris(self, format: str) -> str | None:
        b = self._baris.get(format)
        return None if b is None else b.decode("utf-8")

    def __iter__(self) -> Any:
        return iter(self._muat())

    def __len__(self) -> int:
        return self._n

    def __bool__(self) -> bool:
        return self._n > 0

    def __getitem__(self, i: Any) -> Any:
        return self._muat()[i]

    def __eq__(self, lain: object) -> bool:
        return list(self._muat()) == (list(lain) if isinstance(lain, (list, tuple, DaftarTersimpan)) else lain)

    __hash__ = None  # type: ignore[assignment]


class Tersimpan:
    """A recap read from kept figures: its JSON as ``rekap --format json`` writes it, with the
    anchor filled in (``bagian``: the file's bytes in pieces; ``potongan``: the text in pieces),
    or (``data``) the recap as ``rekap.rekap`` returns it, its long lists ``DaftarTersimpan``.

    ``awal``: the kept JSON's first bytes, the anchor's place among them: the whole JSON, or (a json
    recap) its first ``POTONG`` bytes, the rest streamed from the kept row when written (``baris``:
    ``_Baris``); or None when only its short figures were read (``sebagian``: (offset, bytes) of each
    stretch around the long lists, for an html or md recap, which prints the lists' kept rows), the
    lists then read from the kept row only if a template loops over them."""

    def __init__(self, awal: bytes | str | None, jangkar: Any, posisi: dict[str, Any] | None = None,
                 baris: dict[str, bytes] | None = None, *, panjang: int | None = None,
                 sebagian: list[tuple[int, bytes]] | None = None, sumber: _Baris | None = None) -> None:
        from keluhan import jsonalir

        self._awal = awal.encode("utf-8") if isinstance(awal, str) else None if awal is None else bytes(awal)
        self._panjang = len(self._awal) if panjang is None and self._awal is not None else panjang
        self._sebagian, self._sumber = sebagian, sumber
        penanda = _PENANDA_JSON.encode("ascii")
        self._i = self._awal.find(penanda) if self._awal is not None else -1
        if self._i < 0 and not (self._awal is None and any(penanda in b for _, b in sebagian or ())):
            raise ValueError("rekap_bulan.isi tanpa tempat jangkar")
        self._jangkar = "".join(jsonalir.potongan(jangkar.json(), 1)).encode("utf-8")
        self._posisi, self._baris = posisi or {}, baris or {}

    @property
    def _isi(self) -> bytes | None:
        """The whole kept JSON, when it was read whole."""
        return self._awal if self._awal is not None and len(self._awal) == self._panjang else None

    def bagian(self, akhir: bytes = b"\n") -> Iterator[bytes | memoryview]:
        """The document's bytes, then ``akhir`` (its final newline), in pieces: the kept row's bytes as read,
        never joined into one copy (a json recap's rest read from the kept row as it is written)."""
        assert self._awal is not None and self._panjang is not None
        mv = memoryview(self._awal)
        yield mv[:self._i]
        yield self._jangkar
        yield mv[self._i + len(_PENANDA_JSON):]
        if len(self._awal) < self._panjang:
            assert self._sumber is not None
            yield from self._sumber.potongan(len(self._awal), self._panjang)
        if akhir:
            yield akhir

    def utf8(self) -> bytes:
        """The document's bytes, its final newline included, in one piece."""
        return b"".join(self.bagian())

    def potongan(self) -> Iterator[str]:
        """The document's text without its final newline, in pieces."""
        import codecs

        urai = codecs.getincrementaldecoder("utf-8")()
        for b in self.bagian(b""):
            if teks := urai.decode(b):
                yield teks
        if teks := urai.decode(b"", final=True):
            yield teks

    def data(self) -> dict[str, Any]:
        """The recap's dict: everything but the long lists parsed now, those when first used."""
        import json

        daftar = sorted((v[0], v[1], k, v[2]) for k, v in self._posisi.get("daftar", {}).items())
        isi = self._isi
        if self._awal is not None and isi is None:  # a json recap's first bytes only: read the rest now
            assert self._sumber is not None and self._panjang is not None
            isi = self._awal = b"".join([self._awal, *self._sumber.potongan(len(self._awal), self._panjang)])
        if isi is not None and not daftar:
            return json.loads(self.utf8())  # type: ignore[no-any-return]
        if isi is not None:
            mv, bagian, i = memoryview(isi), [], 0
            for mulai, akhir, _, _ in daftar:  # the document with each long list as []
                bagian += [mv[i:mulai], b"[]"]
                i = akhir
            bagian.append(mv[i:])
        else:
            assert self._sebagian is not None and len(self._sebagian) == len(daftar) + 1
            bagian = []
            for j, (_, b) in enumerate(self._sebagian):  # the stretches between the lists, each list as []
                bagian += [b"[]", b] if j else [b]
        teks = b"".join(bagian).replace(_PENANDA_JSON.encode("ascii"), self._jangkar, 1)
        hasil: dict[str, Any] = json.loads(teks)
        for mulai, akhir, kunci, n in daftar:
            baris = {}
            for fmt, b in self._baris.items():
                s, e = self._posisi[fmt][kunci]
                baris[fmt] = b[s:e]
            if isi is not None:
                muat = (lambda isi, m, a: lambda: isi[m:a])(isi, mulai, akhir)
            else:
                assert self._sumber is not None
                muat = (lambda baca, m, a: lambda: baca(m, a))(self._sumber.baca, mulai, akhir)
            hasil[kunci] = DaftarTersimpan(muat, n, baris)
        return hasil


class _Baris:
    """The kept row a recap was read from, read again later (a json recap's rest as it is written, a long
    list an override template loops over) in a snapshot of its own: the same row, still computed at the
    same anchor with the same key, so its bytes are the same; otherwise (a writer kept the month again
    meanwhile) the recap is refused in one line, never mixed."""

    def __init__(self, db: sqlite3.Connection, bulan: str, rowid: int, urutan: int, kunci: str) -> None:
        self.db, self.bulan, self._kenal = db, bulan, (rowid, urutan, kunci)

    def potongan(self, mulai: int, akhir: int, ukuran: int | None = None) -> Iterator[bytes]:
        """Bytes [mulai, akhir) of the kept JSON, ``ukuran`` (``POTONG``) at a time."""
        db = self.db
        sendiri = not db.in_transaction
        if sendiri:
            db.execute("BEGIN")
        try:
            r = db.execute(f"SELECT rowid, urutan, kunci FROM {TABEL} WHERE bulan = ?", (self.bulan,)).fetchone()
            if r is None or tuple(r) != self._kenal:
                from keluhan.galat import GalatArsip

                raise GalatArsip(f"Angka rekap tersimpan bulan {self.bulan} dihitung ulang saat rekap ini disusun; "
                                 "jalankan rekap lagi.")
            with db.blobopen(TABEL, "isi", self._kenal[0], readonly=True) as b:
                b.seek(mulai)
                while mulai < akhir:
                    x = b.read(min(ukuran or POTONG, akhir - mulai))
                    if not x:
                        raise ValueError("rekap_bulan.isi lebih pendek dari posisinya")
                    mulai += len(x)
                    yield x
        finally:
            if sendiri:
                try:
                    if db.in_transaction:
                        db.execute("ROLLBACK")
                except sqlite3.ProgrammingError:  # (closed: SQLite rolled back)
                    pass

    def baca(self, mulai: int, akhir: int) -> bytes:
        return b"".join(self.potongan(mulai, akhir, akhir - mulai))


def susun(data: dict[str, Any]) -> tuple[bytes, dict[str, Any], dict[str, bytes]]:
    """What a kept row holds for the recap ``data`` (its ``jangkar`` already ``PENANDA``): the
    JSON's bytes exactly as ``jsonalir`` writes them, where each long list lies in them, and
    those lists' rows in each of ``FORMAT_BARIS`` as ``formulir.baris_rekap`` prints them."""
    import io

    berkas = {k: io.BytesIO() for k in ("isi", *FORMAT_BARIS)}
    posisi = susun_ke(data, berkas)
    return berkas["isi"].getvalue(), posisi, {fmt: berkas[fmt].getvalue() for fmt in FORMAT_BARIS}


class _Penulis:
    """Text written to a binary file as UTF-8, gathered into writes of about 64 kB; ``n``: bytes so far."""

    def __init__(self, f: Any) -> None:
        self.f, self.n, self._kumpul, self._m = f, 0, [], 0

    def __call__(self, s: str) -> None:
        b = s.encode("utf-8")
        self.n += len(b)
        self._kumpul.append(b)
        self._m += len(b)
        if self._m >= 1 << 16:
            self.siram()

    def siram(self) -> None:
        self.f.write(b"".join(self._kumpul))
        self._kumpul, self._m = [], 0


def susun_ke(data: dict[str, Any], berkas: dict[str, Any]) -> dict[str, Any]:
    """``susun`` written as it is made into the binary files ``berkas["isi"]``, ``["html"]`` and ``["md"]``
    (no copy of the whole held: the writer's keep at 1M stays within its recap's own memory); returns
    ``posisi``."""
    from keluhan import formulir, jsonalir

    tulis = _Penulis(berkas["isi"])
    posisi: dict[str, Any] = {"daftar": {}}
    kunci_daftar = {k for _, k in DAFTAR}
    pisah = "{\n  "
    for k, v in data.items():  # as jsonalir.potongan writes a top-level dict
        s = jsonalir._skalar(v)
        tulis(f"{pisah}{jsonalir._teks(jsonalir._kunci(k))}: ")
        if s is not None:
            tulis(s)
        else:
            mulai = tulis.n
            for bagian in jsonalir.potongan(v, 1):
                tulis(bagian)
            if k in kunci_daftar and isinstance(v, (list, rekap_daftar())):
                posisi["daftar"][k] = [mulai, tulis.n, len(v)]
        pisah = ",\n  "
    tulis("\n}" if data else "{}")
    tulis.siram()
    for fmt in FORMAT_BARIS:
        tulis, posisi[fmt] = _Penulis(berkas[fmt]), {}
        for tabel, k in DAFTAR:
            if k in posisi["daftar"]:
                mulai = tulis.n
                for bagian in formulir.baris_rekap(tabel, data[k], fmt):
                    tulis(str(bagian))
                posisi[fmt][k] = [mulai, tulis.n]
        tulis.siram()
    return posisi


def rekap_daftar() -> type:
    from keluhan import rekap

    return rekap.Daftar


def baca(db: sqlite3.Connection, kal: Any, p: dict[str, Any], periode: Any, sekarang: datetime,
         jangkar: Any, kini: Any, format: str | None = None) -> Tersimpan | None:
    """The recap of ``periode`` as of ``jangkar`` from kept figures, or None (compute it live):
    a closed month whose kept row holds at the anchor. Inside the caller's snapshot, which reads only
    what the format needs: json, the kept JSON's first bytes (the rest when written); html and md, the
    short figures around the long lists and the lists' rows in that format; else the whole JSON."""
    if periode.jenis != "bulan" or not _ada(db):
        return None
    bulan = f"{periode.mulai:%Y-%m}"
    if not tertutup(bulan, sekarang):
        return None
    fmt = format if format in FORMAT_BARIS else None
    # (typeof: the record's header only. Every column after isi lies past its ~2.4 kB per complaint of
    # overflow pages, which SQLite walks page by page to reach it: read only when needed.)
    baris = db.execute(f"SELECT bulan, urutan, jangkar, sah_sampai, kunci, rowid, typeof(posisi) FROM {TABEL} "
                       "WHERE bulan = ?", (bulan,)).fetchone()
    if baris is None or baris[6] != "text":  # (kept before m031_rekap_bulan_baris: never read)
        return None
    # the other chains as the recap would read them: the anchor's tip, or now where it names none
    lain = {t: (jangkar.ujung(t) if jangkar.punya(t) else kini.ujung(t)) for t, _, _ in kini.rantai if t != "riwayat"}
    if not _berlaku(db, tuple(baris[:5]), jangkar.urutan, lain, kunci(kal, p)):
        return None
    import json

    rowid = baris[5]
    sumber = _Baris(db, bulan, rowid, baris[1], baris[4])
    try:
        if format == "json":  # incremental blob reads: about half a SELECT's CPU, and no copy of it all
            with db.blobopen(TABEL, "isi", rowid, readonly=True) as b:
                awal, panjang = b.read(POTONG), len(b)
                if _PENANDA_JSON.encode("ascii") not in awal:
                    awal += b.read()
            return Tersimpan(awal, jangkar, panjang=panjang, sumber=sumber)
        posisi = json.loads(db.execute(f"SELECT posisi FROM {TABEL} WHERE rowid = ?", (rowid,)).fetchone()[0])
        if fmt is None or not posisi.get("daftar"):
            with db.blobopen(TABEL, "isi", rowid, readonly=True) as b:
                return Tersimpan(b.read(), jangkar, posisi)
        # html, md: the long lists are printed from their kept rows, so only the short figures' bytes of the
        # kept JSON are read, around the lists' places (their rows: the format's own column)
        with db.blobopen(TABEL, fmt, rowid, readonly=True) as b:
            kept = {fmt: b.read()}
        sebagian = _baca_sela(db, rowid, sorted(v[:2] for v in posisi["daftar"].values()))
        return Tersimpan(None, jangkar, posisi, kept, sebagian=sebagian, sumber=sumber)
    except (ValueError, TypeError, KeyError, sqlite3.OperationalError):
        return None


def _baca_sela(db: sqlite3.Connection, rowid: int, daftar: list[list[int]]) -> list[tuple[int, bytes]]:
    """(offset, bytes) of each stretch of kept row ``rowid``'s JSON around the long lists at ``daftar``
    ([start, end) each, in order): incremental blob reads, the lists' bytes never loaded."""
    hasil, i = [], 0
    with db.blobopen(TABEL, "isi", rowid, readonly=True) as b:
        for mulai, akhir in [*daftar, [len(b), len(b)]]:
            b.seek(i)
            hasil.append((i, b.read(mulai - i)))
            i = akhir
    return hasil


def hitung(db: sqlite3.Connection, kal: Any, p: dict[str, Any], periode: Any, sekarang: datetime,
           jangkar: Any = None) -> tuple[bytes, dict[str, Any], dict[str, bytes]]:
    """The recap of ``periode`` computed live as of ``jangkar`` (default the tips), as ``Arsip.rekap``
    computes it, the anchor's place held by ``PENANDA``: what a kept row holds (``susun``)."""
    import io

    berkas = {k: io.BytesIO() for k in ("isi", *FORMAT_BARIS)}
    posisi = hitung_ke(db, kal, p, periode, sekarang, berkas, jangkar)
    return berkas["isi"].getvalue(), posisi, {fmt: berkas[fmt].getvalue() for fmt in FORMAT_BARIS}


def hitung_ke(db: sqlite3.Connection, kal: Any, p: dict[str, Any], periode: Any, sekarang: datetime,
              berkas: dict[str, Any], jangkar: Any = None) -> dict[str, Any]:
    """``hitung`` written into ``berkas`` (``susun_ke``); the recap's dict is let go before it returns."""
    from keluhan import rekap, tenggat, waktu as w

    try:
        if jangkar is not None:
            kal = rekap.kalender_pada(db, jangkar, kal)
            tenggat.bayangan_jangkar(db, kal, p, jangkar.urutan, w.iso(sekarang))
        data = rekap.rekap(db, kal, p, periode, sekarang=sekarang, jangkar=jangkar, tersimpan=False)
    finally:
        tenggat.lepas_bayangan(db)
    data["jangkar"] = PENANDA
    posisi = susun_ke(data, berkas)
    del data
    return posisi


def bulan_disimpan(sekarang: datetime) -> list[str]:
    """The closed months kept, newest first."""
    hasil, d = [], sekarang.date().replace(day=1)
    for _ in range(BULAN_DISIMPAN):
        d = (d - timedelta(days=1)).replace(day=1)
        hasil.append(f"{d:%Y-%m}")
    return hasil


class _Zona:
    """The calendar's zone, for ``kunci``, without loading the calendar."""

    def __init__(self, arsip: Any) -> None:
        from zoneinfo import ZoneInfo

        self.zona = ZoneInfo(arsip.zona)


def simpan(arsip: Any) -> str | None:
    """After a writing command's commit: keep the figures of the closed months that need them
    (at most one month recomputed per call, newest first; the others only checked and moved
    forward). Returns the month recomputed, if any. Writes in its own short transactions."""
    db = arsip.db
    if db.in_transaction or not _ada(db):
        return None
    sekarang = arsip._sekarang()
    bulan = bulan_disimpan(sekarang)
    jumlah = {}
    for b in bulan:  # (keluhan_dicatat_nomor, counted up to AMBANG only)
        n = db.execute("SELECT COUNT(*) FROM (SELECT 1 FROM keluhan WHERE dicatat >= ? AND dicatat < ? LIMIT ?)",
                       (f"{b}-01", _akhir(b), AMBANG)).fetchone()[0]
        if n >= AMBANG:
            jumlah[b] = n
    if not jumlah:
        return None
    import json

    from keluhan import rantai

    p = arsip.p
    k = kunci(_Zona(arsip), p)
    berkas: dict[str, Any] = {}
    db.execute("BEGIN")  # one snapshot: the tips and the rows checked against them
    try:
        ujung = {r.tabel: rantai.ujung(db, r) for r in rantai.SEMUA}
        n_kini = ujung.pop("riwayat")[0]
        ada = {r[0]: tuple(r) for r in db.execute(
            f"SELECT bulan, urutan, jangkar, sah_sampai, kunci FROM {TABEL} WHERE bulan IN (SELECT value FROM json_each(?))",
            (json.dumps(list(jumlah)),))}
        maju, hitung_ulang = [], None
        for b in jumlah:
            baris = ada.get(b)
            if baris is not None and _berlaku(db, baris, n_kini, ujung, k):
                if n_kini - baris[3] >= GESER:  # (not on every write: the move rewrites the kept row)
                    maju.append(b)
            elif hitung_ulang is None:
                hitung_ulang = b
        isi = kini = None
        if hitung_ulang is not None:
            from keluhan import jangkar as jk, rekap

            kini = jk.ujung(db)

            jumlah[hitung_ulang] = db.execute("SELECT COUNT(*) FROM keluhan WHERE dicatat >= ? AND dicatat < ?",
                                              (f"{hitung_ulang}-01", _akhir(hitung_ulang))).fetchone()[0]
            mulai = datetime.now()
            tty = sys.stderr.isatty()
            if tty:
                print(f"Menyimpan angka rekap {rekap.Periode.bulan(int(hitung_ulang[:4]), int(hitung_ulang[5:])).label} "
                      f"({jumlah[hitung_ulang]} keluhan; sekali per bulan tertutup, untuk rekap yang cepat)...",
                      end="", file=sys.stderr, flush=True)
            # Written as made to temporary files (unnamed, gone when closed: the recap names customers), then into
            # the row piece by piece: at 1M the recap's own memory, not three copies of its ~80 MB on top of it.
            import tempfile

            berkas = {kol: tempfile.TemporaryFile(prefix="keluhan-rekap-") for kol in ("isi", *FORMAT_BARIS)}
            isi = hitung_ke(db, arsip.kalender(), p,
                            rekap.Periode.bulan(int(hitung_ulang[:4]), int(hitung_ulang[5:])), sekarang, berkas)
            from keluhan import formulir

            formulir.lupakan_sel()  # (~30 MB at 1M: the row's ~80 MB record is then built within the recap's own peak)
            if tty:
                print(f" selesai ({(datetime.now() - mulai).total_seconds():.1f} s).", file=sys.stderr)
    except BaseException:
        for f in berkas.values():
            f.close()
        raise
    finally:
        db.execute("ROLLBACK")
    try:
        return _tulis_simpan(arsip, maju, hitung_ulang, isi, berkas, kini, n_kini, k, sekarang)
    finally:
        for f in berkas.values():
            f.close()


def _tulis_simpan(arsip: Any, maju: list[str], hitung_ulang: str | None, posisi: dict[str, Any] | None,
                  berkas: dict[str, Any], kini: Any, n_kini: int, k: str, sekarang: datetime) -> str | None:
    """``simpan``'s write: the checked rows moved forward, the month recomputed (``posisi`` and its bytes in
    ``berkas``) put in its row: zero-filled to its lengths, then written piece by piece (incremental blob I/O)."""
    import json

    from keluhan import waktu as w

    db = arsip.db
    if not maju and posisi is None:
        return None
    p = arsip.p
    db.execute("BEGIN IMMEDIATE")
    try:
        # (written meanwhile: the rows hold at ``kini`` still, each carries the anchor it was checked at)
        for b in maju:
            db.execute(f"UPDATE {TABEL} SET sah_sampai = ? WHERE bulan = ? AND sah_sampai < ? AND kunci = ?",
                       (n_kini, b, n_kini, k))
        if posisi is not None and kini is not None:
            panjang = {kol: f.seek(0, 2) for kol, f in berkas.items()}
            ditulis = db.execute(
                f"INSERT INTO {TABEL} (bulan, urutan, jangkar, sah_sampai, kunci, pengaturan, isi, posisi, html, md, "
                "dihitung) VALUES (?, ?, ?, ?, ?, ?, zeroblob(?), ?, zeroblob(?), zeroblob(?), ?) "
                "ON CONFLICT (bulan) DO UPDATE SET urutan = excluded.urutan, jangkar = excluded.jangkar, "
                "sah_sampai = excluded.sah_sampai, kunci = excluded.kunci, pengaturan = excluded.pengaturan, "
                "isi = excluded.isi, posisi = excluded.posisi, html = excluded.html, md = excluded.md, "
                "dihitung = excluded.dihitung WHERE excluded.urutan >= urutan",
                (hitung_ulang, kini.urutan, kini.teks(), kini.urutan, k, _teks_pengaturan(p), panjang["isi"],
                 json.dumps(posisi), panjang["html"], panjang["md"], w.iso(sekarang)),
            ).rowcount
            if ditulis:  # (not when a row computed at a later anchor was written meanwhile)
                (rowid,) = db.execute(f"SELECT rowid FROM {TABEL} WHERE bulan = ?", (hitung_ulang,)).fetchone()
                for kol, f in berkas.items():
                    f.seek(0)
                    with db.blobopen(TABEL, kol, rowid) as b:
                        while potong := f.read(POTONG):
                            b.write(potong)
        db.execute("COMMIT")
    except BaseException:
        if db.in_transaction:
            db.execute("ROLLBACK")
        raise
    return hitung_ulang


def simpan_aman(arsip: Any) -> None:
    """``simpan``, whose failure leaves the command's own change done: said in one line on
    stderr, and the recap computes the month live."""
    try:
        simpan(arsip)
    except Exception as e:  # noqa: BLE001 - the command succeeded; kept figures are an optimisation
        if arsip.db.in_transaction:
            arsip.db.execute("ROLLBACK")
        print(f"Peringatan: angka rekap bulan tertutup tidak disimpan ({e}); rekap menghitungnya langsung.",
              file=sys.stderr)


def periksa(db: sqlite3.Connection) -> list[str]:
    """Findings on the kept rows: each recomputed at its own anchor with its own settings (and
    the archive's calendar as it stood then) must equal what is kept, and nothing recorded up to
    ``sah_sampai`` may change it. Inside the caller's snapshot."""
    if not _ada(db):
        return []
    import json

    from keluhan import jangkar as jk, rekap, tenggat, waktu as w

    temuan = []
    zona = tenggat.zona_arsip(db)
    for bulan, urutan, jangkar, sah, p_teks, *isi in db.execute(
        f"SELECT bulan, urutan, jangkar, sah_sampai, pengaturan, isi, posisi, html, md FROM {TABEL} ORDER BY bulan"
    ).fetchall():
        apa = f"Angka tersimpan rekap bulan {bulan} (rekap_bulan)"
        if isi[1] is None:
            continue  # kept before m031_rekap_bulan_baris: never read (its key is an older program's); kept again by a writer
        try:
            j = jk.baca(jangkar)
            p = json.loads(p_teks)
        except Exception as e:  # noqa: BLE001 - reported, not raised
            temuan.append(f"{apa}: jangkar atau pengaturannya tidak terbaca ({e}).")
            continue
        if j.urutan != urutan:
            temuan.append(f"{apa}: urutan {urutan} tidak sama dengan jangkarnya (riwayat #{j.urutan}).")
            continue
        if jk.periksa(db, j):
            temuan.append(f"{apa}: jangkarnya (riwayat #{urutan}) tidak dipegang rantai lagi.")
            continue
        berubah = db.execute(SQL_BERUBAH, {"s": urutan, "n": sah, "a": _akhir(bulan)}).fetchone()
        if berubah:
            temuan.append(f"{apa}: dinyatakan berlaku sampai peristiwa #{sah}, padahal peristiwa #{berubah[0]} "
                          "mengubahnya.")
        try:
            kal = tenggat.muat_kalender(db, zona)
            t, b = int(bulan[:4]), int(bulan[5:7])
            seharusnya = hitung(db, kal, p, rekap.Periode.bulan(t, b), w.sekarang(zona), j)
        except Exception as e:  # noqa: BLE001 - reported, not raised
            temuan.append(f"{apa}: tidak dapat dihitung ulang ({e}).")
            continue
        benar = (seharusnya[0], json.dumps(seharusnya[1]), seharusnya[2]["html"], seharusnya[2]["md"])
        for kolom, ada, harus in zip(("isi", "posisi", "html", "md"), isi, benar):
            if (ada.encode("utf-8") if isinstance(ada, str) and kolom != "posisi" else ada) != harus:
                temuan.append(f"{apa}, dihitung pada peristiwa #{urutan}: kolom {kolom} tidak sama dengan hitungan ulang "
                              "dari riwayat pada jangkar itu (diubah di luar program).")
    return temuan
