"""Times as a clerk types them, and as the archive stores them.

Stored times are ISO 8601 with the offset of the archive's zone
("2026-11-02T08:10:00+07:00"): unambiguous, readable as they are, and sortable as text
because one archive uses one zone. Typed times are read day first, with Indonesian
day and month names and their abbreviations ("Selasa, 24 Nop 2026 pukul 08.10.30
WIB"); a day name must be the date's day, and only years 2000 to 2100 are accepted.

Dates as people say them, counted from today in the archive's zone: ``hari ini``,
``kemarin``, ``besok``, ``lusa``, with or without a time (``kemarin 14.30``), and a
weekday name alone (``senin 08.00``). The weekday rule: for a time that has happened
(``--waktu``, ``--diajukan``, ``--dari``) it is the most recent such day, today
included; for a target (``--target``) it is the next such day, after today. A date that
does not exist is said so ("31 Februari 2026 tidak ada; Februari 2026 sampai tanggal
28"), never as a format problem, so the clerk does not retype the same date.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta, timezone
from functools import lru_cache
from zoneinfo import ZoneInfo

from keluhan.galat import GalatMasukan
from keluhan.pola import Pola
from keluhan.tanggal import NAMA_BULAN

CONTOH = '"2026-11-02 08:10", "2/11/2026 08.10" atau "2026-11-02T08:10:00+07:00"'
# What the help says of a typed time and date: keep it true to what parse_waktu and
# parse_tanggal below accept.
BENTUK_WAKTU = ('Tanggal (hari dahulu, tahun empat angka) dan jam:menit, mis. "2/11/2026 08.10", "2026-11-02 08:10", '
                '"Senin, 2 November 2026 pukul 08.10 WIB" (nama bulan boleh disingkat: Nop, Des) atau '
                '"2026-11-02T08:10:00+07:00"; atau dari hari ini: "hari ini 09.00", "kemarin 14.30", '
                '"senin 08.00" (nama hari saja: hari itu yang terakhir, hari ini termasuk).')
# --diajukan: the same forms, and a date alone (a letter's date, its hour unknown).
BENTUK_DIAJUKAN = (BENTUK_WAKTU + ' Tanggal saja (mis. tanggal surat "30/11/2026" atau "kemarin") disimpan sebagai '
                   'tanggal; langkah 2 lalu tidak diukur.')
BENTUK_TANGGAL = ('Tanggal, hari dahulu, tahun empat angka: mis. "30/11/2026", "2026-11-30" atau "30 November 2026"; '
                  'atau "hari ini", "kemarin", "senin" (nama hari saja: hari itu yang terakhir, hari ini termasuk).')
BENTUK_TARGET = ('Tanggal, hari dahulu, tahun empat angka: mis. "30/11/2026", "2026-11-30" atau "30 November 2026"; '
                 'atau "besok", "lusa", "jumat" (nama hari saja: hari itu yang berikutnya, sesudah hari ini).')

# Stored times stay within these years: earlier or later is a typo ("1/1/0001"), and the
# working calendar is seeded year by year from TAHUN_MIN on.
TAHUN_MIN, TAHUN_MAX = 2000, 2100

# Indonesian month names and their usual abbreviations (with or without a dot), in the
# English that dateutil reads. English abbreviations (Jan, Feb, Mar, Apr, Jun, Jul, Aug,
# Sep, Oct, Nov, Dec) dateutil knows already.
_BULAN = {
    "januari": "January", "februari": "February", "pebruari": "February", "peb": "Feb", "maret": "March",
    "mei": "May", "juni": "June", "juli": "July", "agustus": "August", "agu": "Aug", "agus": "Aug",
    "agt": "Aug", "ags": "Aug", "okt": "Oct", "oktober": "October", "nopember": "November", "nop": "Nov",
    "desember": "December", "des": "Dec",
}
_BULAN_RE = Pola(r"\b(" + "|".join(_BULAN) + r")\b\.?", re.IGNORECASE)
# A day name in front ("Selasa, 24 November 2026 pukul 08.10 WIB", as our forms print
# it): read, then checked against the date. Monday = 0, as datetime.weekday().
_HARI = {"senin": 0, "selasa": 1, "rabu": 2, "kamis": 3, "jumat": 4, "jum'at": 4, "sabtu": 5, "minggu": 6, "ahad": 6}
_HARI_RE = Pola(r"^(" + "|".join(_HARI) + r")\b\s*,?\s*", re.IGNORECASE)
_NAMA_HARI = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")
# "08.10" or "08.10.30" (the Indonesian way of writing 08:10) after a date: make it
# colons. Seconds are turned too: left as ".30" dateutil reads them as a fraction of a
# minute (18 seconds).
_JAM_TITIK = Pola(r"(\s|T)(\d{1,2})[.:](\d{2})(?:[.:](\d{2}))?(?=\s*(WIB|WITA|WIT)?\s*$)")
_PUKUL = Pola(r"\b(pukul|jam)\b", re.IGNORECASE)
_ZONA_SINGKAT = {"WIB": "+07:00", "WITA": "+08:00", "WIT": "+09:00"}

# Two defaults that differ in every field: a field that comes out different was missing.
_D1 = datetime(2000, 1, 1, 0, 0, 0)
_D2 = datetime(2001, 2, 2, 1, 1, 1)


@lru_cache(maxsize=8)
def zona(nama: str) -> ZoneInfo:
    return ZoneInfo(nama)


def sekarang(zona_nama: str) -> datetime:
    return datetime.now(zona(zona_nama)).replace(microsecond=0)


def iso(dt: datetime) -> str:
    return dt.isoformat(timespec="seconds")


def dari_iso(teks: str) -> datetime:
    return datetime.fromisoformat(teks)


# Dates said from today. Days: offset from today; None = a weekday name (the rule above).
_RELATIF = {"hari ini": 0, "hr ini": 0, "sekarang": 0, "kemarin": -1, "kmrn": -1, "kemarin lusa": -2,
            "besok": 1, "bsk": 1, "lusa": 2}
_RELATIF_RE = Pola(
    r"^(?P<kata>" + "|".join(sorted((re.escape(k) for k in _RELATIF | _HARI), key=len, reverse=True)) + r")"
    r"\s*,?\s*(?:(?:pukul|jam)\s*)?"
    r"(?:(?P<jam>\d{1,2})[.:](?P<menit>\d{2})(?:[.:](?P<detik>\d{2}))?\s*(?P<zona>WIB|WITA|WIT)?)?\s*$",
    re.IGNORECASE,
)
# Month names and abbreviations (Indonesian and English) to their number, for saying
# which date does not exist.
_NOMOR_BULAN = {
    **{n.casefold(): i for i, n in enumerate(("januari", "februari", "maret", "april", "mei", "juni", "juli",
                                              "agustus", "september", "oktober", "november", "desember"), 1)},
    **{n: i for i, n in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov",
                                   "dec"), 1)},
    **{n.casefold(): i for i, n in enumerate(("January", "February", "March", "April", "May", "June", "July",
                                              "August", "September", "October", "November", "December"), 1)},
    "pebruari": 2, "peb": 2, "agu": 8, "agus": 8, "agt": 8, "ags": 8, "okt": 10, "nopember": 11, "nop": 11,
    "des": 12, "sept": 9,
}
_TGL_ISO = Pola(r"^(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})(?=$|[T\s])")
_TGL_ANGKA = Pola(r"^(?P<d>\d{1,2})[/.-](?P<m>\d{1,2})[/.-](?P<y>\d{4})(?=$|\s)")
_TGL_NAMA = Pola(r"^(?P<d>\d{1,2})[\s-]+(?P<b>[a-z]+)\.?[\s,-]+(?P<y>\d{4})(?=$|\s|,)", re.IGNORECASE)
_JAM_ANGKA = Pola(r"(?:^|[\sT])(?:(?:pukul|jam)\s+)?(?P<h>\d{1,2})[.:](?P<i>\d{2})(?:[.:](?P<s>\d{2}))?"
                        r"(?=\s*(?:WIB|WITA|WIT)?\s*$|[+-]\d{2}:?\d{2}$|Z$)", re.IGNORECASE)


def hari_ini(zona_nama: str) -> date:
    """Today's date in the zone (what ``hari ini`` means)."""
    return sekarang(zona_nama).date()


