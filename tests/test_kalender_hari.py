"""The calendar's day-table arithmetic (ukur_us, batas_us, iso_us, us) against its datetime path, every zone and shape."""

from __future__ import annotations

from bisect import bisect_right
from datetime import UTC, date, datetime, time, timedelta, timezone
from functools import lru_cache
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from keluhan import waktu as w
from keluhan.kalender import JAM_KERJA_BAWAAN, Kalender, MutuBaku, libur_bawaan

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_US = timedelta(microseconds=1)

# The program's zones, zones whose clocks change (at midnight too: Santiago, Havana, Beirut,
# Sao Paulo until 2019; by half an hour: Lord Howe; backwards in winter: Dublin; a skipped
# day: Apia 2011; a gap that ends at midnight: Nuuk; a fold across it: Goose Bay until 2010), offsets in quarter hours and, before 1924, Jakarta's local mean time.
ZONA = ["Asia/Jakarta", "Asia/Makassar", "Asia/Jayapura", "Europe/Berlin", "America/Santiago", "America/Havana",
        "Asia/Beirut", "America/Sao_Paulo", "Australia/Lord_Howe", "Europe/Dublin", "Pacific/Apia", "Asia/Tehran",
        "America/St_Johns", "Asia/Kathmandu", "Africa/Casablanca", "America/Nuuk", "America/Goose_Bay", "UTC"]


def us_ref(t: datetime, zona: ZoneInfo) -> int:
    """µs since the epoch as ``Kalender.us`` was written before (a naive time is local in ``zona``)."""
    return ((t if t.utcoffset() is not None else t.replace(tzinfo=zona)) - _EPOCH) // _US


def kerja_ref(kal: Kalender, x: int, y: int) -> int:
    """Working µs from ``x`` to ``y`` on the day table, as ``_kerja_us`` was written before."""
    kal._cakup(x, y)
    m, buka, tutup, kum = kal._malam, kal._buka, kal._tutup, kal._kum
    ix, iy = bisect_right(m, x) - 1, bisect_right(m, y) - 1
    wx = min(max(x - buka[ix], 0), tutup[ix] - buka[ix])
    wy = min(max(y - buka[iy], 0), tutup[iy] - buka[iy])
    return kum[iy] + wy - kum[ix] - wx


def ukur_ref(kal: Kalender, a: int, b: int, mutu: MutuBaku, mulai: datetime) -> tuple[int, int, bool]:
    """``ukur_us`` as it was: the deadline by the datetime path, compliance by ``patuh``'s rule."""
    kerja = kerja_ref(kal, a, b) if b > a else 0
    batas = kal._batas_us_dt(a, mutu, mulai)
    return kerja, batas, b <= batas or kerja_ref(kal, batas, b) == 0


@lru_cache(maxsize=None)
def perubahan(zona: str, tahun: int) -> tuple[datetime, ...]:
    """The instants (to the second) at which ``zona``'s offset changes in ``tahun`` and the next year."""
    z = ZoneInfo(zona)
    hasil = []
    awal = int(datetime(tahun, 1, 1, tzinfo=UTC).timestamp())
    for k in range(2 * 366 * 4):
        lo, hi = awal + k * 21_600, awal + (k + 1) * 21_600
        if datetime.fromtimestamp(lo, z).utcoffset() != datetime.fromtimestamp(hi, z).utcoffset():
            while hi - lo > 1:
                tengah = (lo + hi) // 2
                same = datetime.fromtimestamp(tengah, z).utcoffset() == datetime.fromtimestamp(lo, z).utcoffset()
                lo, hi = (tengah, hi) if same else (lo, tengah)
            hasil.append(datetime.fromtimestamp(hi, z))
    return tuple(hasil)


