"""The period recap (Formulir Rekapitulasi Keluhan Pelanggan) as data; no printing.

Figures are as of the END of the period and of the recap's ANCHOR (``jangkar.Jangkar``:
the tip of every hash chain when the recap runs, or the one ``rekap --jangkar`` names),
so the same recap run later with its anchor gives the same document: each complaint's
status and fields are the fold (``proyeksi.terapkan``) of its events whose ``waktu`` is
before the period's end and whose ``urutan`` is at most the anchor's, never today's
``keluhan`` row. What
"happened in the period" is read by the indexes on ``keluhan.dicatat`` and
``riwayat.waktu``; only the period's complaints (and those still open at its end) are
loaded. The JSON shape is the contract in SPEC.md ("rekap --format json"), plus keys.
"""

from __future__ import annotations

import json
import math
import re
import sqlite3
from collections import Counter
from collections.abc import Iterable, Iterator
from itertools import groupby
from operator import itemgetter
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any, Literal

from keluhan import berulang, efektivitas, ikm, jangkar as jk, migrasi, proyeksi, tenggat, tunda, waktu as w
from keluhan.galat import GalatMasukan
from keluhan.kalender import Kalender, MutuBaku
from keluhan.workflow import (
    LANGKAH_DIUKUR, LAYANAN, MEDIA, STATUS_AKHIR, Aksi, Status, kunci_mutu, langkah_berikutnya,
    mengakhiri_tunda,
)

BULAN = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September",
         "Oktober", "November", "Desember")
TIDAK_DIISI = "tidak_diisi"
_STATUS_TERBUKA = tuple(s.value for s in Status if s not in STATUS_AKHIR)
_BERIKUT = {s.value: langkah_berikutnya(s) for s in Status}  # the step each status waits for
_URAIAN_SINGKAT = 80


def tanggal_indonesia(d: date) -> str:
    """``date(2026, 11, 24)`` -> "24 November 2026"."""
    return f"{d.day} {BULAN[d.month - 1]} {d.year}"


