"""The CAPA's effectiveness review (ISO/IEC 17025 8.7.1 e, 8.7.3 b): when it falls due.

A CAPA round (a ``tindakan`` row) accepted at step 5 (``verifikasi --terima``) owes a
review, due ``efektivitas.setelah`` working days later (the value the settings ledger
holds in force at the verification; default 20). ``efektivitas --efektif`` closes it;
``efektivitas --tidak-efektif --tindak-lanjut TEKS`` records the follow-up action on the
same round and makes a new review fall due, counted the same way from that review. The
round's row keeps its latest review (``efektivitas``, ``efektivitas_pada``, ...); every
review stays in ``riwayat``. A new CAPA round (an accepted appeal) leaves an earlier
round's pending review due.

The interval is weeks long, so it is counted in whole working days of the archive's
calendar: the review falls due on the N-th working day after the local date it counts
from (``jatuh_tempo``). It is early (``dini``) when recorded on a date before that day;
overdue (``terlambat``) once that day has ended with the review still pending.

A pause of the review's clock (``keluhan tunda`` while the complaint is finished and only
the review is due: keluhan/tunda.py ``rentang_tinjauan``) moves its due day as a step's
pause moves a step's deadline (``geser``): by the pause's working time, counted on from the
end of the due day (so any pause moves it by at least one working day, a pause of one
working day's hours by exactly one), and only when the pause began by the end of the due
day as moved so far: a pause begun after the review was overdue never makes it timely.
While the pause runs the review is paused, not overdue; a running pause moves nothing
until it ends (``lanjutkan``, or the review itself, which ends it). The due
day is never stored: every reader (``lihat``, ``terlambat``, the FTKP, the recap, and
the view ``v_efektivitas`` in SQL over ``v_hari_kerja``) computes it from the round's
row, the calendar and the ledger, so a holiday added later moves it everywhere at once.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from datetime import date, datetime, time, timedelta
from typing import Any

from keluhan import waktu as w
from keluhan.kalender import Kalender

HASIL = ("efektif", "tidak_efektif")


def setelah(kal: Kalender, p: dict[str, Any], pada: str) -> int:
    """Working days from a round's verification (or its last 'not effective' review) to
    its next review: the ledger's ``efektivitas.setelah`` in force at ``pada``."""
    setelan = getattr(kal, "setelan", None)
    if setelan is not None and setelan.ada("efektivitas.setelah"):
        return int(setelan.nilai("efektivitas.setelah", pada))
    return int(p["efektivitas"]["setelah"])


def dasar(t: dict[str, Any]) -> str | None:
    """When the round's pending review started counting (None when none is pending)."""
    if t.get("verifikasi") != "terima" or t.get("efektivitas") == "efektif":
        return None
    if t.get("efektivitas") == "tidak_efektif":
        return t["efektivitas_pada"]  # type: ignore[no-any-return]
    return t["diverifikasi_pada"]  # type: ignore[no-any-return]


def hari_ke(kal: Kalender, mulai: date, n: int) -> date:
    """The n-th working day after the date ``mulai``."""
    d = mulai
    while n > 0:
        d += timedelta(days=1)
        n -= kal.is_hari_kerja(d)
    return d


def jatuh_tempo_dari(kal: Kalender, p: dict[str, Any], mulai: str) -> date:
    """The day a review counted from ``mulai`` (a stored ISO time) falls due."""
    return hari_ke(kal, w.dari_iso(mulai).astimezone(kal.zona).date(), setelah(kal, p, mulai))


def tanggal(kal: Kalender, t: str | datetime) -> date:
    """The archive-local date of a stored time or an instant."""
    return (w.dari_iso(t) if isinstance(t, str) else t).astimezone(kal.zona).date()


def geser(kal: Kalender, batas: date, mulai: str, jeda: Iterable[tuple[str, str | None]],
          titik: datetime) -> tuple[date, bool]:
    """The due day ``batas`` of a review counting from ``mulai``, moved by the pauses of its
    clock (``jeda``: keluhan/tunda.py ``rentang_tinjauan``) ended by the instant ``titik``,
    and whether its clock is paused at ``titik``. Each pause begun since ``mulai`` and by
    the end of the due day as moved so far moves it on by its working time, counted from
    the end of that day (the next opening); one begun later moves nothing."""
    a = w.dari_iso(mulai)
    ditunda = False
    for s, e in sorted(jeda):
        ts = w.dari_iso(s)
        if ts < a or ts >= titik:
            continue
        te = w.dari_iso(e) if e else None
        if te is None or te > titik:
            ditunda = True
            continue
        akhir = akhir_hari(kal, batas.isoformat())
        if ts >= akhir:
            continue  # begun after the review was overdue: never makes it timely
        lama = kal.menit_kerja(ts, te)
        if lama > 0:
            batas = tanggal(kal, kal.tambah_kerja(akhir, lama))
    return batas, ditunda


def keadaan(kal: Kalender, p: dict[str, Any], t: dict[str, Any], pada: datetime,
            jeda: Iterable[tuple[str, str | None]] = ()) -> dict[str, Any] | None:
    """The pending review of round ``t`` as of ``pada``: its round, since when it counts,
    the day it falls due (moved by the pauses ``jeda`` of its clock, ``geser``) and whether
    it is overdue then (never while paused); None when none is pending."""
    mulai = dasar(t)
    if mulai is None:
        return None
    batas = jatuh_tempo_dari(kal, p, mulai)
    ditunda = False
    if jeda:
        batas, ditunda = geser(kal, batas, mulai, jeda, pada)
    return {"putaran": t["putaran"], "sejak": mulai, "jatuh_tempo": batas.isoformat(),
            "terlambat": not ditunda and tanggal(kal, pada) > batas}