@st.composite
def jam_hari(draw: st.DrawFn) -> tuple[time, time] | None:
    """One weekday's office hours: none, a half day, a whole one, or to midnight ("24:00")."""
    if draw(st.integers(0, 3)) == 0:
        return None
    buka = draw(st.integers(0, 23 * 60 + 58))
    tutup = draw(st.integers(buka + 1, 24 * 60))
    return time(buka // 60, buka % 60), time(tutup // 60 % 24, tutup % 60)


minggu = st.fixed_dictionaries({h: jam_hari() for h in range(7)}).filter(lambda j: any(j.values()))
mutu = st.one_of(
    st.builds(MutuBaku, jumlah=st.integers(1, 40), satuan=st.just("hari")),
    st.builds(MutuBaku, jumlah=st.integers(1, 60), satuan=st.just("jam")),
    st.builds(MutuBaku, jumlah=st.integers(1, 6000), satuan=st.just("menit")),
)


@st.composite
def kasus(draw: st.DrawFn) -> tuple[Kalender, Kalender, datetime, MutuBaku, int]:
    """Two fresh calendars of one shape (one for the day table, one for the oracle), a start as
    some caller would give it, a standard, and an end µs after (or before) the start."""
    nama = draw(st.sampled_from(ZONA))
    zona = ZoneInfo(nama)
    jam = draw(minggu)
    tahun = draw(st.sampled_from([1905, 1980, 1990, 1995, 2008, 2011, 2016, 2019, 2024, 2026, 2027, 2031, 2039]))
    hari = date(tahun, 1, 1) + timedelta(days=draw(st.integers(0, 730)))
    ganti = perubahan(nama, tahun)
    dekat = None
    if ganti and draw(st.integers(0, 3)):  # mostly near a clock change: its day, or a few days before it
        dekat = draw(st.sampled_from(ganti))
        hari = dekat.date() - timedelta(days=draw(st.sampled_from([0, 0, 1, 1, 2, 3, 4, 5, 7])))
    ubah = [(hari + timedelta(days=draw(st.integers(-40, 40))), draw(minggu))] if draw(st.booleans()) else []
    libur = {hari + timedelta(days=k): "Libur" for k in draw(st.sets(st.integers(-5, 60), max_size=25))}
    pola = dict(zona=zona, jam_kerja=jam, libur=libur, perubahan_jam=ubah)
    # A wall-clock time: any, or an office day's edge (exactly, or a µs either side).
    tepi = [j for pasangan in jam.values() if pasangan for j in pasangan]
    pilih = draw(st.integers(0, 2))
    if dekat is not None and hari == dekat.date() and pilih == 2:  # around the change's wall-clock time
        dinding = dekat.replace(tzinfo=None, fold=0) + timedelta(seconds=draw(st.integers(-3 * 3600, 3 * 3600)))
    elif tepi and pilih:
        j = draw(st.sampled_from(tepi))
        dinding = datetime.combine(hari, j) + draw(st.sampled_from([timedelta(0), _US, -_US]))
    else:
        dinding = datetime.combine(hari, time(0)) + timedelta(microseconds=draw(st.integers(0, 86_400_000_000 - 1)))
        if draw(st.booleans()):
            dinding = dinding.replace(microsecond=0)
    cara = draw(st.sampled_from(["zona", "naif", "tetap", "utc"]))
    if cara in ("zona", "naif"):  # the fields as typed: may fall in a gap or a fold
        mulai = dinding.replace(tzinfo=zona if cara == "zona" else None, fold=draw(st.integers(0, 1)))
    else:  # an instant in another offset (what periksa and the import read back from text)
        lokal = dinding.replace(tzinfo=zona)
        z = UTC if cara == "utc" else timezone(timedelta(minutes=draw(st.integers(-14 * 60, 14 * 60))))
        mulai = lokal.astimezone(z)
    a = us_ref(mulai, zona)
    b = a + draw(st.integers(-3 * 86_400_000_000, 120 * 86_400_000_000))
    baku = draw(mutu if dekat is None else st.one_of(
        mutu, st.builds(MutuBaku, jumlah=st.integers(1, 5), satuan=st.just("hari"))))
    return Kalender(**pola), Kalender(**pola), mulai, baku, b  # type: ignore[arg-type]


@settings(max_examples=1500, deadline=None)
@given(kasus())
def test_ukur_us_sama_dengan_jalur_datetime(k: tuple[Kalender, Kalender, datetime, MutuBaku, int]) -> None:
    """ukur_us, batas_us, batas, iso_us and us give the datetime path's results to the µs and character."""
    kal, acuan, mulai, baku, b = k
    a = kal.us(mulai)
    assert a == us_ref(mulai, acuan.zona)
    kerja, batas, patuh = kal.ukur_us(a, b, baku, mulai)
    harap = ukur_ref(acuan, a, b, baku, mulai)
    assert (kerja, batas, patuh) == harap
    assert kal.batas_us(a, baku, mulai) == harap[1]
    assert kal.batas(mulai, baku) == acuan._dt(harap[1])
    assert kal.patuh(mulai, acuan._dt(b), baku) == harap[2]
    assert kal.iso_us(batas) == w.iso(acuan._dt(harap[1]))
    for akhir in (batas - 1, batas, batas + 1, batas + 60_000_000):  # ended at the deadline, or a µs either side
        assert kal.ukur_us(a, akhir, baku, mulai) == ukur_ref(acuan, a, akhir, baku, mulai)
    if mulai.tzinfo is not None and mulai.tzinfo is not acuan.zona:  # an instant: as read from its text
        assert kal.ukur_us(a, b, baku, None) == harap
        teks = w.iso(mulai)
        if mulai.microsecond == 0 and mulai.utcoffset() % timedelta(minutes=1) == timedelta(0):
            assert kal.us_teks(teks) == a


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(["Asia/Jakarta", "Asia/Makassar", "Asia/Jayapura"]),
       st.integers(int(datetime(2023, 1, 1, tzinfo=UTC).timestamp()), int(datetime(2029, 1, 1, tzinfo=UTC).timestamp())),
       st.integers(1, 25), st.integers(-86_400, 40 * 86_400))
