"""Working time: durations, deadlines, holidays, and agreement with slow references."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from keluhan.galat import GalatMasukan, GalatPengaturan
from keluhan.kalender import (
    JAM_KERJA_BAWAAN,
    Kalender,
    MutuBaku,
    format_durasi,
    jam_kerja_dari_pengaturan,
    libur_bawaan,
    parse_durasi,
)

WIB = ZoneInfo("Asia/Jakarta")
LIBUR = libur_bawaan(range(2024, 2029))
K = Kalender(zona=WIB, jam_kerja=JAM_KERJA_BAWAAN, libur=LIBUR)
KOSONG = Kalender(zona=WIB, jam_kerja=JAM_KERJA_BAWAAN, libur={})


def t(y: int, mo: int, d: int, h: int = 0, mi: int = 0, s: int = 0) -> datetime:
    return datetime(y, mo, d, h, mi, s, tzinfo=WIB)


def m(teks: str) -> MutuBaku:
    return MutuBaku.parse(teks)


# -- slow references, written independently of the module ------------------------------------


def ref_menit(a: datetime, b: datetime, libur: dict[date, str]) -> float:
    """Working minutes by walking every calendar day and intersecting with its office hours."""
    a, b = a.astimezone(WIB), b.astimezone(WIB)
    total = timedelta(0)
    d = a.date()
    while d <= b.date():
        jam = JAM_KERJA_BAWAAN[d.weekday()]
        if jam and d not in libur:
            lo, hi = max(a, datetime.combine(d, jam[0], WIB)), min(b, datetime.combine(d, jam[1], WIB))
            total += max(hi - lo, timedelta(0))
        d += timedelta(days=1)
    return total / timedelta(minutes=1)


AWAL_60 = t(2026, 3, 1)  # 60 days over Nyepi and Lebaran 2026


def _menit_kerja_60() -> bytearray:
    """One byte per minute of the 60 days: 1 when that minute is working time."""
    hasil = bytearray()
    for k in range(60 * 24 * 60):
        x = AWAL_60 + timedelta(minutes=k)
        jam = {0: "0730-1600", 1: "0730-1600", 2: "0730-1600", 3: "0730-1600", 4: "0730-1630"}.get(x.weekday())
        hhmm = x.strftime("%H%M")
        hasil.append(1 if jam and x.date() not in LIBUR and jam[:4] <= hhmm < jam[5:] else 0)
    return hasil


MENIT_60 = _menit_kerja_60()

waktu = st.datetimes(
    min_value=datetime(2024, 1, 1),
    max_value=datetime(2028, 12, 31, 23, 59),
    timezones=st.sampled_from([WIB, UTC, timezone(timedelta(hours=9))]),
)
mutu_menit = st.builds(MutuBaku, jumlah=st.integers(1, 5000), satuan=st.sampled_from(["menit", "jam"]))


# -- settings and parsing ------------------------------------------------------------------------


def test_jam_kerja_bawaan_dari_pengaturan() -> None:
    """The default hours come from pengaturan: Mon-Thu 07:30-16:00, Fri to 16:30, weekend closed."""
    assert JAM_KERJA_BAWAAN[0] == JAM_KERJA_BAWAAN[3] == (time(7, 30), time(16, 0))
    assert JAM_KERJA_BAWAAN[4] == (time(7, 30), time(16, 30))
    assert JAM_KERJA_BAWAAN[5] is None and JAM_KERJA_BAWAAN[6] is None


@pytest.mark.parametrize(
    "jam", [{"senin": "16:00-07:30"}, {"senin": "7.30-16"}, {"senin": "07:30-24:30"}, {"senen": "07:30-16:00"}]
)
def test_jam_kerja_tidak_sah(jam: dict[str, str]) -> None:
    """Malformed, reversed or unknown office-hour settings are refused naming the key."""
    with pytest.raises(GalatPengaturan, match="jam_kerja"):
        jam_kerja_dari_pengaturan(jam)


def test_jam_kerja_sampai_tengah_malam() -> None:
    """A "24:00" closing counts up to midnight, and a day-long deadline can end exactly there."""
    k = Kalender(zona=WIB, jam_kerja=jam_kerja_dari_pengaturan({"senin": "20:00-24:00"}), libur={})
    assert k.menit_kerja(t(2026, 2, 9, 19), t(2026, 2, 10, 9)) == 240
    assert k.batas(t(2026, 2, 9, 21), m("3 jam")) == t(2026, 2, 10, 0, 0)


def test_tanpa_hari_kerja_ditolak() -> None:
    """A calendar with no working weekday is refused instead of searching forever."""
    with pytest.raises(GalatPengaturan):
        Kalender(zona=WIB, jam_kerja={}, libur={})


@pytest.mark.parametrize("teks,jumlah,satuan", [("15 menit", 15, "menit"), ("3 hari", 3, "hari"), (" 2  JAM ", 2, "jam")])
def test_mutu_baku_parse(teks: str, jumlah: int, satuan: str) -> None:
    """MutuBaku.parse reads "N menit|jam|hari" and str() gives the canonical text back."""
    mb = MutuBaku.parse(teks)
    assert (mb.jumlah, mb.satuan) == (jumlah, satuan)
    assert MutuBaku.parse(str(mb)) == mb and str(mb) == f"{jumlah} {satuan}"


@pytest.mark.parametrize("teks", ["", "3", "hari", "3 minggu", "-1 jam", "0 menit", "1.5 jam", "3 hari kalender"])
def test_mutu_baku_tidak_sah(teks: str) -> None:
    """Bad mutu baku text is a GalatMasukan with an Indonesian message and examples."""
    with pytest.raises(GalatMasukan, match="Mutu baku tidak sah.*contoh"):
        MutuBaku.parse(teks)


@pytest.mark.parametrize(
    "teks,hasil",
    [
        ("30m", "30 menit"),
        ("2j", "2 jam"),
        ("1h", "1 hari"),
        ("30 menit", "30 menit"),
        ("2 jam", "2 jam"),
        ("1 hari", "1 hari"),
        ("45mnt", "45 menit"),
        ("3H", "3 hari"),
    ],
)
def test_parse_durasi(teks: str, hasil: str) -> None:
    """--dalam accepts short (m/j/h) and long unit names."""
    assert str(parse_durasi(teks)) == hasil


@pytest.mark.parametrize("teks", ["", "30", "30s", "2 jam 5 menit", "0m", "j2", "1,5j"])
def test_parse_durasi_tidak_sah(teks: str) -> None:
    """A bad --dalam value is refused with examples of good ones."""
    with pytest.raises(GalatMasukan, match=r"contoh: 30m, 2j, 1h"):
        parse_durasi(teks)


def test_format_durasi() -> None:
    """Durations read as Indonesian hours and minutes, rounded up to the whole minute."""
    assert format_durasi(12) == "12 menit"
    assert format_durasi(125) == "2 jam 5 menit"
    assert format_durasi(120) == "2 jam"
    assert format_durasi(0) == "0 menit"
    assert format_durasi(15 + 1 / 60) == "16 menit"
    assert format_durasi(-30) == "-30 menit"


# -- durations --------------------------------------------------------------------------------


def test_akhir_pekan() -> None:
    """Fri 16:00 -> Mon 08:00 is Friday's last 30 minutes plus Monday's first 30."""
    assert K.menit_kerja(t(2026, 2, 6, 16, 0), t(2026, 2, 9, 8, 0)) == 60
    assert K.menit_kerja(t(2026, 2, 7, 9), t(2026, 2, 8, 15)) == 0


def test_tepi_jam_kerja() -> None:
    """Time before opening and after closing does not count; edges are exact."""
    assert K.menit_kerja(t(2026, 2, 9, 6), t(2026, 2, 9, 7, 30)) == 0
    assert K.menit_kerja(t(2026, 2, 9, 7), t(2026, 2, 9, 7, 45)) == 15
    assert K.menit_kerja(t(2026, 2, 9, 15, 50), t(2026, 2, 9, 16, 10)) == 10
    assert K.menit_kerja(t(2026, 2, 9, 16), t(2026, 2, 9, 23)) == 0
    assert K.menit_kerja(t(2026, 2, 9, 7, 30), t(2026, 2, 9, 16)) == 510
    assert K.menit_kerja(t(2026, 2, 13, 7, 30), t(2026, 2, 13, 16, 30)) == 540  # Friday
    assert K.menit_kerja(t(2026, 2, 9, 10, 0, 0), t(2026, 2, 9, 10, 0, 30)) == 0.5
    assert K.menit_kerja(t(2026, 2, 9, 12), t(2026, 2, 9, 11)) == 0


def test_zona_lain_dikonversi() -> None:
    """Instants given in UTC or another offset mean the same moment; results are in the zone."""
    utc = t(2026, 2, 9, 10).astimezone(UTC)
    assert K.menit_kerja(utc, t(2026, 2, 9, 11)) == 60
    hasil = K.batas(utc, m("15 menit"))
    assert hasil == t(2026, 2, 9, 10, 15) and hasil.tzinfo is WIB
    assert K.menit_kerja(datetime(2026, 2, 9, 10), datetime(2026, 2, 9, 11)) == 60  # naive = local


def test_libur_bawaan_2026() -> None:
    """The holidays package gives Nyepi, Lebaran and their cuti bersama for 2026 in Indonesian."""
    libur = libur_bawaan([2026])
    assert "Nyepi" in libur[date(2026, 3, 19)]
    assert "Cuti Bersama" in libur[date(2026, 3, 18)]
    assert "Idul Fitri" in libur[date(2026, 3, 21)] and "Idul Fitri" in libur[date(2026, 3, 22)]
    for d in (20, 23, 24):
        assert "Cuti Bersama" in libur[date(2026, 3, d)]
    assert all(x.year == 2026 for x in libur)
    assert not K.is_hari_kerja(date(2026, 3, 18)) and K.is_hari_kerja(date(2026, 3, 25))


def test_nyepi_lebaran_durasi() -> None:
    """Tue 17 Mar 15:00 -> Wed 25 Mar 08:00 2026 counts only 60 + 30 minutes."""
    assert K.menit_kerja(t(2026, 3, 17, 15), t(2026, 3, 25, 8)) == 90
    assert KOSONG.menit_kerja(t(2026, 3, 17, 15), t(2026, 3, 25, 8)) == 60 + 4 * 510 + 540 + 30


def test_hari_kerja() -> None:
    """hari_kerja counts whole working days as 1 and part days as a share of that day's hours."""
    assert K.hari_kerja(t(2026, 2, 9, 10), t(2026, 2, 12, 10)) == pytest.approx(3)
    assert K.hari_kerja(t(2026, 2, 12, 12), t(2026, 2, 13, 12)) == pytest.approx(240 / 510 + 270 / 540)
    assert K.hari_kerja(t(2026, 3, 17, 7), t(2026, 3, 26, 17)) == pytest.approx(3)
    assert K.hari_kerja(t(2026, 2, 13, 16, 30), t(2026, 2, 16, 7, 30)) == 0  # 16 Feb is cuti bersama


