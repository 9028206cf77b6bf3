"""Learning from complaints: the recap's Pareto of root causes and of categories, the
12-month trend, and the recurrence of a cause (issue 16; ISO/IEC 17025 8.7.1 b and 8.9,
ISO 10002 "analysis and evaluation", UU 25/2009 art. 37(3) statistics).

``angka(...)`` returns the recap keys this module owns, computed under the recap's own
as-of rule (keluhan/rekap.py): every figure counts the events whose effective time lies
before the period's end and that were recorded up to the anchor, so a later event leaves
an earlier recap unchanged but for its anchor.

- ``akar_masalah``: the complaints of the period (those ``jumlah`` counts) by the root-cause
  code of their latest CAPA round at the period's end (``tindak --kode-akar``, corrections
  applied), a Pareto list of ``{"kode", "jumlah", "persen", "kumulatif"}``: most first (ties
  by code), ``persen`` of the coded ones, ``kumulatif`` the cumulative percentage (the
  Pareto line; the last is 100.0), both to one decimal, computed from the counts.
- ``kategori``: the same Pareto over the complaints' categories at the period's end, named
  by the list ``kategori.daftar`` in force then as the anchor saw it (keluhan/akar.py: text
  outside a set list reported as "lainnya: TEXT").
- ``pareto``: per list, how many were counted, how many had no code (or no category), and
  the "vital few": the entries up to and including the one whose cumulative share reaches
  80 %.
- ``tren``: the 12 months up to the period's end (the last one cut at the period's end),
  each with the figures that month's own recap shows as of the same anchor: complaints
  recorded (``jumlah``), step events and how many of the measured ones met the mutu baku,
  and the satisfaction answers given (count, mean, IKM, grade).
- ``akar_berulang``: the recurrence of a cause, as counts, never per complaint (in a large
  archive nearly every complaint shares its service and cause with an earlier one): the
  complaints recorded in the trend's months grouped by service (``layanan``) and root-cause
  code at the period's end, with their count per month, for the groups of two or more.

The step and satisfaction figures are those of keluhan/rekap.py for each month (its
``_Hitung``, ``_langkah`` and ``_kepuasan``), so a month of the trend always equals that
month's recap; tests/rekap_acuan.py recomputes every key here by full replay.
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from datetime import datetime, timedelta
from typing import Any

from keluhan import akar, jangkar as jk, migrasi
from keluhan.kalender import Kalender

BULAN_TREN = 12
BATAS_PARETO = 80.0  # the Pareto's mark: the causes that make up 80 % of the coded complaints
TANPA_LAYANAN = "tidak_diisi"


def bulan_tren(periode: Any) -> list[Any]:
    """The 12 calendar months up to the period's end, oldest first; the last one ends
    with the period (a range ending mid-month stops there)."""
    from keluhan.rekap import Periode

    akhir = periode.akhir
    hasil = []
    tahun, bulan = akhir.year, akhir.month
    for _ in range(BULAN_TREN):
        hasil.append(Periode.bulan(tahun, bulan))
        tahun, bulan = (tahun - 1, 12) if bulan == 1 else (tahun, bulan - 1)
    hasil.reverse()
    if hasil[-1].akhir != akhir:
        hasil[-1] = Periode(mulai=hasil[-1].mulai, akhir=akhir)
    return hasil


def pareto(hitungan: Counter[str]) -> list[dict[str, Any]]:
    """A Pareto list of ``hitungan``: most first (ties by name), each with its percentage and
    the cumulative percentage, to one decimal, from the counts."""
    total = sum(hitungan.values())
    hasil, jalan = [], 0
    for kode, n in sorted(hitungan.items(), key=lambda x: (-x[1], x[0])):
        jalan += n
        hasil.append({"kode": kode, "jumlah": n, "persen": round(100 * n / total, 1),
                      "kumulatif": round(100 * jalan / total, 1)})
    return hasil


def utama(daftar: list[dict[str, Any]]) -> list[str]:
    """The vital few: the entries up to and including the one whose cumulative share reaches 80 %."""
    hasil = []
    for x in daftar:
        hasil.append(x["kode"])
        if x["kumulatif"] >= BATAS_PARETO:
            break
    return hasil


# The complaints of a range counted by month of recording, whether they fall in the period
# (``:pm``, its first day), service, category and latest CAPA round's code, as stored: each
# row is the fold of all its complaint's events (keluhan/arsip.py writes them in the same
# transaction; ``keluhan periksa`` proves it), so its state at the period's end unless an
# event that changes these came at or after the end or after the anchor (below). Voided
# complaints are left out (a void comes before any CAPA). keluhan_dicatat_nomor, then
# tindakan's key; counted in SQL, a few hundred groups however many complaints.
SQL_KELOMPOK = """
WITH k AS MATERIALIZED (
    SELECT substr(k.dicatat, 1, 7) AS bulan, k.dicatat >= :pm AS dalam, k.layanan, k.kategori,
           (SELECT t.kode_akar FROM tindakan t WHERE t.keluhan_id = k.id ORDER BY t.putaran DESC LIMIT 1) AS kode
    FROM keluhan k
    WHERE k.dicatat >= :m AND k.dicatat < :a AND k.status IS NOT 'batal')
