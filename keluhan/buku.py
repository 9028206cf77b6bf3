"""The settings that decide figures, as the archive's chained, effective-dated ledger.

``pengaturan_riwayat`` (migration m008) holds one entry per value ever set: the key (its
name in keluhan.toml, e.g. ``mutu_baku.langkah_4``), the value as JSON text, the value it
replaced, from when it is in force (``berlaku_sejak``, NULL = from the start), who, why and
when it was written, and the hash chain (keluhan/rantai.py). Nothing else stores these
values: durations, compliance, deadlines and the appeal window are computed from the entry
in force at the right moment, and ``keluhan periksa`` recomputes them from it.

Which entry is in force at an instant: among the key's entries with ``berlaku_sejak``
NULL or not after it, the one with the latest ``berlaku_sejak``, and of equal ones the
latest ``urutan`` (a later entry with the same start corrects an earlier one). A step's
mutu baku is the one in force when its clock started (the previous step's time, or
``diajukan`` for step 2), so the deadline shown while waiting is the one it is judged
against. A day's office hours are those in force at its local midnight.

keluhan.toml seeds every key the archive does not hold yet (a new archive; a key added
by a later release); from then on the archive is the truth and ``keluhan pengaturan
ubah`` changes it. Imports nothing heavy: every command opens the ledger.
"""

from __future__ import annotations

import json
import sqlite3
from bisect import bisect_right
from collections.abc import Iterable, Mapping
from datetime import date, datetime, time, timedelta
from typing import Any

from keluhan import rantai
from keluhan.galat import GalatMasukan

TABEL = rantai.PENGATURAN.tabel  # "pengaturan_riwayat"
HARI = ("senin", "selasa", "rabu", "kamis", "jumat", "sabtu", "minggu")
# Every key the ledger holds, in the order `pengaturan daftar` lists them, with its kind.
JENIS: dict[str, str] = {
    **{f"mutu_baku.langkah_{n}": "mutu" for n in range(2, 7)},
    **{f"jam_kerja.{h}": "jam" for h in HARI},
    "banding.batas": "banding",
    "banding.putusan": "mutu",
    "efektivitas.setelah": "hari",
    "berulang.hari": "hari_kalender",
    "tunda.batas": "hari",
    "akar_masalah.kode": "daftar",
    "kategori.daftar": "daftar_bebas",
    **{f"peran.langkah_{n}": "peran" for n in range(2, 7)},
}
CONTOH = {
    "mutu": '"15 menit", "2 jam", "3 hari" (waktu kerja)',
    "jam": '"07:30-16:00", atau "" untuk bukan hari kerja',
    "banding": '"15 hari" (hari kerja) atau "15 hari kalender"',
    "hari": "bilangan bulat hari kerja, mis. 20",
    "hari_kalender": "bilangan bulat hari kalender (1 sampai 3660), mis. 180",
    "daftar": 'daftar dipisah koma, mis. "manusia,metode,peralatan,bahan,pengukuran,lingkungan,lainnya"',
    "daftar_bebas": 'daftar dipisah koma, atau "" untuk kategori bebas',
    "peran": 'pjtk, teknis, verifikator, koordinator, manajer_mutu, atau "" (siapa pun yang aktif)',
}
_JSON = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))
_AWAL = float("-inf")  # berlaku_sejak NULL: in force from the start


def teks(nilai: Any) -> str:
    """A value as the ledger stores it: compact JSON, non-ASCII as is."""
    return _JSON.encode(nilai)


def tampil(nilai: Any) -> str:
    """A value as a clerk reads it: text as is (\"\" shown as ''), lists joined by commas."""
    if isinstance(nilai, list):
        return ", ".join(map(str, nilai)) if nilai else "(bebas)"
    if nilai == "":
        return "''"
    return str(nilai)


