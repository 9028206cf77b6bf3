"""The recap by full replay: the reference the fast recap (keluhan/rekap.py) is held to.

This is the recap as it was before issue 7, kept only for the tests: every complaint of
the period is folded (``proyeksi.terapkan``) from its events before the period's end and
up to the anchor (``urutan <= n``), never read from its stored row; every complaint
recorded before the period is folded the same way to know whether it was open then;
compliance, deadlines and late entry are computed from the events with the calendar
given (the anchor's), never read from ``durasi_langkah`` or ``tenggat``; the previous
period is computed the same way. Slow on a big archive, and obviously right.
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

from keluhan import ikm, jangkar as jk, proyeksi, tenggat, tunda, waktu as w
from keluhan.kalender import Kalender, MutuBaku
from keluhan.rekap import HASIL, TIDAK_DIISI, Periode
from keluhan.workflow import LAYANAN, MEDIA, STATUS_AKHIR, Aksi, Status, kunci_mutu, langkah_berikutnya

_STATUS_TERBUKA = tuple(s.value for s in Status if s not in STATUS_AKHIR)
_URAIAN_SINGKAT = 80


# -- the recap -----------------------------------------------------------------------------

# Times are the effective ones (v_waktu_efektif: a corrected step's time counts).
# The period's complaints with their events up to the period's end and the anchor, and
# each measured step's start, end and mutu baku.
_PERISTIWA = """
SELECT r.*, d.mulai AS d_mulai, d.akhir AS d_akhir, d.mutu_baku AS d_mutu
FROM keluhan k
JOIN v_waktu_efektif r ON r.keluhan_id = k.id
LEFT JOIN durasi_langkah d ON d.riwayat_urutan = r.urutan
WHERE {syarat} AND r.waktu < :a AND r.urutan <= :n
ORDER BY k.dicatat, k.id, r.urutan
"""
SQL_KELUHAN_PERIODE = _PERISTIWA.format(syarat="k.dicatat >= :m AND k.dicatat < :a")
# Every complaint recorded before the period, folded the same way: open at its end or not.
SQL_KELUHAN_LAMA = _PERISTIWA.format(syarat="k.dicatat < :m")
# Step events that happened in the period (and were recorded by the anchor), with their
# measured duration's inputs and when they were written.
SQL_LANGKAH = """
SELECT r.keluhan_id, r.langkah, r.waktu, r.dicatat_pada, d.mulai, d.akhir, d.mutu_baku, r.aksi, r.diajukan
FROM v_waktu_efektif r LEFT JOIN durasi_langkah d ON d.riwayat_urutan = r.urutan
WHERE r.waktu >= :m AND r.waktu < :a AND r.langkah IN (2, 3, 4, 5, 6, 8) AND r.urutan <= :n
"""
# Every void recorded by the anchor, whenever it is dated: a voided complaint is out of
# its period's figures in every run after the void (SPEC, per_hasil).
SQL_BATAL = """
SELECT r.keluhan_id, r.waktu, json_extract(r.rincian, '$.alasan') FROM riwayat r
WHERE r.aksi = 'batal' AND r.urutan <= :n
"""
# Complaints closed (step 6) in the period, with their recording time.
SQL_SELESAI = """
SELECT k.dicatat, r.waktu FROM v_waktu_efektif r JOIN keluhan k ON k.id = r.keluhan_id
WHERE r.aksi = 'informasikan' AND r.waktu >= :m AND r.waktu < :a AND r.urutan <= :n
"""


@dataclass
class _Keadaan:
    """One complaint folded up to the period's end."""

    keluhan: dict[str, Any]
    tindakan: list[dict[str, Any]]
    peristiwa: list[dict[str, Any]]


