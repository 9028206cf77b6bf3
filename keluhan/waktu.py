"""Times as a clerk types them, and as the archive stores them.

Stored times are ISO 8601 with the offset of the archive's zone
("2026-11-02T08:10:00+07:00"): unambiguous, readable as they are, and sortable as text
because one archive uses one zone. Typed times are read day first, with Indonesian
day and month names and their abbreviations ("Selasa, 24 Nop 2026 pukul 08.10.30
WIB"); a day name must be the date's day, and only years 2000 to 2100 are accepted.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from functools import lru_cache
from zoneinfo import ZoneInfo

from keluhan.galat import GalatMasukan

CONTOH = '"2026-11-02 08:10", "2/11/2026 08.10" atau "2026-11-02T08:10:00+07:00"'
# What the help says of a typed time and date: keep it true to what parse_waktu and
# parse_tanggal below accept.
BENTUK_WAKTU = ('Tanggal (hari dahulu, tahun empat angka) dan jam:menit, mis. "2/11/2026 08.10", "2026-11-02 08:10", '
                '"Senin, 2 November 2026 pukul 08.10 WIB" (nama bulan boleh disingkat: Nop, Des) atau '
                '"2026-11-02T08:10:00+07:00".')
BENTUK_TANGGAL = 'Tanggal, hari dahulu, tahun empat angka: mis. "30/11/2026", "2026-11-30" atau "30 November 2026".'

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
_BULAN_RE = re.compile(r"\b(" + "|".join(_BULAN) + r")\b\.?", re.IGNORECASE)
# A day name in front ("Selasa, 24 November 2026 pukul 08.10 WIB", as our forms print
# it): read, then checked against the date. Monday = 0, as datetime.weekday().
_HARI = {"senin": 0, "selasa": 1, "rabu": 2, "kamis": 3, "jumat": 4, "jum'at": 4, "sabtu": 5, "minggu": 6, "ahad": 6}
_HARI_RE = re.compile(r"^(" + "|".join(_HARI) + r")\b\s*,?\s*", re.IGNORECASE)
_NAMA_HARI = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")
# "08.10" or "08.10.30" (the Indonesian way of writing 08:10) after a date: make it
# colons. Seconds are turned too: left as ".30" dateutil reads them as a fraction of a
# minute (18 seconds).
_JAM_TITIK = re.compile(r"(\s|T)(\d{1,2})[.:](\d{2})(?:[.:](\d{2}))?(?=\s*(WIB|WITA|WIT)?\s*$)")
_PUKUL = re.compile(r"\b(pukul|jam)\b", re.IGNORECASE)
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
    """A date and time as typed (day first), in the archive's zone; refuse anything vague."""
    from dateutil import parser

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
        raise GalatMasukan(f"Waktu {opsi} harus memuat jam dan menit: '{teks}'. Contoh: {CONTOH}.")
    # Bounded before any zone arithmetic: year 1 overflows it, and an early year would
    # take the zone's local mean time (+07:07:12 for Jakarta before 1924).
    periksa_tahun(a, f"Waktu {opsi}", teks)
    _periksa_hari(teks, a.date(), f"Waktu {opsi}")
    a = a.replace(second=0) if a.second != b.second else a
    try:
        hasil = di_zona(a.replace(microsecond=0), zona_nama)
    except (ValueError, OverflowError):  # an offset of a day or more ("+25:00"): no zone has one
        raise GalatMasukan(
            f"Waktu {opsi} memuat selisih zona waktu yang tidak sah (harus kurang dari 24 jam, mis. +07:00): "
            f"'{teks}'."
        ) from None
    periksa_tahun(hasil, f"Waktu {opsi}", teks)
    return hasil


def parse_tanggal(teks: str, *, opsi: str) -> date:
    """A calendar date as typed (day first), e.g. for a target date."""
    from dateutil import parser

    t = _normalkan(teks)
    try:
        a, b = _urai(t)
    except (ValueError, OverflowError, parser.ParserError):
        raise GalatMasukan(f"Tanggal {opsi} tidak dapat dibaca: '{teks}'. Contoh: \"2026-11-30\" atau \"30/11/2026\".") from None
    if (a.year, a.month, a.day) != (b.year, b.month, b.day) or not _tahun_tertulis(a.year, t):
        raise GalatMasukan(f"Tanggal {opsi} harus lengkap dengan tahun empat angka: '{teks}'. Contoh: \"30/11/2026\".")
    periksa_tahun(a, f"Tanggal {opsi}", teks)
    _periksa_hari(teks, a.date(), f"Tanggal {opsi}")
    return a.date()