def _tanggal_relatif(kata: str, zona_nama: str, arah: int) -> date:
    """The date ``kata`` names, counted from today in the zone. A weekday name is the
    most recent such day, today included (``arah`` -1), or the next one after today
    (``arah`` +1, for targets)."""
    kini = hari_ini(zona_nama)
    k = re.sub(r"\s+", " ", kata.casefold())
    if k in _RELATIF:
        return kini + timedelta(days=_RELATIF[k])
    hari_ke = _HARI[k]
    if arah < 0:
        return kini - timedelta(days=(kini.weekday() - hari_ke) % 7)
    return kini + timedelta(days=(hari_ke - kini.weekday() - 1) % 7 + 1)


def _relatif(teks: str, zona_nama: str, arah: int, apa: str) -> date | datetime | None:
    """``teks`` said from today ("kemarin 14.30", "senin"), as a date or a time in the
    zone; None when it is not such a phrase."""
    m = _RELATIF_RE.match(re.sub(r"\s+", " ", teks.strip()))
    if m is None:
        return None
    d = _tanggal_relatif(m["kata"], zona_nama, arah)
    if m["jam"] is None:
        return d
    jam_, menit, detik = int(m["jam"]), int(m["menit"]), int(m["detik"] or 0)
    _periksa_jam(jam_, menit, detik, apa, teks)
    t = datetime(d.year, d.month, d.day, jam_, menit, detik)
    if m["zona"]:
        jam_z, menit_z = map(int, _ZONA_SINGKAT[m["zona"].upper()].split(":"))
        t = t.replace(tzinfo=timezone(timedelta(hours=jam_z, minutes=menit_z)))
    return di_zona(t, zona_nama)