def _ukur(kal: Kalender, mulai: str | None, akhir: str | None, mutu: str | None,
          jeda: list[tuple[str, str | None]]) -> tuple[int | None, float, int | None]:
    """A measured step's compliance with the calendar ``kal`` and the complaint's pause spans (keluhan/tunda.py,
    from its events), its paused working minutes and its compliance had they counted; None when not measured."""
    if mulai is None:
        return None, 0.0, None
    m = MutuBaku.parse(mutu)  # type: ignore[arg-type]
    _, menit, _, patuh, asli = kal.ukur_jeda(w.dari_iso(mulai), w.dari_iso(akhir), m,  # type: ignore[arg-type]
                                             tunda.dalam(jeda, mulai, akhir))
    return int(patuh), menit, int(asli)


def _patuh(kal: Kalender, mulai: str | None, akhir: str | None, mutu: str | None,
           jeda: list[tuple[str, str | None]] = []) -> int | None:  # noqa: B006 (never mutated)
    """A measured step's compliance with the calendar ``kal`` (and the pauses ``jeda``); None when not measured."""
    return _ukur(kal, mulai, akhir, mutu, jeda)[0]


def _lipat(baris: Iterator[sqlite3.Row], kal: Kalender) -> Iterator[_Keadaan]:
    """Fold rows ordered by complaint then ``urutan`` into each complaint's state."""
    kini: _Keadaan | None = None
    for r in baris:
        p = dict(r)
        p["rincian"] = json.loads(p["rincian"])
        if kini is None or kini.keluhan["id"] != p["keluhan_id"]:
            if kini is not None:
                yield kini
            kini = _Keadaan({"id": p["keluhan_id"]}, [], [])
        # The pauses a step was measured around precede it: the complaint's events so far.
        p["durasi_patuh"] = _patuh(kal, p.pop("d_mulai"), p.pop("d_akhir"), p.pop("d_mutu"),
                                   tunda.rentang([*kini.peristiwa, p]))
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
            bagian, nama = kunci_mutu(langkah).split(".")
            self._mutu[langkah] = MutuBaku.parse(self.p[bagian][nama])
        return self._mutu[langkah]

    def mutu_sejak(self, langkah: int, mulai: str) -> MutuBaku:
        """The mutu baku a step is measured against: the one in force when its clock started (the ledger's
        value then; a change backdated after that start does not move the promise already made)."""
        setelan = getattr(self.kal, "setelan", None)
        if setelan is None:
            return self.mutu(langkah)
        bagian, nama = kunci_mutu(langkah).split(".")
        return MutuBaku.parse(setelan.nilai(f"{bagian}.{nama}", mulai))

    def tunggu(self, k: dict[str, Any], peristiwa: list[dict[str, Any]]) -> tuple[int, str, bool] | None:
        """The step an open complaint waited for at the period's end, its deadline (moved by the pauses ended by
        then, from its events), late then (a clock paused then is not)?"""
        berikut = langkah_berikutnya(Status(k["status"]))
        if berikut is None:
            return None
        mulai, mutu = w.dari_iso(k["waktu_status"]), self.mutu_sejak(berikut, k["waktu_status"])
        jeda = tunda.rentang(peristiwa)
        if jeda:
            return berikut, *tunda.tenggat_pada(self.kal, k["waktu_status"], mutu, jeda, self.titik)[:2]
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
            "keterangan": f"Menunggu langkah {tunggu[0]}" + (", melewati mutu baku" if tunggu[2] else "")
                          + (", jam ditunda" if k.get("ditunda") else ""),
            "ditunda": k.get("ditunda"),
        }

    def butir(self, s: _Keadaan) -> tuple[dict[str, Any], dict[str, Any] | None]:
        """One row of the recap's complaint list, and of the open list when still open."""
        k = s.keluhan
        keterangan: list[str] = []
        for p in s.peristiwa:
            if p["durasi_patuh"] == 0 and f"terlambat langkah {p['langkah']}" not in keterangan:
                keterangan.append(f"terlambat langkah {p['langkah']}")
        tunggu = self.tunggu(k, s.peristiwa)
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
            "hasil": ("batal" if k["status"] == "batal" else "valid" if k["validasi"] == "benar"
                      else "tidak_valid" if k["validasi"] == "tidak_benar" else "belum_divalidasi"),
            "langkah_berikutnya": tunggu[0] if tunggu else None,
            "keterangan": "; ".join(keterangan),
        }, self.terbuka(k, tunggu, hari)


