"""Working time: office hours on working days, minus public holidays and cuti bersama.

``Kalender.menit_kerja`` measures a step's duration; ``Kalender.batas`` turns a mutu baku
("15 menit", "3 hari") into a deadline. Working time per day is kept as prefix sums in
whole microseconds over whole years (extended lazily), so any span costs O(log n) and
durations, deadlines and compliance agree exactly.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Mapping
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import Any, Literal, cast
from zoneinfo import ZoneInfo

from keluhan.galat import GalatMasukan, GalatPengaturan
from keluhan.pengaturan import BAWAAN
from keluhan.pola import Pola

Satuan = Literal["menit", "jam", "hari"]
JamKerja = dict[int, tuple[time, time] | None]

HARI = ("senin", "selasa", "rabu", "kamis", "jumat", "sabtu", "minggu")
_US = timedelta(microseconds=1)
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_MENIT = 60_000_000  # microseconds
_JAM = Pola(r"^\s*(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})\s*$")
_MUTU = Pola(r"^\s*(\d+)\s*(menit|jam|hari)\s*$", re.IGNORECASE)
_DURASI = Pola(r"^\s*(\d+)\s*(m|mnt|menit|j|jam|h|hari)\s*$", re.IGNORECASE)
_SATUAN: dict[str, Satuan] = {"m": "menit", "mnt": "menit", "j": "jam", "h": "hari"}
_BANDING = Pola(r"^\s*(\d+)\s*hari(\s+kalender)?\s*$", re.IGNORECASE)
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


def __getattr__(nama: str) -> Any:
    """``JAM_KERJA_BAWAAN``, the default office hours, read from the defaults when first asked
    for (not at import: it would compile ``_JAM`` for every command)."""
    if nama == "JAM_KERJA_BAWAAN":
        return jam_kerja_dari_pengaturan(BAWAAN["jam_kerja"])
    raise AttributeError(f"module {__name__!r} has no attribute {nama!r}")


ZONA_BAWAAN = ZoneInfo(BAWAAN["waktu"]["zona"])
_JAM_TEKS: dict[int, str] = {}  # second of the day -> "HH:MM:SS", filled as read (``Kalender.iso_us``)
# A time as the program writes it ("2026-03-05T08:12:07+07:00", ``waktu.iso``), for ``Kalender.us_teks``:
# its date with its offset -> µs of that date's midnight at that offset; "THH:MM:SS" -> µs into the day.
_TANGGAL_ZONA = Pola(r"[0-9]{4}-[0-9]{2}-[0-9]{2}[+-][0-9]{2}:[0-9]{2}")
_JAM_ISO = Pola(r"T[0-9]{2}:[0-9]{2}:[0-9]{2}")
_US_TANGGAL: dict[str, int | None] = {}
_US_JAM: dict[str, int | None] = {}


class MutuBaku:
    """A time standard: ``jumlah`` (>= 1) working minutes, hours or days. Immutable.

    Written out rather than a frozen dataclass: ``dataclasses`` imports ``inspect``
    (~10 ms), and every step command reads a mutu baku.
    """

    __slots__ = ("_teks", "jumlah", "satuan", "us")
    jumlah: int
    satuan: Satuan
    us: int  # a "menit"/"jam" standard in working µs (0 for "hari"): its compliance is duration <= us

    def __init__(self, *, jumlah: int, satuan: Satuan) -> None:
        if satuan not in ("menit", "jam", "hari") or jumlah < 1:
            raise GalatMasukan(f"Mutu baku tidak sah: '{jumlah} {satuan}' (jumlah minimal 1).")
        object.__setattr__(self, "jumlah", jumlah)
        object.__setattr__(self, "satuan", satuan)
        object.__setattr__(self, "us", 0 if satuan == "hari" else jumlah * (60 if satuan == "jam" else 1) * _MENIT)
        object.__setattr__(self, "_teks", f"{jumlah} {satuan}")  # every row written or compared says it

    def __setattr__(self, nama: str, nilai: Any) -> None:
        raise AttributeError(f"MutuBaku tidak dapat diubah ({nama})")

    def __eq__(self, lain: object) -> bool:
        if not isinstance(lain, MutuBaku):
            return NotImplemented
        return (self.jumlah, self.satuan) == (lain.jumlah, lain.satuan)

    def __hash__(self) -> int:
        return hash((self.jumlah, self.satuan))

    def __repr__(self) -> str:
        return f"MutuBaku(jumlah={self.jumlah!r}, satuan={self.satuan!r})"

    def __reduce__(self) -> tuple[Any, ...]:  # pickle and copy: rebuilt through __init__ (setattr refuses)
        return _mutu_baku, (self.jumlah, self.satuan)

    @classmethod
    def parse(cls, teks: str) -> MutuBaku:
        """``"3 hari"`` -> MutuBaku(jumlah=3, satuan="hari")."""
        m = _MUTU.match(teks)
        if not m or int(m[1]) < 1:
            raise GalatMasukan(f'Mutu baku tidak sah: \'{teks}\' (contoh: "15 menit", "2 jam", "3 hari").')
        return cls(jumlah=int(m[1]), satuan=cast(Satuan, m[2].lower()))

    def __str__(self) -> str:
        return self._teks


def _mutu_baku(jumlah: int, satuan: Satuan) -> MutuBaku:
    return MutuBaku(jumlah=jumlah, satuan=satuan)


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


def _us_tanggal(k: str) -> int | None:
    """"2026-03-05+07:00" -> µs since the epoch of that date's midnight at that offset (None: not such a text)."""
    if not _TANGGAL_ZONA.fullmatch(k):
        return None
    try:
        d = date.fromisoformat(k[:10])
    except ValueError:
        return None
    jam, menit = int(k[11:13]), int(k[14:16])
    if jam > 23 or menit > 59:
        return None
    geser = (jam * 60 + menit) * _MENIT
    return (d.toordinal() - _ORDINAL_EPOCH) * 86_400_000_000 - (geser if k[10] == "+" else -geser)