SELECT bulan, dalam, layanan, kategori, kode, COUNT(*) FROM k GROUP BY 1, 2, 3, 4, 5
"""
# ... the complaints whose stored row may not be their state then: a CAPA round, or a
# correction of the service, the category, a code or a time, dated at or after the period's
# end (riwayat_waktu_langkah); anything recorded after the anchor (a void included; riwayat's
# key); an event whose time a correction moved (riwayat_koreksi_waktu). Few for a recent period.
SQL_DISENTUH = f"""
SELECT k.id FROM keluhan k
WHERE k.dicatat >= :m AND k.dicatat < :a AND k.id IN (
    SELECT r.keluhan_id FROM riwayat r
    WHERE r.waktu >= :a AND (r.aksi = 'tindak' OR r.aksi = 'koreksi'
                             AND json_extract(r.rincian, '$.kolom') IN ('layanan', 'kategori', 'kode_akar', 'waktu'))
    UNION ALL SELECT r.keluhan_id FROM riwayat r WHERE r.urutan > :n
    UNION ALL SELECT r.keluhan_id FROM riwayat r WHERE r.urutan IN ({migrasi.KOREKSI_WAKTU_PERISTIWA}))
"""
# ... their stored rows (to take out of the counts), and their events up to the period's end
# and the anchor (v_waktu_efektif: a corrected time counts), folded: catat (the service and
# category as recorded), tindak (a round and its code), the corrections of any of them.
SQL_TERSIMPAN = """
SELECT k.id, substr(k.dicatat, 1, 7), k.dicatat >= :pm, k.layanan, k.kategori,
       (SELECT t.kode_akar FROM tindakan t WHERE t.keluhan_id = k.id ORDER BY t.putaran DESC LIMIT 1), k.status
FROM keluhan k WHERE k.id IN (SELECT value FROM json_each(:ids))
"""
SQL_SEBAB = """
SELECT r.keluhan_id, r.aksi, r.rincian
FROM v_waktu_efektif r
WHERE r.keluhan_id IN (SELECT value FROM json_each(:ids)) AND r.waktu < :a AND r.urutan <= :n
  AND r.aksi IN ('catat', 'tindak', 'koreksi')
ORDER BY r.keluhan_id, r.urutan
"""
# Complaints recorded per month of a range, and (when the anchor is not the tip) only
# those whose catat was written by the anchor.
SQL_JUMLAH_BULAN = """
SELECT substr(k.dicatat, 1, 7), COUNT(*) FROM keluhan k
WHERE k.dicatat >= :m AND k.dicatat < :a
  AND (:ujung OR EXISTS (SELECT 1 FROM riwayat r WHERE r.keluhan_id = k.id AND r.aksi = 'catat' AND r.urutan <= :n))