def _kabar(t: dict[str, Any], s: _Keadaan) -> dict[str, Any]:
    """An open row with its progress notices counted from the folded events."""
    n = sum(p["aksi"] == Aksi.KABARI for p in s.peristiwa)
    return t | {"kabar": n, "keterangan": t["keterangan"] + (f"; kabar kemajuan {n} kali" if n else "")}


def _urut(k: dict[str, Any]) -> tuple[str, str]:
    return k["dicatat"], k["nomor"]


def _berulang(kal: Kalender, titik: datetime, keluhan: list[dict[str, Any]], semua: list[_Keadaan],
              batal: dict[str, Any]) -> dict[str, Any]:
    """``berulang_hari``, ``berulang``: every complaint folded at the period's end (voided ones by the anchor out),
    each of the period's matched against all of them by brute force; the links read from the folded events."""
    from keluhan.berulang import HARI_BAWAAN, JENIS, REKAP_SEBELUMNYA, kunci as kunci_pelanggan

    setelan = getattr(kal, "setelan", None)
    hari = setelan.nilai("berulang.hari", titik) if setelan is not None and setelan.ada("berulang.hari") else HARI_BAWAAN
    ada = {s.keluhan["id"]: s for s in semua if s.keluhan["id"] not in batal}
    per_nomor = {s.keluhan["nomor"]: s.keluhan for s in ada.values()}
    kaitan: dict[str, list[dict[str, Any]]] = {}
    for e in sorted((e for s in ada.values() for e in s.peristiwa if e["aksi"] == Aksi.KAITKAN), key=lambda e: e["urutan"]):
        a, b = ada[e["keluhan_id"]].keluhan, per_nomor.get(e["rincian"]["terkait"])
        if b is None:
            continue
        isi = {"urutan": e["urutan"], "waktu": e["waktu"], "alasan": e["rincian"]["alasan"]}
        kaitan.setdefault(a["id"], []).append({"nomor": b["nomor"], "arah": "ke", **isi})
        kaitan.setdefault(b["id"], []).append({"nomor": a["nomor"], "arah": "dari", **isi})
    hasil = []
    for b in keluhan:
        x = ada[b["id"]].keluhan
        t = w.dari_iso(x["dicatat"])
        sebelumnya = []
        for s in ada.values():
            e = s.keluhan
            sama = {j for j, _ in set(kunci_pelanggan(e)) & set(kunci_pelanggan(x))}
            if e["id"] != x["id"] and sama and t - timedelta(days=hari) <= w.dari_iso(e["dicatat"]) < t:
                sebelumnya.append({"nomor": e["nomor"], "id": e["id"], "dicatat": e["dicatat"],
                                   "sebab": [j for j in JENIS if j in sama]})
        sebelumnya.sort(key=lambda e: (w.dari_iso(e["dicatat"]), e["nomor"]), reverse=True)
        if sebelumnya or x["id"] in kaitan:
            hasil.append({"id": x["id"], "nomor": x["nomor"], "dicatat": x["dicatat"], "jumlah_sebelumnya": len(sebelumnya),
                          "sebelumnya": sebelumnya[:REKAP_SEBELUMNYA], "kaitan": kaitan.get(x["id"], [])})
    return {"berulang_hari": hari, "berulang": hasil}