def _us_jam(k: str) -> int | None:
    """"T08:12:07" -> µs into the day (None: not such a text)."""
    if not _JAM_ISO.fullmatch(k):
        return None
    jam, menit, detik = int(k[1:3]), int(k[4:6]), int(k[7:9])
    if jam > 23 or menit > 59 or detik > 59:
        return None
    return ((jam * 60 + menit) * 60 + detik) * 1_000_000


_ORDINAL_EPOCH = date(1970, 1, 1).toordinal()


class Kalender:
    """Working calendar: office hours per weekday in ``zona``, minus the ``libur`` dates.

    Naive datetimes are taken as local time in ``zona``; aware ones in any offset are
    converted. Every datetime returned is aware, in ``zona``.

    Inside, instants are whole microseconds since the epoch (UTC) and each cached day
    keeps its local midnight, opening and closing as such numbers, so a span costs two
    bisections and a few additions, not datetime arithmetic (a recap or an import
    measures millions of spans; issue 7).
    """

    def __init__(
        self, *, zona: tzinfo, jam_kerja: Mapping[int, tuple[time, time] | None], libur: Mapping[date, str],
        perubahan_jam: Iterable[tuple[date, Mapping[int, tuple[time, time] | None]]] = (),
    ) -> None:
        self.zona = zona
        self.jam_kerja: JamKerja = {h: jam_kerja.get(h) for h in range(7)}
        self.libur: dict[date, str] = dict(libur)
        # Office hours that changed on a date (Ramadan): from each date on, its week, in
        # date order. A day before the first change keeps ``jam_kerja``.
        ubah = sorted((d, {h: j.get(h) for h in range(7)}) for d, j in perubahan_jam)
        self._ubah_tgl = [d.toordinal() for d, _ in ubah]
        self._ubah_jam: list[JamKerja] = [j for _, j in ubah]
        self.setelan: Any = None  # the archive's settings ledger, when loaded from one (tenggat.muat_kalender)
        for jam in (self.jam_kerja, *self._ubah_jam):
            if not any(jam.values()):
                raise GalatPengaturan("Pengaturan 'jam_kerja' tidak memuat satu pun hari kerja.")
        self._awal = 0  # ordinal of the first cached day
        self._kum = [0]  # working µs before each cached day (one entry more than days)
        self._hk = [0]  # working days before each cached day
        self._malam: list[int] = []  # µs of each cached day's local midnight (one entry more than days)
        self._buka: list[int] = []  # µs of each cached day's opening (its midnight when not a working day)
        self._tutup: list[int] = []  # µs of its closing (= opening when not a working day)
        # ordinal -> (date text + "T", offset text) of a day whose offset holds all day, or None (``iso_us``)
        self._teks_hari: dict[int, tuple[str, str] | None] = {}

    @classmethod
    def dari_pengaturan(cls, p: Mapping[str, Any], libur: Mapping[date, str]) -> Kalender:
        """From a settings dict (``pengaturan.muat``) and the archive's holidays."""
        return cls(zona=ZoneInfo(p["waktu"]["zona"]), jam_kerja=jam_kerja_dari_pengaturan(p["jam_kerja"]), libur=libur)

    # -- instants as integers ------------------------------------------------------------

    def _us_dari(self, t: datetime) -> int:
        """``t`` as µs since the epoch; a naive ``t`` is local time in ``zona``."""
        try:
            d = t - _EPOCH
        except TypeError:  # naive
            d = t.replace(tzinfo=self.zona) - _EPOCH
        return (d.days * 86_400 + d.seconds) * 1_000_000 + d.microseconds  # (``d // _US``, a fifth faster)

    def _dt(self, u: int) -> datetime:
        """µs since the epoch as an aware datetime in ``zona``."""
        d, m = divmod(u, 1_000_000)
        t = datetime.fromtimestamp(d, self.zona)
        return t.replace(microsecond=m) if m else t

    def _us_lokal(self, d: date, jam: time) -> int:
        return (datetime.combine(d, jam, self.zona) - _EPOCH) // _US

    # -- the cache -------------------------------------------------------------------------

    def jam_pada(self, d: date) -> tuple[time, time] | None:
        """The office hours of ``d``'s weekday in force on ``d`` (holidays aside)."""
        if self._ubah_tgl:
            i = bisect_right(self._ubah_tgl, d.toordinal())
            if i:
                return self._ubah_jam[i - 1][d.weekday()]
        return self.jam_kerja[d.weekday()]

    def _jam(self, d: date) -> tuple[int, int] | None:
        """Opening and closing µs of ``d``, or None when it is not a working day."""
        jam = self.jam_pada(d)
        if jam is None or d in self.libur:
            return None
        tutup = self._us_lokal(d + timedelta(days=1) if jam[1] == time(0) else d, jam[1])
        return self._us_lokal(d, jam[0]), tutup

    def _isi(self, sampai: int) -> None:
        """Append days to the cache up to (not including) ordinal ``sampai``."""
        o = self._awal + len(self._kum) - 1
        if not self._malam:
            self._malam.append(self._us_lokal(date.fromordinal(o), time(0)))
        for o in range(o, sampai):
            d = date.fromordinal(o)
            jam = self._jam(d)
            malam = self._malam[-1]
            self._malam.append(self._us_lokal(d + timedelta(days=1), time(0)))
            buka, tutup = jam if jam else (malam, malam)
            tutup = max(tutup, buka)
            self._buka.append(buka)
            self._tutup.append(tutup)
            self._kum.append(self._kum[-1] + tutup - buka)
            self._hk.append(self._hk[-1] + (1 if jam else 0))

    def _cakup(self, lo: int, hi: int) -> None:
        """Make the cache cover the instants ``lo``..``hi`` (µs), in whole years; the first
        fill in whole months (a daily command measures one step: a year of days is ~1.5 ms
        of its start-up, issue 17), growing by years from there."""
        if self._malam and self._malam[0] <= lo and hi < self._malam[-1]:
            return
        a, b = self._dt(lo).date(), self._dt(hi).date()
        n = len(self._kum) - 1
        akhir = date(b.year + 1, 1, 1).toordinal()
        if n == 0:
            akhir = (date(b.year + 1, 1, 1) if b.month == 12 else date(b.year, b.month + 1, 1)).toordinal()
            self._awal, self._kum, self._hk = date(a.year, a.month, 1).toordinal(), [0], [0]
            self._malam, self._buka, self._tutup = [], [], []
        elif a.toordinal() < self._awal:  # reaching back: start afresh at that year's start
            akhir = max(akhir, self._awal + n)
            self._awal, self._kum, self._hk = date(a.year, 1, 1).toordinal(), [0], [0]
            self._malam, self._buka, self._tutup = [], [], []
        self._isi(akhir)

    def _perpanjang(self) -> None:
        """Append one more year (a search needs more days); give up after a century."""
        if len(self._kum) > 100 * 366:
            raise GalatPengaturan("Kalender kerja tidak memuat hari kerja dalam rentang yang wajar.")
        self._isi(date(date.fromordinal(self._awal + len(self._kum) - 1).year + 1, 1, 1).toordinal())

    def _titik(self, u: int) -> tuple[int, int, int]:
        """(day index, working µs done that day before ``u``, the day's working µs); covered ``u``."""
        i = bisect_right(self._malam, u) - 1
        buka, lama = self._buka[i], self._tutup[i] - self._buka[i]
        w = u - buka
        return i, 0 if w < 0 else lama if w > lama else w, lama  # min(max(w, 0), lama), as _kerja_us

    def _kerja_us(self, a: int, b: int) -> int:
        """Working µs from ``a`` to ``b`` (a <= b). The hottest path: ``_titik`` inlined."""
        m = self._malam
        if not m or a < m[0] or b >= m[-1]:
            self._cakup(a, b)  # may start the cache afresh: new lists
            m = self._malam
        buka, tutup = self._buka, self._tutup
        ia = bisect_right(m, a) - 1
        ib = bisect_right(m, b) - 1
        # min(max(x - buka, 0), lama) as comparisons (builtin calls cost six times as much)
        wa, la = a - buka[ia], tutup[ia] - buka[ia]
        wa = 0 if wa < 0 else la if wa > la else wa
        wb, lb = b - buka[ib], tutup[ib] - buka[ib]
        wb = 0 if wb < 0 else lb if wb > lb else wb
        return self._kum[ib] + wb - self._kum[ia] - wa

    def _maju(self, i: int, n: int) -> int:
        """Index of the ``n``-th (>= 1) working day after day index ``i``."""
        target = self._hk[i + 1] + n
        while self._hk[-1] < target:
            self._perpanjang()
        return bisect_left(self._hk, target) - 1

    def _hari(self, i: int) -> date:
        return date.fromordinal(self._awal + i)

    def _batas_us(self, u: int, mutu: MutuBaku, mulai: datetime) -> int:
        """``batas`` in µs (``mulai`` is ``u`` as given: "hari" keeps its wall-clock time): a
        "hari" standard on the day table (``_batas_hari``) where it can, else ``_batas_us_dt``."""
        if mutu.satuan != "hari":
            return self._batas_us_dt(u, mutu, mulai)
        self._cakup(u, u)
        i, w, lama = self._titik(u)
        jadi = self._batas_hari(u, i, w, lama, mutu.jumlah, mulai)
        return self._batas_us_dt(u, mutu, mulai) if jadi is None else jadi

    def _batas_hari(self, u: int, i: int, w: int, lama: int, n: int, mulai: datetime | None) -> int | None:
        """A "hari" deadline (``_batas_us_dt``'s rule) by arithmetic on the day table: the
        wall-clock time kept is µs after the local midnight of the day it is read on, and the
        deadline is that much after the N-th working day's midnight, clamped to its hours.
        Exact when both days hold one offset from midnight to midnight (``_hari_tetap``: a day
        without a clock change); None otherwise (the datetime path decides). ``u`` is on day
        ``i``, ``w`` working µs into its ``lama``."""
        malam = self._malam
        if lama == 0 or w == 0 or w == lama:  # outside office hours: from an opening's time
            if not (w == 0 and lama):
                i = self._maju(i, 1)
            jam = self._buka[i] - malam[i]
        else:  # inside them: ``mulai``'s own wall-clock time
            if mulai is not None and (mulai.tzinfo is None or mulai.tzinfo is self.zona) and (
                    mulai.fold or mulai.toordinal() != self._awal + i):
                return None  # its fields are the time kept: one in a gap, or fold=1, is the datetime path's
            jam = u - malam[i]
        if self._tetap(i):
            j = self._maju(i, n)
            if self._tetap(j):
                jadi = malam[j] + jam
                buka, tutup = self._buka[j], self._tutup[j]
                return buka if jadi < buka else tutup if jadi > tutup else jadi
        return None

    def _tetap(self, i: int) -> bool:
        """Whether cached day ``i`` holds one offset from midnight to midnight (``_hari_tetap``)."""
        o = self._awal + i
        try:
            return self._teks_hari[o] is not None
        except KeyError:
            hari = self._teks_hari[o] = self._hari_tetap(i)
            return hari is not None

    def _batas_us_dt(self, u: int, mutu: MutuBaku, mulai: datetime) -> int:
        """``batas`` in µs through ``datetime`` for a "hari" standard (the general path, kept
        for days with a clock change, and the oracle ``_batas_hari`` is tested against)."""
        self._cakup(u, u)
        i, w, lama = self._titik(u)
        if mutu.satuan != "hari":
            target = self._kum[i] + w + mutu.jumlah * (60 if mutu.satuan == "jam" else 1) * _MENIT
            while self._kum[-1] < target:
                self._perpanjang()
            j = bisect_left(self._kum, target) - 1
            return self._buka[j] + target - self._kum[j]
        if lama == 0 or w in (0, lama):
            i = i if w == 0 and lama else self._maju(i, 1)
            jam = self._dt(self._buka[i]).time()
        else:
            jam = self._lokal(mulai).time()
        j = self._maju(i, mutu.jumlah)
        jadi = self._us_lokal(self._hari(j), jam)
        return min(max(jadi, self._buka[j]), self._tutup[j])

    def ukur_us(self, a: int, b: int, mutu: MutuBaku, mulai: datetime | None) -> tuple[int, int, bool]:
        """``ukur`` on instants (µs since the epoch; ``mulai`` is ``a`` as a datetime, for a
        "hari" standard's wall-clock time, or None for ``a`` as an instant, as an aware datetime
        in any offset reads: ``us_teks``'s texts): (working µs from ``a`` to ``b``, 0 when ``b <= a``;
        the deadline in µs; compliant). One cover of the cache and one bisection of ``a`` for
        both the duration and the deadline (``periksa`` measures half a million steps)."""
        hi = b if b > a else a
        m = self._malam
        if not m or a < m[0] or hi >= m[-1]:
            self._cakup(a, hi)  # may start the cache afresh: new lists
            m = self._malam
        buka, tutup, kum = self._buka, self._tutup, self._kum
        ia = bisect_right(m, a) - 1
        wa, la = a - buka[ia], tutup[ia] - buka[ia]
        wa = 0 if wa < 0 else la if wa > la else wa  # min(max(..., 0), la), as _kerja_us
        if b > a:
            ib = bisect_right(m, b) - 1
            wb, lb = b - buka[ib], tutup[ib] - buka[ib]
            kerja = kum[ib] + (0 if wb < 0 else lb if wb > lb else wb) - kum[ia] - wa
        else:
            kerja = 0
        baku = mutu.us
        if baku:
            target = kum[ia] + wa + baku
            while self._kum[-1] < target:
                self._perpanjang()
            kum = self._kum
            j = bisect_left(kum, target) - 1
            batas = buka[j] + target - kum[j]
            if b <= batas:
                return kerja, batas, True
            if m[j] <= buka[j] and tutup[j] <= m[j + 1]:
                # The deadline is ``baku`` working µs on inside its own day's hours, so no working
                # time from it to ``b`` (``patuh``'s rule) is a working time of exactly ``baku``.
                return kerja, batas, kerja == baku
            return kerja, batas, self._kerja_us(batas, b) == 0  # (hours outside their day: a skipped date)
        batas = self._batas_hari(a, ia, wa, la, mutu.jumlah, mulai)
        if batas is None:
            batas = self._batas_us_dt(a, mutu, self._dt(a) if mulai is None else mulai)
        return kerja, batas, b <= batas or self._kerja_us(batas, b) == 0

    def iso_us(self, u: int) -> str:
        """``waktu.iso(self._dt(u))`` (the text a deadline is stored as: local time in ``zona``
        to the second, with its offset), by arithmetic on the day table for a day whose
        offset holds from midnight to midnight (every day but a clock change's); ``periksa``
        compares half a million stored deadlines with this."""
        m = self._malam
        if not m or u < m[0] or u >= m[-1]:
            self._cakup(u, u)  # may start the cache afresh: new lists
            m = self._malam
        i = bisect_right(m, u) - 1
        o = self._awal + i
        try:
            hari = self._teks_hari[o]
        except KeyError:
            hari = self._teks_hari[o] = self._hari_tetap(i)
        if hari is None:
            return self._dt(u).isoformat(timespec="seconds")
        d = (u - m[i]) // 1_000_000
        jam = _JAM_TEKS.get(d)
        if jam is None:
            jam = _JAM_TEKS[d] = f"{d // 3600:02d}:{d // 60 % 60:02d}:{d % 60:02d}"
        return hari[0] + jam + hari[1]

    def _hari_tetap(self, i: int) -> tuple[str, str] | None:
        """(date text + "T", offset text) of cached day ``i`` when its local midnight is at
        ``_malam[i]``, the next at 24 hours after, one whole-minute offset throughout; else None."""
        awal, akhir = self._malam[i], self._malam[i + 1]
        a, b = self._dt(awal), self._dt(akhir - 1)
        off = a.utcoffset()
        if (akhir - awal != 86_400_000_000 or a.time() != time(0) or a.date() != self._hari(i)
                or b.date() != a.date() or off is None or b.utcoffset() != off or off % timedelta(minutes=1)):
            return None
        teks = a.isoformat(timespec="seconds")
        return teks[:11], teks[19:]

    def _lokal(self, t: datetime) -> datetime:
        return t.replace(tzinfo=self.zona) if t.utcoffset() is None else t.astimezone(self.zona)

    # -- public ------------------------------------------------------------------------------

    def is_hari_kerja(self, d: date) -> bool:
        """True when ``d`` has office hours and is not a holiday."""
        return self.jam_pada(d) is not None and d not in self.libur

    def menit_kerja(self, mulai: datetime, akhir: datetime) -> float:
        """Working minutes from ``mulai`` to ``akhir`` (0 if akhir <= mulai), µs precision."""
        a, b = self._us_dari(mulai), self._us_dari(akhir)
        return self._kerja_us(a, b) / _MENIT if b > a else 0.0

    def hari_kerja(self, mulai: datetime, akhir: datetime) -> float:
        """Working days from ``mulai`` to ``akhir`` (0 if akhir <= mulai).

        Each whole working day counts 1 whatever its length; a part of one counts the share
        of that day's office hours done (Thu 12:00 -> Fri 12:00 = 240/510 + 270/540).
        Additive like menit_kerja. Reports only: compliance uses ``patuh``.
        """
        a, b = self._us_dari(mulai), self._us_dari(akhir)
        if b <= a:
            return 0.0
        m = self._malam
        if not m or a < m[0] or b >= m[-1]:
            self._cakup(a, b)  # may start the cache afresh: new lists
            m = self._malam
        buka, tutup = self._buka, self._tutup
        ia = bisect_right(m, a) - 1
        ib = bisect_right(m, b) - 1
        la, lb = tutup[ia] - buka[ia], tutup[ib] - buka[ib]
        wa = min(max(a - buka[ia], 0), la) / la if la else 0.0
        wb = min(max(b - buka[ib], 0), lb) / lb if lb else 0.0
        return (self._hk[ib] - self._hk[ia]) + wb - wa

    def batas(self, mulai: datetime, mutu: MutuBaku) -> datetime:
        """The deadline of a step started at ``mulai`` with standard ``mutu``.

        menit/jam: the first instant at which that much working time has passed (counting
        starts at the next opening when ``mulai`` is outside office hours; it may be a
        closing time). hari: ``mulai`` is snapped to office hours (at/after closing or on a
        non-working day -> the next opening; before opening -> that opening), then moved N
        working days on, keeping the wall-clock time, clamped to that day's office hours
        (Fri 16:15 + 1 hari -> Mon 16:00).
        """
        return self._dt(self._batas_us(self._us_dari(mulai), mutu, mulai))

    tambah = batas

    def kerja_berikutnya(self, t: datetime) -> datetime:
        """The first instant of office hours at or after ``t`` (``t`` itself inside them).

        A step done at ``akhir`` is late exactly when ``akhir`` is after
        ``kerja_berikutnya(batas)``: that is ``patuh``'s rule, as one instant to compare with.
        """
        return self._dt(self.kerja_berikutnya_us(self._us_dari(t)))

    # -- the same on instants (µs since the epoch), for a pass over many steps --------------

    def us_teks(self, teks: str) -> int | None:
        """``us(datetime.fromisoformat(teks))`` for a time written as ``waktu.iso`` writes it
        ("2026-03-05T08:12:07+07:00": to the second, with an offset), read by slicing with two
        caches (a third of the datetime's cost; ``periksa`` reads every event's time); None for
        any other text, which the caller reads with ``datetime.fromisoformat``."""
        if len(teks) != 25:
            return None
        k = teks[:10] + teks[19:]
        try:
            d = _US_TANGGAL[k]
        except KeyError:
            d = _US_TANGGAL[k] = _us_tanggal(k)
        j = teks[10:19]
        try:
            detik = _US_JAM[j]
        except KeyError:
            detik = _US_JAM[j] = _us_jam(j)
        if d is None or detik is None:
            return None
        return d + detik

    def us(self, t: datetime) -> int:
        """``t`` as µs since the epoch, the instants ``ukur_us``, ``batas_us``, ``iso_us`` and
        ``kerja_berikutnya_us`` take (a naive ``t`` is local time in ``zona``)."""
        return self._us_dari(t)

    def batas_us(self, u: int, mutu: MutuBaku, mulai: datetime) -> int:
        """``batas`` on an instant: the deadline in µs of a step started at ``u`` (``mulai``
        is ``u`` as a datetime, for a "hari" standard's wall-clock time)."""
        return self._batas_us(u, mutu, mulai)

    def kerja_berikutnya_us(self, u: int) -> int:
        """``kerja_berikutnya`` on an instant (µs since the epoch)."""
        self._cakup(u, u)
        i, w, lama = self._titik(u)
        if lama and w < lama:
            return max(u, self._buka[i])
        return self._buka[self._maju(i, 1)]

    def patuh(self, mulai: datetime, akhir: datetime, mutu: MutuBaku) -> bool:
        """True when ``akhir`` is no later than the deadline in working time.

        Work finished after hours but before the next opening counts as on time, so for
        menit/jam this is exactly ``menit_kerja(mulai, akhir) <= mutu``.
        """
        b = self._us_dari(akhir)
        batas = self._batas_us(self._us_dari(mulai), mutu, mulai)
        return b <= batas or self._kerja_us(batas, b) == 0

    def ukur(self, mulai: datetime, akhir: datetime, mutu: MutuBaku) -> tuple[float, datetime, bool]:
        """``(menit_kerja, batas, patuh)`` of one step at once (each instant read once)."""
        a, b = self._us_dari(mulai), self._us_dari(akhir)
        menit = self._kerja_us(a, b) / _MENIT if b > a else 0.0
        batas = self._batas_us(a, mutu, mulai)
        return menit, self._dt(batas), b <= batas or self._kerja_us(batas, b) == 0

    def ukur_jeda(
        self, mulai: datetime, akhir: datetime, mutu: MutuBaku, jeda: Iterable[tuple[datetime, datetime | None]],
    ) -> tuple[float, float, datetime, bool, bool]:
        """A step from ``mulai`` to ``akhir`` whose clock was paused over ``jeda`` (start,
        end; None: still running at ``akhir``): ``(working minutes net of the pauses, paused
        working minutes, deadline, compliant, compliant without the pauses)``. Each pause's
        working time within the step is left out of the duration; it moves the deadline
        on by that much working time only when the pause began no later than the deadline
        as moved by the pauses before it (or before the next opening after it): a pause
        begun after the deadline never turns a late step into a compliant one."""
        a, b = self._us_dari(mulai), self._us_dari(akhir)
        total = self._kerja_us(a, b) if b > a else 0
        batas = self._batas_us(a, mutu, mulai)
        patuh_asli = b <= batas or self._kerja_us(batas, b) == 0
        tunda, geser = 0, batas
        for awal, selesai in jeda:
            s = max(self._us_dari(awal), a)
            e = b if selesai is None else min(self._us_dari(selesai), b)
            if e <= s:
                continue
            lama = self._kerja_us(s, e)
            tunda += lama
            if lama and (s <= geser or self._kerja_us(geser, s) == 0):
                geser = self._geser_us(geser, lama)
        patuh = b <= geser or self._kerja_us(geser, b) == 0
        return (total - tunda) / _MENIT, tunda / _MENIT, self._dt(geser), patuh, patuh_asli

    def _geser_us(self, u: int, kerja: int) -> int:
        """The instant ``kerja`` working µs after ``u`` (counting from the next opening when
        ``u`` is outside office hours)."""
        self._cakup(u, u)
        i, w, _ = self._titik(u)
        target = self._kum[i] + w + kerja
        while self._kum[-1] < target:
            self._perpanjang()
        j = bisect_left(self._kum, target) - 1
        return self._buka[j] + target - self._kum[j]

    def tambah_kerja(self, mulai: datetime, menit: float) -> datetime:
        """The instant ``menit`` working minutes after ``mulai``."""
        return self._dt(self._geser_us(self._us_dari(mulai), round(menit * _MENIT)))

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
        u = self._us_dari(a)
        self._cakup(u, u)
        j = self._maju(a.date().toordinal() - self._awal, int(m[1]))
        return self._dt(self._tutup[j])