GROUP BY 1
"""


Kelompok = tuple[str, int, "str | None", "str | None", "str | None"]  # month, in the period, service, category, code


def _kelompok(db: sqlite3.Connection, kunci: dict[str, Any], batal: set[str]) -> Counter[Kelompok]:
    """The complaints recorded in ``kunci``'s range (``:pm``: the period's first day) as of the
    period's end and the anchor, counted by (month, in the period, service, category, latest
    round's code); ``batal``: the complaints voided by the anchor."""
    hasil: Counter[Kelompok] = Counter()
    for bulan, dalam, layanan, kategori, kode, n in db.execute(SQL_KELOMPOK, kunci):
        hasil[(bulan, dalam, layanan, kategori, kode)] += n
    disentuh = [r[0] for r in db.execute(SQL_DISENTUH, kunci)]
    for i in range(0, len(disentuh), 5000):
        ids = {**kunci, "ids": json.dumps(disentuh[i:i + 5000])}
        tempat: dict[str, tuple[str, int]] = {}
        for kid, bulan, dalam, layanan, kategori, kode, status in db.execute(SQL_TERSIMPAN, ids):
            tempat[kid] = (bulan, dalam)
            if status != "batal":  # counted above: taken out, and put back as it stood then
                hasil[(bulan, dalam, layanan, kategori, kode)] -= 1
        lipat: dict[str, list[Any]] = {}
        for kid, aksi, rincian in db.execute(SQL_SEBAB, ids):
            r = json.loads(rincian)
            if aksi == "catat":
                lipat[kid] = [r.get("layanan"), r.get("kategori"), []]
                continue
            x = lipat.get(kid)
            if x is None:
                continue
            if aksi == "tindak":
                x[2].append(r.get("kode_akar"))
            elif "putaran" not in r and r.get("kolom") in ("layanan", "kategori"):
                x[0 if r["kolom"] == "layanan" else 1] = r.get("baru")
            elif r.get("kolom") == "kode_akar" and isinstance(r.get("putaran"), int) and 1 <= r["putaran"] <= len(x[2]):
                x[2][r["putaran"] - 1] = r.get("baru")
        for kid, (layanan, kategori, kode) in lipat.items():  # not there: its catat was written after the anchor
            if kid not in batal:
                hasil[(*tempat[kid], layanan, kategori, kode[-1] if kode else None)] += 1
    return +hasil


def _tren(db: sqlite3.Connection, kal: Kalender, p: dict[str, Any], periode: Any, *, sekarang: datetime,
          jangkar: jk.Jangkar, kini: jk.Jangkar, batal: dict[str, dict[str, Any]], batal_json: str) -> list[dict[str, Any]]:
    from keluhan import rekap

    bulan = bulan_tren(periode)
    jangkauan = rekap.Periode(mulai=bulan[0].mulai, akhir=bulan[-1].akhir)
    kunci = jangkauan.kunci(jangkar.urutan)
    jumlah = Counter(dict(db.execute(SQL_JUMLAH_BULAN, {**kunci, "ujung": jangkar.urutan == kini.urutan}).fetchall()))
    jumlah -= Counter(b["dicatat"][:7] for b in batal.values())
    hasil = []
    for b in bulan:
        h, kb = rekap._hitung(db, kal, p, b, sekarang, jangkar, kini)
        kb["batal"] = batal_json
        total, diukur, patuh = rekap.langkah_jumlah(db, h, kb)
        kp = rekap._kepuasan(db, h, kb)
        hasil.append({
            "bulan": f"{b.mulai:%Y-%m}", "label": rekap.Periode.bulan(b.mulai.year, b.mulai.month).label,
            "jumlah": jumlah.get(f"{b.mulai:%Y-%m}", 0),
            "langkah": total, "diukur": diukur, "patuh": patuh,
            "persen_patuh": round(100 * patuh / diukur, 1) if diukur else None,
            "kepuasan": {k: kp[k] for k in ("jumlah", "rata_rata", "ikm", "mutu")},
        })
    return hasil