def tertunda(kal: Kalender, p: dict[str, Any], tindakan: list[dict[str, Any]], pada: datetime,
             jeda: Iterable[tuple[str, str | None]] = ()) -> list[dict[str, Any]]:
    """Every pending review of these rounds as of ``pada``, oldest round first (``jeda``: the
    pauses of the reviews' clock)."""
    jeda = list(jeda)
    return [x for t in tindakan if (x := keadaan(kal, p, t, pada, jeda)) is not None]


def tinjauan_riwayat(kal: Kalender, p: dict[str, Any], riwayat: list[dict[str, Any]]) -> dict[int, dict[str, Any]]:
    """For each review event of one complaint's history (oldest first): the day it was due
    (moved by the pauses of the review's clock ended by then) and whether it was early, by
    ``urutan``."""
    from keluhan import tunda

    jeda = tunda.rentang_tinjauan(riwayat) if any(r["aksi"] == "tunda" for r in riwayat) else []
    putaran, sejak, hasil = 0, {}, {}
    for r in riwayat:
        if r["aksi"] == "tindak":
            putaran += 1
        elif r["aksi"] == "verifikasi_terima":
            sejak[putaran] = r["waktu"]
        elif r["aksi"] == "efektivitas":
            n = r["rincian"].get("putaran")
            mulai = sejak.get(n)
            if mulai is None:
                continue
            batas = jatuh_tempo_dari(kal, p, mulai)
            if jeda:
                batas = geser(kal, batas, mulai, jeda, w.dari_iso(r["waktu"]))[0]
            hasil[r["urutan"]] = {"jatuh_tempo": batas.isoformat(), "dini": tanggal(kal, r["waktu"]) < batas}
            if r["rincian"].get("hasil") == "tidak_efektif":
                sejak[n] = r["waktu"]
            else:
                sejak.pop(n, None)
    return hasil


def akhir_hari(kal: Kalender, hari: str) -> datetime:
    """The end of the due day ``hari`` ('YYYY-MM-DD'): the local midnight after it."""
    return datetime.combine(date.fromisoformat(hari) + timedelta(days=1), time(0), kal.zona)


def jatuh(db: sqlite3.Connection, kal: Kalender, p: dict[str, Any], kini: datetime,
          sampai: datetime | None = None) -> list[dict[str, Any]]:
    """The pending reviews overdue at ``kini`` (or due by ``sampai``'s date), soonest due
    first: each complaint's row with ``jenis`` 'efektivitas', the round, since when it
    counts, its due day (``jatuh_tempo`` = ``batas``) and how late. What ``terlambat`` and
    ``agenda`` list (``Arsip.tinjauan_jatuh``)."""
    from keluhan import tunda

    batas_tgl = tanggal(kal, sampai) if sampai else None
    ditunda = tunda.punya_tunda(db)  # the complaints ever paused (few): their reviews' pauses read
    jeda: dict[str, list[tuple[str, str | None]]] = {}
    hasil = []
    for r in db.execute(
        "SELECT k.*, t.putaran AS t_putaran, t.verifikasi AS t_verifikasi, t.diverifikasi_pada AS t_diverifikasi_pada,"
        " t.efektivitas AS t_efektivitas, t.efektivitas_pada AS t_efektivitas_pada"
        " FROM tindakan t JOIN keluhan k ON k.id = t.keluhan_id"
        " WHERE t.verifikasi = 'terima' AND t.efektivitas IS NOT 'efektif' ORDER BY k.dicatat, k.nomor, t.putaran"
    ):
        k = dict(r)
        t = {x[2:]: k.pop(x) for x in list(k) if x.startswith("t_")}
        if k["id"] in ditunda and k["id"] not in jeda:
            jeda[k["id"]] = tunda.rentang_tinjauan_db(db, k["id"])
        x = keadaan(kal, p, t, kini, jeda.get(k["id"], ()))
        if x is None or not (x["terlambat"] or (batas_tgl and date.fromisoformat(x["jatuh_tempo"]) <= batas_tgl)):
            continue
        akhir = akhir_hari(kal, x["jatuh_tempo"])
        k.update(
            jenis="efektivitas", terlambat=x["terlambat"], langkah=None, putaran=x["putaran"],
            mulai_langkah=x["sejak"], jatuh_tempo=x["jatuh_tempo"], batas=x["jatuh_tempo"],
            batas_langkah=x["jatuh_tempo"], mutu_baku=f"{setelah(kal, p, x['sejak'])} hari",
            lewat_menit=round(kal.menit_kerja(akhir, kini), 2) if x["terlambat"] else 0.0,
            lewat_hari_kerja=round(kal.hari_kerja(akhir, kini), 2) if x["terlambat"] else 0.0,
            sisa_menit=0.0 if x["terlambat"] else round(kal.menit_kerja(kini, akhir), 2),
        )
        hasil.append(k)
    hasil.sort(key=lambda b: b["jatuh_tempo"])
    return hasil
