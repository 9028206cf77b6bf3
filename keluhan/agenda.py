"""``keluhan agenda``: what falls due today and in the next N working days, for one
officer, one Tim Teknis or everyone; overdue first, then soonest.

Each kind of due item comes from one *source* in ``SUMBER``: a function that, given the
archive's connection, its calendar and the moment of the agenda, yields ``Butir`` rows
(its due items, late or not). The agenda keeps those due by the horizon, filters them for
whom it is asked, and sorts them. A new kind of item (an appeal decision, a pause, an
effectiveness review) is one more function registered with ``@sumber``; nothing else
changes. Deadlines of steps are the stored ones (``tenggat``, kept by keluhan/tenggat.py
at every write and shown to auditors as ``v_tenggat``).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Iterator
from datetime import date, datetime, time, timedelta
from typing import Any, NamedTuple

from keluhan import tanggal, tenggat, waktu as w
from keluhan.galat import GalatMasukan
from keluhan.workflow import LANGKAH, Langkah, Status, perintah_berikutnya

# The officers who perform the PJTK's steps (SOP table: "PJTK", "Staff PJTK"): a clerk's agenda.
PERAN_PJTK = "PJTK"


class Butir(NamedTuple):
    """One due item."""

    jenis: str  # 'langkah', 'target_tindakan', ... (one per source)
    keluhan: dict[str, Any]  # id, nomor, nama, status, tim_teknis
    apa: str  # what is due, in the SOP's words
    perintah: str  # the command that does it
    peran: str | None  # who by role ('PJTK', 'Tim Teknis'); None when only by name/team
    tim: str | None  # the Tim Teknis it is for
    orang: str | None  # the person it is for (a CAPA's penanggung_jawab)
    batas: datetime  # due by
    terlambat: bool  # past it now


class Saat(NamedTuple):
    """What a source is given: the archive, its calendar, now, and the horizon."""

    db: sqlite3.Connection
    kal: Any
    sekarang: datetime
    cakrawala: datetime  # items due by this instant are on the agenda
    p: dict[str, Any] | None = None  # the settings (what the archive's ledger does not say)


Sumber = Callable[[Saat], Iterable[Butir]]
# The sources of due items, in the order their items are listed on a tie. Extend with @sumber.
SUMBER: list[Sumber] = []


def sumber(fn: Sumber) -> Sumber:
    """Register ``fn`` as a source of due items (see the module's docstring)."""
    SUMBER.append(fn)
    return fn


def _keluhan(r: sqlite3.Row) -> dict[str, Any]:
    return {"id": r["id"], "nomor": r["nomor"], "nama": r["nama"], "status": r["status"], "tim_teknis": r["tim_teknis"]}


# The open complaints whose step is late or due by the horizon (tenggat_lewat and tenggat_batas), not paused.
SQL_LANGKAH = (
    "SELECT k.id, k.nomor, k.nama, k.status, k.tim_teknis, t.langkah, t.batas, t.lewat_setelah_utc,"
    " (SELECT x.penanggung_jawab FROM tindakan x WHERE x.keluhan_id = k.id ORDER BY x.putaran DESC LIMIT 1) AS pj"
    " FROM tenggat t JOIN keluhan k ON k.id = t.keluhan_id"
    " WHERE (t.lewat_setelah_utc < :kini OR t.batas_utc < :cakrawala) AND k.ditunda IS NULL"
)


@sumber
def langkah(s: Saat) -> Iterator[Butir]:
    """The SOP step each open complaint waits for (``tenggat``): by the step's role; step 4
    also for the Tim Teknis it was forwarded to and the penanggung jawab of its last CAPA.
    A paused complaint's step is not due while paused (``tunda`` lists its pause instead)."""
    for r in s.db.execute(SQL_LANGKAH, {"kini": tenggat.utc(s.sekarang), "cakrawala": tenggat.utc(s.cakrawala)}):
        step = LANGKAH.get(r["langkah"])
        if step is None:  # a step the SOP table does not name (a later kind of deadline): its next command
            perintah = (perintah_berikutnya(Status(r["status"])) or [""])[0]
            step = Langkah(r["langkah"], f"menunggu {perintah}".strip(), PERAN_PJTK, perintah, "")
        tim_teknis = step.pelaksana == "Tim Teknis"
        yield Butir(
            "langkah", _keluhan(r), f"Langkah {step.nomor}: {step.nama}", f"keluhan {step.perintah} {r['nomor']}",
            None if tim_teknis else PERAN_PJTK, r["tim_teknis"] if tim_teknis else None,
            r["pj"] if tim_teknis else None, w.dari_iso(r["batas"]), r["lewat_setelah_utc"] < tenggat.utc(s.sekarang),
        )


@sumber
def target_tindakan(s: Saat) -> Iterator[Butir]:
    """The target date of the CAPA awaiting verification (``tindak --target``): due by the end
    of that day, for its penanggung jawab and its Tim Teknis."""
    for r in s.db.execute(
        "SELECT k.id, k.nomor, k.nama, k.status, k.tim_teknis, t.putaran, t.target, t.penanggung_jawab"
        " FROM keluhan k JOIN tindakan t ON t.keluhan_id = k.id"
        " AND t.putaran = (SELECT MAX(putaran) FROM tindakan x WHERE x.keluhan_id = k.id)"
        " WHERE k.status = :status AND t.target IS NOT NULL AND t.target < :sampai",
        {"status": Status.DITINDAKLANJUTI.value, "sampai": s.cakrawala.date().isoformat()},
    ):
        batas = datetime.combine(date.fromisoformat(r["target"]) + timedelta(days=1), time(0), s.kal.zona)
        yield Butir(
            "target_tindakan", _keluhan(r), f"Target tindakan putaran {r['putaran']} (tindakan koreksi dan pencegahan)",
            f"keluhan verifikasi {r['nomor']}", None, r["tim_teknis"], r["penanggung_jawab"], batas, batas <= s.sekarang,
        )


@sumber
def tinjauan_efektivitas(s: Saat) -> Iterator[Butir]:
    """The CAPA's effectiveness reviews due by the horizon's date and those overdue
    (ISO/IEC 17025 8.7.1 e; keluhan/efektivitas.py): due by the end of the due day, for the
    PJTK (the reviewer is neither the CAPA's recorder nor its penanggung jawab)."""
    from keluhan import efektivitas
    from keluhan.pengaturan import BAWAAN

    sampai = s.cakrawala - timedelta(seconds=1)  # the horizon's last day
    for r in efektivitas.jatuh(s.db, s.kal, s.p or BAWAAN, s.sekarang, sampai):
        if r.get("ditunda"):  # a paused clock (keluhan tunda): its pause is listed instead (``tunda``)
            continue
        yield Butir(
            "efektivitas", _keluhan(r), f"Tinjauan efektivitas tindakan putaran {r['putaran']} "
            f"(jatuh tempo {tanggal.tanggal(r['jatuh_tempo'])}, {r['mutu_baku']} kerja sesudah "
            f"{tanggal.tanggal(r['mulai_langkah'][:10])})",
            f"keluhan efektivitas {r['nomor']}", PERAN_PJTK, None, None,
            efektivitas.akhir_hari(s.kal, r["jatuh_tempo"]), r["terlambat"],
        )


@sumber
def tunda(s: Saat) -> Iterator[Butir]:
    """A paused clock (keluhan tunda): due to run again by the pause's limit (``tunda.batas``
    working days from its start), for the PJTK; late once the limit is past."""
    from keluhan import tanggal as tg, tunda as td

    for r in s.db.execute(
        "SELECT id, nomor, nama, status, tim_teknis, ditunda, alasan_tunda FROM keluhan WHERE ditunda IS NOT NULL"
    ):
        n, batas = td.batas(s.kal, r["ditunda"])
        yield Butir(
            "tunda", _keluhan(r), f"Penundaan sejak {tg.tampil(r['ditunda'])} ({r['alasan_tunda']}): "
            f"batas penundaan {n} hari kerja", f"keluhan lanjutkan {r['nomor']}",
            PERAN_PJTK, None, None, batas, td.lewat(s.kal, batas, s.sekarang),
        )


def cakrawala(kal: Any, sekarang: datetime, hari: int) -> datetime:
    """The end of the ``hari``-th working day after today (0: the end of today): local
    midnight after it."""
    d, n = sekarang.astimezone(kal.zona).date(), 0
    while n < hari:
        d += timedelta(days=1)
        n += kal.is_hari_kerja(d)
    return datetime.combine(d + timedelta(days=1), time(0), kal.zona)


def _sama(a: str | None, b: str) -> bool:
    from keluhan.arsip import sama_petugas

    return a is not None and sama_petugas(a, b)


def agenda(
    db: sqlite3.Connection, kal: Any, sekarang: datetime, *, hari: int, untuk: str | None = None,
    tim: str | None = None, semua: bool = False, p: dict[str, Any] | None = None,
    petugas: Any = None,
) -> tuple[list[Butir], datetime]:
    """The due items, late first (longest late first), then soonest; and the horizon.
    ``untuk``: an officer's (the PJTK's steps, and what names them); ``tim``: a Tim Teknis's;
    ``semua``: everyone's. Exactly one of them. ``petugas``: ``untuk``'s entry in the officer
    register, when it has one: then its roles and team decide (SPEC: "by role and team once
    the register has them"): the PJTK's steps unless its only role is teknis, its team's
    items, and what names it."""
    if sum((untuk is not None, tim is not None, semua)) != 1:
        raise GalatMasukan("Pilih satu: --untuk NAMA, --tim TIM, atau --semua.")
    if hari < 0:
        raise GalatMasukan("--hari tidak boleh negatif.")
    s = Saat(db, kal, sekarang, cakrawala(kal, sekarang, hari), p)
    pjtk = petugas is None or set(petugas.peran) != {"teknis"}
    tim_orang = (petugas.tim or "").casefold() if petugas is not None else ""
    hasil = []
    for i, f in enumerate(SUMBER):
        for b in f(s):
            if not (b.terlambat or b.batas <= s.cakrawala):  # due at the horizon's midnight: its last day
                continue
            if semua or (tim is not None and b.tim is not None and b.tim.casefold() == tim.casefold()) or (
                    untuk is not None and ((pjtk and b.peran == PERAN_PJTK) or _sama(b.orang, untuk)
                                           or (tim_orang and b.tim is not None and b.tim.casefold() == tim_orang))):
                hasil.append((not b.terlambat, b.batas, i, b.keluhan["nomor"], b))
    hasil.sort(key=lambda x: x[:4])
    return [x[-1] for x in hasil], s.cakrawala


def json_butir(b: Butir, kal: Any, sekarang: datetime) -> dict[str, Any]:
    """One item as ``agenda --json`` prints it (keys only added, never renamed)."""
    return {
        "jenis": b.jenis, "id": b.keluhan["id"], "nomor": b.keluhan["nomor"], "nama": b.keluhan["nama"],
        "status": b.keluhan["status"], "apa": b.apa, "perintah": b.perintah, "peran": b.peran,
        "tim_teknis": b.tim, "penanggung_jawab": b.orang, "batas": w.iso(b.batas), "terlambat": b.terlambat,
        "lewat_menit": round(kal.menit_kerja(b.batas, sekarang), 2) if b.terlambat else 0.0,
        "sisa_menit": 0.0 if b.terlambat else round(kal.menit_kerja(sekarang, b.batas), 2),
    }