def _geser_tinjauan(kal: Kalender, tempo: Any, sejak: str, peristiwa: list[dict[str, Any]],
                    titik: datetime) -> tuple[Any, bool]:
    """A pending review's due day ``tempo`` moved by the pauses taken while the complaint was finished (only the
    review's clock ran then), and whether it is paused at ``titik``: each pause ended by then, begun since ``sejak`` and
    by the end of the due day as moved so far, moves it on by its working time counted from that day's end."""
    jeda, mulai, status = [], None, None
    for e in peristiwa:  # a pause ends at lanjutkan, a status change, or (finished) the review itself
        if mulai is not None and (e["aksi"] in ("lanjutkan", "efektivitas") or e["status_ke"] is not None):
            jeda.append((mulai, e["waktu"]))
            mulai = None
        if e["aksi"] == "tunda" and status in {x.value for x in STATUS_AKHIR}:
            mulai = e["waktu"]
        status = e["status_ke"] or status
    if mulai is not None:
        jeda.append((mulai, None))
    ditunda = False
    for awal, akhir in jeda:
        ta, te = w.dari_iso(awal), w.dari_iso(akhir) if akhir else None
        if ta < w.dari_iso(sejak) or ta >= titik:
            continue
        if te is None or te > titik:
            ditunda = True
            continue
        tengah_malam = datetime.combine(tempo + timedelta(days=1), time(0), kal.zona)
        if ta < tengah_malam and kal.menit_kerja(ta, te) > 0:
            tempo = kal.tambah_kerja(tengah_malam, kal.menit_kerja(ta, te)).astimezone(kal.zona).date()
    return tempo, ditunda