def test_hari_di_zona_indonesia_dengan_libur(zona: str, detik: int, n: int, lama: int) -> None:
    """With the real holidays and cuti bersama of 2023-2028, "N hari" on the day table is the datetime path's."""
    z = ZoneInfo(zona)
    pola = dict(zona=z, jam_kerja=JAM_KERJA_BAWAAN, libur=LIBUR)
    kal, acuan = Kalender(**pola), Kalender(**pola)  # type: ignore[arg-type]
    mulai = datetime.fromtimestamp(detik, timezone(timedelta(hours=7)))
    a, b = kal.us(mulai), (detik + lama) * 1_000_000
    baku = MutuBaku(jumlah=n, satuan="hari")
    assert kal.ukur_us(a, b, baku, mulai) == ukur_ref(acuan, a, b, baku, mulai)
    assert kal.iso_us(kal.batas_us(a, baku, mulai)) == w.iso(acuan._dt(acuan._batas_us_dt(a, baku, mulai)))


LIBUR = libur_bawaan(range(2023, 2030))


def test_tabel_hari_memutuskan_tanpa_perubahan_jam() -> None:
    """A "3 hari" deadline is read off the day table on every day of a year in Jakarta, and
    left to datetime on the day Berlin's clocks change (so the hypothesis tests compare two paths)."""
    wib = ZoneInfo("Asia/Jakarta")
    kal = Kalender(zona=wib, jam_kerja=JAM_KERJA_BAWAAN, libur=LIBUR)
    for jam in range(0, 365 * 24, 5):
        mulai = datetime(2026, 1, 1, tzinfo=wib) + timedelta(hours=jam, minutes=7)
        u = kal.us(mulai)
        kal._cakup(u, u)
        i, wk, lama = kal._titik(u)
        jadi = kal._batas_hari(u, i, wk, lama, 3, mulai)
        assert jadi is not None and jadi == kal._batas_us_dt(u, MutuBaku(jumlah=3, satuan="hari"), mulai)
    berlin = ZoneInfo("Europe/Berlin")
    kal = Kalender(zona=berlin, jam_kerja=JAM_KERJA_BAWAAN, libur={})
    mulai = datetime(2026, 3, 26, 10, tzinfo=berlin)  # Thursday: "1 hari" is Friday, no change on either day
    u = kal.us(mulai)
    kal._cakup(u, u)
    i, wk, lama = kal._titik(u)
    assert kal._batas_hari(u, i, wk, lama, 1, mulai) == kal._batas_us_dt(u, MutuBaku(jumlah=1, satuan="hari"), mulai)
    assert kal._tetap(i) and not kal._tetap(i + 3)  # Sunday 29 March has 23 hours: the datetime path's


