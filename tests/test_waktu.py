"""Times as a clerk types them, as the archive stores them, and the order of steps in time."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from keluhan import tanggal as tg, waktu as w
from keluhan.galat import GalatMasukan
from keluhan.workflow import Aksi, Status

from conftest import (
    BERIKUT, DIIZINKAN, JALUR, PETUGAS, baca_db, id_param, iso, langkah_cli, potret, satu_baris_galat,
    waktu_langkah,
)

CONTOH = '"2026-11-02 08:10", "2/11/2026 08.10" atau "2026-11-02T08:10:00+07:00"'
JAKARTA = ZoneInfo("Asia/Jakarta")

DITERIMA = [
    # The three forms the help text promises.
    ("2026-11-02 08:10", "2026-11-02T08:10:00+07:00"),
    ("2/11/2026 08.10", "2026-11-02T08:10:00+07:00"),
    ("2026-11-02T08:10:00+07:00", "2026-11-02T08:10:00+07:00"),
    # Other unambiguous ways a clerk writes them.
    ("02/11/2026 08:10", "2026-11-02T08:10:00+07:00"),
    ("2.11.2026 08.10", "2026-11-02T08:10:00+07:00"),
    ("2 November 2026 pukul 08.10", "2026-11-02T08:10:00+07:00"),
    ("2 Nopember 2026 08.10", "2026-11-02T08:10:00+07:00"),
    ("2/11/2026 08.10 WIB", "2026-11-02T08:10:00+07:00"),
    ("2/11/2026 09.10 WITA", "2026-11-02T08:10:00+07:00"),
    ("2026-11-02T01:10:00Z", "2026-11-02T08:10:00+07:00"),
    ("2026-11-02T09:10:00+08:00", "2026-11-02T08:10:00+07:00"),
    ("11/2/2026 08:10", "2026-02-11T08:10:00+07:00"),  # day first, as in Indonesia
    ("2026-11-02 08:10:30", "2026-11-02T08:10:30+07:00"),
    ("20261102T0810", "2026-11-02T08:10:00+07:00"),  # ISO 8601 basic format
    ("20261102 0810", "2026-11-02T08:10:00+07:00"),
]

DITOLAK = [
    ("2/11 08:10", "harus memuat tanggal lengkap dengan tahun empat angka"),
    ("02/11/26 08:10", "harus memuat tanggal lengkap dengan tahun empat angka"),
    ("02/11/26 0810", "harus memuat tanggal lengkap dengan tahun empat angka"),
    ("2/11/26 1030", "harus memuat tanggal lengkap dengan tahun empat angka"),
    ("pekan depan", "tidak dapat dibaca"),
    ("kemarin sore", "tidak dapat dibaca"),
    ("2026-11-02", "harus memuat jam dan menit"),
    ("2/11/2026", "harus memuat jam dan menit"),
    ("2026-11-02 08", "harus memuat jam dan menit"),
    ("08:10", "harus memuat tanggal lengkap dengan tahun empat angka"),
    # Impossible dates and hours are said so: tests/test_tanggal_lisan.py.
]


@pytest.mark.parametrize(("teks", "harapan"), DITERIMA)
def test_parse_waktu_diterima(teks: str, harapan: str) -> None:
    """An unambiguous date and time becomes ISO 8601 in the archive's zone (+07:00)."""
    assert w.iso(w.parse_waktu(teks, "Asia/Jakarta")) == harapan


@pytest.mark.parametrize(("teks", "alasan"), DITOLAK)
def test_parse_waktu_ditolak(teks: str, alasan: str) -> None:
    """A vague or partial time is refused, quoting it and giving an example."""
    with pytest.raises(GalatMasukan) as e:
        w.parse_waktu(teks, "Asia/Jakarta", opsi="--diajukan")
    assert e.value.pesan.startswith(f"Waktu --diajukan {alasan}: '{teks}'.")
    assert e.value.pesan.endswith(f"Contoh: {CONTOH}.")
    assert e.value.kode == 2


@settings(max_examples=300, deadline=None, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2035, 12, 31, 23, 59)))
def test_tiga_bentuk_bolak_balik(dt: datetime) -> None:
    """Any minute, written in each of the three promised forms, reads back as that minute."""
    dt = dt.replace(second=0, microsecond=0)
    harapan = dt.replace(tzinfo=JAKARTA)
    for teks in (dt.strftime("%Y-%m-%d %H:%M"), f"{dt.day}/{dt.month}/{dt.year} {dt:%H.%M}", iso(dt)):
        assert w.parse_waktu(teks, "Asia/Jakarta") == harapan, teks


@pytest.mark.parametrize(("teks", "harapan"), [("30/11/2026", "2026-11-30"), ("2026-11-30", "2026-11-30"),
                                               ("1/12/2026", "2026-12-01"), ("20261201", "2026-12-01")])