def _periksa_jam(jam_: int, menit: int, detik: int, apa: str, teks: str) -> None:
    if jam_ > 23 or menit > 59 or detik > 59:
        jam_teks = f"{jam_:02d}.{menit:02d}" + (f".{detik:02d}" if detik else "")
        raise GalatMasukan(f"{apa} '{teks}': jam {jam_teks} tidak ada (jam 00.00 sampai 23.59).")


def _periksa_ada(teks: str, apa: str) -> None:
    """Refuse a date or hour that does not exist, saying so: "31 Februari 2026 tidak
    ada; Februari 2026 sampai tanggal 28". Only for what is clearly a day, a month and a
    four-digit year; anything else is left to the parser."""
    t = _PUKUL.sub(" ", _HARI_RE.sub("", teks.strip())).strip()
    m = _TGL_ISO.match(t) or _TGL_ANGKA.match(t)
    bulan: int | None = None
    if m is not None:
        bulan = int(m["m"])
    elif (m := _TGL_NAMA.match(t)) is not None:
        bulan = _NOMOR_BULAN.get(m["b"].casefold())
        if bulan is None:
            return
    if m is not None and bulan is not None:
        tahun, hari_ = int(m["y"]), int(m["d"])
        if not 1 <= bulan <= 12:
            raise GalatMasukan(f"{apa} '{teks}': bulan {bulan} tidak ada (bulan 1 sampai 12).")
        import calendar  # here only: it imports locale (~1.5 ms of every command)

        akhir = calendar.monthrange(tahun, bulan)[1]
        if not 1 <= hari_ <= akhir:
            nama = NAMA_BULAN[bulan - 1]
            raise GalatMasukan(
                f"{apa} '{teks}': {hari_} {nama} {tahun} tidak ada; {nama} {tahun} sampai tanggal {akhir}."
            )
        t = t[m.end():]
    j = _JAM_ANGKA.search(t)
    if j is not None:
        _periksa_jam(int(j["h"]), int(j["i"]), int(j["s"] or 0), apa, teks)