def normalkan(kunci: str, mentah: Any) -> Any:
    """The value of ``kunci`` as stored, from what a clerk typed or keluhan.toml holds;
    GalatMasukan naming the key and the refused value otherwise."""
    from keluhan import kalender

    jenis = JENIS.get(kunci)
    if jenis is None:
        raise GalatMasukan(f"Pengaturan '{kunci}' tidak dikenal. Yang dapat diubah: {', '.join(JENIS)}.")

    def tolak() -> GalatMasukan:
        return GalatMasukan(f"Nilai '{tampil(mentah) if isinstance(mentah, list) else mentah}' untuk {kunci} "
                            f"tidak sah (contoh: {CONTOH[jenis]}).")

    if jenis in ("daftar", "daftar_bebas"):
        butir = mentah if isinstance(mentah, list) else str(mentah).split(",")
        if not all(isinstance(b, str) for b in butir):
            raise tolak()
        hasil: list[str] = []
        for b in (" ".join(b.split()) for b in butir):
            if b and b.casefold() not in {x.casefold() for x in hasil}:
                hasil.append(b)
        if not hasil and jenis == "daftar":
            raise tolak()
        return hasil
    if jenis == "hari":
        t = str(mentah).strip().lower().removesuffix("hari kerja").removesuffix("hari").strip()
        if isinstance(mentah, bool) or not t.isdigit() or not 1 <= int(t) <= 366:
            raise tolak()
        return int(t)
    if jenis == "hari_kalender":
        t = str(mentah).strip().lower().removesuffix("hari kalender").removesuffix("hari").strip()
        if isinstance(mentah, bool) or not t.isdigit() or not 1 <= int(t) <= 3660:
            raise tolak()
        return int(t)
    if not isinstance(mentah, str):
        raise tolak()
    if jenis == "peran":
        from keluhan.registri import PERAN

        k = mentah.strip().lower().replace("-", "_")
        if k and k not in PERAN:
            raise tolak()
        return k
    if jenis == "mutu":
        try:
            return str(kalender.MutuBaku.parse(mentah))
        except GalatMasukan:
            raise tolak() from None
    if jenis == "jam":
        if mentah.strip() in ("", "-"):
            return ""
        try:
            jam = kalender.jam_kerja_dari_pengaturan({kunci.split(".")[1]: mentah})
        except Exception:
            raise tolak() from None
        buka, tutup = next(j for j in jam.values() if j)
        return f"{buka:%H:%M}-{'24:00' if tutup == time(0) else f'{tutup:%H:%M}'}"
    # banding
    if not kalender.aturan_banding_sah(mentah):
        raise tolak()
    n, *sisa = mentah.split()
    return f"{int(n)} hari" + (" kalender" if len(sisa) > 1 else "")


def dari_pengaturan(p: Mapping[str, Any], kunci: str) -> Any:
    """The value keluhan.toml (merged over the defaults) gives ``kunci``, normalised."""
    bagian, nama = kunci.split(".")
    return normalkan(kunci, p[bagian][nama])


class Entri:
    """One ledger entry, as stored (values decoded)."""

    __slots__ = ("urutan", "kunci", "nilai", "nilai_lama", "berlaku_sejak", "petugas", "alasan", "dicatat_pada", "_t")

    def __init__(self, urutan: int, kunci: str, nilai: Any, nilai_lama: Any, berlaku_sejak: str | None,
                 petugas: str | None, alasan: str, dicatat_pada: str) -> None:
        self.urutan, self.kunci, self.nilai, self.nilai_lama = urutan, kunci, nilai, nilai_lama
        self.berlaku_sejak, self.petugas, self.alasan, self.dicatat_pada = berlaku_sejak, petugas, alasan, dicatat_pada
        self._t = _AWAL if berlaku_sejak is None else datetime.fromisoformat(berlaku_sejak).timestamp()

    def json(self) -> dict[str, Any]:
        return {k: getattr(self, k) for k in self.__slots__ if k != "_t"}


def _detik(pada: str | datetime) -> float:
    return (datetime.fromisoformat(pada) if isinstance(pada, str) else pada).timestamp()