def angka(db: sqlite3.Connection, kal: Kalender, p: dict[str, Any], periode: Periode, *, sekarang: datetime,
          jangkar: jk.Jangkar | None = None) -> dict[str, Any]:
    """The period's figures, without the comparison with the previous period."""
    jangkar = jangkar or jk.ujung(db)
    h = _Hitung(kal, p, periode, sekarang)
    kunci = {**periode.kunci(), "n": jangkar.urutan}
    batal = {kid: (waktu, alasan) for kid, waktu, alasan in db.execute(SQL_BATAL, kunci)}
    keluhan, terbuka, semua, dibatalkan = [], [], [], []
    for s in _lipat(db.execute(SQL_KELUHAN_PERIODE, kunci), kal):
        if s.keluhan["id"] in batal:
            k = s.keluhan
            dibatalkan.append({"id": k["id"], "nomor": k["nomor"], "dicatat": k["dicatat"],
                               "dibatalkan": batal[k["id"]][0], "alasan": batal[k["id"]][1]})
            continue
        b, t = h.butir(s)
        keluhan.append(b)
        semua.append(s)
        if t:
            terbuka.append(_kabar(t, s))
    for s in _lipat(db.execute(SQL_KELUHAN_LAMA, kunci), kal):
        semua.append(s)
        if s.keluhan["id"] in batal:
            continue
        if t := h.terbuka(s.keluhan, h.tunggu(s.keluhan, s.peristiwa)):
            terbuka.append(_kabar(t, s))
    keluhan.sort(key=_urut)
    terbuka.sort(key=_urut)
    dibatalkan.sort(key=_urut)

    per_status = (dict.fromkeys((s.value for s in Status), 0) | Counter(k["status"] for k in keluhan)
                  | {Status.BATAL.value: len(dibatalkan)})
    per_hasil = dict.fromkeys(HASIL, 0) | Counter(k["hasil"] for k in keluhan) | {"batal": len(dibatalkan)}
    per_media = dict.fromkeys(MEDIA, 0) | Counter(k["media"] for k in keluhan)
    per_layanan: dict[str, int] = dict.fromkeys(LAYANAN, 0) | Counter(k["layanan"] or TIDAK_DIISI for k in keluhan)
    per_kategori = dict(sorted(Counter(k["kategori"] or TIDAK_DIISI for k in keluhan).items()))
    per_tim = dict.fromkeys(p["tim_teknis"]["nama"], 0) | Counter(k["tim_teknis"] for k in keluhan if k["tim_teknis"])

    langkah = {str(n): {"total": 0, "patuh": 0, "tidak_diukur": 0, "mutu_baku": str(h.mutu(n)), "susulan": 0,
                        "patuh_susulan": 0} for n in (2, 3, 4, 5, 6, 8)}  # 8: the appeal decision
    # Clock stops: per step, the paused complaints, their paused minutes, and the steps compliant only thanks to one.
    jeda_per: dict[str, list[tuple[str, str | None]]] = {}
    ditunda: dict[str, set[str]] = {n: set() for n in langkah}
    menit_tunda = dict.fromkeys(ditunda, 0.0)
    karena_tunda = dict.fromkeys(ditunda, 0)
    for kid, n, waktu, dicatat_pada, mulai, akhir, mutu, aksi, diajukan in db.execute(SQL_LANGKAH, kunci):
        if kid in batal:
            continue
        x = langkah[str(n)]
        # Step 2 is measured only from a submission time with an hour: a letter's date
        # alone ("2026-11-30") is not measured, never failed (read from the event itself).
        if aksi == "catat" and len(diajukan or "") <= 10:
            mulai = None
        if kid not in jeda_per:  # the complaint's pauses, from its events recorded by the anchor
            jeda_per[kid] = tunda.rentang(dict(r) for r in db.execute(
                "SELECT aksi, waktu, status_ke FROM v_waktu_efektif WHERE keluhan_id = ? AND urutan <= ? ORDER BY urutan",
                (kid, kunci["n"])))
        patuh, menit, asli = _ukur(kal, mulai, akhir, mutu, jeda_per[kid])
        if menit > 0:
            ditunda[str(n)].add(kid)
            menit_tunda[str(n)] += menit
            karena_tunda[str(n)] += patuh == 1 and asli == 0
        susulan = kal.hari_kerja(w.dari_iso(waktu), w.dari_iso(dicatat_pada)) > 1
        x["total"] += 1
        x["tidak_diukur"] += patuh is None
        x["patuh"] += patuh == 1
        x["susulan"] += susulan
        x["patuh_susulan"] += susulan and patuh == 1
    pencatatan_susulan = {"jumlah": sum(x["susulan"] for x in langkah.values()),
                          "per_langkah": {n: x["susulan"] for n, x in langkah.items()}}

    hari = sorted(kal.hari_kerja(w.dari_iso(r[0]), w.dari_iso(r[1])) for r in db.execute(SQL_SELESAI, kunci))
    waktu_selesai = {
        "jumlah": len(hari),
        "median_hari": round(statistics.median(hari), 2) if hari else None,
        "p90_hari": round(hari[math.ceil(0.9 * len(hari)) - 1], 2) if hari else None,  # nearest rank
    }
    # Satisfaction: every complaint's latest answer as folded at the period's end, in the period it was given.
    jawab = [s.keluhan for s in semua if s.keluhan.get("dinilai") and kunci["m"] <= s.keluhan["dinilai"] < kunci["a"]]
    kepuasan = ikm.dari_jawaban(k["kepuasan_nilai"] for k in jawab) | {
        "menerima": sum(k["kepuasan_menerima"] == 1 for k in jawab),
        "tidak_menerima": sum(k["kepuasan_menerima"] == 0 for k in jawab)}
    # Effectiveness: the period's reviews by result; every accepted round still owing one at the end.
    hasil_tinjauan = Counter(e["rincian"]["hasil"] for s in semua for e in s.peristiwa
                             if e["aksi"] == "efektivitas" and e["waktu"] >= kunci["m"])
    belum = terlambat = 0
    for s in semua:
        for t in s.tindakan:
            if t["verifikasi"] != "terima" or t["efektivitas"] == "efektif":
                continue
            sejak = t["efektivitas_pada"] if t["efektivitas"] == "tidak_efektif" else t["diverifikasi_pada"]
            setelan = getattr(kal, "setelan", None)
            n = setelan.nilai("efektivitas.setelah", sejak) if setelan is not None else p["efektivitas"]["setelah"]
            tempo = w.dari_iso(sejak).astimezone(kal.zona).date()
            while n:  # the n-th working day after the date it counts from
                tempo += timedelta(days=1)
                n -= kal.is_hari_kerja(tempo)
            tempo, dijeda = _geser_tinjauan(kal, tempo, sejak, s.peristiwa, h.titik)
            belum += 1
            terlambat += not dijeda and h.titik.astimezone(kal.zona).date() > tempo
    return {
        "periode": periode.json(),
        "jangkar": jangkar.json(),
        "jumlah": len(keluhan),
        "per_status": per_status,
        "per_hasil": per_hasil,
        "per_media": per_media,
        "per_layanan": per_layanan,
        "per_kategori": per_kategori,
        "per_tim": per_tim,
        "langkah": langkah,
        "pencatatan_susulan": pencatatan_susulan,
        "waktu_selesai": waktu_selesai,
        "kepuasan": kepuasan,
        "efektivitas": {"efektif": hasil_tinjauan["efektif"], "tidak_efektif": hasil_tinjauan["tidak_efektif"],
                        "belum": belum, "terlambat": terlambat},
        "tunda": {n: {"keluhan": len(ditunda[n]), "menit": round(menit_tunda[n], 2), "patuh_karena_tunda": karena_tunda[n]}
                  for n in ditunda},
        "terbuka_akhir_periode": terbuka,
        "keluhan": keluhan,
        "dibatalkan": dibatalkan,
        **_berulang(kal, h.titik, keluhan, semua, batal),
    }