def test_waktu_dinding_dalam_celah_tengah_malam() -> None:
    """A start typed in the gap that ends at midnight (Nuuk, 28 March 2026, 23:00-24:00 does not exist)
    keeps its typed wall-clock time, as the datetime path does, though its instant is on the next day."""
    nuuk = ZoneInfo("America/Nuuk")
    sepanjang = {h: (time(0), time(0)) for h in range(7)}  # office hours all day, every day
    for tz, fold in ((None, 0), (nuuk, 0), (None, 1), (nuuk, 1)):
        mulai = datetime(2026, 3, 28, 23, 30, tzinfo=tz, fold=fold)
        kal, acuan = (Kalender(zona=nuuk, jam_kerja=sepanjang, libur={}) for _ in range(2))
        a = kal.us(mulai)
        for n in (1, 2):
            baku = MutuBaku(jumlah=n, satuan="hari")
            assert kal.ukur_us(a, a + 1, baku, mulai) == ukur_ref(acuan, a, a + 1, baku, mulai)
            assert kal.batas(mulai, baku) == acuan._dt(acuan._batas_us_dt(a, baku, mulai))


def test_waktu_dinding_fold_1() -> None:
    """A typed start with fold=1 keeps it for the wall-clock time N days on: in Goose Bay on 27 October
    1990, 23:01-24:00 came twice (clocks back at 00:01), and "3 hari" from Wednesday 23:30 with fold=1
    is the second 23:30, past that day's closing at midnight: the closing."""
    goose = ZoneInfo("America/Goose_Bay")
    sepanjang = {h: (time(0), time(0)) for h in range(7)}
    baku = MutuBaku(jumlah=3, satuan="hari")
    hasil = {}
    for tz, fold in ((None, 0), (goose, 0), (None, 1), (goose, 1)):
        mulai = datetime(1990, 10, 24, 23, 30, tzinfo=tz, fold=fold)
        kal, acuan = (Kalender(zona=goose, jam_kerja=sepanjang, libur={}) for _ in range(2))
        a = kal.us(mulai)
        assert kal.ukur_us(a, a + 1, baku, mulai) == ukur_ref(acuan, a, a + 1, baku, mulai)
        hasil[fold] = kal.batas(mulai, baku)
        assert hasil[fold] == acuan._dt(acuan._batas_us_dt(a, baku, mulai))
    assert (hasil[0].time(), hasil[1].time()) == (time(23, 30), time(0))  # (the case is the one meant)


def test_tanggal_yang_dilompati() -> None:
    """Around the date Samoa skipped (Pacific/Apia, 30 December 2011: its office hours fall on the 31st)
    every duration, deadline and verdict is the datetime path's."""
    apia = ZoneInfo("Pacific/Apia")
    for jam in (JAM_KERJA_BAWAAN, {h: (time(0), time(0)) for h in range(7)}):
        kal, acuan = (Kalender(zona=apia, jam_kerja=jam, libur={}) for _ in range(2))
        for mulai in (datetime(2011, 12, 28, 15, tzinfo=apia) + timedelta(hours=k) for k in range(0, 40, 3)):
            a = kal.us(mulai)
            for baku in (MutuBaku.parse(x) for x in ("15 menit", "1 jam", "9 jam", "1 hari", "2 hari")):
                for lama in range(0, 4 * 86_400, 1_800):
                    b = a + lama * 1_000_000
                    assert kal.ukur_us(a, b, baku, mulai) == ukur_ref(acuan, a, b, baku, mulai)


