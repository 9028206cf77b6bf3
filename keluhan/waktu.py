"""Times as a clerk types them, and as the archive stores them.

Stored times are ISO 8601 with the offset of the configured zone
("2026-11-02T08:10:00+07:00"): unambiguous, readable as they are, and sortable as text
because one archive uses one zone.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from functools import lru_cache
from zoneinfo import ZoneInfo

from keluhan.galat import GalatMasukan

CONTOH = '"2026-11-02 08:10", "2/11/2026 08.10" atau "2026-11-02T08:10:00+07:00"'

_BULAN = {
    "januari": "January", "februari": "February", "pebruari": "February", "maret": "March",
    "mei": "May", "juni": "June", "juli": "July", "agustus": "August", "agu": "Aug",
    "oktober": "October", "okt": "Oct", "desember": "December", "des": "Dec", "nopember": "November",
}
_BULAN_RE = re.compile(r"\b(" + "|".join(_BULAN) + r")\b", re.IGNORECASE)
# "08.10" (the Indonesian way of writing 08:10) after a date: make it a colon.
_JAM_TITIK = re.compile(r"(\s|T)(\d{1,2})\.(\d{2})(?=(\.\d{2})?\s*(WIB|WITA|WIT)?\s*$)")
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
    t = _PUKUL.sub(" ", teks.strip())
    t = _BULAN_RE.sub(lambda m: _BULAN[m[1].lower()], t)
    t = _JAM_TITIK.sub(lambda m: f"{m[1]}{m[2]}:{m[3]}", t)
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
    a = a.replace(second=0) if a.second != b.second else a
    z = zona(zona_nama)
    hasil = a.replace(tzinfo=z) if a.tzinfo is None else a.astimezone(z)
    return hasil.replace(microsecond=0)


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
    return a.date()