def _normalkan(teks: str) -> str:
    t = _HARI_RE.sub("", teks.strip())
    t = _PUKUL.sub(" ", t)
    t = _BULAN_RE.sub(lambda m: _BULAN[m[1].lower()], t)
    t = _JAM_TITIK.sub(lambda m: f"{m[1]}{m[2]}:{m[3]}" + (f":{m[4]}" if m[4] else ""), t)
    for singkat, offset in _ZONA_SINGKAT.items():
        t = re.sub(rf"\s*\b{singkat}\s*$", offset, t)
    return re.sub(r"\s+", " ", t).strip()


def _urai(t: str) -> tuple[datetime, datetime]:
    """Parse twice with different defaults; ISO (year first) or day first otherwise."""
    from dateutil import parser

    # "2026-11-02 ..." and ISO's basic form "20261102T0810" are year first.
    tahun_dulu = bool(re.match(r"^\d{4}([-/.]|\d{4}(?!\d))", t))
    a = parser.parse(t, dayfirst=not tahun_dulu, yearfirst=tahun_dulu, default=_D1)
    b = parser.parse(t, dayfirst=not tahun_dulu, yearfirst=tahun_dulu, default=_D2)
    return a, b


def _tahun_tertulis(tahun: int, t: str) -> bool:
    """The year was typed with four digits: "02/11/26 0810" has four digits, not the year's."""
    return re.search(rf"(?<!\d){tahun:04d}", t) is not None


def _periksa_hari(teks: str, d: date, apa: str) -> None:
    """A day name typed before the date must be that date's day: "Senin, 24 November
    2026" is a typo in the day or in the date, and we cannot tell which."""
    m = _HARI_RE.match(teks.strip())
    if m and _HARI[m[1].lower()] != d.weekday():
        raise GalatMasukan(
            f"{apa}: {d.day}/{d.month}/{d.year} adalah hari {_NAMA_HARI[d.weekday()]}, bukan "
            f"{_NAMA_HARI[_HARI[m[1].lower()]]}: '{teks}'. Periksa hari atau tanggalnya."
        )


def periksa_tahun(t: date, apa: str, teks: str | None = None) -> None:
    """Refuse a year outside TAHUN_MIN..TAHUN_MAX (one line, naming what was given)."""
    if not TAHUN_MIN <= t.year <= TAHUN_MAX:
        dikutip = f": '{teks}'" if teks is not None else f" ({t.isoformat()})"
        raise GalatMasukan(
            f"{apa} bertahun {t.year}; hanya tahun {TAHUN_MIN} sampai {TAHUN_MAX} yang diterima{dikutip}."
        )


def di_zona(t: datetime, zona_nama: str) -> datetime:
    """``t`` in the zone: a naive ``t`` is wall-clock time there (a time skipped by a
    daylight-saving jump moves past the jump), an aware one is converted. Always the
    zone's real offset for that instant, whole minutes."""
    z = zona(zona_nama)
    if t.tzinfo is None:
        t = t.replace(tzinfo=z).astimezone(UTC)
    return t.astimezone(z)


def parse_waktu(teks: str, zona_nama: str, *, opsi: str = "--waktu") -> datetime:
    """A date and time as typed (day first, or said from today), in the archive's zone;
    refuse anything vague."""
    hasil = _baca_waktu(teks, zona_nama, opsi, tanpa_jam=False)
    assert isinstance(hasil, datetime)
    return hasil


def parse_diajukan(teks: str, zona_nama: str, *, opsi: str = "--diajukan") -> date | datetime:
    """When the customer submitted (step 1): a time as ``parse_waktu`` reads it, or a
    date alone (a letter's date, its hour unknown), which stays a ``date``: the archive
    stores it as a date, never as a made-up midnight (see ``iso_diajukan``)."""
    return _baca_waktu(teks, zona_nama, opsi, tanpa_jam=True)


def iso_diajukan(nilai: date | datetime) -> str:
    """The stored text of a submission time: ISO 8601 with offset for a time,
    ``YYYY-MM-DD`` for a date alone. The one rule for typed and imported ``diajukan``."""
    if isinstance(nilai, datetime):
        return iso(nilai)
    return nilai.isoformat()


def ada_jam(teks: str | None) -> bool:
    """Whether a stored time carries an hour: a ``diajukan`` that is a date alone
    (``2026-11-30``) starts no clock, so step 2 is then not measured (never failed)."""
    return bool(teks) and len(teks) > 10


