"""Clock stops (``keluhan tunda ID --alasan`` / ``keluhan lanjutkan ID``): the spans a
complaint's clock was paused, read from its events alone.

A pause starts at a ``tunda`` event and ends at the first later event that ends one
(``workflow.mengakhiri_tunda``: ``lanjutkan``, any status change, or the effectiveness
review when only it was running), at that event's own (effective) time; one pause at a
time. Nothing else stores the spans: the write path, ``keluhan periksa`` and the auditors'
script (docs/periksa_arsip.py) derive them the same way, and the calendar
(``Kalender.ukur_jeda``) measures them. A step's paused working time is left out of its
duration and kept beside it (``durasi_langkah.menit_tunda``); a pause moves the step's
deadline on only when it began no later than that deadline, so a pause never turns a late
step into a compliant one (``durasi_langkah.patuh_tanpa_tunda`` keeps the verdict without
the pauses: the recap counts the steps that met the standard only because of a pause).
The view ``v_tunda`` shows every pause with its reason for auditors.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any

from keluhan import waktu as w
from keluhan.workflow import Aksi, mengakhiri_tunda

Rentang = tuple[str, str | None]  # (start, end; None while the pause runs), stored ISO times

# The settings key of the longest pause before it is itself listed as overdue (working days).
KUNCI_BATAS = "tunda.batas"


def _rentang(peristiwa: Iterable[Mapping[str, Any]]) -> list[tuple[str, str | None, str | None]]:
    """The pause spans of one complaint, each with the status it was taken in."""
    hasil: list[tuple[str, str | None, str | None]] = []
    mulai: str | None = None
    status: str | None = None
    pada: str | None = None  # the status when the running pause began
    for p in peristiwa:
        try:
            aksi = Aksi(p["aksi"])
        except ValueError:
            continue
        if mulai is not None and mengakhiri_tunda(aksi, status):
            hasil.append((mulai, p["waktu"], pada))
            mulai = None
        if aksi is Aksi.TUNDA:
            mulai, pada = p["waktu"], status
        if p.get("status_ke") is not None:
            status = p["status_ke"]
    if mulai is not None:
        hasil.append((mulai, None, pada))
    return hasil


def rentang(peristiwa: Iterable[Mapping[str, Any]]) -> list[Rentang]:
    """The pause spans of one complaint from its events in order (each with ``aksi``,
    ``waktu``, the effective time, and ``status_ke``)."""
    return [(s, e) for s, e, _ in _rentang(peristiwa)]


def rentang_tinjauan(peristiwa: Iterable[Mapping[str, Any]]) -> list[Rentang]:
    """The pauses of the effectiveness review's clock: those taken while the complaint was
    finished (a final status: then only a review still due had a clock to stop, guard
    jam_berjalan). A pause taken while a step ran stops that step, not the review."""
    from keluhan.workflow import STATUS_AKHIR

    akhir = {s.value for s in STATUS_AKHIR}
    return [(s, e) for s, e, status in _rentang(peristiwa) if status in akhir]


def rentang_tinjauan_db(db: sqlite3.Connection, kid: str, n: int | None = None) -> list[Rentang]:
    """``rentang_tinjauan`` of complaint ``kid`` as the archive holds it (effective times),
    from its events up to ``riwayat.urutan`` ``n`` when given."""
    sql = "SELECT aksi, waktu, status_ke FROM v_waktu_efektif WHERE keluhan_id = ?"
    sql += " AND urutan <= ? ORDER BY urutan" if n is not None else " ORDER BY urutan"
    return rentang_tinjauan({"aksi": r[0], "waktu": r[1], "status_ke": r[2]}
                            for r in db.execute(sql, (kid, n) if n is not None else (kid,)))


def rentang_db(db: sqlite3.Connection, kid: str) -> list[Rentang]:
    """The pause spans of complaint ``kid`` as the archive holds them (effective times)."""
    return rentang({"aksi": r[0], "waktu": r[1], "status_ke": r[2]} for r in db.execute(
        "SELECT aksi, waktu, status_ke FROM v_waktu_efektif WHERE keluhan_id = ? ORDER BY urutan", (kid,)))


def punya_tunda(db: sqlite3.Connection) -> set[str]:
    """The complaints that were ever paused (few: the partial index ``riwayat_tunda``)."""
    return {r[0] for r in db.execute("SELECT DISTINCT keluhan_id FROM riwayat WHERE aksi = 'tunda'")}


def dalam(jeda: Iterable[Rentang], mulai: str, akhir: str | None = None) -> list[tuple[datetime, datetime | None]]:
    """The spans overlapping a clock from ``mulai`` to ``akhir`` (None: still running), as
    instants (``Kalender.ukur_jeda`` cuts them to the clock)."""
    a = w.dari_iso(mulai)
    b = w.dari_iso(akhir) if akhir else None
    hasil = []
    for s, e in jeda:
        ts = w.dari_iso(s)
        te = w.dari_iso(e) if e else None
        if te is not None and te <= a:
            continue
        if b is not None and ts >= b:
            continue
        hasil.append((ts, te))
    return hasil


def selesai(jeda: Iterable[Rentang]) -> list[Rentang]:
    """The spans that have ended (a running pause moves no deadline until it ends)."""
    return [(s, e) for s, e in jeda if e is not None]


def batas(kal: Any, ditunda: str, bawaan: int | None = None) -> tuple[int, datetime]:
    """The limit of a pause begun at ``ditunda``: the working days of ``tunda.batas`` in force
    then (the settings ledger; ``bawaan`` or the program's default where there is none) and
    the moment it is reached, counted like a step's mutu baku in days."""
    from keluhan.kalender import MutuBaku
    from keluhan.pengaturan import BAWAAN

    setelan = getattr(kal, "setelan", None)
    if setelan is not None and setelan.ada(KUNCI_BATAS):
        n = int(setelan.nilai(KUNCI_BATAS, ditunda))
    else:
        n = int(bawaan if bawaan is not None else BAWAAN["tunda"]["batas"])
    return n, kal.batas(w.dari_iso(ditunda), MutuBaku(jumlah=n, satuan="hari"))


def lewat(kal: Any, batas_: datetime, kini: datetime) -> bool:
    """Whether a limit ``batas_`` is past at ``kini`` (as a step's deadline is: working time after it)."""
    return kini > batas_ and kal.menit_kerja(batas_, kini) > 0


def keadaan(kal: Any, k: Mapping[str, Any], kini: datetime, bawaan: int | None = None) -> dict[str, Any] | None:
    """The running pause of complaint row ``k`` at ``kini`` (None when its clock runs): since
    when, why, its limit (``batas_tunda``, working days ``batas_hari``) and whether it is past."""
    if not k.get("ditunda"):
        return None
    n, b = batas(kal, k["ditunda"], bawaan)
    return {"ditunda": k["ditunda"], "alasan_tunda": k.get("alasan_tunda"), "batas_hari": n,
            "batas_tunda": w.iso(b), "lewat_batas": lewat(kal, b, kini)}


def rentang_sampai(db: sqlite3.Connection, kid: str, n: int) -> list[Rentang]:
    """The pause spans of complaint ``kid`` from its events recorded up to ``riwayat.urutan``
    ``n`` (a recap's anchor)."""
    return rentang({"aksi": r[0], "waktu": r[1], "status_ke": r[2]} for r in db.execute(
        "SELECT aksi, waktu, status_ke FROM v_waktu_efektif WHERE keluhan_id = ? AND urutan <= ? ORDER BY urutan",
        (kid, n)))


def tenggat_pada(kal: Any, mulai: str, mutu: Any, jeda: Iterable[Rentang], titik: datetime) -> tuple[str, bool, bool]:
    """A clock started at ``mulai`` with standard ``mutu``, as of the instant ``titik``: its
    deadline (moved by the pauses ended by then), whether it was past then, and whether the
    clock was paused then (a paused clock is not late: its pause's limit is what runs)."""
    a = w.dari_iso(mulai)
    selesai_: list[tuple[datetime, datetime | None]] = []
    ditunda = False
    for s, e in jeda:
        ts, te = w.dari_iso(s), w.dari_iso(e) if e else None
        if ts >= titik:
            continue
        if te is None or te > titik:
            ditunda = ditunda or te is None or te > titik
            continue
        if te > a:
            selesai_.append((ts, te))
    if selesai_:
        akhir = max(e for _, e in selesai_ if e is not None)
        batas_ = kal.ukur_jeda(a, akhir, mutu, selesai_)[2]
    else:
        batas_ = kal.batas(a, mutu)
    return w.iso(batas_), (not ditunda) and lewat(kal, batas_, titik), ditunda