def rekap(db: sqlite3.Connection, kal: Kalender, p: dict[str, Any], periode: Periode, *, sekarang: datetime,
          jangkar: jk.Jangkar | None = None) -> dict[str, Any]:
    """The recap of ``periode`` as of ``jangkar`` (``kal``: the calendar at the anchor): ``angka``
    plus ``pembanding``, the previous period's headline figures (None when the archive held
    nothing that early)."""
    jangkar = jangkar or jk.ujung(db)
    data = angka(db, kal, p, periode, sekarang=sekarang, jangkar=jangkar)
    data.update(analisis(db, kal, p, periode, sekarang=sekarang, jangkar=jangkar))
    lalu = periode.sebelumnya()
    pertama = db.execute("SELECT MIN(k.dicatat) FROM keluhan k JOIN riwayat r ON r.keluhan_id = k.id"
                         " WHERE r.aksi = 'catat' AND r.urutan <= ?", (jangkar.urutan,)).fetchone()[0]
    if pertama is None or pertama >= lalu.kunci()["a"]:
        data["pembanding"] = None
    else:
        d = angka(db, kal, p, lalu, sekarang=sekarang, jangkar=jangkar)
        data["pembanding"] = {k: d[k] for k in ("periode", "jumlah", "per_status", "langkah", "waktu_selesai")}
        for x in data["pembanding"]["langkah"].values():  # late entry is the period's own figure
            del x["susulan"], x["patuh_susulan"]
    return data


# -- issue 16: the Pareto, the trend and cause recurrence (keluhan/analisis.py), by full replay ---------


