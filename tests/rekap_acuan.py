"""The recap by full replay: the reference the fast recap (keluhan/rekap.py) is held to.

This is the recap as it was before issue 7, kept only for the tests: every complaint of
the period is folded (``proyeksi.terapkan``) from its events before the period's end,
never read from its stored row; the previous period is computed the same way. Slow on
a big archive, and obviously right.
"""

from __future__ import annotations

import json
import math
import sqlite3
import statistics
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import Any

from keluhan import proyeksi, tenggat, waktu as w
from keluhan.kalender import Kalender, MutuBaku
from keluhan.rekap import TIDAK_DIISI, Periode
from keluhan.workflow import LAYANAN, MEDIA, STATUS_AKHIR, Aksi, Status, langkah_berikutnya

_STATUS_TERBUKA = tuple(s.value for s in Status if s not in STATUS_AKHIR)
_URAIAN_SINGKAT = 80


# -- the recap -----------------------------------------------------------------------------

# The period's complaints with their events up to the period's end, and each step's
# stored compliance: keluhan_dicatat, then riwayat_keluhan for each complaint.
SQL_KELUHAN_PERIODE = """
SELECT r.*, d.patuh AS durasi_patuh
FROM keluhan k
JOIN riwayat r ON r.keluhan_id = k.id
LEFT JOIN durasi_langkah d ON d.riwayat_urutan = r.urutan
WHERE k.dicatat >= :m AND k.dicatat < :a AND r.waktu < :a
ORDER BY k.dicatat, k.id, r.urutan
"""
# Complaints recorded before the period and still open at its end. An open complaint was
# open at every moment since it was recorded (no status leads back from selesai/banding),
# so these are the ones open now plus those closed (step 6) only after the period.
_TERBUKA = ",".join(f"'{s}'" for s in _STATUS_TERBUKA)
_SETELAH = "EXISTS (SELECT 1 FROM riwayat r WHERE r.keluhan_id = k.id AND r.waktu >= :a)"
# ... untouched since the period's end: today's row and deadline are their state then.
# keluhan_status, then riwayat_keluhan per complaint.
SQL_TERBUKA_TETAP = f"""
SELECT k.*, t.langkah AS t_langkah, t.batas AS t_batas, t.lewat_setelah_utc AS t_lewat
FROM keluhan k LEFT JOIN tenggat t ON t.keluhan_id = k.id
WHERE k.status IN ({_TERBUKA}) AND k.dicatat < :m AND NOT {_SETELAH}
"""
# ... changed since: replayed up to the period's end. riwayat_informasikan, keluhan_status.
SQL_TERBUKA_CALON = f"""
SELECT r.keluhan_id FROM riwayat r JOIN keluhan k ON k.id = r.keluhan_id
WHERE r.aksi = 'informasikan' AND r.waktu >= :a AND k.dicatat < :m
UNION
SELECT k.id FROM keluhan k WHERE k.status IN ({_TERBUKA}) AND k.dicatat < :m AND {_SETELAH}
"""
SQL_RIWAYAT_SEBAGIAN = """
SELECT r.*, d.patuh AS durasi_patuh
FROM riwayat r LEFT JOIN durasi_langkah d ON d.riwayat_urutan = r.urutan
WHERE r.keluhan_id IN (SELECT value FROM json_each(:ids)) AND r.waktu < :a
ORDER BY r.keluhan_id, r.urutan
"""
# Step events that happened in the period, per step: how many, how many met the mutu
# baku, how many could not be measured (step 2 without --diajukan). riwayat_waktu.
SQL_LANGKAH = """
SELECT r.langkah, COUNT(*) AS total, SUM(COALESCE(d.patuh, 0)) AS patuh,
       SUM(d.riwayat_urutan IS NULL) AS tidak_diukur
FROM riwayat r LEFT JOIN durasi_langkah d ON d.riwayat_urutan = r.urutan
WHERE r.waktu >= :m AND r.waktu < :a AND r.langkah BETWEEN 2 AND 6
GROUP BY r.langkah
"""
# Complaints closed (step 6) in the period, with their recording time. riwayat_waktu.
SQL_SELESAI = """
SELECT k.dicatat, r.waktu FROM riwayat r JOIN keluhan k ON k.id = r.keluhan_id
WHERE r.aksi = 'informasikan' AND r.waktu >= :m AND r.waktu < :a
"""