# -- deadlines ------------------------------------------------------------------------------------


def test_batas_menit_dan_jam() -> None:
    """Minute deadlines skip closed time and start counting at the next opening."""
    assert K.batas(t(2026, 2, 9, 10), m("15 menit")) == t(2026, 2, 9, 10, 15)
    assert K.batas(t(2026, 2, 9, 15, 45), m("15 menit")) == t(2026, 2, 9, 16, 0)
    assert K.batas(t(2026, 2, 9, 15, 50), m("15 menit")) == t(2026, 2, 10, 7, 35)
    assert K.batas(t(2026, 2, 9, 6), m("15 menit")) == t(2026, 2, 9, 7, 45)
    assert K.batas(t(2026, 2, 6, 16, 20), m("15 menit")) == t(2026, 2, 9, 7, 35)
    assert K.batas(t(2026, 2, 7, 10), m("15 menit")) == t(2026, 2, 9, 7, 45)
    assert K.batas(t(2026, 2, 9, 14), m("3 jam")) == t(2026, 2, 10, 8, 30)


def test_batas_hari_nyepi_lebaran() -> None:
    """3 hari from Tue 17 Mar 2026 10:00 skips 18-24 March and lands on Fri 27 March 10:00."""
    assert K.batas(t(2026, 3, 17, 10), m("3 hari")) == t(2026, 3, 27, 10)
    assert KOSONG.batas(t(2026, 3, 17, 10), m("3 hari")) == t(2026, 3, 20, 10)