def analisis(db: sqlite3.Connection, kal: Kalender, p: dict[str, Any], periode: Periode, *, sekarang: datetime,
             jangkar: jk.Jangkar | None = None) -> dict[str, Any]:
    """``akar_masalah``, ``kategori``, ``pareto``, ``tren`` and ``akar_berulang``: every complaint
    of the period and of the 12 months before its end folded from its events; each month of the
    trend is that month's own recap (``angka``)."""
    from keluhan import akar
    from keluhan.analisis import BULAN_TREN

    jangkar = jangkar or jk.ujung(db)
    # The 12 months up to the period's end, the last one cut there.
    bulan: list[Periode] = []
    t, b = periode.akhir.year, periode.akhir.month
    for _ in range(BULAN_TREN):
        bulan.insert(0, Periode.bulan(t, b))
        t, b = (t - 1, 12) if b == 1 else (t, b - 1)
    if bulan[-1].akhir != periode.akhir:
        bulan[-1] = Periode(mulai=bulan[-1].mulai, akhir=periode.akhir)
    awal = min(bulan[0].mulai, periode.mulai)
    kunci = {**Periode(mulai=awal, akhir=periode.akhir).kunci(), "n": jangkar.urutan}
    batal = {kid for kid, _, _ in db.execute(SQL_BATAL, kunci)}
    lipat = [s for s in _lipat(db.execute(SQL_KELUHAN_PERIODE, kunci), kal) if s.keluhan["id"] not in batal]
    m, a = periode.kunci()["m"], periode.kunci()["a"]
    dalam = [s for s in lipat if m <= s.keluhan["dicatat"] < a]

    akhir = min(datetime.combine(periode.akhir + timedelta(days=1), time(0), kal.zona), sekarang)
    setelan = getattr(kal, "setelan", None)
    if setelan is not None and setelan.ada(akar.KUNCI_KATEGORI) and setelan.entri_pada(
            akar.KUNCI_KATEGORI, akhir - timedelta(microseconds=1)) is not None:
        daftar = list(setelan.entri_pada(akar.KUNCI_KATEGORI, akhir - timedelta(microseconds=1)).nilai)
    else:
        daftar = list(p["kategori"]["daftar"])

    def nama_kategori(teks: str | None) -> str | None:
        if not teks or not teks.strip():
            return None
        teks = " ".join(teks.split())
        if not daftar:
            return teks
        for x in daftar:
            if x.casefold() == teks.casefold():
                return x
        return f"lainnya: {teks}"

    def susun(nilai: list[str]) -> list[dict[str, Any]]:
        n = Counter(nilai)
        urut = sorted(n, key=lambda k: (-n[k], k))
        return [{"kode": k, "jumlah": n[k], "persen": round(100 * n[k] / len(nilai), 1),
                 "kumulatif": round(100 * sum(n[x] for x in urut[:i + 1]) / len(nilai), 1)} for i, k in enumerate(urut)]

    def utama(daftar_: list[dict[str, Any]]) -> list[str]:
        i = next((i for i, x in enumerate(daftar_) if x["kumulatif"] >= 80), len(daftar_) - 1)
        return [x["kode"] for x in daftar_[:i + 1]]

    kode = [s.tindakan[-1]["kode_akar"] for s in dalam if s.tindakan and s.tindakan[-1]["kode_akar"]]
    kategori = [x for s in dalam if (x := nama_kategori(s.keluhan["kategori"]))]
    akar_masalah, per_kategori = susun(kode), susun(kategori)

    tren = []
    for b_ in bulan:
        d = angka(db, kal, p, b_, sekarang=sekarang, jangkar=jangkar)
        lk = d["langkah"].values()
        total, diukur = sum(x["total"] for x in lk), sum(x["total"] - x["tidak_diukur"] for x in lk)
        patuh = sum(x["patuh"] for x in lk)
        tren.append({"bulan": f"{b_.mulai:%Y-%m}", "label": Periode.bulan(b_.mulai.year, b_.mulai.month).label,
                     "jumlah": d["jumlah"], "langkah": total, "diukur": diukur, "patuh": patuh,
                     "persen_patuh": round(100 * patuh / diukur, 1) if diukur else None,
                     "kepuasan": {k: d["kepuasan"][k] for k in ("jumlah", "rata_rata", "ikm", "mutu")}})

    bulan_tren = [f"{b_.mulai:%Y-%m}" for b_ in bulan]
    grup: dict[tuple[str, str], list[str]] = {}
    for s in lipat:
        k = s.keluhan
        if k["dicatat"][:7] in bulan_tren and s.tindakan and s.tindakan[-1]["kode_akar"]:
            grup.setdefault((k["layanan"] or TIDAK_DIISI, s.tindakan[-1]["kode_akar"]), []).append(k["dicatat"][:7])
    berulang = sorted(({"layanan": l, "kode": c, "jumlah": len(x), "per_bulan": {b_: x.count(b_) for b_ in bulan_tren}}
                       for (l, c), x in grup.items() if len(x) >= 2), key=lambda x: (-x["jumlah"], x["layanan"], x["kode"]))
    return {
        "akar_masalah": akar_masalah,
        "kategori": per_kategori,
        "pareto": {
            "akar_masalah": {"dikodekan": len(kode), "tanpa_kode": len(dalam) - len(kode), "utama": utama(akar_masalah)},
            "kategori": {"berkategori": len(kategori), "tanpa_kategori": len(dalam) - len(kategori),
                         "utama": utama(per_kategori), "daftar": daftar},
        },
        "tren": tren,
        "akar_berulang": berulang,
    }
