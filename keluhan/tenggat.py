"""Working-time SLA in the archive: the calendar as data, step durations, deadlines.

Three kinds of rows, all written here (docs/tenggat.md describes them for auditors):

- ``jam_kerja``, ``libur``, ``libur_tahun``: the working calendar. Seeded when an archive
  is first opened (office hours from keluhan.toml, holidays from the ``holidays``
  package, 2020 to two years ahead; the years that come into reach by the first writing
  transaction of a new year, ``pastikan_depan``; earlier and later years when first needed). From
  then on the archive is the truth: keluhan.toml's ``jam_kerja`` only seeds a new one.
- ``pengaturan_arsip``: the archive's time zone, written from keluhan.toml once.
- ``kalender_riwayat``: every change to the four tables above, hash-chained, in the
  change's transaction (``catat_kalender``); ``periksa`` replays it.
- ``durasi_langkah``: one row per step event, written in the event's transaction (stored in
  ``durasi_peristiwa``; the view of that name adds the event's own columns, m032_durasi).
- ``tenggat``: the deadline of the step an unfinished complaint waits for.

Every function here runs inside the caller's transaction except ``siapkan``.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from datetime import UTC, date, datetime, time, timedelta
from time import gmtime as _gmtime, strftime as _strftime
from typing import TYPE_CHECKING, Any

from keluhan import rantai, sinyal, waktu as w
from keluhan.galat import GalatKeluhan, GalatMasukan
from keluhan.workflow import Aksi, Status, diukur, langkah_berikutnya, mengubah_status

if TYPE_CHECKING:  # imported where used: opening an archive for 'lihat' needs no calendar
    from keluhan.kalender import Kalender, MutuBaku

# The schema objects this module keeps (migration m002; docs/tenggat.md shows their SQL).
OBJEK_SKEMA = (
    "jam_kerja", "libur", "libur_tahun", "durasi_langkah", "durasi_peristiwa", "tenggat", "v_durasi_langkah",
    "v_keluhan_status", "v_terlambat", "v_rekap_bulanan", "v_kepatuhan_bulanan",
    "pengaturan_arsip", "kalender_riwayat", "v_hari_kerja", "v_tenggat", "v_pencatatan_susulan",
)
TAHUN_AWAL = 2020  # the first year seeded into a new archive
TAHUN_DEPAN = 2  # ... and how many years ahead of the current one
Kemajuan = Callable[[int, int], None]  # (done, total)


HASH_AWAL = rantai.HASH_AWAL  # hash_sebelum of the first kalender_riwayat entry (as for riwayat)
_JSON_RINCIAN = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def hash_kalender(hash_sebelum: str, aksi: str, tanggal: str | None, petugas: str | None,
                  dicatat_pada: str, rincian: str) -> str:
    """sha256 of one ``kalender_riwayat`` entry: the JSON array of these six values,
    ``rincian`` as the stored text: the recipe of every chain (keluhan/rantai.py)."""
    return rantai.hash_entri(hash_sebelum, [aksi, tanggal, petugas, dicatat_pada, rincian])


def catat_kalender(
    db: sqlite3.Connection, aksi: str, *, sistem: str, rincian: dict[str, Any],
    tanggal: str | None = None, petugas: str | None = None,
) -> None:
    """Append one entry to ``kalender_riwayat`` (inside the caller's transaction)."""
    baris = db.execute("SELECT hash FROM kalender_riwayat ORDER BY urutan DESC LIMIT 1").fetchone()
    sebelum = baris[0] if baris else HASH_AWAL
    teks = _JSON_RINCIAN.encode(rincian)
    db.execute(
        "INSERT INTO kalender_riwayat (aksi, tanggal, petugas, dicatat_pada, rincian, hash_sebelum, hash)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
        (aksi, tanggal, petugas, sistem, teks, sebelum, hash_kalender(sebelum, aksi, tanggal, petugas, sistem, teks)),
    )


def zona_arsip(db: sqlite3.Connection) -> str | None:
    """The archive's own time zone (``pengaturan_arsip``), None before it is written."""
    baris = db.execute("SELECT nilai FROM pengaturan_arsip WHERE kunci = 'zona'").fetchone()
    return None if baris is None else str(baris[0])


def utc(t: datetime) -> str:
    """An instant as SQLite's ``datetime('now')`` writes it: UTC, 'YYYY-MM-DD HH:MM:SS'."""
    return t.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S")


def utc_us(u: int) -> str:
    """``utc`` of an instant given as µs since the epoch (``Kalender.us``)."""
    return _strftime("%Y-%m-%d %H:%M:%S", _gmtime(u // 1_000_000))


def mutu_langkah(kal: Kalender, p: dict[str, Any], langkah: int, pada: str | None) -> MutuBaku:
    """The mutu baku of step ``langkah`` for a clock started at ``pada``: from the archive's
    ledger (keluhan/buku.py) when ``kal`` was loaded from an archive, else the settings'."""
    setelan = getattr(kal, "setelan", None)
    if setelan is not None:
        return setelan.mutu(langkah, pada)  # type: ignore[no-any-return]
    from keluhan.kalender import MutuBaku

    from keluhan.workflow import kunci_mutu

    bagian, nama = kunci_mutu(langkah).split(".")
    return MutuBaku.parse(p[bagian][nama])


# -- the calendar -------------------------------------------------------------------------


def siapkan(db: sqlite3.Connection, p: dict[str, Any], sekarang: datetime) -> None:
    """Seed the calendar of a new (or just migrated) archive.

    Costs one query when there is nothing to do. An archive migrated from before the
    calendar existed gets its durations and deadlines computed from its history here.
    The years ahead are not seeded here (opening an archive writes nothing once it is
    set up, so a read or a refused command leaves it byte-identical): each writing
    transaction seeds them first (``pastikan_depan``), and a read computes them in
    memory (``muat_kalender``).
    """
    perlu = _perlu_disiapkan(db, sekarang)
    if not perlu:
        return
    db.execute("BEGIN IMMEDIATE")
    try:
        if _perlu_disiapkan(db, sekarang):
            sistem = w.iso(sekarang)
            if zona_arsip(db) is None:
                zona = p["waktu"]["zona"]
                db.execute("INSERT INTO pengaturan_arsip (kunci, nilai, ditetapkan) VALUES ('zona', ?, ?)", (zona, sistem))
                catat_kalender(db, "pengaturan", sistem=sistem, rincian={"kunci": "zona", "nilai": zona})
            baru = db.execute("SELECT COUNT(*) FROM jam_kerja").fetchone()[0] == 0
            if baru:
                from keluhan.kalender import HARI, jam_kerja_dari_pengaturan

                jam = jam_kerja_dari_pengaturan(p["jam_kerja"])
                baris = [[h, HARI[h], *(_hhmm(jam[h]) if jam[h] else (None, None))] for h in range(7)]
                db.executemany(
                    "INSERT INTO jam_kerja (hari, nama_hari, mulai, selesai, ditetapkan) VALUES (?,?,?,?,?)",
                    [(*b, sistem) for b in baris],
                )
                catat_kalender(db, "jam_kerja", sistem=sistem, rincian={"jam_kerja": baris})
            pastikan_tahun(db, range(TAHUN_AWAL, sekarang.year + TAHUN_DEPAN + 1), sistem)
            from keluhan import buku

            buku.isi_awal(db, p, sistem)
            if baru and db.execute("SELECT 1 FROM riwayat LIMIT 1").fetchone():
                bangun_ulang(db, muat_kalender(db, p["waktu"]["zona"]), p, sistem)
        sinyal.komit(db)  # Ctrl-C waits for the commit (keluhan/sinyal.py)
    except BaseException:
        if db.in_transaction:
            db.execute("ROLLBACK")
        raise


def _perlu_disiapkan(db: sqlite3.Connection, sekarang: datetime) -> bool:
    from keluhan import buku

    jam, zona, kunci, lo, hi = db.execute(
        "SELECT (SELECT COUNT(*) FROM jam_kerja), (SELECT COUNT(*) FROM pengaturan_arsip WHERE kunci = 'zona'),"
        " (SELECT COUNT(DISTINCT kunci) FROM pengaturan_riwayat), MIN(tahun), MAX(tahun) FROM libur_tahun"
    ).fetchone()
    return jam < 7 or not zona or kunci < len(buku.JENIS) or lo is None or lo > TAHUN_AWAL


def pastikan_depan(db: sqlite3.Connection, sekarang: datetime) -> bool:
    """Inside a writing transaction (``Arsip.transaksi``): seed this year and the
    ``TAHUN_DEPAN`` years after it when they are not yet (the first write of a new year),
    in the calendar's chain, so the deadlines it computes use holidays the archive keeps."""
    return pastikan_tahun(db, range(sekarang.year, sekarang.year + TAHUN_DEPAN + 1), w.iso(sekarang))


def _libur_depan(db: sqlite3.Connection, zona: str) -> dict[date, str]:
    """The package's holidays of the years up to ``TAHUN_DEPAN`` after this one that the
    archive has not seeded yet (a new year before its first write): what ``pastikan_depan``
    will store, computed in memory for a read, which writes nothing."""
    hi = db.execute("SELECT MAX(tahun) FROM libur_tahun").fetchone()[0]
    akhir = w.sekarang(zona).year + TAHUN_DEPAN
    if hi is None or hi >= akhir:
        return {}
    from keluhan.kalender import libur_bawaan

    return libur_bawaan(range(hi + 1, akhir + 1))


def _hhmm(jam: tuple[time, time]) -> tuple[str, str]:
    tutup = "24:00" if jam[1] == time(0) else jam[1].strftime("%H:%M")
    return jam[0].strftime("%H:%M"), tutup


def tahun_belum(db: sqlite3.Connection, tahun: Iterable[int]) -> list[int]:
    """The years ``pastikan_tahun`` would seed now, read only (a year outside the
    archive's calendar refused as there)."""
    tahun = list(tahun)
    for t in tahun:  # seeding is contiguous: 1900 would add 120 years of holidays for good
        if not w.TAHUN_MIN <= t <= w.TAHUN_MAX:
            raise GalatMasukan(f"Tahun {t} di luar kalender arsip ({w.TAHUN_MIN} sampai {w.TAHUN_MAX}).")
    lo, hi = db.execute("SELECT MIN(tahun), MAX(tahun) FROM libur_tahun").fetchone()
    rentang = set(tahun) if lo is None else set(range(min(lo, *tahun), max(hi, *tahun) + 1))
    ada = {r[0] for r in db.execute("SELECT tahun FROM libur_tahun")}
    return sorted(rentang - ada)


def pastikan_tahun(db: sqlite3.Connection, tahun: Iterable[int], sistem: str) -> bool:
    """Seed from the ``holidays`` package every year not yet seeded, keeping the seeded
    years contiguous; True when anything was added. A date that already has a holiday
    in force (added by hand) keeps it."""
    baru = tahun_belum(db, tahun)
    if not baru:
        return False
    import holidays

    from keluhan.kalender import libur_bawaan

    sumber = f"holidays {holidays.__version__}"
    semua = libur_bawaan(baru)  # by date, so grouped by year in order
    for t in baru:
        awal, akhir = f"{t:04d}-01-01", f"{t + 1:04d}-01-01"
        berlaku = {r[0] for r in db.execute(
            "SELECT tanggal FROM libur WHERE tanggal >= ? AND tanggal < ? AND dihapus IS NULL", (awal, akhir))}
        # A date that already has a holiday in force (added by hand) keeps it.
        isi = [[d.isoformat(), nama] for d, nama in semua.items() if d.year == t and d.isoformat() not in berlaku]
        db.executemany(
            "INSERT INTO libur (tanggal, nama, sumber, ditambahkan) VALUES (?, ?, 'holidays', ?)",
            [(d, nama, sistem) for d, nama in isi],
        )
        db.execute("INSERT INTO libur_tahun (tahun, sumber, diisi) VALUES (?, ?, ?)", (t, sumber, sistem))
        catat_kalender(db, "isi_tahun", sistem=sistem, rincian={"tahun": t, "sumber": sumber, "libur": isi})
    return True


def sidik_kalender(db: sqlite3.Connection) -> tuple[Any, ...]:
    """Changes whenever the calendar tables or the settings ledger do: decides when a
    cached Kalender is stale."""
    return tuple(db.execute(
        "SELECT (SELECT COUNT(*) || '/' || IFNULL(MAX(id), 0) || '/' || COUNT(dihapus) FROM libur),"
        " (SELECT COUNT(*) || '/' || IFNULL(MAX(urutan), 0) FROM pengaturan_riwayat)"
    ).fetchone())


def jam_kerja_arsip(db: sqlite3.Connection) -> dict[int, tuple[time, time] | None]:
    hasil: dict[int, tuple[time, time] | None] = dict.fromkeys(range(7))
    for r in db.execute("SELECT hari, mulai, selesai FROM jam_kerja"):
        if r[1]:
            hasil[r[0]] = (time.fromisoformat(r[1]), time(0) if r[2] == "24:00" else time.fromisoformat(r[2]))
    return hasil


def muat_kalender(db: sqlite3.Connection, zona: str) -> Kalender:
    """The archive's working calendar: its office hours over time and the holidays in
    force, with the settings ledger it read them from (``kal.setelan``: the mutu baku and
    the appeal window in force at any moment). Before the ledger is seeded (a read-only
    archive never opened for writing), the ``jam_kerja`` table's hours."""
    from keluhan import buku
    from keluhan.kalender import Kalender

    libur = {
        date.fromisoformat(r[0]): r[1]
        for r in db.execute("SELECT tanggal, nama FROM libur WHERE dihapus IS NULL")
    }
    for d, nama in _libur_depan(db, zona).items():  # as pastikan_tahun stores them: a holiday in force stays
        libur.setdefault(d, nama)
    setelan = buku.muat(db)
    z = w.zona(zona)
    if all(setelan.ada(f"jam_kerja.{h}") for h in buku.HARI):
        awal, perubahan = setelan.jam_kerja(z)
    else:
        awal, perubahan = jam_kerja_arsip(db), []
    kal = Kalender(zona=z, jam_kerja=awal, libur=libur, perubahan_jam=perubahan)
    kal.setelan = setelan
    return kal


def jam_kerja_berbeda(db: sqlite3.Connection, p: dict[str, Any]) -> list[str]:
    """Weekdays whose office hours in keluhan.toml differ from the archive's (which win)."""
    from keluhan.kalender import HARI, jam_kerja_dari_pengaturan

    arsip, setelan = jam_kerja_arsip(db), jam_kerja_dari_pengaturan(p["jam_kerja"])
    return [HARI[h] for h in range(7) if arsip[h] != setelan[h]]


def daftar_libur(db: sqlite3.Connection, tahun: int) -> list[dict[str, Any]]:
    """Every holiday row of ``tahun``, removed ones included, by date."""
    return [dict(r) for r in db.execute(
        "SELECT * FROM libur WHERE tanggal >= ? AND tanggal < ? ORDER BY tanggal, id",
        (f"{tahun:04d}-01-01", f"{tahun + 1:04d}-01-01"),
    )]


def tambah_libur(db: sqlite3.Connection, *, tanggal: date, nama: str, petugas: str, alasan: str | None, sistem: str) -> None:
    nama = nama.strip()
    if not nama:
        raise GalatMasukan("Nama libur wajib diisi.")
    pastikan_tahun(db, [tanggal.year], sistem)
    ada = db.execute(
        "SELECT nama FROM libur WHERE tanggal = ? AND dihapus IS NULL", (tanggal.isoformat(),)
    ).fetchone()
    if ada:
        raise GalatKeluhan(f"Tanggal {tanggal.isoformat()} sudah tercatat sebagai libur: {ada[0]}.")
    alasan = (alasan or "").strip() or None
    db.execute(
        "INSERT INTO libur (tanggal, nama, sumber, ditambahkan, ditambahkan_oleh, alasan_tambah)"
        " VALUES (?, ?, 'manual', ?, ?, ?)",
        (tanggal.isoformat(), nama, sistem, petugas, alasan),
    )
    catat_kalender(db, "tambah_libur", sistem=sistem, tanggal=tanggal.isoformat(), petugas=petugas,
                   rincian={"nama": nama, "alasan": alasan})


def hapus_libur(db: sqlite3.Connection, *, tanggal: date, petugas: str, alasan: str, sistem: str) -> str:
    """Mark the holiday in force on ``tanggal`` removed; returns its name."""
    if not alasan.strip():
        raise GalatMasukan("Penghapusan libur memerlukan --alasan.")
    pastikan_tahun(db, [tanggal.year], sistem)
    ada = db.execute(
        "SELECT id, nama FROM libur WHERE tanggal = ? AND dihapus IS NULL", (tanggal.isoformat(),)
    ).fetchone()
    if not ada:
        raise GalatKeluhan(f"Tanggal {tanggal.isoformat()} tidak tercatat sebagai libur; tidak ada yang dihapus.")
    db.execute(
        "UPDATE libur SET dihapus = ?, dihapus_oleh = ?, alasan_hapus = ? WHERE id = ?",
        (sistem, petugas, alasan.strip(), ada[0]),
    )
    catat_kalender(db, "hapus_libur", sistem=sistem, tanggal=tanggal.isoformat(), petugas=petugas,
                   rincian={"alasan": alasan.strip()})
    return str(ada[1])


# -- durations and deadlines ---------------------------------------------------------------


def _durasi(kal: Kalender, mulai: str, akhir: str, mutu: MutuBaku) -> tuple[float, str, int]:
    """(working minutes, deadline ISO, 1/0 compliant) of a step from ``mulai`` to ``akhir``."""
    menit, batas, patuh = kal.ukur(w.dari_iso(mulai), w.dari_iso(akhir), mutu)
    return menit, w.iso(batas), int(patuh)


# Row shapes shared by the single-event writers below and the bulk import (arsip.PenulisMassal).
# A row's own columns are written by the plain statement; a paused step's columns (m022) by a
# second one, only for a paused step: a migration before m022 that measures steps with this
# code (m018, the appeal decision) writes rows its schema has, and no pause can exist then.
SQL_DURASI = (  # a new event's row: plain INSERT (the table refuses to overwrite one, m004)
    "INSERT INTO durasi_peristiwa (riwayat_urutan, mulai, menit_kerja, mutu_baku, batas, patuh, dihitung)"
    " VALUES (?,?,?,?,?,?,?)"
)
# The columns of a ``baris_durasi`` row that durasi_peristiwa stores (m032_durasi; the view
# durasi_langkah adds the event's keluhan_id, langkah and effective time), in SQL_DURASI's order.
KOLOM_SEMPIT = (0, 3, 5, 6, 7, 8, 9)
# ... and the statement of the schema before m032_durasi (a migration before it that measures
# steps with this code, m018, writes the table its schema has): every column of the row.
SQL_DURASI_LAMA = (
    "INSERT INTO durasi_langkah (riwayat_urutan, keluhan_id, langkah, mulai, akhir,"
    " menit_kerja, mutu_baku, batas, patuh, dihitung) VALUES (?,?,?,?,?,?,?,?,?,?)"
)
SQL_DURASI_TUNDA = "UPDATE durasi_peristiwa SET menit_tunda = ?, patuh_tanpa_tunda = ? WHERE riwayat_urutan = ?"
SQL_TENGGAT = (
    "INSERT OR REPLACE INTO tenggat (keluhan_id, langkah, mulai, mutu_baku, batas, batas_utc,"
    " lewat_setelah_utc, dihitung) VALUES (?,?,?,?,?,?,?,?)"
)
SQL_TENGGAT_TUNDA = "UPDATE tenggat SET menit_tunda = ? WHERE keluhan_id = ?"
# The result columns of a duration recomputed (``UPDATE durasi_peristiwa SET ...``), in baris_durasi's order from menit_kerja.
SET_DURASI = "menit_kerja = ?, mutu_baku = ?, batas = ?, patuh = ?, dihitung = ?, menit_tunda = ?, patuh_tanpa_tunda = ?"


def ditunda_durasi(b: tuple[Any, ...]) -> bool:
    """Whether a ``baris_durasi`` row carries paused time (its last two columns are set)."""
    return bool(b[10]) or b[11] is not None


def sempit(b: tuple[Any, ...]) -> tuple[Any, ...]:
    """SQL_DURASI's parameters of a ``baris_durasi`` row (``KOLOM_SEMPIT``)."""
    return (b[0], b[3], b[5], b[6], b[7], b[8], b[9])


def skema_sempit(db: sqlite3.Connection) -> bool:
    """Whether the archive stores durations in ``durasi_peristiwa`` (m032_durasi applied)."""
    return db.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'durasi_peristiwa'").fetchone() is not None


def tulis_durasi(db: sqlite3.Connection, baris: list[tuple[Any, ...]], *, lama: bool = False) -> None:
    """Insert ``baris_durasi`` rows: SQL_DURASI, then the paused ones' pause columns. A row's
    ``sistem`` (its ``dihitung``) is None when it is computed as its event is written: the view
    durasi_langkah shows the event's ``dicatat_pada`` then. ``lama``: the schema before m032_durasi."""
    if lama:
        db.executemany(SQL_DURASI_LAMA, [b[:10] for b in baris])
        return  # (no pause before m022, and no migration between m022 and m032_durasi measures a step)
    db.executemany(SQL_DURASI, [sempit(b) for b in baris])
    tunda = [(b[10], b[11], b[0]) for b in baris if ditunda_durasi(b)]
    if tunda:
        db.executemany(SQL_DURASI_TUNDA, tunda)


def tulis_tenggat(db: sqlite3.Connection, baris: list[tuple[Any, ...]]) -> None:
    """Write ``baris_tenggat`` rows: SQL_TENGGAT, then a moved deadline's paused minutes."""
    db.executemany(SQL_TENGGAT, [b[:8] for b in baris])
    tunda = [(b[8], b[0]) for b in baris if b[8]]
    if tunda:
        db.executemany(SQL_TENGGAT_TUNDA, tunda)


def baris_durasi(
    kal: Kalender, *, urutan: int, kid: str, langkah: int, mulai: str, akhir: str, mutu: MutuBaku, sistem: str | None,
    jeda: Iterable[tuple[str, str | None]] = (),
) -> tuple[Any, ...]:
    """The ``durasi_langkah`` row (SQL_DURASI's parameters) of one step event; ``jeda``: the
    complaint's pause spans (keluhan/tunda.py), whose working time within the step is left
    out of its duration (``menit_tunda``) and moves its deadline (``Kalender.ukur_jeda``)."""
    from keluhan import tunda

    rentang = tunda.dalam(jeda, mulai, akhir) if jeda else []  # (most steps: no pause at all)
    if not rentang:
        menit, batas, patuh = _durasi(kal, mulai, akhir, mutu)
        return (urutan, kid, langkah, mulai, akhir, round(menit, 6), str(mutu), batas, patuh, sistem, 0.0, None)
    bersih, ditunda, b, p, asli = kal.ukur_jeda(w.dari_iso(mulai), w.dari_iso(akhir), mutu, rentang)
    # patuh_tanpa_tunda stays empty for a step no working time of which was paused (a pause over a weekend only).
    return (urutan, kid, langkah, mulai, akhir, round(bersih, 6), str(mutu), w.iso(b), int(p), sistem,
            round(ditunda, 6), int(asli) if ditunda else None)


def baris_tenggat(kal: Kalender, *, kid: str, langkah: int, mulai: str, mutu: MutuBaku, sistem: str,
                  jeda: Iterable[tuple[str, str | None]] = ()) -> tuple[Any, ...]:
    """The ``tenggat`` row (SQL_TENGGAT's parameters) of the step a complaint waits for;
    ``jeda``: the complaint's pause spans, of which those ended since ``mulai`` move the
    deadline (a running one moves it when it ends)."""
    from keluhan import tunda

    rentang = [(s, e) for s, e in tunda.dalam(tunda.selesai(jeda), mulai) if e is not None]
    menit_tunda = 0.0
    if rentang:
        akhir = max(e for _, e in rentang)
        # Measured up to the last pause's end: the deadline as those pauses moved it.
        _, menit_tunda, batas, _, _ = kal.ukur_jeda(w.dari_iso(mulai), akhir, mutu, rentang)
    else:
        batas = kal.batas(w.dari_iso(mulai), mutu)
    return (kid, langkah, mulai, str(mutu), w.iso(batas), utc(batas), utc(kal.kerja_berikutnya(batas)), sistem,
            round(menit_tunda, 6))


def baris_durasi_us(
    kal: Kalender, *, urutan: int, kid: str, langkah: int, mulai: str, akhir: str, a: int, b: int, t_mulai: datetime,
    mutu: MutuBaku, sistem: str | None,
) -> tuple[Any, ...]:
    """``baris_durasi`` of a step no pause falls in, its two times given also as instants
    (``a``, ``b``: µs since the epoch, ``Kalender.us``; ``t_mulai``: ``mulai`` as a datetime):
    the same row, measured on the calendar's day table in one pass (``Kalender.ukur_us``,
    the deadline's text by ``Kalender.iso_us``), without reading either time from its text
    again. The bulk import's path (arsip.PenulisMassal): each event's time is read once, and
    is the end of one step and the start of the next."""
    kerja, batas, patuh = kal.ukur_us(a, b, mutu, t_mulai)
    return (urutan, kid, langkah, mulai, akhir, round(kerja / 60_000_000, 6), str(mutu), kal.iso_us(batas), int(patuh),
            sistem, 0.0, None)


def baris_tenggat_us(kal: Kalender, *, kid: str, langkah: int, mulai: str, a: int, t_mulai: datetime, mutu: MutuBaku,
                     sistem: str) -> tuple[Any, ...]:
    """``baris_tenggat`` of a step no ended pause moved, its start given also as an instant
    (``a``, µs since the epoch; ``t_mulai`` as a datetime): the same row, on the day table."""
    batas = kal.batas_us(a, mutu, t_mulai)
    return (kid, langkah, mulai, str(mutu), kal.iso_us(batas), utc_us(batas), utc_us(kal.kerja_berikutnya_us(batas)),
            sistem, 0.0)


def _tulis_durasi(
    db: sqlite3.Connection, kal: Kalender, *, urutan: int, kid: str, langkah: int, mulai: str,
    akhir: str, mutu: MutuBaku, sistem: str | None, jeda: Iterable[tuple[str, str | None]] = (),
) -> None:
    tulis_durasi(db, [baris_durasi(
        kal, urutan=urutan, kid=kid, langkah=langkah, mulai=mulai, akhir=akhir, mutu=mutu, sistem=sistem, jeda=jeda)])


def _tulis_tenggat(db: sqlite3.Connection, kal: Kalender, *, kid: str, langkah: int, mulai: str, mutu: MutuBaku,
                   sistem: str, jeda: Iterable[tuple[str, str | None]] = ()) -> None:
    tulis_tenggat(db, [baris_tenggat(kal, kid=kid, langkah=langkah, mulai=mulai, mutu=mutu, sistem=sistem,
                                     jeda=jeda)])


def catat_peristiwa(
    db: sqlite3.Connection, kal: Kalender, p: dict[str, Any], peristiwa: dict[str, Any],
    lama: dict[str, Any] | None, baru: dict[str, Any],
) -> None:
    """The SLA rows of one event just written (in its transaction): the step's duration,
    then the deadline of the step the complaint now waits for. A pause that ends (the
    step itself, or ``lanjutkan``) is measured out of the step and moves its deadline."""
    from keluhan import tunda

    langkah = peristiwa["langkah"]
    aksi = Aksi(peristiwa["aksi"])
    ditunda = bool(lama and lama.get("ditunda"))
    if not mengubah_status(aksi):  # a status-less event (the table's Jam.TETAP): the clock goes on
        if aksi is Aksi.LANJUTKAN and ditunda:  # the paused clock runs again: its deadline moves on
            berikut = langkah_berikutnya(Status(baru["status"]))
            if berikut is not None:
                mulai = baru["waktu_status"]
                _tulis_tenggat(db, kal, kid=baru["id"], langkah=berikut, mulai=mulai,
                               mutu=mutu_langkah(kal, p, berikut, mulai), sistem=peristiwa["dicatat_pada"],
                               jeda=tunda.rentang_db(db, baru["id"]))
        return
    sistem = peristiwa["dicatat_pada"]
    # Step 2 runs from the submission's time; a date alone (its hour unknown) starts no clock.
    mulai = lama["waktu_status"] if lama else w.mulai_langkah_2(baru.get("diajukan"))
    if diukur(aksi) and mulai:
        _tulis_durasi(
            db, kal, urutan=peristiwa["urutan"], kid=baru["id"], langkah=langkah, mulai=mulai,
            akhir=peristiwa["waktu"], mutu=mutu_langkah(kal, p, langkah, mulai), sistem=None,  # (as written)
            jeda=tunda.rentang_db(db, baru["id"]) if lama and _pernah_ditunda(db, baru["id"]) else (),
        )
    berikut = langkah_berikutnya(Status(baru["status"]))
    if berikut is None:
        db.execute("DELETE FROM tenggat WHERE keluhan_id = ?", (baru["id"],))
    else:
        _tulis_tenggat(db, kal, kid=baru["id"], langkah=berikut, mulai=peristiwa["waktu"],
                       mutu=mutu_langkah(kal, p, berikut, peristiwa["waktu"]), sistem=sistem)


def _pernah_ditunda(db: sqlite3.Connection, kid: str) -> bool:
    """Whether complaint ``kid`` has a pause event (the partial index ``riwayat_tunda``)."""
    return db.execute("SELECT 1 FROM riwayat WHERE keluhan_id = ? AND aksi = 'tunda' LIMIT 1", (kid,)).fetchone() is not None


def bangun_ulang(db: sqlite3.Connection, kal: Kalender, p: dict[str, Any], sistem: str) -> int:
    """Compute every duration and deadline from the history (an archive that had events
    before these tables existed). Mutu baku: today's settings. Returns events measured."""
    n = 0
    kid, waktu_sebelum, status = None, None, None
    baris = db.execute(  # the effective times (migration m014)
        "SELECT urutan, keluhan_id, langkah, aksi, status_ke, waktu, diajukan FROM v_waktu_efektif"
        " WHERE status_ke IS NOT NULL ORDER BY keluhan_id, urutan"
    )
    for r in _berkelompok(baris):
        if r is None:  # end of one complaint's events
            if kid is not None:
                _tenggat_akhir(db, kal, p, kid, status, waktu_sebelum, sistem)
            continue
        if r["keluhan_id"] != kid:
            kid, status = r["keluhan_id"], None
            waktu_sebelum = w.mulai_langkah_2(r["diajukan"]) if r["aksi"] == "catat" else None
        if diukur(Aksi(r["aksi"])) and waktu_sebelum:
            _tulis_durasi(db, kal, urutan=r["urutan"], kid=kid, langkah=r["langkah"], mulai=waktu_sebelum,
                          akhir=r["waktu"], mutu=mutu_langkah(kal, p, r["langkah"], waktu_sebelum), sistem=sistem)
            n += 1
        waktu_sebelum, status = r["waktu"], r["status_ke"]
    return n


def hitung_keluhan(
    db: sqlite3.Connection, kal: Kalender, p: dict[str, Any], kid: str, sistem: str, *, tenggat_juga: bool = True,
) -> int:
    """After a correction of a time (``koreksi --kolom waktu|diajukan``), inside its
    transaction: every duration of complaint ``kid`` whose start or end moved, measured
    again from the effective times (v_waktu_efektif) with the mutu baku in force at its
    new start, a step newly measurable (diajukan given) added, and the current deadline.
    Returns the durations written."""
    from keluhan import tunda

    jeda = tunda.rentang_db(db, kid) if _pernah_ditunda(db, kid) else []
    lama = not skema_sempit(db)  # (m018 measures the appeal decisions of an archive before m032_durasi)
    if lama:
        ada = {r[0]: (r[1], r[2]) for r in db.execute(
            "SELECT riwayat_urutan, mulai, akhir FROM durasi_langkah WHERE keluhan_id = ?", (kid,))}
        pindah: set[int] = set()
    else:
        # The stored rows (unqualified: a recap's TEMP copy, bayangan_jangkar, when there is one), with
        # their results. A row's end is its event's effective time, so whether the end moved since the
        # row was measured is not stored: the event the complaint's latest correction moved (the one
        # just written, when a correction calls this) is measured again, as is any row whose start
        # moved or whose recomputed results differ from the stored ones (a recap's anchor shadow).
        ada = {r[0]: tuple(r[1:]) for r in db.execute(
            "SELECT d.riwayat_urutan, d.mulai, d.menit_kerja, d.mutu_baku, d.batas, d.patuh, d.menit_tunda,"
            " d.patuh_tanpa_tunda FROM durasi_peristiwa d JOIN main.riwayat r ON r.urutan = d.riwayat_urutan"
            " WHERE r.keluhan_id = ?", (kid,))}
        terakhir = db.execute(
            "SELECT json_extract(rincian, '$.kolom'), json_extract(rincian, '$.peristiwa'), json_extract(rincian, '$.lama'),"
            " json_extract(rincian, '$.baru') FROM main.riwayat WHERE keluhan_id = ? AND aksi = 'koreksi'"
            " AND json_extract(rincian, '$.kolom') IN ('waktu', 'diajukan') ORDER BY urutan DESC LIMIT 1", (kid,)).fetchone()
        pindah = {terakhir[1]} if terakhir and terakhir[0] == "waktu" and terakhir[2] != terakhir[3] else set()
    n, mulai, status = 0, None, None
    for r in db.execute(
        "SELECT urutan, langkah, aksi, status_ke, waktu, diajukan FROM v_waktu_efektif"
        " WHERE keluhan_id = ? AND status_ke IS NOT NULL ORDER BY urutan", (kid,)
    ).fetchall():
        if r["aksi"] == "catat":
            mulai = w.mulai_langkah_2(r["diajukan"])  # a date alone: step 2 not measured
        u = r["urutan"]
        if not (diukur(Aksi(r["aksi"])) and mulai):
            mulai, status = r["waktu"], r["status_ke"] or status
            continue
        tersimpan = ada.get(u)
        if lama:
            # A paused complaint's every step is measured again: a pause's start or end may be what moved.
            ulang = jeda or tersimpan != (mulai, r["waktu"])
        else:
            ulang = jeda or tersimpan is None or u in pindah or tersimpan[0] != mulai
        b = None
        if not ulang and not lama:
            b = baris_durasi(kal, urutan=u, kid=kid, langkah=r["langkah"], mulai=mulai, akhir=r["waktu"],
                             mutu=mutu_langkah(kal, p, r["langkah"], mulai), sistem=sistem, jeda=jeda)
            ulang = _beda_hasil(tersimpan, b)
        if ulang:
            if b is None:
                b = baris_durasi(kal, urutan=u, kid=kid, langkah=r["langkah"], mulai=mulai, akhir=r["waktu"],
                                 mutu=mutu_langkah(kal, p, r["langkah"], mulai), sistem=sistem, jeda=jeda)
            if u in ada and lama:
                db.execute("UPDATE durasi_langkah SET mulai = ?, akhir = ?, menit_kerja = ?, mutu_baku = ?, batas = ?,"
                           " patuh = ?, dihitung = ? WHERE riwayat_urutan = ?", (*b[3:10], b[0]))
            elif u in ada:
                db.execute("UPDATE durasi_peristiwa SET mulai = ?, menit_kerja = ?, mutu_baku = ?, batas = ?, patuh = ?,"
                           " dihitung = ?, menit_tunda = ?, patuh_tanpa_tunda = ? WHERE riwayat_urutan = ?",
                           (b[3], *b[5:10], b[10], b[11], b[0]))
            else:
                tulis_durasi(db, [b], lama=lama)
            n += 1
        mulai, status = r["waktu"], r["status_ke"] or status
    if tenggat_juga:
        _tenggat_akhir(db, kal, p, kid, status, mulai, sistem, jeda)
    return n


def _beda_hasil(tersimpan: tuple[Any, ...] | None, b: tuple[Any, ...]) -> bool:
    """Whether a stored row's results (durasi_peristiwa: mulai, menit_kerja .. patuh_tanpa_tunda;
    the old table's (mulai, akhir) pair never gets here) differ from the recomputed ``b``."""
    if tersimpan is None or len(tersimpan) != 7:
        return True
    menit, mutu, batas, patuh, menit_tunda, tanpa = tersimpan[1:]
    return (abs(menit - b[5]) > 1e-9 or mutu != b[6] or batas != b[7] or patuh != b[8]
            or abs(menit_tunda - b[10]) > 1e-9 or tanpa != b[11])


def bayangan_jangkar(db: sqlite3.Connection, kal: Kalender, p: dict[str, Any], n: int, sistem: str) -> bool:
    """For a recap as of an anchor (``riwayat.urutan`` ``n``) older than a correction of a
    time: in this connection only, TEMP objects that shadow ``v_waktu_efektif`` (the times
    as corrected up to ``n``), ``durasi_langkah`` (the corrected complaints' durations
    measured from those times) and ``keluhan`` (their rows folded at those times), so the
    recap reads the history as the anchor saw it. False
    (nothing made) when no time was corrected after ``n``. ``lepas_bayangan`` removes them."""
    from keluhan import migrasi

    kids = [r[0] for r in db.execute(
        "SELECT DISTINCT keluhan_id FROM riwayat WHERE urutan > ? AND aksi = 'koreksi'"
        " AND json_extract(rincian, '$.kolom') IN ('waktu', 'diajukan')", (n,))]
    if not kids:
        return False
    db.execute(f"CREATE TEMP VIEW v_waktu_efektif AS {migrasi.sql_waktu_efektif(n)}")
    # The stored durations (m032_durasi: durasi_peristiwa; the recap joins them to the events), copied.
    db.execute("CREATE TEMP TABLE durasi_peristiwa AS SELECT * FROM main.durasi_peristiwa")
    db.execute("CREATE UNIQUE INDEX temp.durasi_peristiwa_urutan ON durasi_peristiwa (riwayat_urutan)")
    # The complaint rows too (their recording and closing times order and count the recap):
    # each corrected one folded again at the anchor's times. A copy of the whole table, made
    # only for this rare recap, with the indexes the recap's queries walk.
    db.execute("CREATE TEMP TABLE keluhan AS SELECT * FROM main.keluhan")
    for sql in (
        "CREATE UNIQUE INDEX temp.keluhan_id ON keluhan (id)",
        "CREATE INDEX temp.keluhan_dicatat_nomor ON keluhan (dicatat, nomor)",
        "CREATE INDEX temp.keluhan_status_dicatat ON keluhan (status, dicatat)",
        "CREATE INDEX temp.keluhan_selesai ON keluhan (diinformasikan, dicatat) WHERE diinformasikan IS NOT NULL",
        "CREATE INDEX temp.keluhan_lama_penanganan ON keluhan (julianday(diinformasikan) - julianday(dicatat))"
        " WHERE diinformasikan IS NOT NULL",
    ):
        db.execute(sql)
    from keluhan import proyeksi

    for kid in kids:
        db.execute("DELETE FROM temp.durasi_peristiwa WHERE riwayat_urutan IN"
                   " (SELECT urutan FROM main.riwayat WHERE keluhan_id = ?)", (kid,))
        hitung_keluhan(db, kal, p, kid, sistem, tenggat_juga=False)  # unqualified names: the TEMP ones
        k: dict[str, Any] | None = None
        t: list[dict[str, Any]] = []
        for r in db.execute(
            "SELECT urutan, keluhan_id, langkah, aksi, status_dari, status_ke, petugas, waktu, dicatat_pada, rincian"
            " FROM temp.v_waktu_efektif WHERE keluhan_id = ? ORDER BY urutan", (kid,)
        ).fetchall():
            e = dict(r)
            e["rincian"] = json.loads(e["rincian"])
            k, t = proyeksi.terapkan(k, t, e)
        if k is not None:
            kolom = [c for c in proyeksi.KOLOM_KELUHAN if c != "id"]
            db.execute(f"UPDATE temp.keluhan SET {', '.join(f'{c} = ?' for c in kolom)} WHERE id = ?",
                       [k[c] for c in kolom] + [kid])
    return True


def lepas_bayangan(db: sqlite3.Connection) -> None:
    """Remove what ``bayangan_jangkar`` made (nothing when it made nothing)."""
    db.execute("DROP VIEW IF EXISTS temp.v_waktu_efektif")
    db.execute("DROP TABLE IF EXISTS temp.durasi_peristiwa")
    db.execute("DROP TABLE IF EXISTS temp.keluhan")


def _berkelompok(baris: sqlite3.Cursor) -> Iterator[sqlite3.Row | None]:
    """Rows ordered by keluhan_id, with a None after each complaint's last one."""
    kid = None
    for r in baris:
        if kid is not None and r["keluhan_id"] != kid:
            yield None
        kid = r["keluhan_id"]
        yield r
    if kid is not None:
        yield None


def _tenggat_akhir(db: sqlite3.Connection, kal: Kalender, p: dict[str, Any], kid: str, status: str | None,
                   mulai: str | None, sistem: str, jeda: Iterable[tuple[str, str | None]] = ()) -> None:
    berikut = langkah_berikutnya(Status(status)) if status else None
    if berikut is None or mulai is None:
        db.execute("DELETE FROM tenggat WHERE keluhan_id = ?", (kid,))
    else:
        _tulis_tenggat(db, kal, kid=kid, langkah=berikut, mulai=mulai, mutu=mutu_langkah(kal, p, berikut, mulai),
                       sistem=sistem, jeda=jeda)


def hitung_ulang(
    db: sqlite3.Connection, kal: Kalender, *, tanggal: date | None, sistem: str,
    kemajuan: Kemajuan | None = None, per: int = 5000, sejak: datetime | None = None,
    langkah: int | None = None,
) -> tuple[int, int, int]:
    """Recompute the stored durations and deadlines a change can touch: of the holiday on
    ``tanggal``; of office hours from ``sejak`` (spans reaching it); of step ``langkah``'s
    mutu baku from ``sejak`` (clocks started since); all of them when nothing is given.
    Each takes the mutu baku in force at its clock's start from the ledger (``kal.setelan``;
    the row's own when the calendar has none). Returns (durations, deadlines) recomputed
    and how many compliance verdicts changed."""
    from keluhan.kalender import MutuBaku

    setelan = getattr(kal, "setelan", None)

    def mutu(n: int, mulai: str, tersimpan: str) -> MutuBaku:
        return setelan.mutu(n, mulai) if setelan is not None else MutuBaku.parse(tersimpan)  # type: ignore[no-any-return]

    nilai: dict[str, Any]
    if sejak is not None and langkah is not None:
        nilai = {"t": w.iso(sejak), "n": langkah}
        syarat_d = syarat_t = "langkah = :n AND mulai >= :t"
    elif sejak is not None:
        nilai = {"t": w.iso(sejak), "t_utc": utc(sejak)}
        syarat_d = "akhir >= :t OR batas >= :t"
        syarat_t = "batas >= :t OR lewat_setelah_utc >= :t_utc"
    elif tanggal is None:
        syarat_d, syarat_t, nilai = "1", "1", {}
    else:
        # A day counts for a span when it lies between the span's start and its end or
        # deadline, whichever is later. Stored times are local, so their date is the prefix.
        # A deadline also counts up to the next opening after it (lewat_setelah_utc, UTC):
        # a holiday on the Monday after a deadline at Friday's closing moves that.
        nilai = {"tgl": tanggal.isoformat(), "besok": (tanggal + timedelta(days=1)).isoformat(),
                 "tgl_utc": utc(datetime.combine(tanggal, time(0), kal.zona))}
        syarat_d = "mulai < :besok AND (akhir >= :tgl OR batas >= :tgl)"
        syarat_t = "mulai < :besok AND (batas >= :tgl OR lewat_setelah_utc >= :tgl_utc)"
    from keluhan import tunda

    # The pauses of the few complaints ever paused, read once each (keluhan/tunda.py).
    ditunda, jeda_kid = tunda.punya_tunda(db), {}

    def jeda_dari(kid: str) -> list[tuple[str, str | None]]:
        if kid not in ditunda:
            return []
        if kid not in jeda_kid:
            jeda_kid[kid] = tunda.rentang_db(db, kid)
        return jeda_kid[kid]

    total = db.execute(
        f"SELECT (SELECT COUNT(*) FROM durasi_langkah WHERE {syarat_d}),"
        f" (SELECT COUNT(*) FROM tenggat WHERE {syarat_t})", nilai
    ).fetchone()
    semua, selesai, berubah = total[0] + total[1], 0, 0
    akhir = 0
    while True:
        baris = db.execute(
            f"SELECT riwayat_urutan, mulai, akhir, mutu_baku, patuh, langkah, keluhan_id FROM durasi_langkah"
            f" WHERE riwayat_urutan > :akhir AND ({syarat_d}) ORDER BY riwayat_urutan LIMIT {per}",
            {**nilai, "akhir": akhir},
        ).fetchall()
        if not baris:
            break
        isi = []
        for r in baris:
            m = mutu(r[5], r[1], r[3])
            b = baris_durasi(kal, urutan=r[0], kid=r[6], langkah=r[5], mulai=r[1], akhir=r[2], mutu=m, sistem=sistem,
                             jeda=jeda_dari(r[6]))
            isi.append((*b[5:], r[0]))
            berubah += b[8] != r[4]
        db.executemany(f"UPDATE durasi_peristiwa SET {SET_DURASI} WHERE riwayat_urutan = ?", isi)
        akhir, selesai = baris[-1][0], selesai + len(baris)
        if kemajuan:
            kemajuan(selesai, semua)
    kunci = ""
    while True:
        baris = db.execute(
            f"SELECT keluhan_id, mulai, mutu_baku, langkah FROM tenggat WHERE keluhan_id > :kunci AND ({syarat_t})"
            f" ORDER BY keluhan_id LIMIT {per}", {**nilai, "kunci": kunci},
        ).fetchall()
        if not baris:
            break
        isi = []
        for r in baris:
            m = mutu(r[3], r[1], r[2])
            b = baris_tenggat(kal, kid=r[0], langkah=r[3], mulai=r[1], mutu=m, sistem=sistem, jeda=jeda_dari(r[0]))
            isi.append((*b[3:], r[0]))
        db.executemany(
            "UPDATE tenggat SET mutu_baku = ?, batas = ?, batas_utc = ?, lewat_setelah_utc = ?, dihitung = ?,"
            " menit_tunda = ? WHERE keluhan_id = ?", isi
        )
        kunci, selesai = baris[-1][0], selesai + len(baris)
        if kemajuan:
            kemajuan(selesai, semua)
    return total[0], total[1], berubah


# -- reading -------------------------------------------------------------------------------


def durasi_keluhan(db: sqlite3.Connection, kid: str) -> dict[int, dict[str, Any]]:
    """The stored durations of one complaint, by ``riwayat.urutan``."""
    return {r["riwayat_urutan"]: dict(r) for r in db.execute(
        "SELECT * FROM durasi_langkah WHERE keluhan_id = ?", (kid,))}


def tenggat_keluhan(db: sqlite3.Connection, ids: list[str]) -> dict[str, dict[str, Any]]:
    """The current deadline rows of these complaints (none for finished ones)."""
    if not ids:
        return {}
    return {r["keluhan_id"]: dict(r) for r in db.execute(
        "SELECT * FROM tenggat WHERE keluhan_id IN (SELECT value FROM json_each(?))", (json.dumps(ids),))}


def terlambat(
    db: sqlite3.Connection, kal: Kalender, sekarang: datetime, dalam: MutuBaku | None = None,
) -> list[dict[str, Any]]:
    """Complaints past their current step's deadline, and with ``dalam`` also those whose
    deadline falls within that much working time from now; most urgent first. A paused
    complaint (keluhan tunda) is not late: ``Arsip.terlambat`` lists it as paused."""
    nilai = {"kini": utc(sekarang), "batas": utc(kal.batas(sekarang, dalam)) if dalam else ""}
    hasil = []
    for r in db.execute(
        "SELECT k.*, t.langkah AS t_langkah, t.mulai AS t_mulai, t.mutu_baku AS t_mutu, t.batas AS t_batas,"
        " t.lewat_setelah_utc AS t_lewat FROM tenggat t JOIN keluhan k ON k.id = t.keluhan_id"
        " WHERE (t.lewat_setelah_utc < :kini OR t.batas_utc <= :batas) AND k.ditunda IS NULL"
        " ORDER BY t.batas_utc, k.nomor", nilai,
    ):
        k = dict(r)
        t = {x[2:]: k.pop(x) for x in list(k) if x.startswith("t_")}
        batas = w.dari_iso(t["batas"])
        lewat = t["lewat"] < nilai["kini"]
        k.update(
            terlambat=lewat, langkah=t["langkah"], mulai_langkah=t["mulai"], mutu_baku=t["mutu"],
            batas=t["batas"], batas_langkah=t["batas"],
            lewat_menit=round(kal.menit_kerja(batas, sekarang), 2) if lewat else 0.0,
            lewat_hari_kerja=round(kal.hari_kerja(batas, sekarang), 2) if lewat else 0.0,
            sisa_menit=0.0 if lewat else round(kal.menit_kerja(sekarang, batas), 2),
        )
        hasil.append(k)
    return hasil