def test_parse_tanggal(teks: str, harapan: str) -> None:
    """A target date is read day first (or ISO) into YYYY-MM-DD."""
    assert w.parse_tanggal(teks, opsi="--target").isoformat() == harapan


@pytest.mark.parametrize("teks", ["30/11", "30/11/26", "pekan depan"])
def test_parse_tanggal_ditolak(teks: str) -> None:
    """A target date without a four-digit year, or not a date, is refused."""
    with pytest.raises(GalatMasukan, match="--target"):
        w.parse_tanggal(teks, opsi="--target")


# -- through the CLI -------------------------------------------------------------------


@pytest.mark.parametrize(("teks", "harapan"), DITERIMA[:3])
def test_catat_menyimpan_iso(teks: str, harapan: str, jalankan, arsip, lihat) -> None:
    """catat --waktu/--diajukan in any promised form is stored as ISO 8601 with +07:00."""
    r = jalankan("catat", "--nama", "PT A", "--media", "fax", "--uraian", "x", "--diajukan", teks, "--waktu", teks)
    assert r.exit_code == 0, r.stderr
    k = lihat(r.stdout.strip())
    assert (k["diajukan"], k["dicatat"], k["riwayat"][0]["waktu"]) == (harapan, harapan, harapan)
    assert baca_db(arsip, "SELECT diajukan, dicatat, waktu_status FROM keluhan") == [
        {"diajukan": harapan, "dicatat": harapan, "waktu_status": harapan}]


# A date alone is refused for --waktu only: for --diajukan it is a letter's date (tests/test_tanggal_lisan.py).
@pytest.mark.parametrize(("opsi", "teks", "alasan"), [
    (o, *d) for o in ("--waktu", "--diajukan") for d in DITOLAK
    if d[0] in ("2/11 08:10", "02/11/26 08:10", "pekan depan") or (o == "--waktu" and d[0] == "2026-11-02")])
def test_cli_menolak_waktu_samar(opsi: str, teks: str, alasan: str, catat, jalankan, arsip) -> None:
    """A vague time on the command line: exit 2, one line naming the option, with an example."""
    catat()
    sebelum = potret(arsip)
    args = {"--waktu": BERIKUT, "--diajukan": BERIKUT, opsi: teks}
    r = jalankan("catat", "--nama", "PT A", "--media", "email", "--uraian", "x", *[x for kv in args.items() for x in kv])
    baris = satu_baris_galat(r, 2)
    assert baris.startswith(f"Galat: Waktu {opsi} {alasan}: '{teks}'.")
    assert baris.endswith(f"Contoh: {CONTOH}.")
    assert potret(arsip) == sebelum


def test_cli_menolak_waktu_samar_pada_langkah(sampai, jalankan, arsip) -> None:
    """Every step's --waktu is read the same strict way."""
    nomor = sampai(Status.DICATAT)
    sebelum = potret(arsip)
    r = jalankan("validasi", nomor, "--tidak-benar", "--alasan", "x", "--waktu", "2/11 08:30")
    assert satu_baris_galat(r, 2).startswith("Galat: Waktu --waktu harus memuat tanggal lengkap")
    assert potret(arsip) == sebelum


# -- the order of steps in time --------------------------------------------------------


def _nanti(menit: int = 60) -> tuple[str, str]:
    t = (datetime.now(JAKARTA) + timedelta(minutes=menit)).replace(second=0, microsecond=0)
    return t.strftime("%Y-%m-%d %H:%M"), tg.tampil(t)  # messages show times as a person reads them


def test_catat_waktu_masa_depan_ditolak(catat, jalankan, arsip) -> None:
    """catat --waktu an hour from now is refused (exit 2), nothing written."""
    catat()
    sebelum = potret(arsip)
    teks, iso_ = _nanti()
    r = jalankan("catat", "--nama", "PT A", "--media", "email", "--uraian", "x", "--waktu", teks)
    assert satu_baris_galat(r, 2) == f"Galat: Waktu pencatatan ({iso_}) ada di masa depan; isi waktu yang sudah terjadi."
    assert potret(arsip) == sebelum


def test_diajukan_masa_depan_ditolak(catat, jalankan, arsip) -> None:
    """catat --diajukan in the future is refused too."""
    catat()
    sebelum = potret(arsip)
    teks, iso_ = _nanti()
    r = jalankan("catat", "--nama", "PT A", "--media", "email", "--uraian", "x", "--diajukan", teks)
    assert satu_baris_galat(r, 2) == f"Galat: Waktu --diajukan ({iso_}) ada di masa depan; isi waktu yang sudah terjadi."
    assert potret(arsip) == sebelum