def test_libur_tambahan_mengubah_hasil() -> None:
    """A holiday added by hand (a regional one) moves the deadline and shortens durations."""
    k = Kalender(zona=WIB, jam_kerja=JAM_KERJA_BAWAAN, libur={**LIBUR, date(2026, 3, 25): "Libur daerah"})
    assert k.batas(t(2026, 3, 17, 10), m("3 hari")) == t(2026, 3, 30, 10)
    assert k.menit_kerja(t(2026, 3, 17, 15), t(2026, 3, 26, 8)) == 90
    assert K.menit_kerja(t(2026, 3, 17, 15), t(2026, 3, 26, 8)) == 90 + 510


def test_batas_hari_tepi() -> None:
    """Day deadlines snap to office hours and clamp to the target day's closing time."""
    assert K.batas(t(2026, 2, 13, 16, 15), m("1 hari")) == t(2026, 2, 18, 16, 0)  # Fri -> Wed (16, 17 Feb off)
    assert K.batas(t(2026, 2, 5, 16, 15), m("1 hari")) == t(2026, 2, 9, 7, 30)  # Thu after close -> Fri opening
    assert K.batas(t(2026, 2, 9, 16, 0), m("1 hari")) == t(2026, 2, 11, 7, 30)  # at closing -> next opening
    assert K.batas(t(2026, 2, 9, 6, 0), m("1 hari")) == t(2026, 2, 10, 7, 30)  # before opening -> opening
    assert K.batas(t(2026, 2, 7, 11, 0), m("2 hari")) == t(2026, 2, 11, 7, 30)  # Saturday -> Mon opening


