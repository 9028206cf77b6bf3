"""Indonesian dates and times for forms and messages ("24 November 2026").

Stdlib only, no locale: the month and day names are tables here, so the output is the
same on every machine whatever ``LANG`` says. Every function accepts a ``date``, a
``datetime`` or an ISO 8601 string (``"2026-11-02"``, ``"2026-11-02T08:10:00+07:00"``,
a trailing ``Z`` too). An aware datetime is shown in its *own* offset, the one it was
recorded in; nothing is converted. ``None`` and ``""`` give ``""`` so a template can
print an empty field without a test.

Times follow Indonesian spelling (PUEBI): ``pukul 08.10``, and the zone is named from
the UTC offset: +07:00 WIB, +08:00 WITA, +09:00 WIT, anything else ``UTC+hh:mm``.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

NAMA_BULAN = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)
# Monday first, as date.weekday() counts.
NAMA_HARI = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")
_ROMAWI = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")
_ZONA = {7 * 60: "WIB", 8 * 60: "WITA", 9 * 60: "WIT"}

Nilai = date | datetime | str | None


def _baca(nilai: Nilai) -> date | datetime | None:
    """A date or datetime from ``nilai``; None for None/empty; ValueError otherwise."""
    if nilai is None:
        return None
    if isinstance(nilai, (date, datetime)):
        return nilai
    if isinstance(nilai, str):
        teks = nilai.strip()
        if not teks:
            return None
        if teks.endswith(("Z", "z")):
            teks = teks[:-1] + "+00:00"
        try:
            if len(teks) == 10:
                return date.fromisoformat(teks)
            return datetime.fromisoformat(teks)
        except ValueError:
            raise ValueError(f"Bukan tanggal ISO 8601: {nilai!r}") from None
    raise TypeError(f"Bukan tanggal: {nilai!r}")


def nama_bulan(bulan: int) -> str:
    """``11 -> "November"``."""
    if not isinstance(bulan, int) or not 1 <= bulan <= 12:
        raise ValueError(f"Bulan harus 1-12, bukan {bulan!r}")
    return NAMA_BULAN[bulan - 1]


def bulan_romawi(bulan: int) -> str:
    """``11 -> "XI"`` (for official numbers such as ``001/KP/BBSPJIKFK/XI/2026``)."""
    if not isinstance(bulan, int) or not 1 <= bulan <= 12:
        raise ValueError(f"Bulan harus 1-12, bukan {bulan!r}")
    return _ROMAWI[bulan - 1]


def hari(nilai: Nilai) -> str:
    """The weekday name: ``2026-11-02 -> "Senin"``."""
    d = _baca(nilai)
    return "" if d is None else NAMA_HARI[d.weekday()]


def tanggal(nilai: Nilai) -> str:
    """``2026-11-24 -> "24 November 2026"`` (no leading zero)."""
    d = _baca(nilai)
    if d is None:
        return ""
    return f"{d.day} {NAMA_BULAN[d.month - 1]} {d.year}"


def hari_tanggal(nilai: Nilai) -> str:
    """``"Senin, 2 November 2026"``."""
    d = _baca(nilai)
    return "" if d is None else f"{hari(d)}, {tanggal(d)}"


def zona(offset: timedelta | None) -> str:
    """The zone abbreviation for a UTC offset: WIB/WITA/WIT or ``UTC+hh:mm``; "" if None."""
    if offset is None:
        return ""
    menit = int(offset.total_seconds() // 60)
    if menit in _ZONA:
        return _ZONA[menit]
    tanda = "+" if menit >= 0 else "-"
    jam, mnt = divmod(abs(menit), 60)
    return f"UTC{tanda}{jam:02d}:{mnt:02d}"


def jam(nilai: Nilai) -> str:
    """The time of day with its zone: ``"08.10 WIB"`` (no zone for a naive time)."""
    d = _baca(nilai)
    if d is None:
        return ""
    if not isinstance(d, datetime):
        raise ValueError(f"Tidak ada jam pada {nilai!r}")
    z = zona(d.utcoffset())
    return f"{d.hour:02d}.{d.minute:02d}" + (f" {z}" if z else "")


def tampil(nilai: Nilai) -> str:
    """What a person reads of a stored time (messages, ``lihat``, tables):
    ``"30 November 2026 09.00 WIB"`` (WITA/WIT in those zones); a date alone gives
    ``"30 November 2026"``. The one formatter for human-facing times; JSON and the
    archive keep ISO 8601. Text that is not an ISO time is returned as it is (a display
    never refuses)."""
    try:
        d = _baca(nilai)
    except (ValueError, TypeError):
        return "" if nilai is None else str(nilai)
    if d is None:
        return ""
    if not isinstance(d, datetime):
        return tanggal(d)
    return f"{tanggal(d)} {jam(d)}"


def tanggal_waktu(nilai: Nilai) -> str:
    """``"Senin, 2 November 2026 pukul 08.10 WIB"``; a bare date gives ``"Senin, 2 November 2026"``."""
    d = _baca(nilai)
    if d is None:
        return ""
    if not isinstance(d, datetime):
        return hari_tanggal(d)
    return f"{hari_tanggal(d)} pukul {jam(d)}"


_SATUAN = (
    "nol",
    "satu",
    "dua",
    "tiga",
    "empat",
    "lima",
    "enam",
    "tujuh",
    "delapan",
    "sembilan",
    "sepuluh",
    "sebelas",
)


def terbilang(n: int) -> str:
    """A whole number in Indonesian words: ``15 -> "lima belas"`` (0 to 999 999)."""
    if not isinstance(n, int) or isinstance(n, bool) or not 0 <= n < 1_000_000:
        raise ValueError(f"terbilang: 0 sampai 999999, bukan {n!r}")
    if n < 12:
        return _SATUAN[n]
    if n < 20:
        return f"{_SATUAN[n - 10]} belas"
    if n < 100:
        puluh, sisa = divmod(n, 10)
        return f"{_SATUAN[puluh]} puluh" + (f" {_SATUAN[sisa]}" if sisa else "")
    if n < 1000:
        ratus, sisa = divmod(n, 100)
        depan = "seratus" if ratus == 1 else f"{_SATUAN[ratus]} ratus"
        return depan + (f" {terbilang(sisa)}" if sisa else "")
    ribu, sisa = divmod(n, 1000)
    depan = "seribu" if ribu == 1 else f"{terbilang(ribu)} ribu"
    return depan + (f" {terbilang(sisa)}" if sisa else "")