@pytest.mark.parametrize(("status", "aksi"), DIIZINKAN, ids=id_param)
def test_langkah_waktu_masa_depan_ditolak(status: Status, aksi: Aksi, sampai, jalankan, arsip) -> None:
    """No step may be dated in the future."""
    nomor = sampai(status)
    sebelum = potret(arsip)
    teks, iso_ = _nanti()
    args, petugas = langkah_cli(aksi, nomor)
    r = jalankan(*args, "--waktu", teks, petugas=petugas)
    assert satu_baris_galat(r, 2) == (
        f"Galat: Waktu {args[0]} ({iso_}) ada di masa depan; isi waktu yang sudah terjadi.")
    assert potret(arsip) == sebelum


@pytest.mark.parametrize(("status", "aksi"), DIIZINKAN, ids=id_param)
def test_langkah_sebelum_langkah_sebelumnya_ditolak(status: Status, aksi: Aksi, sampai, jalankan, arsip) -> None:
    """No step may be dated before the previous step, not even by one minute."""
    nomor = sampai(status)
    sebelumnya = waktu_langkah(len(JALUR[status]))
    sebelum = potret(arsip)
    args, petugas = langkah_cli(aksi, nomor)
    r = jalankan(*args, "--waktu", (sebelumnya - timedelta(minutes=1)).strftime("%Y-%m-%d %H:%M"), petugas=petugas)
    assert satu_baris_galat(r, 2) == (
        f"Galat: Waktu {args[0]} ({tg.tampil(iso(sebelumnya - timedelta(minutes=1)))}) lebih awal dari "
        f"langkah sebelumnya ({tg.tampil(iso(sebelumnya))})."
    )
    assert potret(arsip) == sebelum


def test_langkah_pada_menit_yang_sama_diterima(sampai, jalankan, lihat) -> None:
    """A step in the same minute as the previous one is not 'before' it: accepted."""
    nomor = sampai(Status.DICATAT)
    t = waktu_langkah(0).strftime("%Y-%m-%d %H:%M")
    r = jalankan("validasi", nomor, "--tidak-benar", "--alasan", "x", "--waktu", t)
    assert r.exit_code == 0, r.stderr
    assert lihat(nomor)["divalidasi"] == iso(waktu_langkah(0))


def test_diajukan_setelah_waktu_ditolak(catat, jalankan, arsip) -> None:
    """The customer cannot have submitted after the clerk recorded it: refused, nothing written."""
    catat()
    sebelum = potret(arsip)
    r = jalankan("catat", "--nama", "PT A", "--media", "email", "--uraian", "x",
                 "--diajukan", "2026-11-02 09:00", "--waktu", "2026-11-02 08:10")
    assert satu_baris_galat(r, 2) == (
        "Galat: Waktu pencatatan (2 November 2026 08.10 WIB) lebih awal dari langkah sebelumnya "
        "(2 November 2026 09.00 WIB)."
    )
    assert potret(arsip) == sebelum


def test_waktu_bawaan_sekarang(jalankan, lihat) -> None:
    """Without --waktu a step is dated now (to the second, in +07:00)."""
    awal = datetime.now(JAKARTA).replace(microsecond=0)
    r = jalankan("catat", "--nama", "PT A", "--media", "email", "--uraian", "x")
    akhir = datetime.now(JAKARTA)
    k = lihat(r.stdout.strip())
    dicatat = datetime.fromisoformat(k["dicatat"])
    assert k["dicatat"].endswith("+07:00")
    assert awal <= dicatat <= akhir
    assert (k["riwayat"][0]["petugas"], k["diajukan"]) == (PETUGAS, None)


def test_semua_waktu_di_arsip_berzona(sampai, arsip) -> None:
    """Every time column in the file is ISO 8601 with the +07:00 offset (readable as is)."""
    sampai(Status.SELESAI)
    for tabel, kolom in (("keluhan", ("diajukan", "dicatat", "divalidasi", "diverifikasi", "diinformasikan",
                                      "waktu_status", "diperbarui")),
                         ("riwayat", ("waktu", "dicatat_pada")), ("tindakan", ("waktu", "diverifikasi_pada"))):
        for baris in baca_db(arsip, f"SELECT {', '.join(kolom)} FROM {tabel}"):
            for k, v in baris.items():
                assert datetime.fromisoformat(v).utcoffset() == timedelta(hours=7), (tabel, k, v)
                assert v.endswith("+07:00") and "T" in v, (tabel, k, v)


# -- review findings: what our own forms print, Indonesian abbreviations, seconds, years --