@dataclass(frozen=True, kw_only=True)
class Periode:
    """Whole days ``mulai`` .. ``akhir`` (both included), local time of the archive."""

    mulai: date
    akhir: date
    jenis: Literal["bulan", "triwulan", "semester", "tahun", "rentang"] = "rentang"

    @classmethod
    def bulan(cls, tahun: int, bulan: int) -> Periode:
        akhir = date(tahun + bulan // 12, bulan % 12 + 1, 1) - timedelta(days=1)
        return cls(mulai=date(tahun, bulan, 1), akhir=akhir, jenis="bulan")

    @classmethod
    def tahun(cls, tahun: int) -> Periode:
        return cls(mulai=date(tahun, 1, 1), akhir=date(tahun, 12, 31), jenis="tahun")

    @classmethod
    def bagian(cls, jenis: Literal["triwulan", "semester"], tahun: int, ke: int) -> Periode:
        """Quarter (triwulan, 1-4) or half-year (semester, 1-2) ``ke`` of ``tahun``."""
        bulan = 3 if jenis == "triwulan" else 6
        awal = date(tahun, (ke - 1) * bulan + 1, 1)
        akhir = Periode.bulan(tahun, ke * bulan).akhir
        return cls(mulai=awal, akhir=akhir, jenis=jenis)

    @property
    def ke(self) -> int:
        """Which quarter or half-year of its year (1-based)."""
        return (self.mulai.month - 1) // (3 if self.jenis == "triwulan" else 6) + 1

    @property
    def label(self) -> str:
        if self.jenis == "bulan":
            return f"{BULAN[self.mulai.month - 1]} {self.mulai.year}"
        if self.jenis in ("triwulan", "semester"):
            return f"{self.jenis.capitalize()} {_ROMAWI[self.ke]} {self.mulai.year}"
        if self.jenis == "tahun":
            return f"Tahun {self.mulai.year}"
        return f"{tanggal_indonesia(self.mulai)} s.d. {tanggal_indonesia(self.akhir)}"

    @property
    def nama_berkas(self) -> str:
        """``rekap-<this>.<ext>``: 2026-10, 2026, or 2026-10-01_2026-10-15."""
        if self.jenis == "bulan":
            return f"{self.mulai:%Y-%m}"
        if self.jenis in ("triwulan", "semester"):
            return f"{self.mulai:%Y}-{'T' if self.jenis == 'triwulan' else 'S'}{self.ke}"
        if self.jenis == "tahun":
            return f"{self.mulai:%Y}"
        return f"{self.mulai.isoformat()}_{self.akhir.isoformat()}"

    def sebelumnya(self) -> Periode:
        """The period just before, of the same kind (a range: the same number of days)."""
        if self.jenis == "bulan":
            d = self.mulai - timedelta(days=1)
            return Periode.bulan(d.year, d.month)
        if self.jenis in ("triwulan", "semester"):
            d = self.mulai - timedelta(days=1)
            return Periode.bagian(self.jenis, d.year, (d.month - 1) // (3 if self.jenis == "triwulan" else 6) + 1)
        if self.jenis == "tahun":
            return Periode.tahun(self.mulai.year - 1)
        lama = self.akhir - self.mulai
        return Periode(mulai=self.mulai - lama - timedelta(days=1), akhir=self.mulai - timedelta(days=1))

    def kunci(self, n: int = 2**62) -> dict[str, Any]:
        """SQL bounds on stored local ISO times, ``:m <= waktu < :a``, and on what was
        recorded: ``urutan <= :n`` (the anchor's tip of riwayat)."""
        return {"m": self.mulai.isoformat(), "a": (self.akhir + timedelta(days=1)).isoformat(), "n": n}

    def json(self) -> dict[str, str]:
        return {"mulai": self.mulai.isoformat(), "akhir": self.akhir.isoformat(), "label": self.label,
                "jenis": self.jenis}


_ROMAWI = ("", "I", "II", "III", "IV")


def _bagian_tahun(jenis: Literal["triwulan", "semester"], teks: str) -> Periode:
    """``--triwulan 2026-3`` / ``--semester 2026-2`` (also written 2026-III, 2026-Q3, 2026-S2)."""
    banyak = 4 if jenis == "triwulan" else 2
    m = re.fullmatch(r"\s*(\d{4})\s*[-/ ]\s*(?:[QqTtSs])?([1-4]|I{1,3}|IV)\s*", teks)
    ke = None if m is None else (int(m[2]) if m[2].isdigit() else _ROMAWI.index(m[2]))
    if m is None or not 1 <= ke <= banyak or not 1900 <= int(m[1]) <= 9998:  # type: ignore[operator]
        contoh = "2026-3 (Juli-September 2026)" if jenis == "triwulan" else "2026-2 (Juli-Desember 2026)"
        raise GalatMasukan(f"{jenis.capitalize()} tidak sah: '{teks}'. Contoh: --{jenis} {contoh}; "
                           f"{jenis} ke-1 sampai ke-{banyak}.")
    return Periode.bagian(jenis, int(m[1]), ke)  # type: ignore[arg-type]


def periode_dari_opsi(
    *, bulan: str | None, tahun: int | None, dari: date | None, sampai: date | None, hari_ini: date,
    triwulan: str | None = None, semester: str | None = None,
) -> Periode:
    """The period the options name. ``bulan=""`` (``--bulan`` alone) or no option at all:
    the last complete month before ``hari_ini``."""
    dipakai = [n for n, v in (("--bulan", bulan), ("--triwulan", triwulan), ("--semester", semester),
                              ("--tahun", tahun), ("--dari/--sampai", dari or sampai)) if v is not None]
    if len(dipakai) > 1:
        raise GalatMasukan(f"Pilih satu periode saja: {' atau '.join(dipakai)}.")
    if triwulan is not None:
        return _bagian_tahun("triwulan", triwulan)
    if semester is not None:
        return _bagian_tahun("semester", semester)
    if dari is not None or sampai is not None:
        if dari is None or sampai is None:
            raise GalatMasukan("Rentang periode memerlukan --dari dan --sampai.")
        if sampai < dari:
            raise GalatMasukan(f"--sampai ({tanggal_indonesia(sampai)}) lebih awal dari --dari ({tanggal_indonesia(dari)}).")
        return Periode(mulai=dari, akhir=sampai)
    if tahun is not None:
        if not 1900 <= tahun <= 9998:
            raise GalatMasukan(f"Tahun tidak sah: {tahun}.")
        return Periode.tahun(tahun)
    if not bulan:
        lalu = hari_ini.replace(day=1) - timedelta(days=1)
        return Periode.bulan(lalu.year, lalu.month)
    m = re.fullmatch(r"\s*(\d{4})-(\d{1,2})\s*", bulan)
    if not m or not 1 <= int(m[2]) <= 12:
        raise GalatMasukan(f"Bulan tidak sah: '{bulan}'. Contoh: --bulan 2026-10 (atau --bulan saja: bulan lalu).")
    return Periode.bulan(int(m[1]), int(m[2]))


# -- the recap -----------------------------------------------------------------------------
#
# A complaint's state at the period's end (``:a``) is the fold of its events before
# ``:a``. Folding every event of every complaint is exact but slow (a month of a 1M
# archive: 4.5 s), so the recap reads each piece where it is exact and cheap:
#
# - statuses, step-5 returns, late steps, step 6 and the last CAPA correction come from
#   the events before ``:a`` (``riwayat``, ``durasi_langkah``), in one ordered pass that
#   parses no JSON and folds nothing: a row edited behind the history's back does not
#   move them;
# - the descriptive fields (name, medium, service, category, Tim Teknis, description)
#   come from the stored row, which is the fold of all the complaint's events (written in
#   the same transaction; ``keluhan periksa`` proves it), and so their state at ``:a``
#   unless a correction or step 3 came at or after ``:a``; only those few complaints are
#   folded from their events, as are the older ones whose history since ``:a`` must be
#   undone to know whether they were open then.

# Events whose effective time (v_waktu_efektif, migration m014) lies in the period, written
# so that SQLite still walks riwayat's index on the recorded time (riwayat_waktu_langkah),
# plus the few events a correction moved (riwayat_koreksi_waktu); the effective time decides.
# The measured steps (the SOP's 2-6 and the appeal decision, 8): the recap's ``langkah`` keys.
_DIUKUR = "(" + ", ".join(map(str, LANGKAH_DIUKUR)) + ")"
_DALAM_PERIODE = (
    f"(r.waktu_asli >= :m AND r.waktu_asli < :a OR r.urutan IN ({migrasi.KOREKSI_WAKTU_PERISTIWA}))"
    " AND r.waktu >= :m AND r.waktu < :a"
)
# The events a time correction moved (the partial index riwayat_koreksi_waktu; never NULL, so
# that ``NOT IN`` and ``IN`` split riwayat in two): the counts below read the others straight
# from riwayat, where the recorded time is the effective one, and only these through
# v_waktu_efektif (whose per-event lookups of a correction are most of a count's cost).
_DIKOREKSI = f"{migrasi.KOREKSI_WAKTU_PERISTIWA} AND json_extract(rincian, '$.peristiwa') IS NOT NULL"
_KOLOM = "k.id, k.nomor, k.dicatat, k.nama, k.instansi, k.media, k.layanan, k.kategori, k.tim_teknis, k.uraian"
# The period's complaints in the recap's order (keluhan_dicatat_nomor: nothing sorted), with
# the deadline stored for the step each waits for now.
SQL_KELUHAN_PERIODE = f"""
SELECT {_KOLOM}, t.langkah AS t_langkah, t.batas AS t_batas, t.lewat_setelah_utc AS t_lewat
FROM keluhan k LEFT JOIN tenggat t ON t.keluhan_id = k.id
WHERE k.dicatat >= :m AND k.dicatat < :a
ORDER BY k.dicatat, k.nomor
"""
# ... and their events, in the same order (then riwayat_keluhan: each complaint's events
# come in ``urutan`` order, which is checked as they are read, not asked of SQL: that would
# sort them all).
SQL_PERISTIWA_PERIODE = """
SELECT r.keluhan_id, r.urutan, r.aksi, r.status_ke, r.waktu, r.langkah,
       CASE WHEN r.aksi = 'tindak' THEN json_extract(r.rincian, '$.koreksi')
            WHEN r.aksi = 'koreksi' THEN json_extract(r.rincian, '$.kolom') END
FROM keluhan k JOIN v_waktu_efektif r ON r.keluhan_id = k.id
WHERE k.dicatat >= :m AND k.dicatat < :a
ORDER BY k.dicatat, k.nomor
"""
# The stored durations of the period's measured step events (m032_durasi: durasi_langkah is
# a view over durasi_peristiwa, keyed by the event): the period's events as SQL_LANGKAH finds
# them (riwayat_waktu_langkah; the few a correction moved through v_waktu_efektif), each
# joined to its row by the key. ``{kolom}``: the columns (r: the event, d: its row), ``{syarat}``
# more conditions on them.
def _durasi_periode(kolom: str, syarat: str = "1") -> str:
    return f"""
    SELECT {kolom} FROM riwayat r JOIN durasi_peristiwa d ON d.riwayat_urutan = r.urutan
    WHERE r.waktu >= :m AND r.waktu < :a AND r.langkah IN {_DIUKUR} AND r.urutan <= :n
      AND r.urutan NOT IN ({_DIKOREKSI}) AND {syarat}
    UNION ALL
    SELECT {kolom} FROM v_waktu_efektif r JOIN durasi_peristiwa d ON d.riwayat_urutan = r.urutan
    WHERE r.urutan IN ({_DIKOREKSI}) AND r.waktu >= :m AND r.waktu < :a AND r.langkah IN {_DIUKUR}
      AND r.urutan <= :n AND {syarat}"""


# Step events of the period that missed their mutu baku. Every event of the period's complaints
# before its end lies in the period.
SQL_TELAT = _durasi_periode("d.riwayat_urutan", "d.patuh = 0")
# Complaints recorded before the period and still open at its end. A complaint is closed
# by step 6 or by an appeal rejected (putusan --ditolak), and reopened only by an appeal
# (selesai -> banding, open until decided). Those open at the period's end are therefore
# the ones open now (folded when touched since: perhaps closed then), those whose last
# step 6 came after the period, and those whose appeal was rejected after it:
_TERBUKA = ",".join(f"'{s}'" for s in _STATUS_TERBUKA)
_SETELAH = "EXISTS (SELECT 1 FROM v_waktu_efektif r WHERE r.keluhan_id = k.id AND (r.waktu >= :a OR r.urutan > :n))"
# ... open now (keluhan_status_dicatat): untouched since the period's end and the anchor, today's
# row and deadline are their state then; touched since (``disentuh``), they are folded.
SQL_TERBUKA_KINI = f"""
SELECT {_KOLOM}, k.status, k.waktu_status, k.diinformasikan, k.ditunda,
       t.langkah AS t_langkah, t.batas AS t_batas, t.lewat_setelah_utc AS t_lewat, {_SETELAH} AS disentuh
FROM keluhan k LEFT JOIN tenggat t ON t.keluhan_id = k.id
WHERE k.status IN ({_TERBUKA}) AND k.dicatat < :m
"""
# ... closed after the period's end though recorded before its start: handled for longer
# than the period lasts (keluhan_lama_penanganan, an index on that duration), so few.
SQL_SELESAI_SESUDAH = """
SELECT k.id FROM keluhan k
WHERE k.diinformasikan IS NOT NULL AND julianday(k.diinformasikan) - julianday(k.dicatat) > :hari
  AND k.dicatat < :m AND k.diinformasikan >= :a
"""
# ... decided after the period's end (keluhan_diputus: the few appeals decided since); a
# complaint among both lists is folded once.
SQL_DIPUTUS_SESUDAH = """
SELECT k.id FROM keluhan k WHERE k.diputus >= :a AND k.dicatat < :m
"""
SQL_RIWAYAT_SEBAGIAN = """
SELECT r.*, d.patuh AS durasi_patuh
FROM v_waktu_efektif r LEFT JOIN durasi_peristiwa d ON d.riwayat_urutan = r.urutan
WHERE r.keluhan_id IN (SELECT value FROM json_each(:ids)) AND r.waktu < :a AND r.urutan <= :n
ORDER BY r.keluhan_id, r.urutan
"""
# The progress notices (kabari) each open complaint had been given by the period's end and
# the anchor (riwayat_keluhan, per complaint of the open list).
SQL_KABAR = """
SELECT keluhan_id, COUNT(*) FROM riwayat
WHERE keluhan_id IN (SELECT value FROM json_each(:ids)) AND aksi = 'kabari' AND waktu < :a AND urutan <= :n
GROUP BY keluhan_id
"""
# Complaints recorded before the period with an event recorded after the anchor (only
# asked when the anchor is not the tip): a step 6 dated in the period but written later
# leaves them open at the period's end as the anchor saw it. riwayat's primary key.
SQL_SESUDAH_JANGKAR = """
SELECT r.keluhan_id FROM v_waktu_efektif r CROSS JOIN keluhan k ON k.id = r.keluhan_id
WHERE r.urutan > :n AND r.waktu < :a AND k.dicatat < :m
"""
# Step events that happened in the period, per step (riwayat_waktu_langkah, index only; the
# moved ones through v_waktu_efektif), and of those the measured ones and how many met the mutu baku (each
# event's durasi_peristiwa row by its key): a step event's measured duration ends at the event (``akhir = waktu``).
# The rest could not be measured (step 2 without --diajukan).
SQL_LANGKAH = f"""
SELECT langkah, SUM(n) FROM (
    SELECT r.langkah AS langkah, COUNT(*) AS n FROM riwayat r
    WHERE r.waktu >= :m AND r.waktu < :a AND r.langkah IN {_DIUKUR} AND r.urutan <= :n AND r.urutan NOT IN ({_DIKOREKSI})
    GROUP BY r.langkah
    UNION ALL
    SELECT r.langkah, COUNT(*) FROM v_waktu_efektif r
    WHERE r.urutan IN ({_DIKOREKSI}) AND r.waktu >= :m AND r.waktu < :a AND r.langkah IN {_DIUKUR} AND r.urutan <= :n
    GROUP BY r.langkah)
GROUP BY langkah
"""
SQL_LANGKAH_DIUKUR = f"""
SELECT langkah, SUM(n), SUM(p) FROM ({_durasi_periode("r.langkah AS langkah, COUNT(*) AS n, SUM(d.patuh) AS p",
                                                     "1 GROUP BY r.langkah")})
GROUP BY langkah
"""
# ``pencatatan_susulan``: the period's step events (riwayat_waktu_langkah, then each event's
# row; the moved ones through v_waktu_efektif) counted per step, local date claimed and date written (a stored time's text is its
# local time in the archive's zone, offset included): a few hundred groups however many
# events, each decided by its two dates' working-day numbers. Then, one by one, the events
# of the groups that need the minute or whose offset is not the zone's (``:kunci``), or all
# of them (``:semua``: the compliance is recomputed with the anchor's calendar).
SQL_SUSULAN = f"""
SELECT a, b, c, d, langkah, SUM(n), SUM(p) FROM (
    SELECT substr(r.waktu, 1, 10) AS a, substr(r.waktu, 20) AS b, substr(r.dicatat_pada, 1, 10) AS c,
           substr(r.dicatat_pada, 20) AS d, r.langkah AS langkah, COUNT(*) AS n, SUM(d.patuh = 1) AS p
    FROM riwayat r LEFT JOIN durasi_peristiwa d ON d.riwayat_urutan = r.urutan
    WHERE r.waktu >= :m AND r.waktu < :a AND r.langkah IN {_DIUKUR} AND r.urutan <= :n AND r.urutan NOT IN ({_DIKOREKSI})
    GROUP BY 1, 2, 3, 4, 5
    UNION ALL
    SELECT substr(r.waktu, 1, 10), substr(r.waktu, 20), substr(r.dicatat_pada, 1, 10), substr(r.dicatat_pada, 20),
           r.langkah, COUNT(*), SUM(d.patuh = 1)
    FROM v_waktu_efektif r LEFT JOIN durasi_peristiwa d ON d.riwayat_urutan = r.urutan
    WHERE r.urutan IN ({_DIKOREKSI}) AND r.waktu >= :m AND r.waktu < :a AND r.langkah IN {_DIUKUR} AND r.urutan <= :n
    GROUP BY 1, 2, 3, 4, 5)
GROUP BY 1, 2, 3, 4, 5
"""
SQL_SUSULAN_SATU = f"""
SELECT r.langkah, r.waktu, r.dicatat_pada, d.patuh, r.urutan
FROM v_waktu_efektif r LEFT JOIN durasi_peristiwa d ON d.riwayat_urutan = r.urutan
WHERE {_DALAM_PERIODE} AND r.langkah IN {_DIUKUR} AND r.urutan <= :n
  AND (:semua OR substr(r.waktu, 1, 10) || substr(r.waktu, 20) || ' ' || substr(r.dicatat_pada, 1, 10)
                 || substr(r.dicatat_pada, 20) IN (SELECT value FROM json_each(:kunci)))
"""
# The period's measured steps, to recompute their compliance with the anchor's calendar
# when the calendar changed after the anchor (the period's events, then each one's row).
SQL_DURASI_ULANG = _durasi_periode("d.riwayat_urutan, r.langkah, d.mulai, r.waktu, d.mutu_baku, r.keluhan_id")
# Complaints closed (step 6) in the period, with their recording time (keluhan_selesai,
# index only). ``diinformasikan`` is written by step 6 alone (moved only by a correction of its time,
# which writes the row again); it holds
# the LATEST step 6, so a complaint informed twice (an accepted appeal) is corrected below.
SQL_SELESAI = """
SELECT dicatat, diinformasikan FROM keluhan
WHERE diinformasikan >= :m AND diinformasikan < :a
"""
# ... step 6 events dated in the period but written after the anchor: not closed then.
SQL_SELESAI_SESUDAH_JANGKAR = f"""
SELECT k.id, k.dicatat, r.waktu FROM v_waktu_efektif r CROSS JOIN keluhan k ON k.id = r.keluhan_id
WHERE r.urutan > :n AND r.aksi = 'informasikan' AND {_DALAM_PERIODE}
"""
# Complaints that may have a step 6 in the period other than their latest: an appeal
# accepted at or after the period's start (keluhan_diputus: few); their step 6 events are
# read from riwayat instead (riwayat_keluhan).
SQL_INFORMASI_ULANG = """
SELECT k.id, k.dicatat, k.diinformasikan FROM keluhan k WHERE k.diputus >= :m AND k.putusan = 'diterima'
"""
SQL_INFORMASI_ULANG_PERISTIWA = """
SELECT k.dicatat, r.waktu FROM v_waktu_efektif r JOIN keluhan k ON k.id = r.keluhan_id
WHERE r.keluhan_id IN (SELECT value FROM json_each(:ids)) AND r.aksi = 'informasikan'
  AND r.waktu >= :m AND r.waktu < :a AND r.urutan <= :n
"""
# The statuses at the period's end of its complaints (the previous period's, for the
# comparison), counted in SQL: each one's status is that of its last step before then,
# "last" being the largest ``urutan``, carried in front of the status as 12 digits
# (100000000000 + urutan) so that MAX picks it; substr drops them again.
SQL_STATUS_PERIODE = """
SELECT substr(s, 13), COUNT(*) FROM (
    SELECT MAX(CASE WHEN r.waktu < :a AND r.urutan <= :n AND r.status_ke IS NOT NULL
                    THEN (100000000000 + r.urutan) || r.status_ke END) AS s
    FROM keluhan k JOIN v_waktu_efektif r ON r.keluhan_id = k.id
    WHERE k.dicatat >= :m AND k.dicatat < :a
    GROUP BY k.dicatat, k.nomor)
WHERE s IS NOT NULL
GROUP BY 1
"""
# The first complaint recorded by the anchor, when it is older than riwayat's tip (walks
# keluhan_dicatat_nomor in order and stops at the first one with an event by then):
# whether the archive held anything as early as the previous period.
SQL_PERTAMA = """
SELECT k.dicatat FROM keluhan k
WHERE EXISTS (SELECT 1 FROM riwayat r WHERE r.keluhan_id = k.id AND r.urutan <= :n)
ORDER BY k.dicatat LIMIT 1
"""

# ``kepuasan``: each complaint's latest answer (as of the period's end and the anchor) counted in
# the period it was given: the complaints with an answer dated in the period (riwayat_waktu),
# folded up to its end (a later answer or correction does not reach back).
SQL_KEPUASAN = """
SELECT DISTINCT keluhan_id FROM riwayat
WHERE waktu >= :m AND waktu < :a AND urutan <= :n AND aksi = 'kepuasan'
"""
# ``tunda``: the period's measured step events that were paused (keluhan tunda): the period's
# events, each one's row by its key.
# (the complaint read only for the rows found: riwayat_waktu_langkah does not hold it)
SQL_TUNDA = _durasi_periode("d.riwayat_urutan, (SELECT x.keluhan_id FROM riwayat x WHERE x.urutan = d.riwayat_urutan),"
                            " r.langkah, d.menit_tunda, d.patuh, d.patuh_tanpa_tunda", "d.menit_tunda > 0")
# ``efektivitas``: the period's reviews by result (riwayat_waktu) ...
SQL_TINJAUAN = """
SELECT json_extract(rincian, '$.hasil'), COUNT(*) FROM riwayat
WHERE waktu >= :m AND waktu < :a AND urutan <= :n AND aksi = 'efektivitas'
GROUP BY 1
"""
# ... and the rounds whose review was pending at its end. Most are quiet: still pending now,
# counting from before the end, untouched since (no review at or after the end, no event
# after the anchor): their row is their state then, and they are only counted, by the
# instant their review started (``migrasi.EFEKTIVITAS_SEJAK_DETIK``, Unix seconds): whole
# hours from the kept counts of ``tindakan_tertunda_jam`` (m021_rekap_tetap, its primary key), the
# seconds of a partial hour from the index tindakan_efektivitas_sejak.
SQL_TERTUNDA_JAM = """
SELECT COALESCE(SUM(jumlah), 0) FROM tindakan_tertunda_jam WHERE jam >= :dari AND jam < :sampai
"""
SQL_TINJAUAN_HITUNG = f"""
SELECT COUNT(*) FROM tindakan
WHERE {migrasi.EFEKTIVITAS_BELUM}
  AND {migrasi.EFEKTIVITAS_SEJAK_DETIK} >= :dari AND {migrasi.EFEKTIVITAS_SEJAK_DETIK} < :sampai
"""
# The rest are folded up to the end and the anchor: the rounds reviewed at or after the end
# (tindakan_efektivitas_pada), and with an anchor older than the tip every complaint with
# an event after it (riwayat's primary key) ...
SQL_TINJAUAN_SESUDAH = """
SELECT keluhan_id FROM tindakan WHERE efektivitas IS NOT NULL AND efektivitas_pada >= :a
"""
SQL_TINJAUAN_SESUDAH_JANGKAR = """
SELECT keluhan_id FROM riwayat WHERE urutan > :n
"""
# ... after their quiet rounds are taken out of the counts again (tindakan's UNIQUE
# (keluhan_id, putaran)), as are those of the period's voided complaints, whose rounds
# the recap does not count.
SQL_TINJAUAN_TENANG = f"""
SELECT {migrasi.EFEKTIVITAS_SEJAK_DETIK} FROM tindakan
WHERE keluhan_id IN (SELECT value FROM json_each(:ids)) AND {migrasi.EFEKTIVITAS_BELUM}
"""


# Voided complaints (``keluhan batal``) as of the anchor, whenever the void is dated: a
# complaint of October voided in November leaves October's figures in a run after the
# void, and stays in the recap signed before it (its anchor precedes the void). A void
# is final, so the voided ones are among those voided now (keluhan_status_dicatat).
SQL_BATAL = """
SELECT k.id, k.nomor, k.dicatat, r.waktu, json_extract(r.rincian, '$.alasan')
FROM keluhan k JOIN riwayat r ON r.keluhan_id = k.id AND r.aksi = 'batal'
WHERE k.status = 'batal' AND r.urutan <= :n
"""
# Voided after the anchor though recorded before the period: not voided as the anchor saw
# them, so perhaps open at the period's end (a void is the one way out of an open status
# that does not pass step 6).
SQL_BATAL_SESUDAH_JANGKAR = """
SELECT k.id FROM keluhan k JOIN riwayat r ON r.keluhan_id = k.id AND r.aksi = 'batal'
WHERE k.status = 'batal' AND r.urutan > :n AND k.dicatat < :m
"""
# The voided complaints' step events of the period, to take out of the step counts.
SQL_LANGKAH_BATAL = f"""
SELECT r.langkah, r.urutan, r.waktu, r.dicatat_pada, d.patuh
FROM v_waktu_efektif r LEFT JOIN durasi_peristiwa d ON d.riwayat_urutan = r.urutan
WHERE r.keluhan_id IN (SELECT value FROM json_each(:batal))
  AND r.waktu >= :m AND r.waktu < :a AND r.langkah IN {_DIUKUR} AND r.urutan <= :n
"""
# ... and, for the comparison period, the status each had at that period's end.
SQL_STATUS_BATAL = """
SELECT r.keluhan_id, r.status_ke FROM v_waktu_efektif r
WHERE r.keluhan_id IN (SELECT value FROM json_each(:batal)) AND r.waktu < :a AND r.urutan <= :n
  AND r.status_ke IS NOT NULL
ORDER BY r.keluhan_id, r.urutan
"""


def dibatalkan(db: sqlite3.Connection, kunci: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The complaints recorded in the period (``kunci``) and voided by the anchor: id ->
    the recap's ``dibatalkan`` row. They leave ``jumlah``, compliance and every breakdown
    but ``per_status.batal`` and ``per_hasil.batal``. Sets ``kunci["batal"]``: every
    complaint voided by the anchor (JSON), whose step events leave the step counts
    wherever they were recorded."""
    hasil, semua = {}, []
    for kid, nomor, dicatat, waktu, alasan in db.execute(SQL_BATAL, kunci):
        semua.append(kid)
        if kunci["m"] <= dicatat < kunci["a"]:
            hasil[kid] = {"id": kid, "nomor": nomor, "dicatat": dicatat, "dibatalkan": waktu, "alasan": alasan}
    kunci["batal"] = json.dumps(semua)
    return dict(sorted(hasil.items(), key=lambda x: (x[1]["dicatat"], x[1]["nomor"])))


class Daftar:
    """The recap's complaint list, in order: in memory while short, in a temporary file
    (one ``marshal`` record per row) past ``BATAS`` rows, and read back each time it is
    iterated, by one reader at a time. len(), truth and == behave as a list's. A year of a big archive holds
    hundreds of thousands of rows; at about 1 KB each in memory they would not fit the
    200 MB a recap may use (issue 7)."""

    BATAS = 50_000

    def __init__(self) -> None:
        self._isi: list[dict[str, Any]] = []
        self._kunci: tuple[str, ...] = ()
        self._berkas: Any = None
        self._n = 0
        self._membaca = False

    def append(self, baris: dict[str, Any]) -> None:
        self._n += 1
        if self._berkas is None:
            self._isi.append(baris)
            if len(self._isi) > self.BATAS:
                import marshal
                import tempfile

                self._berkas = tempfile.TemporaryFile()
                self._kunci = tuple(baris)
                for b in self._isi:
                    marshal.dump(tuple(b.values()), self._berkas)
                self._isi = []
            return
        import marshal

        marshal.dump(tuple(baris.values()), self._berkas)

    def __iter__(self) -> Iterator[dict[str, Any]]:
        if self._berkas is None:
            yield from self._isi
            return
        import marshal

        if self._membaca:
            raise RuntimeError("Daftar dibaca oleh satu pembaca pada satu waktu")
        self._membaca = True
        try:
            f, kunci = self._berkas, self._kunci
            f.seek(0)
            while True:
                try:
                    baris = marshal.load(f)
                except EOFError:
                    return
                yield dict(zip(kunci, baris))
        finally:
            self._membaca = False
            self._berkas.seek(0, 2)  # appending continues at the end

    def __len__(self) -> int:
        return self._n

    def __del__(self) -> None:
        if self._berkas is not None:
            self._berkas.close()  # the temporary file goes with it

    def __bool__(self) -> bool:
        return self._n > 0

    def __eq__(self, lain: object) -> bool:
        return isinstance(lain, (list, Daftar)) and len(lain) == self._n and all(a == b for a, b in zip(self, lain))

    __hash__ = None  # type: ignore[assignment]


@dataclass
class _Keadaan:
    """One complaint at the period's end: its row then, and what its events say."""

    keluhan: dict[str, Any]
    telat: list[int]  # steps that missed their mutu baku, in the order they happened
    kembali: int  # returns for rework (step 5)
    tindakan: str | None  # the last CAPA round's correction
    disentuh: bool = False  # an event at or after the period's end (its stored deadline is later)
    capa: list[dict[str, Any]] | None = None  # its CAPA rounds then (folded ones only)
    peristiwa: list[dict[str, Any]] | None = None  # its events then (folded ones only)


def _lipat(baris: Iterator[sqlite3.Row], ulang: dict[int, int] | None = None) -> Iterator[_Keadaan]:
    """Fold rows ordered by complaint then ``urutan`` into each complaint's state; ``ulang``:
    compliance recomputed with the anchor's calendar, by event."""
    kid, k, t, peristiwa = None, None, [], []

    def keadaan() -> _Keadaan:
        telat: list[int] = []
        for p in peristiwa:
            if ulang is not None and p["urutan"] in ulang:
                p["durasi_patuh"] = ulang[p["urutan"]]
            if p["durasi_patuh"] == 0 and p["langkah"] not in telat:
                telat.append(p["langkah"])
        kembali = sum(p["aksi"] == Aksi.VERIFIKASI_KEMBALIKAN for p in peristiwa)
        return _Keadaan(k, telat, kembali, t[-1]["koreksi"] if t else None, True, t, peristiwa)  # type: ignore[arg-type]

    for r in baris:
        p = dict(r)
        p["rincian"] = json.loads(p["rincian"])
        if p["keluhan_id"] != kid:
            if kid is not None:
                yield keadaan()
            kid, k, t, peristiwa = p["keluhan_id"], None, [], []
        k, t = proyeksi.terapkan(k, t, p)
        peristiwa.append(p)
    if kid is not None:
        yield keadaan()


def _periode_dan_peristiwa(db: sqlite3.Connection, h: _Hitung, kunci: dict[str, Any]) -> Iterator[_Keadaan]:
    """The period's complaints at its end, in the recap's order (recording time, number).
    A complaint with a correction or step 3 at or after the end, or recorded after the
    anchor, is folded from its events up to both; one recorded after the anchor is left out."""
    a, n = kunci["a"], kunci["n"]
    telat_set = h.telat(db, kunci)
    # Both queries list the same complaints in the same order, and each has its catat event:
    # one group of events per complaint row.
    kelompok = groupby(db.execute(SQL_PERISTIWA_PERIODE, kunci), key=itemgetter(0))
    for (kid, nomor, dicatat, nama, instansi, media, layanan, kategori, tim, uraian,
         t_langkah, t_batas, t_lewat), (kid_e, grup) in zip(db.execute(SQL_KELUHAN_PERIODE, kunci), kelompok):
        if kid_e != kid:
            raise sqlite3.DatabaseError(f"keluhan {kid} tanpa peristiwa catat di riwayat; jalankan 'keluhan periksa'")
        milik = list(grup)
        if any(milik[i][1] > milik[i + 1][1] for i in range(len(milik) - 1)):
            milik.sort(key=itemgetter(1))  # SQLite chose another plan: put them back in order
        if milik[0][1] > n:
            continue  # its catat was written after the anchor: not in the archive then
        status = waktu_status = selesai = tindakan = ditunda = None
        validasi: str | None = None
        telat: list[int] = []
        kembali, disentuh, lipat = 0, False, False
        for _, urutan, aksi, status_ke, waktu, langkah, koreksi in milik:
            if waktu >= a or urutan > n:
                disentuh = True
                # the descriptive fields change: a correction, step 3, an accepted appeal (its team)
                lipat = lipat or aksi in ("koreksi", "putusan_diterima") or aksi.startswith("validasi")
                continue
            if ditunda is not None and mengakhiri_tunda(Aksi(aksi), status):  # the pause ends here (keluhan tunda)
                ditunda = None
            if aksi == "tunda":
                ditunda = waktu
            if status_ke is not None:
                status, waktu_status = status_ke, waktu
            if urutan in telat_set and langkah not in telat:
                telat.append(langkah)
            if aksi == "verifikasi_kembalikan":
                kembali += 1
            elif aksi == "tindak":
                tindakan = koreksi
            elif aksi == "koreksi" and koreksi in proyeksi.KOLOM_KOREKSI_TINDAKAN:
                lipat = True  # a CAPA round's field corrected: its text is the fold's
            elif aksi == "informasikan":
                selesai = waktu
            elif aksi == "validasi_benar" or aksi == "putusan_diterima":  # accepted: valid from the decision
                validasi = "benar"
            elif aksi == "validasi_tidak_benar":
                validasi = "tidak_benar"
        if lipat:
            yield from _dilipat(db, [kid], kunci, h.ulang)
            continue
        k = {"id": kid, "nomor": nomor, "dicatat": dicatat, "nama": nama, "instansi": instansi, "media": media,
             "layanan": layanan, "kategori": kategori, "tim_teknis": tim, "uraian": uraian, "status": status,
             "waktu_status": waktu_status, "diinformasikan": selesai, "validasi": validasi, "ditunda": ditunda}
        if not disentuh and h.tenggat_tersimpan:
            k.update(t_langkah=t_langkah, t_batas=t_batas, t_lewat=t_lewat)
        yield _Keadaan(k, telat, kembali, tindakan, disentuh)


class _Hitung:
    """What the recap computes rather than reads. ``kalender_tetap``: the calendar the
    archive's derived rows were computed with is still the anchor's (no entry in
    ``kalender_riwayat`` after it), so the stored deadlines and compliance hold; otherwise
    they are recomputed with ``kal``, the calendar at the anchor."""

    def __init__(self, kal: Kalender, p: dict[str, Any], periode: Periode, sekarang: datetime,
                 *, kalender_tetap: bool = True) -> None:
        self.kal, self.p, self.periode = kal, p, periode
        akhir = datetime.combine(periode.akhir + timedelta(days=1), time(0), kal.zona)
        self.titik = min(akhir, sekarang)  # "as of": the period's end, or now for a current period
        self.titik_utc = tenggat.utc(self.titik)
        self._mutu: dict[int, MutuBaku] = {}
        self._hari: dict[tuple[str, str | None], float] = {}
        self.tenggat_tersimpan = kalender_tetap
        self.ulang: dict[int, int] | None = None  # event -> compliance, recomputed (calendar moved)
        # paused event -> (complaint, step, paused minutes, compliance without, compliance), recomputed
        self.ulang_tunda: dict[int, tuple[str, int, float, int, int]] = {}
        self._ulang_per: dict[int, list[int]] = {}  # step -> [measured, compliant]
        self._susulan: tuple[dict[int, list[int]], int] | None = None
        self._hk: dict[str, int] = {}
        self._off: dict[str, str] = {}
        self.sebelum_ujung = False  # the anchor is older than riwayat's tip: later events exist
        self.db: sqlite3.Connection | None = None  # set by _hitung: the paused complaints' pauses are read from it
        self.n = 2**62
        self.ditunda_ids: set[str] = set()  # the complaints ever paused (keluhan/tunda.py)

    def _hitung_ulang(self, db: sqlite3.Connection, kunci: dict[str, Any]) -> None:
        """Compliance of the period's measured steps with the anchor's calendar and settings:
        from each ``durasi_langkah`` row's own start and end (which never change) and the
        mutu baku the anchor's settings ledger puts in force at that start (the row's own
        ``mutu_baku`` follows the ledger's tip, which a backdated change may have moved)."""
        if self.ulang is not None:
            return
        from keluhan import tunda

        self.ulang, per, mutu = {}, {n: [0, 0] for n in LANGKAH_DIUKUR}, {}
        self.ulang_tunda = {}
        ditunda, jeda = tunda.punya_tunda(db), {}
        dari_buku = getattr(self.kal, "setelan", None) is not None
        for u, langkah, mulai, akhir, teks, kid in db.execute(SQL_DURASI_ULANG, kunci):
            if dari_buku:  # the mutu baku in force at the clock's start, per the ledger at the anchor
                m = self.mutu(langkah, mulai)
            else:
                m = mutu.get(teks) or mutu.setdefault(teks, MutuBaku.parse(teks))
            if kid in ditunda:  # a paused step: its pauses (events before it) measured with this calendar too
                if kid not in jeda:
                    jeda[kid] = tunda.rentang_db(db, kid)
                rentang = tunda.dalam(jeda[kid], mulai, akhir)
            else:
                rentang = []
            if rentang:
                _, menit_tunda, _, ok, asli = self.kal.ukur_jeda(w.dari_iso(mulai), w.dari_iso(akhir), m, rentang)
                patuh = int(ok)
                if menit_tunda:
                    self.ulang_tunda[u] = (kid, langkah, menit_tunda, int(asli), patuh)
            else:
                patuh = int(self.kal.patuh(w.dari_iso(mulai), w.dari_iso(akhir), m))
            self.ulang[u] = patuh
            per[langkah][0] += 1
            per[langkah][1] += patuh
        self._ulang_per = per

    def telat(self, db: sqlite3.Connection, kunci: dict[str, Any]) -> set[int]:
        """The period's step events that missed their mutu baku."""
        if self.tenggat_tersimpan:
            return {r[0] for r in db.execute(SQL_TELAT, kunci)}
        self._hitung_ulang(db, kunci)
        return {u for u, patuh in (self.ulang or {}).items() if not patuh}

    def diukur(self, db: sqlite3.Connection, kunci: dict[str, Any]) -> list[tuple[int, int, int]]:
        """(step, measured, compliant) of the period's step events."""
        if self.tenggat_tersimpan:
            return list(db.execute(SQL_LANGKAH_DIUKUR, kunci))
        self._hitung_ulang(db, kunci)
        return [(n, d, p) for n, (d, p) in self._ulang_per.items() if d]

    def _hari_ke(self, tanggal: str) -> int:
        """Working days before the local date ``tanggal`` ('YYYY-MM-DD'), counted from a fixed
        origin (the period's first day: the calendar is cached from there on already): whole
        days from midnight to midnight, an integer."""
        hasil = self._hk.get(tanggal)
        if hasil is None:
            zona = self.kal.zona
            acuan = datetime.combine(self.periode.mulai, time(0), zona)
            malam = datetime.combine(date.fromisoformat(tanggal), time(0), zona)
            hasil = self._hk[tanggal] = round(self.kal.hari_kerja(acuan, malam) - self.kal.hari_kerja(malam, acuan))
        return hasil

    def _offset(self, tanggal: str) -> str:
        """The archive zone's offset at noon of ``tanggal``, as stored times write it ('+07:00')."""
        hasil = self._off.get(tanggal)
        if hasil is None:
            hasil = self._off[tanggal] = w.iso(datetime.combine(date.fromisoformat(tanggal), time(12), self.kal.zona))[19:]
        return hasil

    def susulan(self, db: sqlite3.Connection, kunci: dict[str, Any]) -> tuple[dict[int, list[int]], int]:
        """Per step: [entered late, compliant and entered late], and the total entered late.
        Late: written (``dicatat_pada``) more than one working day after its ``waktu``, in
        working days as the recap counts them (``Kalender.hari_kerja``). Events are counted
        by the local dates of their two times: 0 or fewer working days apart (by the days'
        numbers) is not late, 3 or more is; only those 1 or 2 apart are measured to the
        minute, one by one, as are all of them when the calendar is the anchor's own."""
        if self._susulan is not None:
            return self._susulan
        per = {n: [0, 0] for n in LANGKAH_DIUKUR}
        kal, ulang, hari_ke, offset = self.kal, self.ulang, self._hari_ke, self._offset
        satu: list[str] = []
        jumlah = 0
        if ulang is None:  # the stored compliance holds: by groups
            for da, oa, db_, ob, langkah, n, patuh in db.execute(SQL_SUSULAN, kunci):
                if oa != offset(da) or ob != offset(db_):
                    satu.append(f"{da}{oa} {db_}{ob}")
                    continue
                selisih = hari_ke(db_) - hari_ke(da)
                if selisih >= 3:
                    per[langkah][0] += n
                    per[langkah][1] += patuh or 0
                    jumlah += n
                elif selisih > 0:
                    satu.append(f"{da}{oa} {db_}{ob}")
        if satu or ulang is not None:
            for langkah, waktu, dicatat, patuh, urutan in db.execute(
                    SQL_SUSULAN_SATU, {**kunci, "semua": ulang is not None, "kunci": json.dumps(sorted(set(satu)))}):
                if kal.hari_kerja(w.dari_iso(waktu), w.dari_iso(dicatat)) <= 1:
                    continue
                if ulang is not None:
                    patuh = ulang.get(urutan)
                per[langkah][0] += 1
                per[langkah][1] += patuh == 1
                jumlah += 1
        self._susulan = per, jumlah
        return self._susulan

    def mutu(self, langkah: int, pada: str | datetime | None = None) -> MutuBaku:
        """Step ``langkah``'s mutu baku for a clock started at ``pada`` (None: the period's
        end), from the archive's settings ledger when the calendar carries it."""
        setelan = getattr(self.kal, "setelan", None)
        if setelan is not None:
            return setelan.mutu(langkah, self.titik if pada is None else pada)  # type: ignore[no-any-return]
        if langkah not in self._mutu:
            bagian, nama = kunci_mutu(langkah).split(".")
            self._mutu[langkah] = MutuBaku.parse(self.p[bagian][nama])
        return self._mutu[langkah]

    def tunggu(self, k: dict[str, Any]) -> tuple[int, str, bool] | None:
        """The step an open complaint waited for at the period's end, its deadline, late then?"""
        berikut = _BERIKUT[k["status"]]
        if berikut is None:
            return None
        if k["id"] in self.ditunda_ids:  # ever paused (keluhan tunda): its deadline as of the period's end, from its pauses
            from keluhan import tunda

            mutu = self.mutu(berikut, k["waktu_status"])
            jeda = tunda.rentang_sampai(self.db, k["id"], self.n)  # type: ignore[arg-type]
            batas, lewat, _ = tunda.tenggat_pada(self.kal, k["waktu_status"], mutu, jeda, self.titik)
            return berikut, batas, lewat
        if k.get("t_langkah") == berikut:  # untouched since: the deadline stored with its last step
            return berikut, k["t_batas"], k["t_lewat"] < self.titik_utc
        mulai, mutu = w.dari_iso(k["waktu_status"]), self.mutu(berikut, k["waktu_status"])
        return berikut, w.iso(self.kal.batas(mulai, mutu)), not self.kal.patuh(mulai, self.titik, mutu)

    def hari_kerja(self, k: dict[str, Any]) -> float:
        return round(self.hari_kerja_mentah(k["dicatat"], k.get("diinformasikan")), 2)

    def hari_kerja_mentah(self, dicatat: str, selesai: str | None) -> float:
        """Working days from recording to step 6 (or to the period's end), unrounded. Kept:
        a complaint recorded and closed in the period is asked for twice (its row, and the
        period's resolution times)."""
        kunci = (dicatat, selesai)
        hari = self._hari.get(kunci)
        if hari is None:
            akhir = w.dari_iso(selesai) if selesai else self.titik
            hari = self._hari[kunci] = self.kal.hari_kerja(w.dari_iso(dicatat), akhir)
        return hari

    def terbuka(self, k: dict[str, Any], tunggu: tuple[int, str, bool] | None, hari: float | None = None) -> dict[str, Any] | None:
        """A row of ``terbuka_akhir_periode`` (None when the complaint was finished by then)."""
        if tunggu is None:
            return None
        return {
            "id": k["id"], "nomor": k["nomor"], "dicatat": k["dicatat"], "nama": k["nama"], "status": k["status"],
            "tim_teknis": k["tim_teknis"], "langkah": tunggu[0], "langkah_berikutnya": tunggu[0],
            "batas": tunggu[1], "terlambat": tunggu[2], "hari_kerja": self.hari_kerja(k) if hari is None else hari,
            "keterangan": f"Menunggu langkah {tunggu[0]}" + (", melewati mutu baku" if tunggu[2] else "")
                          + (", jam ditunda" if k.get("ditunda") else ""),
            "ditunda": k.get("ditunda"),
        }

    def butir(self, s: _Keadaan) -> tuple[dict[str, Any], dict[str, Any] | None]:
        """One row of the recap's complaint list, and of the open list when still open."""
        k = s.keluhan
        keterangan = [f"terlambat langkah {n}" for n in s.telat]
        tunggu = self.tunggu(k)
        if tunggu and tunggu[2]:
            keterangan.append(f"lewat batas langkah {tunggu[0]}")
        if s.kembali:
            keterangan.append(f"dikembalikan {s.kembali} kali")
        if k["validasi"] == "tidak_benar":
            keterangan.append("tidak valid")
        if k["status"] == Status.BANDING:
            keterangan.append("banding")
        uraian = " ".join(k["uraian"].split())
        hari = self.hari_kerja(k)
        return {
            "id": k["id"], "nomor": k["nomor"], "dicatat": k["dicatat"], "nama": k["nama"],
            "instansi": k["instansi"], "media": k["media"], "layanan": k["layanan"], "kategori": k["kategori"],
            "tim_teknis": k["tim_teknis"],
            "uraian_singkat": uraian if len(uraian) <= _URAIAN_SINGKAT else uraian[: _URAIAN_SINGKAT - 1].rstrip() + "…",
            "tindakan": s.tindakan,
            "selesai": k["diinformasikan"][:10] if k.get("diinformasikan") else None,
            "hari_kerja": hari,
            "status": k["status"],
            "hasil": hasil_validasi(k),
            "langkah_berikutnya": tunggu[0] if tunggu else None,
            "keterangan": "; ".join(keterangan),
        }, self.terbuka(k, tunggu, hari)


HASIL = ("valid", "tidak_valid", "batal", "belum_divalidasi")


def hasil_validasi(k: dict[str, Any]) -> str:
    """The outcome of step 3 as of the fold ``k``, which a later ``selesai`` does not hide."""
    if k["status"] == "batal":
        return "batal"
    return {"benar": "valid", "tidak_benar": "tidak_valid"}.get(k.get("validasi") or "", "belum_divalidasi")


def _urut(k: dict[str, Any]) -> tuple[str, str]:
    return k["dicatat"], k["nomor"]


def _dilipat(db: sqlite3.Connection, ids: list[str], kunci: dict[str, Any], ulang: dict[int, int] | None = None,
            ) -> Iterator[_Keadaan]:
    """The complaints ``ids`` folded from their events before the period's end and up to the anchor."""
    for i in range(0, len(ids), 5000):
        yield from _lipat(db.execute(SQL_RIWAYAT_SEBAGIAN, {**kunci, "ids": json.dumps(ids[i:i + 5000])}), ulang)


def _langkah(db: sqlite3.Connection, h: _Hitung, kunci: dict[str, Any], *, susulan: bool = True) -> dict[str, dict[str, Any]]:
    """Per step: the period's step events, measured, compliant; with ``susulan`` also how
    many were entered late (not asked for the previous period's comparison)."""
    langkah = {str(n): {"total": 0, "patuh": 0, "tidak_diukur": 0, "mutu_baku": str(h.mutu(n))} for n in LANGKAH_DIUKUR}
    for n, total in db.execute(SQL_LANGKAH, kunci):
        langkah[str(n)].update(total=total, tidak_diukur=total)
    for n, diukur, patuh in h.diukur(db, kunci):
        x = langkah[str(n)]
        x.update(patuh=patuh, tidak_diukur=x["total"] - diukur)
    if susulan:
        for n, (jumlah, patuh) in h.susulan(db, kunci)[0].items():
            langkah[str(n)].update(susulan=jumlah, patuh_susulan=patuh)
    if kunci.get("batal", "[]") != "[]":  # the voided complaints' step events leave the counts
        for n, urutan, waktu, dicatat_pada, patuh in db.execute(SQL_LANGKAH_BATAL, kunci):
            x = langkah[str(n)]
            if h.ulang is not None and patuh is not None:
                patuh = h.ulang.get(urutan, patuh)
            x["total"] -= 1
            if patuh is None:
                x["tidak_diukur"] -= 1
            x["patuh"] -= patuh == 1
            if susulan and h.kal.hari_kerja(w.dari_iso(waktu), w.dari_iso(dicatat_pada)) > 1:
                x["susulan"] -= 1
                x["patuh_susulan"] -= patuh == 1
    return langkah


# The trend's figures of a month (keluhan/analisis.py): its step events and, of the measured
# ones, how many met the mutu baku, as sums (what ``_langkah``'s steps add up to), without
# grouping: events whose time no correction moved are counted straight from
# riwayat_waktu_langkah (index only), the few a correction moved through v_waktu_efektif
# (the effective time decides), so the view's per-event lookups are skipped.
SQL_LANGKAH_JUMLAH = f"""
SELECT (SELECT COUNT(*) FROM riwayat r
        WHERE r.waktu >= :m AND r.waktu < :a AND r.langkah IN {_DIUKUR} AND r.urutan <= :n
          AND r.urutan NOT IN ({_DIKOREKSI}))
     + (SELECT COUNT(*) FROM v_waktu_efektif r
        WHERE r.urutan IN ({_DIKOREKSI}) AND r.waktu >= :m AND r.waktu < :a AND r.langkah IN {_DIUKUR}
          AND r.urutan <= :n)
"""
SQL_LANGKAH_DIUKUR_JUMLAH = f"""
SELECT COALESCE(SUM(n), 0), COALESCE(SUM(p), 0) FROM ({_durasi_periode("COUNT(*) AS n, SUM(d.patuh) AS p")})
"""


def langkah_jumlah(db: sqlite3.Connection, h: _Hitung, kunci: dict[str, Any]) -> tuple[int, int, int]:
    """The period's step events, measured, compliant: the sums over ``_langkah``'s steps (voided
    complaints out), in two counts when the stored compliance holds (the calendar at the
    anchor is the archive's), else from ``_langkah`` itself."""
    if not h.tenggat_tersimpan:
        langkah = _langkah(db, h, kunci, susulan=False)
        total = sum(x["total"] for x in langkah.values())
        return total, total - sum(x["tidak_diukur"] for x in langkah.values()), sum(x["patuh"] for x in langkah.values())
    (total,) = db.execute(SQL_LANGKAH_JUMLAH, kunci).fetchone()
    diukur, patuh = db.execute(SQL_LANGKAH_DIUKUR_JUMLAH, kunci).fetchone()
    if kunci.get("batal", "[]") != "[]":  # the voided complaints' step events leave the counts
        for _, _, _, _, p in db.execute(SQL_LANGKAH_BATAL, kunci):
            total -= 1
            diukur -= p is not None
            patuh -= p == 1
    return total, diukur, patuh


def _pencatatan_susulan(langkah: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """Events entered late, per step: from ``_langkah``'s counts (voided complaints out)."""
    per = {n: x["susulan"] for n, x in langkah.items()}
    return {"jumlah": sum(per.values()), "per_langkah": per}


def _kepuasan(db: sqlite3.Connection, h: _Hitung, kunci: dict[str, Any]) -> dict[str, Any]:
    """``kepuasan``: the latest answer of each complaint answered in the period (keluhan/ikm.py)."""
    per: Counter[int] = Counter()
    menerima = Counter()
    ids = [r[0] for r in db.execute(SQL_KEPUASAN, kunci)]
    for s in _dilipat(db, ids, kunci, h.ulang):
        k = s.keluhan
        if k.get("dinilai") and kunci["m"] <= k["dinilai"] < kunci["a"]:
            per[k["kepuasan_nilai"]] += 1
            menerima[k["kepuasan_menerima"]] += 1
    return ikm.hitung(per) | {"menerima": menerima[1], "tidak_menerima": menerima[0]}


_TAK_HINGGA = 3600 * 2**40  # seconds beyond any stored time, a whole hour


def _efektivitas(db: sqlite3.Connection, h: _Hitung, kunci: dict[str, Any], batal: dict[str, Any]) -> dict[str, int]:
    """``efektivitas``: the period's reviews by result, and the reviews pending at its end
    (as of the anchor) and of those the overdue ones (keluhan/efektivitas.py). A pending
    review is overdue at the end when the day it falls due (the ``setelah``-th working day
    after the local date it counts from) is before the end's date: for one value of
    ``setelah``, exactly when it started counting before a threshold day, found by counting
    ``setelah`` working days back from that date. So the quiet rounds are counted, not
    read: per stretch of time over which the settings ledger keeps one value in force,
    twice from the index (all, and those before the threshold)."""
    hasil = dict(db.execute(SQL_TINJAUAN, kunci).fetchall())
    kal, zona = h.kal, h.kal.zona
    akhir = datetime.combine(date.fromisoformat(kunci["a"]), time(0), zona)  # stored times before :a
    akhir_detik = int(akhir.timestamp())
    hari_akhir = h.titik.astimezone(zona).date()
    setelan = getattr(kal, "setelan", None)
    # [(from, to, setelah)]: Unix seconds, the value in force over them
    if setelan is not None and setelan.ada("efektivitas.setelah"):
        entri = setelan._kunci["efektivitas.setelah"]
        if entri[0].berlaku_sejak is not None:  # nothing in force before the first: fold them all, as before
            return _efektivitas_dilipat(db, h, kunci, batal, hasil)
        batas = [-_TAK_HINGGA] + [math.ceil(e._t) for e in entri[1:]] + [_TAK_HINGGA]
        rentang = [(batas[i], batas[i + 1], int(e.nilai)) for i, e in enumerate(entri)]
    else:
        rentang = [(-_TAK_HINGGA, _TAK_HINGGA, int(h.p["efektivitas"]["setelah"]))]
    ambang: dict[int, int] = {}

    def ambang_detik(n: int) -> int:
        """Overdue at the end iff the review started counting before this instant (local midnight)."""
        if n not in ambang:
            d, sisa = hari_akhir, n
            while sisa > 0:
                d -= timedelta(days=1)
                sisa -= kal.is_hari_kerja(d)
            ambang[n] = int(datetime.combine(d, time(0), zona).timestamp())
        return ambang[n]

    def kelas(detik: int) -> tuple[int, int]:
        """(pending, overdue) at the end of a quiet round that started counting at ``detik``."""
        if detik >= akhir_detik:
            return 0, 0
        for dari, sampai, n in rentang:
            if dari <= detik < sampai:
                return 1, int(detik < ambang_detik(n))
        return 0, 0  # pragma: no cover (the stretches cover every instant)

    def hitung(dari: int, sampai: int) -> int:
        """Quiet rounds whose review started counting in [dari, sampai) (Unix seconds)."""
        if dari >= sampai:
            return 0
        jam_dari, jam_sampai = -(-dari // 3600), sampai // 3600  # the whole hours inside
        if jam_dari >= jam_sampai:
            return db.execute(SQL_TINJAUAN_HITUNG, {"dari": dari, "sampai": sampai}).fetchone()[0]  # type: ignore[no-any-return]
        n = db.execute(SQL_TERTUNDA_JAM, {"dari": jam_dari, "sampai": jam_sampai}).fetchone()[0]
        for x, y in ((dari, jam_dari * 3600), (jam_sampai * 3600, sampai)):
            if x < y:
                n += db.execute(SQL_TINJAUAN_HITUNG, {"dari": x, "sampai": y}).fetchone()[0]
        return n  # type: ignore[no-any-return]

    belum = terlambat = 0
    for dari, sampai, n in rentang:
        sampai = min(sampai, akhir_detik)
        belum += hitung(dari, sampai)
        terlambat += hitung(dari, min(sampai, ambang_detik(n)))
    lipat = {r[0] for r in db.execute(SQL_TINJAUAN_SESUDAH, kunci)}
    lipat.update(r[0] for r in db.execute(SQL_TINJAUAN_TUNDA, kunci))  # a pause may move a due day: folded
    if h.sebelum_ujung:
        lipat.update(r[0] for r in db.execute(SQL_TINJAUAN_SESUDAH_JANGKAR, kunci))
    keluar = sorted(lipat | batal.keys())
    for i in range(0, len(keluar), 5000):
        for (detik,) in db.execute(SQL_TINJAUAN_TENANG, {"ids": json.dumps(keluar[i:i + 5000])}):
            if detik is not None:
                b, t = kelas(detik)
                belum -= b
                terlambat -= t
    b, t = _tertunda_dilipat(db, h, sorted(lipat - batal.keys()), kunci)
    return _kunci_efektivitas(hasil, belum + b, terlambat + t)


# The complaints whose review's clock was paused up to the anchor (a tunda while finished:
# riwayat_tunda, then the status event before it by riwayat_keluhan; few): such a pause moves
# the review's due day (keluhan/efektivitas.py), so their rounds are folded, not counted.
SQL_TINJAUAN_TUNDA = """
SELECT DISTINCT r.keluhan_id FROM riwayat r
WHERE r.aksi = 'tunda' AND r.urutan <= :n
  AND (SELECT s.status_ke FROM riwayat s WHERE s.keluhan_id = r.keluhan_id AND s.urutan < r.urutan
       AND s.status_ke IS NOT NULL ORDER BY s.urutan DESC LIMIT 1) IN ('selesai', 'batal')
"""


# Every round that may have been pending at the end, each folded up to the end and the
# anchor: the slow way, left for a settings ledger with nothing in force at its start.
SQL_TINJAUAN_CALON = """
SELECT keluhan_id FROM tindakan WHERE verifikasi = 'terima' AND efektivitas IS NOT 'efektif'
UNION
SELECT keluhan_id FROM tindakan WHERE efektivitas IS NOT NULL AND efektivitas_pada >= :a
UNION
SELECT keluhan_id FROM riwayat WHERE urutan > :n AND aksi = 'efektivitas'
"""


def _efektivitas_dilipat(db: sqlite3.Connection, h: _Hitung, kunci: dict[str, Any], batal: dict[str, Any],
                         hasil: dict[str, int]) -> dict[str, int]:
    ids = sorted({r[0] for r in db.execute(SQL_TINJAUAN_CALON, kunci)} - batal.keys())
    return _kunci_efektivitas(hasil, *_tertunda_dilipat(db, h, ids, kunci))


def _tertunda_dilipat(db: sqlite3.Connection, h: _Hitung, ids: list[Any], kunci: dict[str, Any]) -> tuple[int, int]:
    """Reviews pending at the period's end among these complaints, each folded up to the end and the
    anchor: (pending, of which overdue)."""
    belum = terlambat = 0
    for s in _dilipat(db, ids, kunci, h.ulang):
        peristiwa = s.peristiwa or []
        jeda = tunda.rentang_tinjauan(peristiwa) if any(p["aksi"] == "tunda" for p in peristiwa) else []
        for t in s.capa or ():
            x = efektivitas.keadaan(h.kal, h.p, t, h.titik, jeda)
            if x is not None:
                belum += 1
                terlambat += x["terlambat"]
    return belum, terlambat


def _kunci_efektivitas(hasil: dict[str, int], belum: int, terlambat: int) -> dict[str, int]:
    """The recap's ``efektivitas`` key."""
    return {"efektif": hasil.get("efektif", 0), "tidak_efektif": hasil.get("tidak_efektif", 0),
            "belum": belum, "terlambat": terlambat}


def _tunda(db: sqlite3.Connection, h: _Hitung, kunci: dict[str, Any], langkah: Iterable[str]) -> dict[str, dict[str, Any]]:
    """``tunda``, per step (``langkah``'s keys): of the period's measured step events (as ``langkah`` counts
    them, voided complaints out), how many complaints were paused during the step
    (``keluhan``), their paused working minutes (``menit``; left out of the durations), and
    how many events met the mutu baku only because of a pause (``patuh_karena_tunda``:
    compliant, and late had the paused time counted). keluhan/tunda.py says how."""
    hasil: dict[str, dict[str, Any]] = {n: {"keluhan": 0, "menit": 0.0, "patuh_karena_tunda": 0} for n in langkah}
    if h.ulang is None and not h.tenggat_tersimpan:
        h._hitung_ulang(db, kunci)
    batal = set(json.loads(kunci.get("batal", "[]")))
    siapa: dict[str, set[str]] = {n: set() for n in hasil}
    if h.ulang is not None:  # the calendar moved after the anchor: every paused step as the anchor's calendar measures it
        baris = [(u, kid, n, menit, patuh, tanpa) for u, (kid, n, menit, tanpa, patuh) in h.ulang_tunda.items()]
    else:
        baris = db.execute(SQL_TUNDA, kunci).fetchall()
    for u, kid, n, menit, patuh, tanpa in baris:
        if kid in batal:
            continue
        x = hasil.setdefault(str(n), {"keluhan": 0, "menit": 0.0, "patuh_karena_tunda": 0})
        siapa.setdefault(str(n), set()).add(kid)
        x["menit"] += menit
        x["patuh_karena_tunda"] += patuh == 1 and tanpa == 0
    for n, x in hasil.items():
        x["keluhan"] = len(siapa[n])
        x["menit"] = round(x["menit"], 2)
    return hasil


def _waktu_selesai(db: sqlite3.Connection, h: _Hitung, kunci: dict[str, Any]) -> dict[str, Any]:
    import statistics  # (~8-20 ms of import, for the median alone: a kept month's recap never needs it)

    selesai = Counter(tuple(x) for x in db.execute(SQL_SELESAI, kunci))
    ulang = db.execute(SQL_INFORMASI_ULANG, kunci).fetchall()
    ids = {kid for kid, _, _ in ulang}
    if h.sebelum_ujung:  # step 6 dated in the period but written after the anchor: not closed then
        selesai -= Counter((d, t) for kid, d, t in db.execute(SQL_SELESAI_SESUDAH_JANGKAR, kunci) if kid not in ids)
    if ids:  # informed twice: each step 6 in the period by the anchor, from the events
        selesai -= Counter((d, t) for _, d, t in ulang if t is not None and kunci["m"] <= t < kunci["a"])
        selesai += Counter(tuple(x) for x in db.execute(
            SQL_INFORMASI_ULANG_PERISTIWA, {**kunci, "ids": json.dumps(sorted(ids))}))
    hari = sorted(h.hari_kerja_mentah(dicatat, tutup) for dicatat, tutup in selesai.elements())
    return {
        "jumlah": len(hari),
        "median_hari": round(statistics.median(hari), 2) if hari else None,
        "p90_hari": round(hari[math.ceil(0.9 * len(hari)) - 1], 2) if hari else None,  # nearest rank
    }


def _hitung(db: sqlite3.Connection, kal: Kalender, p: dict[str, Any], periode: Periode, sekarang: datetime,
            jangkar: jk.Jangkar, kini: jk.Jangkar) -> tuple[_Hitung, dict[str, Any]]:
    tetap = not _buku_berubah(jangkar, kini)
    h = _Hitung(kal, p, periode, sekarang, kalender_tetap=tetap)
    h.sebelum_ujung = jangkar.urutan != kini.urutan
    from keluhan import tunda

    h.db, h.n, h.ditunda_ids = db, jangkar.urutan, tunda.punya_tunda(db)
    return h, periode.kunci(jangkar.urutan)


def angka(db: sqlite3.Connection, kal: Kalender, p: dict[str, Any], periode: Periode, *, sekarang: datetime,
          jangkar: jk.Jangkar | None = None, kini: jk.Jangkar | None = None) -> dict[str, Any]:
    """The period's figures, without the comparison with the previous period, as of the
    anchor ``jangkar`` (default: the chains' tips ``kini``; ``kal`` is the calendar at the anchor).

    Streams: each complaint is read, reduced to its row and counted; the rows are kept in
    a ``Daftar``, on disk once there are many, so memory does not grow with the period.
    """
    kini = kini or jk.ujung(db)
    jangkar = jangkar or kini
    h, kunci = _hitung(db, kal, p, periode, sekarang, jangkar, kini)
    batal = dibatalkan(db, kunci)
    keluhan = Daftar()
    terbuka = []
    status: Counter[str] = Counter()
    media: Counter[str] = Counter()
    layanan: Counter[str] = Counter()
    kategori: Counter[str] = Counter()
    tim: Counter[str] = Counter()
    hasil: Counter[str] = Counter()
    for s in _periode_dan_peristiwa(db, h, kunci):
        if s.keluhan["id"] in batal:
            status[Status.BATAL.value] += 1
            hasil["batal"] += 1
            continue
        b, t = h.butir(s)
        keluhan.append(b)
        status[b["status"]] += 1
        hasil[b["hasil"]] += 1
        media[b["media"]] += 1
        layanan[b["layanan"] or TIDAK_DIISI] += 1
        kategori[b["kategori"] or TIDAK_DIISI] += 1
        if b["tim_teknis"]:
            tim[b["tim_teknis"]] += 1
        if t:
            terbuka.append(t)
    calon = []
    for r in db.execute(SQL_TERBUKA_KINI, kunci):
        k = dict(r)
        if k.pop("disentuh"):
            calon.append(k["id"])
        else:
            if not h.tenggat_tersimpan:
                k.pop("t_langkah")
            terbuka.append(h.terbuka(k, h.tunggu(k)))  # type: ignore[arg-type]
    hari = (periode.akhir - periode.mulai).days  # full days between the period's start and end, less one
    calon += [r[0] for r in db.execute(SQL_SELESAI_SESUDAH, {**kunci, "hari": hari})]
    dikenal = set(calon)
    for (kid,) in db.execute(SQL_DIPUTUS_SESUDAH, kunci):
        if kid not in dikenal:
            dikenal.add(kid)
            calon.append(kid)
    if h.sebelum_ujung:
        for sql in (SQL_SESUDAH_JANGKAR, SQL_BATAL_SESUDAH_JANGKAR):
            for (kid,) in db.execute(sql, kunci):
                if kid not in dikenal:
                    dikenal.add(kid)
                    calon.append(kid)
    for s in _dilipat(db, calon, kunci, h.ulang):
        if t := h.terbuka(s.keluhan, h.tunggu(s.keluhan)):
            terbuka.append(t)
    terbuka.sort(key=_urut)
    kabar: dict[str, int] = {}
    for i in range(0, len(terbuka), 5000):
        ids = json.dumps([t["id"] for t in terbuka[i:i + 5000]])
        kabar.update(db.execute(SQL_KABAR, {**kunci, "ids": ids}).fetchall())
    for t in terbuka:
        t["kabar"] = kabar.get(t["id"], 0)
        if t["kabar"]:
            t["keterangan"] += f"; kabar kemajuan {t['kabar']} kali"
    return {
        "periode": periode.json(),
        "jangkar": jangkar.json(),
        "jumlah": len(keluhan),
        "per_status": dict.fromkeys((s.value for s in Status), 0) | status,
        "per_hasil": dict.fromkeys(HASIL, 0) | hasil,
        "per_media": dict.fromkeys(MEDIA, 0) | media,
        "per_layanan": dict.fromkeys(LAYANAN, 0) | layanan,
        "per_kategori": dict(sorted(kategori.items())),
        "per_tim": dict.fromkeys(p["tim_teknis"]["nama"], 0) | tim,
        "langkah": (langkah := _langkah(db, h, kunci)),
        "pencatatan_susulan": _pencatatan_susulan(langkah),
        "waktu_selesai": _waktu_selesai(db, h, kunci),
        "kepuasan": _kepuasan(db, h, kunci),
        "efektivitas": _efektivitas(db, h, kunci, batal),
        "tunda": _tunda(db, h, kunci, langkah),
        "terbuka_akhir_periode": terbuka,
        "keluhan": keluhan,
        "dibatalkan": list(batal.values()),
        **berulang.rekap(db, h.kal, kunci, h.titik, keluhan),  # recurrence: keluhan/berulang.py
    }


def ringkas(db: sqlite3.Connection, kal: Kalender, p: dict[str, Any], periode: Periode, *, sekarang: datetime,
            jangkar: jk.Jangkar | None = None, kini: jk.Jangkar | None = None) -> dict[str, Any]:
    """The headline figures of ``periode`` that a recap compares with: ``angka``'s
    ``periode``, ``jumlah``, ``per_status``, ``langkah`` and ``waktu_selesai``."""
    kini = kini or jk.ujung(db)
    h, kunci = _hitung(db, kal, p, periode, sekarang, jangkar or kini, kini)
    batal = dibatalkan(db, kunci)
    status = Counter(dict(db.execute(SQL_STATUS_PERIODE, kunci).fetchall()))
    if batal:  # each voided one out of the status it had at the period's end, into batal
        akhir = dict(db.execute(SQL_STATUS_BATAL, kunci).fetchall())
        for kid in batal:
            status[akhir[kid]] -= 1
        status[Status.BATAL.value] += len(batal)
        status = +status
    return {
        "periode": periode.json(),
        "jumlah": sum(status.values()) - len(batal),
        "per_status": dict.fromkeys((s.value for s in Status), 0) | status,
        "langkah": _langkah(db, h, kunci, susulan=False),
        "waktu_selesai": _waktu_selesai(db, h, kunci),
    }


def rekap(db: sqlite3.Connection, kal: Kalender, p: dict[str, Any], periode: Periode, *, sekarang: datetime,
          jangkar: jk.Jangkar | None = None, tersimpan: bool = True, format: str | None = None) -> Any:
    """The recap of ``periode`` as of ``jangkar`` (default: every chain's tip now; then
    ``kal`` is the archive's calendar, else the calendar at the anchor, ``kalender_pada``):
    ``angka`` plus ``pembanding``, the previous period's headline figures (None when the
    archive held nothing that early). A closed month whose kept figures hold at the anchor
    (keluhan/rekap_bulan.py; ``tersimpan=False``: never) is read from them: the same dict (its
    long lists read when first used, their rows in ``format`` as kept), or for ``format="json"``
    a ``rekap_bulan.Tersimpan`` (its JSON as kept, not parsed)."""
    kini = jk.ujung(db)
    jangkar = jangkar or kini
    if tersimpan:
        from keluhan import rekap_bulan

        t = rekap_bulan.baca(db, kal, p, periode, sekarang, jangkar, kini, format)
        if t is not None:
            return t if format == "json" else t.data()
    data = angka(db, kal, p, periode, sekarang=sekarang, jangkar=jangkar, kini=kini)
    from keluhan import analisis  # issue 16: Pareto, trend, cause recurrence (its own module)

    data.update(analisis.angka(db, kal, p, periode, sekarang=sekarang, jangkar=jangkar, kini=kini))
    lalu = periode.sebelumnya()
    if jangkar.urutan == kini.urutan:
        pertama = db.execute("SELECT MIN(dicatat) FROM keluhan").fetchone()
    else:
        pertama = db.execute(SQL_PERTAMA, {"n": jangkar.urutan}).fetchone()
    pertama = pertama if pertama and pertama[0] is not None else None
    if pertama is None or pertama[0] >= lalu.kunci()["a"]:
        data["pembanding"] = None
    else:
        data["pembanding"] = ringkas(db, kal, p, lalu, sekarang=sekarang, jangkar=jangkar, kini=kini)
    return data


_BUKU_KALENDER = ("kalender_riwayat", "pengaturan_riwayat")


def _buku_berubah(jangkar: jk.Jangkar, kini: jk.Jangkar) -> set[str]:
    """The ledgers behind the calendar and the settings that have entries after the anchor."""
    return {t for t in _BUKU_KALENDER if jangkar.punya(t) and kini.punya(t) and jangkar.ujung(t) != kini.ujung(t)}


def kalender_pada(db: sqlite3.Connection, jangkar: jk.Jangkar, kini: Kalender) -> Kalender:
    """The working calendar as it stood at ``jangkar``: ``kini`` (the archive's now) when
    neither ``kalender_riwayat`` nor ``pengaturan_riwayat`` has an entry after the anchor's;
    else rebuilt from those ledgers as they stood then: the holidays by replaying the
    calendar log up to the anchor's entry (as ``keluhan periksa`` replays it), the office
    hours, mutu baku and appeal window from the settings ledger's entries up to its entry
    (a later change, even one backdated to before the period, leaves the recap signed at
    the anchor as it was)."""
    berubah = _buku_berubah(jangkar, jk.ujung(db))
    if not berubah:
        return kini
    from keluhan import buku as buku_setelan

    libur = kini.libur
    if "kalender_riwayat" in berubah:
        from keluhan.periksa import _Kalender

        n, _ = jangkar.ujung("kalender_riwayat")
        buku = _Kalender()
        for aksi, tanggal, petugas, pada, rincian in db.execute(
            "SELECT aksi, tanggal, petugas, dicatat_pada, rincian FROM kalender_riwayat WHERE urutan <= ? ORDER BY urutan",
            (n,),
        ):
            masalah = buku.terapkan(aksi, tanggal, petugas, pada, json.loads(rincian))
            if masalah:
                raise GalatMasukan(f"Kalender pada jangkar tidak dapat disusun ({masalah}); jalankan 'keluhan periksa'.")
        libur = {date.fromisoformat(tgl): buku.libur[lid][1] for tgl, lid in buku.berlaku.items()}
    setelan = kini.setelan
    awal = kini.jam_kerja
    perubahan = [(date.fromordinal(o), j) for o, j in zip(kini._ubah_tgl, kini._ubah_jam)]
    if "pengaturan_riwayat" in berubah:
        setelan = buku_setelan.muat(db, sampai=jangkar.ujung("pengaturan_riwayat")[0])
        if all(setelan.ada(f"jam_kerja.{h}") for h in buku_setelan.HARI):
            awal, perubahan = setelan.jam_kerja(kini.zona)
    kal = Kalender(zona=kini.zona, jam_kerja=awal, libur=libur, perubahan_jam=perubahan)
    kal.setelan = setelan
    return kal