@dataclass
class _Keadaan:
    """One complaint folded up to the period's end."""

    keluhan: dict[str, Any]
    tindakan: list[dict[str, Any]]
    peristiwa: list[dict[str, Any]]


def _lipat(baris: Iterator[sqlite3.Row]) -> Iterator[_Keadaan]:
    """Fold rows ordered by complaint then ``urutan`` into each complaint's state."""
    kini: _Keadaan | None = None
    for r in baris:
        p = dict(r)
        p["rincian"] = json.loads(p["rincian"])
        if kini is None or kini.keluhan["id"] != p["keluhan_id"]:
            if kini is not None:
                yield kini
            kini = _Keadaan({"id": p["keluhan_id"]}, [], [])
        k, t = proyeksi.terapkan(kini.keluhan if kini.peristiwa else None, kini.tindakan, p)
        kini.keluhan, kini.tindakan = k, t
        kini.peristiwa.append(p)
    if kini is not None:
        yield kini


class _Hitung:
    def __init__(self, kal: Kalender, p: dict[str, Any], periode: Periode, sekarang: datetime) -> None:
        self.kal, self.p, self.periode = kal, p, periode
        akhir = datetime.combine(periode.akhir + timedelta(days=1), time(0), kal.zona)
        self.titik = min(akhir, sekarang)  # "as of": the period's end, or now for a current period
        self.titik_utc = tenggat.utc(self.titik)
        self._mutu: dict[int, MutuBaku] = {}

    def mutu(self, langkah: int) -> MutuBaku:
        if langkah not in self._mutu:
            self._mutu[langkah] = MutuBaku.parse(self.p["mutu_baku"][f"langkah_{langkah}"])
        return self._mutu[langkah]

    def tunggu(self, k: dict[str, Any]) -> tuple[int, str, bool] | None:
        """The step an open complaint waited for at the period's end, its deadline, late then?"""
        berikut = langkah_berikutnya(Status(k["status"]))
        if berikut is None:
            return None
        if k.get("t_langkah") == berikut:  # untouched since: the deadline stored with its last step
            return berikut, k["t_batas"], k["t_lewat"] < self.titik_utc
        mulai, mutu = w.dari_iso(k["waktu_status"]), self.mutu(berikut)
        return berikut, w.iso(self.kal.batas(mulai, mutu)), not self.kal.patuh(mulai, self.titik, mutu)

    def hari_kerja(self, k: dict[str, Any]) -> float:
        akhir = w.dari_iso(k["diinformasikan"]) if k.get("diinformasikan") else self.titik
        return round(self.kal.hari_kerja(w.dari_iso(k["dicatat"]), akhir), 2)

    def terbuka(self, k: dict[str, Any], tunggu: tuple[int, str, bool] | None, hari: float | None = None) -> dict[str, Any] | None:
        """A row of ``terbuka_akhir_periode`` (None when the complaint was finished by then)."""
        if tunggu is None:
            return None
        return {
            "id": k["id"], "nomor": k["nomor"], "dicatat": k["dicatat"], "nama": k["nama"], "status": k["status"],
            "tim_teknis": k["tim_teknis"], "langkah": tunggu[0], "langkah_berikutnya": tunggu[0],
            "batas": tunggu[1], "terlambat": tunggu[2], "hari_kerja": self.hari_kerja(k) if hari is None else hari,
            "keterangan": f"Menunggu langkah {tunggu[0]}" + (", melewati mutu baku" if tunggu[2] else ""),
        }

    def butir(self, s: _Keadaan) -> tuple[dict[str, Any], dict[str, Any] | None]:
        """One row of the recap's complaint list, and of the open list when still open."""
        k = s.keluhan
        keterangan: list[str] = []
        for p in s.peristiwa:
            if p["durasi_patuh"] == 0 and f"terlambat langkah {p['langkah']}" not in keterangan:
                keterangan.append(f"terlambat langkah {p['langkah']}")
        tunggu = self.tunggu(k)
        if tunggu and tunggu[2]:
            keterangan.append(f"lewat batas langkah {tunggu[0]}")
        kembali = sum(p["aksi"] == Aksi.VERIFIKASI_KEMBALIKAN for p in s.peristiwa)
        if kembali:
            keterangan.append(f"dikembalikan {kembali} kali")
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
            "tindakan": s.tindakan[-1]["koreksi"] if s.tindakan else None,
            "selesai": k["diinformasikan"][:10] if k.get("diinformasikan") else None,
            "hari_kerja": hari,
            "status": k["status"],
            "langkah_berikutnya": tunggu[0] if tunggu else None,
            "keterangan": "; ".join(keterangan),
        }, self.terbuka(k, tunggu, hari)


