"""Working time: office hours on working days, minus public holidays and cuti bersama.

``Kalender.menit_kerja`` measures a step's duration; ``Kalender.batas`` turns a mutu baku
("15 menit", "3 hari") into a deadline. Working time per day is kept as prefix sums in
whole microseconds over whole years (extended lazily), so any span costs O(log n) and
durations, deadlines and compliance agree exactly.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import Any, Literal, cast
from zoneinfo import ZoneInfo

from keluhan.galat import GalatMasukan, GalatPengaturan
from keluhan.pengaturan import BAWAAN

Satuan = Literal["menit", "jam", "hari"]
JamKerja = dict[int, tuple[time, time] | None]

HARI = ("senin", "selasa", "rabu", "kamis", "jumat", "sabtu", "minggu")
_US = timedelta(microseconds=1)
_MENIT = 60_000_000  # microseconds
_JAM = re.compile(r"^\s*(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})\s*$")
_MUTU = re.compile(r"^\s*(\d+)\s*(menit|jam|hari)\s*$", re.IGNORECASE)
_DURASI = re.compile(r"^\s*(\d+)\s*(m|mnt|menit|j|jam|h|hari)\s*$", re.IGNORECASE)
_SATUAN: dict[str, Satuan] = {"m": "menit", "mnt": "menit", "j": "jam", "h": "hari"}
_BANDING = re.compile(r"^\s*(\d+)\s*hari(\s+kalender)?\s*$", re.IGNORECASE)
_CONTOH_DURASI = '30m, 2j, 1h, "30 menit", "2 jam", "1 hari"'


def jam_kerja_dari_pengaturan(jam: Mapping[str, str]) -> JamKerja:
    """Office hours per weekday (0 = Monday) from ``{"senin": "07:30-16:00", ...}``.

    "" or a missing day = not a working day. A closing time "24:00" is stored as
    ``time(0)``, meaning midnight at the end of that day.
    """
    hasil: JamKerja = dict.fromkeys(range(7))
    for nama, teks in jam.items():
        if nama not in HARI:
            raise GalatPengaturan(f"Pengaturan tidak dikenal: 'jam_kerja.{nama}' (nama hari: {', '.join(HARI)}).")
        if teks.strip() == "":
            continue
        m = _JAM.match(teks)
        h1, m1, h2, m2 = map(int, m.groups()) if m else (99, 0, 0, 0)
        if not (h1 < 24 and m1 < 60 and m2 < 60 and (h2 < 24 or (h2, m2) == (24, 0)) and (h1, m1) < (h2, m2)):
            raise GalatPengaturan(
                f"Pengaturan 'jam_kerja.{nama}' tidak sah: '{teks}' (contoh: \"07:30-16:00\", atau \"\" untuk hari libur)."
            )
        hasil[HARI.index(nama)] = (time(h1, m1), time(h2 % 24, m2))
    return hasil


JAM_KERJA_BAWAAN: JamKerja = jam_kerja_dari_pengaturan(BAWAAN["jam_kerja"])
ZONA_BAWAAN = ZoneInfo(BAWAAN["waktu"]["zona"])


@dataclass(frozen=True, kw_only=True)
class MutuBaku:
    """A time standard: ``jumlah`` (>= 1) working minutes, hours or days."""

    jumlah: int
    satuan: Satuan

    def __post_init__(self) -> None:
        if self.satuan not in ("menit", "jam", "hari") or self.jumlah < 1:
            raise GalatMasukan(f"Mutu baku tidak sah: '{self.jumlah} {self.satuan}' (jumlah minimal 1).")

    @classmethod
    def parse(cls, teks: str) -> MutuBaku:
        """``"3 hari"`` -> MutuBaku(jumlah=3, satuan="hari")."""
        m = _MUTU.match(teks)
        if not m or int(m[1]) < 1:
            raise GalatMasukan(f'Mutu baku tidak sah: \'{teks}\' (contoh: "15 menit", "2 jam", "3 hari").')
        return cls(jumlah=int(m[1]), satuan=cast(Satuan, m[2].lower()))

    def __str__(self) -> str:
        return f"{self.jumlah} {self.satuan}"


def aturan_banding_sah(aturan: str) -> bool:
    """Whether ``aturan`` reads as an appeal window: "15 hari" or "15 hari kalender"."""
    m = _BANDING.match(aturan)
    return bool(m) and int(m[1]) >= 1


def parse_durasi(teks: str) -> MutuBaku:
    """A CLI duration: ``30m``/``30 menit``, ``2j``/``2 jam``, ``1h``/``1 hari`` (h = hari)."""
    m = _DURASI.match(teks)
    if not m or int(m[1]) < 1:
        raise GalatMasukan(f"Durasi tidak dapat dibaca: '{teks}' (contoh: {_CONTOH_DURASI}).")
    satuan = m[2].lower()
    return MutuBaku(jumlah=int(m[1]), satuan=_SATUAN.get(satuan, cast(Satuan, satuan)))


def format_durasi(menit: float) -> str:
    """Working minutes as "12 menit", "2 jam", "27 jam 5 menit" (hours and minutes only).

    Rounded UP to the whole minute, so the text exceeds a mutu baku of whole minutes
    exactly when the duration does (15 min 1 s -> "16 menit"). Negative gets a "-".
    """
    tanda = "-" if menit < 0 else ""
    total = math.ceil(round(abs(menit), 6))
    jam, sisa = divmod(total, 60)
    bagian = ([f"{jam} jam"] if jam else []) + ([f"{sisa} menit"] if sisa or not jam else [])
    return tanda + " ".join(bagian)


def libur_bawaan(tahun: Iterable[int]) -> dict[date, str]:
    """Indonesian public holidays and cuti bersama of ``tahun``, names in Indonesian."""
    import holidays

    h = holidays.country_holidays("ID", years=list(tahun), categories=("public", "government"), language="id")
    return dict(sorted(h.items()))


class Kalender:
    """Working calendar: office hours per weekday in ``zona``, minus the ``libur`` dates.

    Naive datetimes are taken as local time in ``zona``; aware ones in any offset are
    converted. Every datetime returned is aware, in ``zona``.
    """

    def __init__(self, *, zona: tzinfo, jam_kerja: Mapping[int, tuple[time, time] | None], libur: Mapping[date, str]) -> None:
        self.zona = zona
        self.jam_kerja: JamKerja = {h: jam_kerja.get(h) for h in range(7)}
        self.libur: dict[date, str] = dict(libur)
        if not any(self.jam_kerja.values()):
            raise GalatPengaturan("Pengaturan 'jam_kerja' tidak memuat satu pun hari kerja.")
        self._awal = 0  # ordinal of the first cached day
        self._kum = [0]  # working µs before each cached day (one entry more than days)
        self._hk = [0]  # working days before each cached day

    @classmethod
    def dari_pengaturan(cls, p: Mapping[str, Any], libur: Mapping[date, str]) -> Kalender:
        """From a settings dict (``pengaturan.muat``) and the archive's holidays."""
        return cls(zona=ZoneInfo(p["waktu"]["zona"]), jam_kerja=jam_kerja_dari_pengaturan(p["jam_kerja"]), libur=libur)

    # -- the cache -------------------------------------------------------------------------

    def _jam(self, d: date) -> tuple[datetime, datetime] | None:
        """Opening and closing instants (UTC) of ``d``, or None when it is not a working day."""
        jam = self.jam_kerja[d.weekday()]
        if jam is None or d in self.libur:
            return None
        tutup = datetime.combine(d + timedelta(days=1) if jam[1] == time(0) else d, jam[1], self.zona)
        return datetime.combine(d, jam[0], self.zona).astimezone(UTC), tutup.astimezone(UTC)

    def _isi(self, sampai: int) -> None:
        """Append days to the prefix sums up to (not including) ordinal ``sampai``."""
        for o in range(self._awal + len(self._kum) - 1, sampai):
            jam = self._jam(date.fromordinal(o))
            self._kum.append(self._kum[-1] + (max(jam[1] - jam[0], timedelta(0)) // _US if jam else 0))
            self._hk.append(self._hk[-1] + (1 if jam else 0))

    def _cakup(self, lo: date, hi: date) -> None:
        """Make the prefix sums cover ``lo``..``hi`` (whole years)."""
        n = len(self._kum) - 1
        akhir = date(hi.year + 1, 1, 1).toordinal()
        if n == 0 or lo.toordinal() < self._awal:
            akhir = max(akhir, self._awal + n) if n else akhir
            self._awal, self._kum, self._hk = date(lo.year, 1, 1).toordinal(), [0], [0]
        self._isi(akhir)

    def _perpanjang(self) -> None:
        """Append one more year (a search needs more days); give up after a century."""
        if len(self._kum) > 100 * 366:
            raise GalatPengaturan("Kalender kerja tidak memuat hari kerja dalam rentang yang wajar.")
        self._isi(date(date.fromordinal(self._awal + len(self._kum) - 1).year + 1, 1, 1).toordinal())

    def _lokal(self, t: datetime) -> datetime:
        return t.replace(tzinfo=self.zona) if t.utcoffset() is None else t.astimezone(self.zona)

    def _titik(self, t: datetime) -> tuple[int, int, int]:
        """(day index, working µs done that day before ``t``, the day's working µs); covered ``t``."""
        i = t.date().toordinal() - self._awal
        jam = self._jam(t.date())
        if jam is None:
            return i, 0, 0
        u = t.astimezone(UTC)
        return i, max(min(u, jam[1]) - jam[0], timedelta(0)) // _US, self._kum[i + 1] - self._kum[i]

    def _us(self, a: datetime, b: datetime) -> int:
        """Working µs from ``a`` to ``b`` (local, a <= b)."""
        self._cakup(a.date(), b.date())
        ia, wa, _ = self._titik(a)
        ib, wb, _ = self._titik(b)
        return self._kum[ib] + wb - self._kum[ia] - wa

    def _maju(self, i: int, n: int) -> int:
        """Index of the ``n``-th (>= 1) working day after day index ``i``."""
        target = self._hk[i + 1] + n
        while self._hk[-1] < target:
            self._perpanjang()
        return bisect_left(self._hk, target) - 1

    def _hari(self, i: int) -> date:
        return date.fromordinal(self._awal + i)

    # -- public ------------------------------------------------------------------------------

    def is_hari_kerja(self, d: date) -> bool:
        """True when ``d`` has office hours and is not a holiday."""
        return self.jam_kerja[d.weekday()] is not None and d not in self.libur

    def menit_kerja(self, mulai: datetime, akhir: datetime) -> float:
        """Working minutes from ``mulai`` to ``akhir`` (0 if akhir <= mulai), µs precision."""
        a, b = self._lokal(mulai), self._lokal(akhir)
        return self._us(a, b) / _MENIT if b > a else 0.0

    def hari_kerja(self, mulai: datetime, akhir: datetime) -> float:
        """Working days from ``mulai`` to ``akhir`` (0 if akhir <= mulai).

        Each whole working day counts 1 whatever its length; a part of one counts the share
        of that day's office hours done (Thu 12:00 -> Fri 12:00 = 240/510 + 270/540).
        Additive like menit_kerja. Reports only: compliance uses ``patuh``.
        """
        a, b = self._lokal(mulai), self._lokal(akhir)
        if b <= a:
            return 0.0
        self._cakup(a.date(), b.date())
        (ia, wa, la), (ib, wb, lb) = self._titik(a), self._titik(b)
        return (self._hk[ib] - self._hk[ia]) + (wb / lb if lb else 0.0) - (wa / la if la else 0.0)

    def batas(self, mulai: datetime, mutu: MutuBaku) -> datetime:
        """The deadline of a step started at ``mulai`` with standard ``mutu``.

        menit/jam: the first instant at which that much working time has passed (counting
        starts at the next opening when ``mulai`` is outside office hours; it may be a
        closing time). hari: ``mulai`` is snapped to office hours (at/after closing or on a
        non-working day -> the next opening; before opening -> that opening), then moved N
        working days on, keeping the wall-clock time, clamped to that day's office hours
        (Fri 16:15 + 1 hari -> Mon 16:00).
        """
        a = self._lokal(mulai)
        self._cakup(a.date(), a.date())
        i, w, lama = self._titik(a)
        if mutu.satuan != "hari":
            target = self._kum[i] + w + mutu.jumlah * (60 if mutu.satuan == "jam" else 1) * _MENIT
            while self._kum[-1] < target:
                self._perpanjang()
            j = bisect_left(self._kum, target) - 1
            buka = cast(tuple[datetime, datetime], self._jam(self._hari(j)))[0]
            return (buka + (target - self._kum[j]) * _US).astimezone(self.zona)
        if lama == 0 or w in (0, lama):
            i = i if w == 0 and lama else self._maju(i, 1)
            a = cast(tuple[datetime, datetime], self._jam(self._hari(i)))[0].astimezone(self.zona)
        j = self._maju(i, mutu.jumlah)
        buka, tutup = cast(tuple[datetime, datetime], self._jam(self._hari(j)))
        jadi = datetime.combine(self._hari(j), a.time(), self.zona).astimezone(UTC)
        return min(max(jadi, buka), tutup).astimezone(self.zona)

    tambah = batas

    def kerja_berikutnya(self, t: datetime) -> datetime:
        """The first instant of office hours at or after ``t`` (``t`` itself inside them).

        A step done at ``akhir`` is late exactly when ``akhir`` is after
        ``kerja_berikutnya(batas)``: that is ``patuh``'s rule, as one instant to compare with.
        """
        a = self._lokal(t)
        self._cakup(a.date(), a.date())
        i, w, lama = self._titik(a)
        if lama and w < lama:
            buka = cast(tuple[datetime, datetime], self._jam(self._hari(i)))[0]
            return max(a.astimezone(UTC), buka).astimezone(self.zona)
        j = self._maju(i, 1)
        return cast(tuple[datetime, datetime], self._jam(self._hari(j)))[0].astimezone(self.zona)

    def patuh(self, mulai: datetime, akhir: datetime, mutu: MutuBaku) -> bool:
        """True when ``akhir`` is no later than the deadline in working time.

        Work finished after hours but before the next opening counts as on time, so for
        menit/jam this is exactly ``menit_kerja(mulai, akhir) <= mutu``.
        """
        b = self._lokal(akhir)
        batas = self.batas(mulai, mutu)
        return b <= batas or self._us(batas, b) == 0

    def tambah_hari_kalender(self, mulai: datetime, n: int) -> datetime:
        """``n`` calendar days after ``mulai``, same wall-clock time in ``zona``."""
        a = self._lokal(mulai)
        return datetime.combine(a.date() + timedelta(days=n), a.time(), self.zona)

    def batas_banding(self, informasi: datetime, aturan: str) -> datetime:
        """Last moment to appeal after the customer was informed at ``informasi``.

        "N hari": closing time of the N-th working day after the informing date.
        "N hari kalender": 23:59:59 local on the N-th calendar day after it.
        """
        m = _BANDING.match(aturan)
        if not m or int(m[1]) < 1:
            raise GalatMasukan(f'Batas banding tidak sah: \'{aturan}\' (contoh: "15 hari" atau "15 hari kalender").')
        a = self._lokal(informasi)
        if m[2]:
            return datetime.combine(a.date() + timedelta(days=int(m[1])), time(23, 59, 59), self.zona)
        self._cakup(a.date(), a.date())
        j = self._maju(a.date().toordinal() - self._awal, int(m[1]))
        return cast(tuple[datetime, datetime], self._jam(self._hari(j)))[1].astimezone(self.zona)