def test_patuh() -> None:
    """Compliance: no later than the deadline in working time; after-hours tails still count."""
    assert K.patuh(t(2026, 2, 9, 15, 45), t(2026, 2, 9, 16, 5), m("15 menit"))
    assert not K.patuh(t(2026, 2, 9, 15, 45), t(2026, 2, 10, 7, 31), m("15 menit"))
    assert K.patuh(t(2026, 3, 17, 10), t(2026, 3, 27, 10), m("3 hari"))
    assert not K.patuh(t(2026, 3, 17, 10), t(2026, 3, 27, 10, 1), m("3 hari"))


def test_batas_banding() -> None:
    """Appeal windows: end of the 15th working day, or 23:59:59 of the 15th calendar day."""
    assert K.batas_banding(t(2026, 3, 2, 10), "15 hari") == t(2026, 3, 30, 16, 0)
    assert K.batas_banding(t(2026, 3, 2, 10), "15 hari kalender") == t(2026, 3, 17, 23, 59, 59)
    assert K.batas_banding(t(2026, 3, 6, 10), "1 hari") == t(2026, 3, 9, 16, 0)
    assert K.tambah_hari_kalender(t(2026, 3, 2, 10), 15) == t(2026, 3, 17, 10)
    with pytest.raises(GalatMasukan, match="contoh"):
        K.batas_banding(t(2026, 3, 2, 10), "dua minggu")


# -- properties and references --------------------------------------------------------------------


@settings(max_examples=300, deadline=None)
@given(waktu, waktu, waktu)
def test_aditif_dan_tidak_negatif(a: datetime, b: datetime, c: datetime) -> None:
    """For a <= b <= c: m(a,c) = m(a,b) + m(b,c), every part >= 0, and m grows with akhir."""
    a, b, c = sorted((a, b, c))
    ab, bc, ac = K.menit_kerja(a, b), K.menit_kerja(b, c), K.menit_kerja(a, c)
    assert ab >= 0 and bc >= 0
    assert ac == pytest.approx(ab + bc, abs=1e-6)
    assert K.menit_kerja(a, b) <= K.menit_kerja(a, c)
    assert K.hari_kerja(a, c) == pytest.approx(K.hari_kerja(a, b) + K.hari_kerja(b, c), abs=1e-9)


@settings(max_examples=300, deadline=None)
@given(waktu, mutu_menit)
def test_batas_pulang_pergi(a: datetime, mutu: MutuBaku) -> None:
    """menit_kerja(mulai, batas(mulai, m)) is exactly m, and a moment earlier is not compliant."""
    batas = K.batas(a, mutu)
    assert K.menit_kerja(a, batas) == mutu.jumlah * (60 if mutu.satuan == "jam" else 1)
    sesudah = K.batas(batas, MutuBaku(jumlah=1, satuan="menit"))  # one working minute later
    assert K.patuh(a, batas, mutu) and not K.patuh(a, sesudah, mutu)
    assert K.menit_kerja(a, batas - timedelta(seconds=1)) < mutu.jumlah * (60 if mutu.satuan == "jam" else 1)