_TEKS = st.text(alphabet="0123456789-+:T Z.\u0661", min_size=24, max_size=26)


@st.composite
def teks_waktu(draw: st.DrawFn) -> str:
    """A time as the program writes it, in any offset, or that text with one character changed."""
    detik = draw(st.integers(-2_200_000_000, 4_000_000_000))
    z = timezone(timedelta(minutes=draw(st.integers(-23 * 60 - 59, 23 * 60 + 59))))
    teks = w.iso(datetime.fromtimestamp(detik, z))
    if draw(st.booleans()):
        k = draw(st.integers(0, len(teks) - 1))
        teks = teks[:k] + draw(st.sampled_from("0123456789-+:T Z.\u0661")) + teks[k + 1:]
    return teks


@settings(max_examples=1500, deadline=None)
@given(st.one_of(teks_waktu(), _TEKS))
def test_us_teks_sama_dengan_fromisoformat(teks: str) -> None:
    """Kalender.us_teks reads a time as the program writes it to datetime.fromisoformat's µs, and no other text."""
    kal = Kalender(zona=ZoneInfo("Asia/Jakarta"), jam_kerja=JAM_KERJA_BAWAAN, libur={})
    try:
        t = datetime.fromisoformat(teks)
    except ValueError:
        t = None
    u = kal.us_teks(teks)
    if u is not None:  # read: then exactly as the datetime reads (None: the caller's fromisoformat decides)
        assert t is not None and t.utcoffset() is not None and u == us_ref(t, kal.zona)
        assert u == kal.us_teks(teks)  # (from the caches the first read filled)
    if t is not None and t.utcoffset() is not None and t.microsecond == 0 and w.iso(t) == teks:
        assert u is not None  # every text waktu.iso writes is read by arithmetic


def test_instan_tanpa_datetime_di_hari_perubahan_jam() -> None:
    """ukur_us with no datetime (a time read from its text) on the days Berlin's clocks change, where
    the datetime path decides: the same as with the aware datetime, both ways round the change."""
    berlin = ZoneInfo("Europe/Berlin")
    sepanjang = {h: (time(0), time(0)) for h in range(7)}
    for hari in (datetime(2026, 3, 29, tzinfo=UTC), datetime(2026, 10, 25, tzinfo=UTC)):
        kal, acuan = (Kalender(zona=berlin, jam_kerja=sepanjang, libur={}) for _ in range(2))
        for menit in range(-120, 26 * 60, 17):
            mulai = (hari + timedelta(minutes=menit)).astimezone(timezone(timedelta(hours=7)))
            a = kal.us(mulai)
            for baku in (MutuBaku.parse("1 hari"), MutuBaku.parse("2 hari"), MutuBaku.parse("90 menit")):
                assert kal.ukur_us(a, a + 7_200_000_000, baku, None) == ukur_ref(acuan, a, a + 7_200_000_000, baku, mulai)


def test_mutu_baku_teks_dan_salinan() -> None:
    """A MutuBaku keeps its text and working µs, and survives pickle and copy (worker processes)."""
    import copy
    import pickle

    for teks, us in (("15 menit", 15 * 60_000_000), ("2 jam", 2 * 3_600_000_000), ("3 hari", 0)):
        m = MutuBaku.parse(teks)
        assert (str(m), m.us) == (teks, us)
        assert pickle.loads(pickle.dumps(m)) == m == copy.deepcopy(m)
        assert str(pickle.loads(pickle.dumps(m))) == teks