BENTUK_INDONESIA = [
    # tanggal.tanggal_waktu, as the FPKP/FTKP and the tanda terima print it.
    ("Selasa, 24 November 2026 pukul 08.10 WIB", "2026-11-24T08:10:00+07:00"),
    ("selasa 24/11/2026 08.10", "2026-11-24T08:10:00+07:00"),
    ("Jum'at, 27 Nov 2026 08:00", "2026-11-27T08:00:00+07:00"),
    ("Jumat, 27/11/2026 08:00", "2026-11-27T08:00:00+07:00"),
    ("Minggu, 29 November 2026 pukul 10.00 WIB", "2026-11-29T10:00:00+07:00"),
    ("23 Agt 2026 08.10", "2026-08-23T08:10:00+07:00"),
    ("23 Agt. 2026 08.10", "2026-08-23T08:10:00+07:00"),
    ("23 Agu 2026 08.10", "2026-08-23T08:10:00+07:00"),
    ("23 Nop 2026 08.10", "2026-11-23T08:10:00+07:00"),
    ("23 Okt 2026 08.10", "2026-10-23T08:10:00+07:00"),
    ("23 Des 2026 08.10", "2026-12-23T08:10:00+07:00"),
    ("23 Mei 2026 08.10", "2026-05-23T08:10:00+07:00"),
    ("23 Peb 2026 08.10", "2026-02-23T08:10:00+07:00"),
    ("23/11/2026 08.10.30", "2026-11-23T08:10:30+07:00"),
    ("23/11/2026 08:10.30", "2026-11-23T08:10:30+07:00"),
    ("23.11.2026 08.10.30 WIB", "2026-11-23T08:10:30+07:00"),
]


@pytest.mark.parametrize(("teks", "harapan"), BENTUK_INDONESIA)
def test_bentuk_indonesia_diterima(teks: str, harapan: str) -> None:
    """Day names, Indonesian month abbreviations and HH.MM.SS read as the time they say."""
    assert w.iso(w.parse_waktu(teks, "Asia/Jakarta")) == harapan


def test_waktu_formulir_bolak_balik() -> None:
    """A time printed by our forms (tanggal.tanggal_waktu) reads back as the same instant."""
    from keluhan import tanggal

    t = datetime(2026, 11, 24, 8, 10, tzinfo=JAKARTA)
    assert w.parse_waktu(tanggal.tanggal_waktu(t), "Asia/Jakarta") == t


@pytest.mark.parametrize(("teks", "salah"), [
    ("Senin, 24 November 2026 pukul 08.10 WIB", "hari Selasa, bukan Senin"),
    ("Rabu 2/11/2026 08:10", "hari Senin, bukan Rabu"),
])
def test_nama_hari_yang_salah_ditolak(teks: str, salah: str) -> None:
    """A day name that is not the date's day is refused: the day or the date is a typo."""
    with pytest.raises(GalatMasukan, match=salah):
        w.parse_waktu(teks, "Asia/Jakarta")


@pytest.mark.parametrize("teks", ["1/1/0001 00:00", "1/1/0001 08:00", "1/1/1990 08:00", "31/12/1999 23:59",
                                  "1/1/2101 08:00", "2100-12-31T23:00:00-05:00"])
def test_tahun_di_luar_2000_2100_ditolak(teks: str) -> None:
    """Years before 2000 or after 2100 are refused with one line, never an overflow."""
    with pytest.raises(GalatMasukan) as e:
        w.parse_waktu(teks, "Asia/Jakarta", opsi="--diajukan")
    assert e.value.pesan.startswith("Waktu --diajukan bertahun ")
    assert "hanya tahun 2000 sampai 2100" in e.value.pesan and "\n" not in e.value.pesan


def test_tahun_batas_diterima_tanpa_lmt() -> None:
    """The first and last accepted years carry the zone's real offset (never LMT like +07:07:12)."""
    assert w.iso(w.parse_waktu("1/1/2000 00:00", "Asia/Jakarta")) == "2000-01-01T00:00:00+07:00"
    assert w.iso(w.parse_waktu("31/12/2100 23:59", "Asia/Jakarta")) == "2100-12-31T23:59:00+07:00"


def test_tanggal_di_luar_2000_2100_ditolak() -> None:
    """A date option (libur, --target, --dari) is bounded the same way."""
    with pytest.raises(GalatMasukan, match="bertahun 1"):
        w.parse_tanggal("1/1/0001", opsi="TANGGAL")


@pytest.mark.parametrize("teks", ["1/1/0001 00:00", "1/1/1990 08:00"])
def test_cli_catat_tahun_jauh_ditolak(teks: str, catat, jalankan, arsip) -> None:
    """catat --waktu/--diajukan far in the past: one line, exit 2, no traceback, nothing written."""
    catat()
    sebelum = potret(arsip)
    for opsi in ("--waktu", "--diajukan"):
        r = jalankan("catat", "--nama", "PT A", "--media", "email", "--uraian", "x", opsi, teks)
        assert satu_baris_galat(r, 2).startswith(f"Galat: Waktu {opsi} bertahun ")
    assert potret(arsip) == sebelum