class Setelan:
    """The ledger read once: every key's value at any instant (bisection over its few entries)."""

    def __init__(self, entri: Iterable[Entri]) -> None:
        self.entri = sorted(entri, key=lambda e: e.urutan)
        self._kunci: dict[str, list[Entri]] = {}
        for e in sorted(self.entri, key=lambda e: (e._t, e.urutan)):
            self._kunci.setdefault(e.kunci, []).append(e)
        self._t = {k: [e._t for e in v] for k, v in self._kunci.items()}
        self._mutu: dict[tuple[str, Any], Any] = {}

    def ada(self, kunci: str) -> bool:
        return kunci in self._kunci

    def tetap(self, kunci: str) -> bool:
        """Whether ``kunci`` has one value only, in force from the start (``nilai`` gives it for any time)."""
        daftar = self._kunci.get(kunci)
        return daftar is not None and len(daftar) == 1 and daftar[0]._t == _AWAL

    def entri_pada(self, kunci: str, pada: str | datetime | None) -> Entri | None:
        """The entry of ``kunci`` in force at ``pada`` (None = the earliest), or None."""
        daftar = self._kunci.get(kunci)
        if not daftar:
            return None
        if pada is None:
            return daftar[0] if daftar[0]._t == _AWAL else None
        if len(daftar) == 1 and daftar[0]._t == _AWAL:
            return daftar[0]
        i = bisect_right(self._t[kunci], _detik(pada))
        return daftar[i - 1] if i else None

    def nilai(self, kunci: str, pada: str | datetime | None) -> Any:
        e = self.entri_pada(kunci, pada)
        if e is None:
            raise GalatMasukan(f"Pengaturan '{kunci}' belum tercatat di arsip untuk {pada or 'awal'}.")
        return e.nilai

    def mutu(self, langkah: int, pada: str | datetime | None) -> Any:
        """The mutu baku of step ``langkah`` in force at ``pada`` (a MutuBaku)."""
        from keluhan.kalender import MutuBaku

        from keluhan.workflow import kunci_mutu

        teks_ = self.nilai(kunci_mutu(langkah), pada)
        m = self._mutu.get(teks_)
        if m is None:
            m = self._mutu[teks_] = MutuBaku.parse(teks_)
        return m

    def jam_kerja(self, zona: Any) -> tuple[dict[int, tuple[time, time] | None], list[tuple[date, dict[int, tuple[time, time] | None]]]]:
        """Office hours over time: the week in force from the start, and each later week
        with the first date it applies to (a day follows what is in force at its midnight)."""
        from keluhan.kalender import jam_kerja_dari_pengaturan

        def minggu(pada: datetime | None) -> dict[int, tuple[time, time] | None]:
            return jam_kerja_dari_pengaturan({h: self.nilai(f"jam_kerja.{h}", pada) for h in HARI})

        awal = minggu(None)
        tanggal: set[date] = set()
        for h in HARI:
            for e in self._kunci.get(f"jam_kerja.{h}", []):
                if e.berlaku_sejak is None:
                    continue
                t = datetime.fromisoformat(e.berlaku_sejak).astimezone(zona)
                tanggal.add(t.date() if t.time() == time(0) else t.date() + timedelta(days=1))
        perubahan: list[tuple[date, dict[int, tuple[time, time] | None]]] = []
        sebelum = awal
        for d in sorted(tanggal):
            jam = minggu(datetime.combine(d, time(0), zona))
            if jam != sebelum:
                perubahan.append((d, jam))
                sebelum = jam
        return awal, perubahan

    def kini(self, pada: datetime) -> dict[str, Any]:
        """Every key's value in force at ``pada`` (keys with no entry in force left out)."""
        return {k: e.nilai for k in self._kunci if (e := self.entri_pada(k, pada)) is not None}

    def terjadwal(self, pada: datetime) -> list[Entri]:
        """Entries that come into force after ``pada``, soonest first."""
        t = pada.timestamp()
        return sorted((e for e in self.entri if e._t > t), key=lambda e: (e._t, e.urutan))


