"""keluhan.tanggal: Indonesian dates, times, zones, Roman months and numbers in words."""

from __future__ import annotations

import subprocess
import sys
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from keluhan import tanggal as t

AKAR = Path(__file__).resolve().parent.parent


def test_tanggal_dari_date():
    """A date prints as day, Indonesian month name, year, without a leading zero."""
    assert t.tanggal(date(2026, 11, 24)) == "24 November 2026"
    assert t.tanggal(date(2026, 1, 5)) == "5 Januari 2026"


def test_tanggal_dari_teks_iso_dan_datetime():
    """ISO strings (date, datetime with offset, Z) and datetimes give the same date text."""
    assert t.tanggal("2026-02-01") == "1 Februari 2026"
    assert t.tanggal("2026-11-02T08:10:00+07:00") == "2 November 2026"
    assert t.tanggal("2026-08-17T00:00:00Z") == "17 Agustus 2026"
    assert t.tanggal(datetime(2026, 12, 31, 23, 59)) == "31 Desember 2026"


def test_semua_nama_bulan():
    """Every month has its Indonesian name, in order."""
    nama = [t.nama_bulan(b) for b in range(1, 13)]
    assert nama == [
        "Januari", "Februari", "Maret", "April", "Mei", "Juni",
        "Juli", "Agustus", "September", "Oktober", "November", "Desember",
    ]


def test_hari_dalam_satu_minggu():
    """2 November 2026 is a Monday (Senin) and the week runs Senin to Minggu."""
    assert t.hari(date(2026, 11, 2)) == "Senin"
    minggu = [t.hari(date(2026, 11, 2) + timedelta(days=i)) for i in range(7)]
    assert minggu == ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"]
    assert t.hari("2026-08-17") == "Senin"


def test_tanggal_waktu_wib():
    """A +07:00 time prints with weekday, 'pukul', a dotted time and WIB."""
    assert t.tanggal_waktu("2026-11-02T08:10:00+07:00") == "Senin, 2 November 2026 pukul 08.10 WIB"


@pytest.mark.parametrize(
    ("offset", "zona"),
    [(7, "WIB"), (8, "WITA"), (9, "WIT")],
)
def test_zona_indonesia(offset, zona):
    """+07, +08 and +09 are named WIB, WITA and WIT."""
    dt = datetime(2026, 11, 2, 8, 5, tzinfo=timezone(timedelta(hours=offset)))
    assert t.tanggal_waktu(dt) == f"Senin, 2 November 2026 pukul 08.05 {zona}"


def test_zona_lain_sebagai_utc():
    """Other offsets print as UTC+hh:mm / UTC-hh:mm, including Z and half hours."""
    assert t.tanggal_waktu("2026-11-02T01:10:00Z").endswith("pukul 01.10 UTC+00:00")
    assert t.jam("2026-11-02T08:10:00+05:30") == "08.10 UTC+05:30"
    assert t.jam("2026-11-02T08:10:00-03:00") == "08.10 UTC-03:00"


def test_waktu_tidak_dikonversi():
    """A time is shown in its own recorded offset: no silent conversion to WIB."""
    assert t.tanggal_waktu("2026-11-02T23:30:00+09:00") == "Senin, 2 November 2026 pukul 23.30 WIT"


def test_waktu_tanpa_zona_dan_tanpa_jam():
    """A naive time has no zone; a bare date gives weekday and date only."""
    assert t.tanggal_waktu(datetime(2026, 11, 2, 8, 10)) == "Senin, 2 November 2026 pukul 08.10"
    assert t.tanggal_waktu("2026-11-02") == "Senin, 2 November 2026"
    assert t.hari_tanggal(date(2026, 11, 24)) == "Selasa, 24 November 2026"


def test_kosong_menjadi_teks_kosong():
    """None and empty strings print as empty text (an empty form field)."""
    for f in (t.tanggal, t.tanggal_waktu, t.hari, t.hari_tanggal, t.jam):
        assert f(None) == ""
        assert f("") == ""


def test_teks_bukan_tanggal_ditolak():
    """Text that is not ISO 8601 is a ValueError, not a wrong date."""
    with pytest.raises(ValueError):
        t.tanggal("2 November 2026")
    with pytest.raises(ValueError):
        t.jam("2026-11-02")
    with pytest.raises(TypeError):
        t.tanggal(20261102)


def test_bulan_romawi():
    """Months 1-12 are I-XII (for official numbers); anything else is refused."""
    assert [t.bulan_romawi(b) for b in range(1, 13)] == [
        "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII",
    ]
    for salah in (0, 13, -1, "11"):
        with pytest.raises(ValueError):
            t.bulan_romawi(salah)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("n", "kata"),
    [
        (0, "nol"), (1, "satu"), (10, "sepuluh"), (11, "sebelas"), (15, "lima belas"),
        (20, "dua puluh"), (21, "dua puluh satu"), (100, "seratus"), (115, "seratus lima belas"),
        (999, "sembilan ratus sembilan puluh sembilan"), (1000, "seribu"),
        (2026, "dua ribu dua puluh enam"), (11000, "sebelas ribu"),
    ],
)
def test_terbilang(n, kata):
    """Whole numbers in Indonesian words, as written in letters: '15 (lima belas) hari'."""
    assert t.terbilang(n) == kata


def test_tanpa_locale():
    """The names come from tables, not the C locale: the same text under any LANG/LC_ALL."""
    kode = "from keluhan.tanggal import tanggal_waktu as f; print(f('2026-11-02T08:10:00+07:00'))"
    for lang in ("C", "de_DE.UTF-8", "en_US.UTF-8"):
        keluar = subprocess.run(
            [sys.executable, "-c", kode],
            cwd=AKAR,
            env={"LANG": lang, "LC_ALL": lang, "PYTHONPATH": str(AKAR)},
            capture_output=True,
            text=True,
            timeout=60,
            check=True,
        )
        assert keluar.stdout.strip() == "Senin, 2 November 2026 pukul 08.10 WIB"


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2199, 12, 31)))
def test_tanggal_konsisten(d):
    """For any date: date, ISO string and datetime agree, and the weekday repeats every 7 days."""
    teks = t.tanggal(d)
    assert teks == t.tanggal(d.isoformat()) == t.tanggal(datetime(d.year, d.month, d.day, 12))
    hari, bulan, tahun = teks.split(" ")
    assert (int(hari), t.NAMA_BULAN.index(bulan) + 1, int(tahun)) == (d.day, d.month, d.year)
    if d < date(2199, 12, 1):
        assert t.hari(d) == t.hari(d + timedelta(days=7))