def angka(db: sqlite3.Connection, kal: Kalender, p: dict[str, Any], periode: Any, *, sekarang: datetime,
          jangkar: jk.Jangkar | None = None, kini: jk.Jangkar | None = None) -> dict[str, Any]:
    """This module's recap keys for ``periode`` as of ``jangkar`` (default: the chains' tips
    ``kini``; ``kal`` is the calendar at the anchor). The Pareto's population is the recap's
    ``jumlah``: the period's complaints recorded by the anchor and not voided by it."""
    from keluhan import rekap

    kini = kini or jk.ujung(db)
    jangkar = jangkar or kini
    bulan = bulan_tren(periode)
    awal = min(bulan[0].mulai, periode.mulai)
    kunci = rekap.Periode(mulai=awal, akhir=periode.akhir).kunci(jangkar.urutan)
    batal = rekap.dibatalkan(db, kunci)  # every void by the anchor (kunci["batal"]), and those of the range
    kunci["pm"] = periode.kunci()["m"]
    kelompok = _kelompok(db, kunci, set(json.loads(kunci["batal"])))
    setelan = getattr(kal, "setelan", None)
    titik = datetime.combine(periode.akhir + timedelta(days=1), datetime.min.time(), kal.zona)
    titik = min(titik, sekarang)
    daftar_kategori = akar.daftar(setelan, p, akar.KUNCI_KATEGORI, titik - timedelta(microseconds=1))

    kode: Counter[str] = Counter()
    kategori: Counter[str] = Counter()
    jumlah = 0
    dalam_tren = {f"{b.mulai:%Y-%m}" for b in bulan}
    per_sebab: dict[tuple[str, str], Counter[str]] = {}
    label: dict[str | None, str | None] = {}
    for (bln, dalam, layanan, kat, c), n in kelompok.items():
        if dalam:
            jumlah += n
            if c:
                kode[c] += n
            if kat not in label:
                label[kat] = akar.label_kategori(kat, daftar_kategori)
            if label[kat]:
                kategori[label[kat]] += n  # type: ignore[index]
        if c and bln in dalam_tren:
            per_sebab.setdefault((layanan or TANPA_LAYANAN, c), Counter())[bln] += n
    akar_masalah, per_kategori = pareto(kode), pareto(kategori)
    tanpa_kode, tanpa_kategori = jumlah - sum(kode.values()), jumlah - sum(kategori.values())
    berulang = [
        {"layanan": layanan, "kode": c, "jumlah": sum(n.values()),
         "per_bulan": {f"{b.mulai:%Y-%m}": n.get(f"{b.mulai:%Y-%m}", 0) for b in bulan}}
        for (layanan, c), n in per_sebab.items() if sum(n.values()) >= 2
    ]
    berulang.sort(key=lambda x: (-x["jumlah"], x["layanan"], x["kode"]))
    return {
        "akar_masalah": akar_masalah,
        "kategori": per_kategori,
        "pareto": {
            "akar_masalah": {"dikodekan": sum(kode.values()), "tanpa_kode": tanpa_kode, "utama": utama(akar_masalah)},
            "kategori": {"berkategori": sum(kategori.values()), "tanpa_kategori": tanpa_kategori,
                         "utama": utama(per_kategori), "daftar": daftar_kategori},
        },
        "tren": _tren(db, kal, p, periode, sekarang=sekarang, jangkar=jangkar, kini=kini, batal=batal,
                      batal_json=kunci["batal"]),
        "akar_berulang": berulang,
    }