def muat(db: sqlite3.Connection, sampai: int | None = None) -> Setelan:
    """The whole ledger (a few dozen rows), or as it stood after entry ``sampai`` (an
    anchor's tip: what a recap signed then was computed from)."""
    batas = "" if sampai is None else f" WHERE urutan <= {int(sampai)}"
    return Setelan(
        Entri(u, k, json.loads(n), None if lama is None else json.loads(lama), sejak, petugas, alasan, pada)
        for u, k, n, lama, sejak, petugas, alasan, pada in db.execute(
            f"SELECT urutan, kunci, nilai, nilai_lama, berlaku_sejak, petugas, alasan, dicatat_pada FROM {TABEL}{batas}")
    )


def sidik(db: sqlite3.Connection) -> tuple[Any, ...]:
    """Changes whenever the ledger does (entries are only ever added)."""
    return tuple(db.execute(f"SELECT COUNT(*), IFNULL(MAX(urutan), 0) FROM {TABEL}").fetchone())


def catat(
    db: sqlite3.Connection, *, kunci: str, nilai: Any, nilai_lama: Any = None, berlaku_sejak: str | None,
    petugas: str | None, alasan: str, sistem: str,
) -> int:
    """Append one entry (inside the caller's transaction); returns its urutan."""
    baris = db.execute(f"SELECT hash FROM {TABEL} ORDER BY urutan DESC LIMIT 1").fetchone()
    sebelum = baris[0] if baris else rantai.HASH_AWAL
    isi = [kunci, teks(nilai), None if nilai_lama is None else teks(nilai_lama), berlaku_sejak, petugas, alasan, sistem]
    cur = db.execute(
        f"INSERT INTO {TABEL} (kunci, nilai, nilai_lama, berlaku_sejak, petugas, alasan, dicatat_pada,"
        " hash_sebelum, hash) VALUES (?,?,?,?,?,?,?,?,?)",
        (*isi, sebelum, rantai.hash_entri(sebelum, isi)),
    )
    return int(cur.lastrowid or 0)


def isi_awal(db: sqlite3.Connection, p: Mapping[str, Any], sistem: str) -> list[str]:
    """Seed, from keluhan.toml (``p``, merged over the defaults), every key the ledger does
    not hold yet, in force from the start; office hours from the archive's ``jam_kerja``
    table when it has them. Returns the keys seeded."""
    ada = {r[0] for r in db.execute(f"SELECT DISTINCT kunci FROM {TABEL}")}
    jam = {r[0]: r[1] for r in db.execute(
        "SELECT hari, CASE WHEN mulai IS NULL THEN '' ELSE mulai || '-' || selesai END FROM jam_kerja")}
    baru = []
    for kunci in JENIS:
        if kunci in ada:
            continue
        bagian, nama = kunci.split(".")
        if bagian == "jam_kerja" and len(jam) == 7:
            nilai, asal = normalkan(kunci, jam[HARI.index(nama)]), "tabel jam_kerja arsip"
        else:
            nilai, asal = dari_pengaturan(p, kunci), "keluhan.toml atau bawaan program"
        catat(db, kunci=kunci, nilai=nilai, berlaku_sejak=None, petugas=None, alasan=f"awal: dari {asal}", sistem=sistem)
        baru.append(kunci)
    return baru


def berbeda(setelan: Setelan, p: dict[str, Any], pada: datetime) -> list[str]:
    """Keys that keluhan.toml itself sets (not its defaults) to a value other than the
    one in force in the archive at ``pada``."""
    from keluhan.pengaturan import kunci_berkas

    hasil = []
    for kunci in JENIS:
        if kunci not in kunci_berkas(p):
            continue
        e = setelan.entri_pada(kunci, pada)
        try:
            dari_berkas = dari_pengaturan(p, kunci)
        except GalatMasukan:
            continue  # keluhan.toml's own check names a bad value
        if e is not None and e.nilai != dari_berkas:
            hasil.append(kunci)
    return hasil


def timpa(p: dict[str, Any], nilai: Mapping[str, Any]) -> dict[str, Any]:
    """``p`` with the archive's values in force laid over keluhan.toml's (a new dict)."""
    hasil = dict(p)
    for kunci, v in nilai.items():
        bagian, nama = kunci.split(".")
        if bagian in hasil and isinstance(hasil[bagian], dict):
            hasil[bagian] = {**hasil[bagian], nama: v}
    return hasil