def _urut(k: dict[str, Any]) -> tuple[str, str]:
    return k["dicatat"], k["nomor"]


def angka(db: sqlite3.Connection, kal: Kalender, p: dict[str, Any], periode: Periode, *, sekarang: datetime) -> dict[str, Any]:
    """The period's figures, without the comparison with the previous period.

    Streams: each complaint is folded, reduced to its rows and dropped, so memory grows
    with the number of rows reported, not with the events read.
    """
    h = _Hitung(kal, p, periode, sekarang)
    kunci = periode.kunci()
    keluhan, terbuka = [], []
    for s in _lipat(db.execute(SQL_KELUHAN_PERIODE, kunci)):
        b, t = h.butir(s)
        keluhan.append(b)
        if t:
            terbuka.append(t)
    for r in db.execute(SQL_TERBUKA_TETAP, kunci):
        k = dict(r)
        terbuka.append(h.terbuka(k, h.tunggu(k)))  # type: ignore[arg-type]
    calon = [r[0] for r in db.execute(SQL_TERBUKA_CALON, kunci)]
    if calon:
        for s in _lipat(db.execute(SQL_RIWAYAT_SEBAGIAN, {"ids": json.dumps(calon), "a": kunci["a"]})):
            if t := h.terbuka(s.keluhan, h.tunggu(s.keluhan)):
                terbuka.append(t)
    keluhan.sort(key=_urut)
    terbuka.sort(key=_urut)

    per_status = dict.fromkeys((s.value for s in Status), 0) | Counter(k["status"] for k in keluhan)
    per_media = dict.fromkeys(MEDIA, 0) | Counter(k["media"] for k in keluhan)
    per_layanan: dict[str, int] = dict.fromkeys(LAYANAN, 0) | Counter(k["layanan"] or TIDAK_DIISI for k in keluhan)
    per_kategori = dict(sorted(Counter(k["kategori"] or TIDAK_DIISI for k in keluhan).items()))
    per_tim = dict.fromkeys(p["tim_teknis"]["nama"], 0) | Counter(k["tim_teknis"] for k in keluhan if k["tim_teknis"])

    langkah = {str(n): {"total": 0, "patuh": 0, "tidak_diukur": 0, "mutu_baku": str(h.mutu(n))} for n in range(2, 7)}
    for r in db.execute(SQL_LANGKAH, kunci):
        langkah[str(r["langkah"])].update(total=r["total"], patuh=r["patuh"], tidak_diukur=r["tidak_diukur"])

    hari = sorted(kal.hari_kerja(w.dari_iso(r[0]), w.dari_iso(r[1])) for r in db.execute(SQL_SELESAI, kunci))
    waktu_selesai = {
        "jumlah": len(hari),
        "median_hari": round(statistics.median(hari), 2) if hari else None,
        "p90_hari": round(hari[math.ceil(0.9 * len(hari)) - 1], 2) if hari else None,  # nearest rank
    }
    return {
        "periode": periode.json(),
        "jumlah": len(keluhan),
        "per_status": per_status,
        "per_media": per_media,
        "per_layanan": per_layanan,
        "per_kategori": per_kategori,
        "per_tim": per_tim,
        "langkah": langkah,
        "waktu_selesai": waktu_selesai,
        "terbuka_akhir_periode": terbuka,
        "keluhan": keluhan,
    }


def rekap(db: sqlite3.Connection, kal: Kalender, p: dict[str, Any], periode: Periode, *, sekarang: datetime) -> dict[str, Any]:
    """The recap of ``periode``: ``angka`` plus ``pembanding``, the previous period's
    headline figures (None when the archive holds nothing that early)."""
    data = angka(db, kal, p, periode, sekarang=sekarang)
    lalu = periode.sebelumnya()
    pertama = db.execute("SELECT MIN(dicatat) FROM keluhan").fetchone()[0]
    if pertama is None or pertama >= lalu.kunci()["a"]:
        data["pembanding"] = None
    else:
        d = angka(db, kal, p, lalu, sekarang=sekarang)
        data["pembanding"] = {k: d[k] for k in ("periode", "jumlah", "per_status", "langkah", "waktu_selesai")}
    return data