def mulai_langkah_2(diajukan: str | None) -> str | None:
    """The start of step 2's clock: ``diajukan`` when it has an hour, else None (not measured)."""
    return diajukan if ada_jam(diajukan) else None


def _baca_waktu(teks: str, zona_nama: str, opsi: str, *, tanpa_jam: bool) -> date | datetime:
    from dateutil import parser

    apa = f"Waktu {opsi}"
    relatif = _relatif(teks, zona_nama, -1, apa)
    if relatif is not None:
        if isinstance(relatif, datetime) or tanpa_jam:
            return relatif
        raise GalatMasukan(f"Waktu {opsi} harus memuat jam dan menit: '{teks}'. Contoh: \"{teks.strip()} 09.00\".")
    _periksa_ada(teks, apa)
    t = _normalkan(teks)
    try:
        a, b = _urai(t)
    except (ValueError, OverflowError, parser.ParserError):
        raise GalatMasukan(f"Waktu {opsi} tidak dapat dibaca: '{teks}'. Contoh: {CONTOH}.") from None
    if (a.year, a.month, a.day) != (b.year, b.month, b.day) or not _tahun_tertulis(a.year, t):
        raise GalatMasukan(
            f"Waktu {opsi} harus memuat tanggal lengkap dengan tahun empat angka: '{teks}'. Contoh: {CONTOH}."
        )
    if (a.hour, a.minute) != (b.hour, b.minute):
        if tanpa_jam and (a.hour, a.minute, a.second, b.hour, b.minute, b.second) == (0, 0, 0, 1, 1, 1) \
                and a.tzinfo is None:
            periksa_tahun(a, apa, teks)
            _periksa_hari(teks, a.date(), apa)
            return a.date()
        raise GalatMasukan(f"Waktu {opsi} harus memuat jam dan menit: '{teks}'. Contoh: {CONTOH}.")
    # Bounded before any zone arithmetic: year 1 overflows it, and an early year would
    # take the zone's local mean time (+07:07:12 for Jakarta before 1924).
    periksa_tahun(a, apa, teks)
    _periksa_hari(teks, a.date(), apa)
    a = a.replace(second=0) if a.second != b.second else a
    try:
        hasil = di_zona(a.replace(microsecond=0), zona_nama)
    except (ValueError, OverflowError):  # an offset of a day or more ("+25:00"): no zone has one
        raise GalatMasukan(
            f"Waktu {opsi} memuat selisih zona waktu yang tidak sah (harus kurang dari 24 jam, mis. +07:00): "
            f"'{teks}'."
        ) from None
    periksa_tahun(hasil, apa, teks)
    return hasil


def parse_tanggal(teks: str, *, opsi: str, zona_nama: str | None = None, target: bool = False) -> date:
    """A calendar date as typed (day first), or said from today in ``zona_nama`` (the
    archive's zone; Asia/Jakarta when none is at hand): a weekday name is the most
    recent such day, or with ``target`` the next one after today."""
    from dateutil import parser

    apa = f"Tanggal {opsi}"
    relatif = _relatif(teks, zona_nama or "Asia/Jakarta", 1 if target else -1, apa)
    if isinstance(relatif, datetime):
        raise GalatMasukan(f"Tanggal {opsi} cukup tanggalnya, tanpa jam: '{teks}'.")
    if relatif is not None:
        return relatif
    _periksa_ada(teks, apa)
    t = _normalkan(teks)
    try:
        a, b = _urai(t)
    except (ValueError, OverflowError, parser.ParserError):
        raise GalatMasukan(f"Tanggal {opsi} tidak dapat dibaca: '{teks}'. Contoh: \"2026-11-30\" atau \"30/11/2026\".") from None
    if (a.year, a.month, a.day) != (b.year, b.month, b.day) or not _tahun_tertulis(a.year, t):
        raise GalatMasukan(f"Tanggal {opsi} harus lengkap dengan tahun empat angka: '{teks}'. Contoh: \"30/11/2026\".")
    periksa_tahun(a, apa, teks)
    _periksa_hari(teks, a.date(), apa)
    return a.date()