@settings(max_examples=60, deadline=None)
@given(st.integers(0, len(MENIT_60)), st.integers(0, len(MENIT_60)))
def test_sama_dengan_hitungan_per_menit(x: int, y: int) -> None:
    """Over 60 days around Lebaran 2026, the result equals a minute-by-minute count."""
    x, y = sorted((x, y))
    a, b = AWAL_60 + timedelta(minutes=x), AWAL_60 + timedelta(minutes=y)
    assert K.menit_kerja(a, b) == sum(MENIT_60[x:y])


@settings(max_examples=100, deadline=None)
@given(waktu, waktu)
def test_sama_dengan_referensi_harian(a: datetime, b: datetime) -> None:
    """Across up to 5 years, the result equals a day-by-day reference to the microsecond."""
    a, b = sorted((a, b))
    assert K.menit_kerja(a, b) == pytest.approx(ref_menit(a, b, LIBUR), abs=1e-6)


def test_lima_tahun_urutan_tidak_berpengaruh() -> None:
    """A 5-year span is exact, whatever order earlier queries extended the cache in."""
    a, b = t(2024, 1, 1), t(2029, 1, 1)
    harapan = ref_menit(a, b, LIBUR)
    for urutan in ([(a, b)], [(t(2028, 6, 1), t(2028, 6, 2)), (t(2024, 6, 1), t(2024, 6, 2)), (a, b)]):
        k = Kalender(zona=WIB, jam_kerja=JAM_KERJA_BAWAAN, libur=LIBUR)
        for x, y in urutan:
            hasil = k.menit_kerja(x, y)
        assert hasil == harapan
    assert harapan == sum(K.menit_kerja(t(y, 1, 1), t(y + 1, 1, 1)) for y in range(2024, 2029))


@settings(max_examples=400, deadline=None)
@given(st.sampled_from(["Asia/Jakarta", "Europe/Berlin", "America/Sao_Paulo", "Australia/Lord_Howe", "UTC"]),
       st.integers(-2_000_000_000, 2_100_000_000), st.integers(0, 999_999))
def test_iso_us_sama_dengan_iso_datetime(zona: str, detik: int, mikro: int) -> None:
    """Kalender.iso_us (the day table's text, periksa's deadline check) is waktu.iso of the instant, every zone and day."""
    from keluhan import waktu as w

    kal = Kalender(zona=ZoneInfo(zona), jam_kerja=JAM_KERJA_BAWAAN, libur={})
    for u in (detik * 1_000_000, detik * 1_000_000 + mikro):
        assert kal.iso_us(u) == w.iso(datetime.fromtimestamp(detik, ZoneInfo(zona)))


def test_iso_us_di_sekitar_perubahan_jam() -> None:
    """Around a clock change (Europe/Berlin, 2026) every second's text from the day table is waktu.iso's."""
    from keluhan import waktu as w

    berlin = ZoneInfo("Europe/Berlin")
    kal = Kalender(zona=berlin, jam_kerja=JAM_KERJA_BAWAAN, libur={})
    for awal in (datetime(2026, 3, 28, 12, tzinfo=UTC), datetime(2026, 10, 24, 12, tzinfo=UTC)):
        for k in range(0, 2 * 86_400, 97):
            detik = int(awal.timestamp()) + k
            assert kal.iso_us(detik * 1_000_000) == w.iso(datetime.fromtimestamp(detik, berlin))


@settings(max_examples=300, deadline=None)
@given(waktu, waktu, st.one_of(mutu_menit, st.builds(MutuBaku, jumlah=st.integers(1, 30), satuan=st.just("hari"))))
def test_ukur_us_sama_dengan_ukur(a: datetime, b: datetime, mutu: MutuBaku) -> None:
    """Kalender.ukur_us (periksa's one pass over a step's instants) gives ukur's duration, deadline and verdict."""
    kal = Kalender(zona=WIB, jam_kerja=JAM_KERJA_BAWAAN, libur=LIBUR)
    menit, batas, patuh = K.ukur(a, b, mutu)
    kerja, batas_us, patuh_us = kal.ukur_us(kal._us_dari(a), kal._us_dari(b), mutu, a)
    assert (kerja / 60_000_000 if b > a else 0.0, kal._dt(batas_us), patuh_us) == (menit, batas, patuh)
