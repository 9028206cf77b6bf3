"""Working-time SLA through the archive: calendar tables, step durations, deadlines, views."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from keluhan import pengaturan, tenggat, waktu as w
from keluhan.arsip import Arsip
from keluhan.cli import app
from keluhan.kalender import JAM_KERJA_BAWAAN, Kalender, MutuBaku, libur_bawaan
from keluhan.migrasi import MIGRASI
from keluhan.workflow import Aksi

from conftest import init_ulang, tanpa_m011

WIB = ZoneInfo("Asia/Jakarta")
AKAR = Path(__file__).resolve().parent.parent
TANPA_ENV = {"KELUHAN_ARSIP": None, "KELUHAN_PETUGAS": None, "KELUHAN_KONFIGURASI": None, "KELUHAN_TEMPLAT": None}
TIM = "Tim Inspeksi"


def t(y: int, mo: int, d: int, h: int = 0, mi: int = 0) -> datetime:
    return datetime(y, mo, d, h, mi, tzinfo=WIB)


@pytest.fixture
def jalur(tmp_path: Path) -> Path:
    return tmp_path / "archive.db"


@pytest.fixture
def arsip_sla(jalur: Path) -> Any:
    a = Arsip(jalur, pengaturan.muat(None))
    yield a
    a.tutup()


def keluhan_cli(jalur: Path, *args: str, petugas: str | None = "Rina") -> Any:
    """Run the CLI in-process against ``jalur``."""
    awal = ["--arsip", str(jalur)] + (["--petugas", petugas] if petugas else [])
    return CliRunner().invoke(app, [*awal, *args], env=TANPA_ENV)


def catat(a: Any, dicatat: datetime | None, diajukan: datetime | None = None, **isian: Any) -> dict[str, Any]:
    isian = {"nama": "PT Uji", "media": "email", "uraian": "Hasil uji terlambat", **isian}
    if diajukan:
        isian["diajukan"] = diajukan
    return a.catat(petugas="Rina", isian=isian, waktu=dicatat)  # type: ignore[no-any-return]


def validasi(a: Any, ref: str, waktu: datetime | None) -> dict[str, Any]:
    return a.langkah(ref, Aksi.VALIDASI_BENAR, petugas="Dedi", waktu=waktu, rincian={"tim_teknis": TIM})  # type: ignore[no-any-return]


def tindak(a: Any, ref: str, waktu: datetime) -> dict[str, Any]:
    return a.langkah(ref, Aksi.TINDAK, petugas="Budi", waktu=waktu,  # type: ignore[no-any-return]
                     rincian={"koreksi": "Dikirim ulang", "pencegahan": "Cek harian"})


def durasi(jalur: Path, kid: str) -> list[tuple[Any, ...]]:
    """(langkah, menit_kerja, batas, patuh) of a complaint's steps, read with plain sqlite3."""
    with sqlite3.connect(jalur) as db:
        return db.execute(
            "SELECT langkah, menit_kerja, batas, patuh FROM durasi_langkah WHERE keluhan_id = ? ORDER BY riwayat_urutan",
            (kid,),
        ).fetchall()


# -- durations through the archive --------------------------------------------------------------


def test_durasi_akhir_pekan_dan_tepi_jam_kerja(arsip_sla: Any, jalur: Path) -> None:
    """Step durations skip the weekend and closed hours; the edges of office hours are exact."""
    # Submitted Fri 16:20, recorded Mon 07:35: Friday's last 10 minutes + Monday's first 5.
    a = catat(arsip_sla, t(2026, 2, 9, 7, 35), diajukan=t(2026, 2, 6, 16, 20))
    validasi(arsip_sla, a["id"], t(2026, 2, 9, 15, 50))
    assert durasi(jalur, a["id"]) == [
        (2, 15.0, "2026-02-09T07:35:00+07:00", 1),
        (3, 495.0, "2026-02-09T07:50:00+07:00", 0),
    ]
    # Submitted Mon 15:55, recorded Tue 07:41: 5 + 11 = 16 minutes, one too many.
    b = catat(arsip_sla, t(2026, 2, 10, 7, 41), diajukan=t(2026, 2, 9, 15, 55))
    assert durasi(jalur, b["id"])[0][:2] == (2, 16.0) and durasi(jalur, b["id"])[0][3] == 0
    # Recorded Thu 15:50, validated after closing at 17:00: only 10 working minutes, on time.
    c = catat(arsip_sla, t(2026, 2, 12, 15, 50))
    validasi(arsip_sla, c["id"], t(2026, 2, 12, 17, 0))
    assert durasi(jalur, c["id"]) == [(3, 10.0, "2026-02-13T07:35:00+07:00", 1)]  # no --diajukan: step 2 unmeasured


def test_nyepi_dan_lebaran_2026(arsip_sla: Any, jalur: Path) -> None:
    """Validated Tue 17 March 2026 10:00: tindak on 27 March 10:00 complies, 10:01 does not."""
    hasil = []
    for menit in (0, 1):
        k = catat(arsip_sla, t(2026, 3, 17, 9, 50))
        validasi(arsip_sla, k["id"], t(2026, 3, 17, 10, 0))
        tindak(arsip_sla, k["id"], t(2026, 3, 27, 10, menit))
        hasil.append(durasi(jalur, k["id"])[-1])
    # 18-24 March are Nyepi, Idul Fitri and their cuti bersama: 25, 26, 27 are the 3 days.
    assert hasil[0] == (4, 3 * 510.0, "2026-03-27T10:00:00+07:00", 1)
    assert hasil[1] == (4, 3 * 510.0 + 1, "2026-03-27T10:00:00+07:00", 0)


def test_lihat_json_memuat_durasi_dan_tenggat(arsip_sla: Any, jalur: Path) -> None:
    """lihat --json gives each history row durasi_menit, mutu_baku and patuh, and the current deadline."""
    k = catat(arsip_sla, t(2026, 3, 17, 9, 50), diajukan=t(2026, 3, 17, 9, 45))
    validasi(arsip_sla, k["id"], t(2026, 3, 17, 10, 0))
    r = keluhan_cli(jalur, "lihat", k["nomor"], "--json")
    assert r.exit_code == 0, r.output
    data = json.loads(r.stdout)
    assert [(x["langkah"], x["durasi_menit"], x["mutu_baku"], x["patuh"]) for x in data["riwayat"]] == [
        (2, 5.0, "15 menit", True), (3, 10.0, "15 menit", True)]
    assert data["langkah_berikutnya"] == 4 and data["batas_langkah"] == "2026-03-27T10:00:00+07:00"
    assert data["terlambat"] is True
    teks = keluhan_cli(jalur, "lihat", k["id"]).stdout
    assert "Menunggu langkah 4 (mutu baku 3 hari), batas 27 Maret 2026 10.00 WIB — TERLAMBAT." in teks


# -- the calendar as data -----------------------------------------------------------------------


def test_libur_tambah_dan_hapus_mengubah_kepatuhan(arsip_sla: Any, jalur: Path) -> None:
    """A holiday added by hand makes a late step comply; removing it undoes that and stays on record."""
    k = catat(arsip_sla, t(2026, 3, 17, 9, 50))
    validasi(arsip_sla, k["id"], t(2026, 3, 17, 10, 0))
    tindak(arsip_sla, k["id"], t(2026, 3, 30, 10, 0))
    menunggu = catat(arsip_sla, t(2026, 3, 17, 9, 50))
    validasi(arsip_sla, menunggu["id"], t(2026, 3, 17, 10, 0))

    def batas_menunggu() -> str:
        with sqlite3.connect(jalur) as db:
            return db.execute("SELECT batas FROM tenggat WHERE keluhan_id = ?", (menunggu["id"],)).fetchone()[0]  # type: ignore[no-any-return]

    assert batas_menunggu() == "2026-03-27T10:00:00+07:00"
    lama = 360 + 2 * 510 + 540 + 150  # Tue 10:00-16:00, Wed, Thu, Fri (till 16:30), Mon 07:30-10:00
    assert durasi(jalur, k["id"])[-1] == (4, lama, "2026-03-27T10:00:00+07:00", 0)

    r = keluhan_cli(jalur, "libur", "tambah", "25/3/2026", "Libur daerah", "--alasan", "Pergub 12/2026")
    assert r.exit_code == 0, r.output
    assert "1 penilaian kepatuhan berubah" in r.stdout
    assert durasi(jalur, k["id"])[-1] == (4, lama - 510, "2026-03-30T10:00:00+07:00", 1)
    assert batas_menunggu() == "2026-03-30T10:00:00+07:00"

    r = keluhan_cli(jalur, "libur", "hapus", "2026-03-25", "--alasan", "Pergub dibatalkan")
    assert r.exit_code == 0, r.output
    assert durasi(jalur, k["id"])[-1] == (4, lama, "2026-03-27T10:00:00+07:00", 0)
    assert batas_menunggu() == "2026-03-27T10:00:00+07:00"

    daftar = json.loads(keluhan_cli(jalur, "libur", "daftar", "--tahun", "2026", "--json").stdout)
    baris = [b for b in daftar if b["tanggal"] == "2026-03-25"]
    assert len(baris) == 1 and baris[0]["sumber"] == "manual" and baris[0]["ditambahkan_oleh"] == "Rina"
    assert baris[0]["dihapus"] and baris[0]["alasan_hapus"] == "Pergub dibatalkan"
    assert "DIHAPUS" in keluhan_cli(jalur, "libur", "daftar", "--tahun", "2026").stdout
    with sqlite3.connect(jalur) as db:
        with pytest.raises(sqlite3.IntegrityError, match="tidak boleh dihapus"):
            db.execute("DELETE FROM libur WHERE tanggal = '2026-03-25'")
        with pytest.raises(sqlite3.IntegrityError, match="hanya boleh ditandai dihapus"):
            db.execute("UPDATE libur SET nama = 'lain' WHERE tanggal = '2026-03-19'")


def test_libur_perintah_yang_ditolak(arsip_sla: Any, jalur: Path) -> None:
    """Calendar changes need a petugas, a reason to remove, and a date not already a holiday."""
    arsip_sla.tutup()
    sebelum = sqlite3.connect(jalur).execute("SELECT COUNT(*), COUNT(dihapus) FROM libur").fetchone()
    r = keluhan_cli(jalur, "libur", "tambah", "2026-12-31", "Tambahan", petugas=None)
    assert r.exit_code == 2 and "Petugas belum diisi" in r.stderr
    r = keluhan_cli(jalur, "libur", "hapus", "2026-12-25")
    assert r.exit_code == 2 and "--alasan" in r.stderr
    r = keluhan_cli(jalur, "libur", "tambah", "2026-03-19", "Nyepi lagi")
    assert r.exit_code == 1 and "sudah tercatat sebagai libur" in r.stderr
    r = keluhan_cli(jalur, "libur", "hapus", "2026-03-26", "--alasan", "x")
    assert r.exit_code == 1 and "tidak tercatat sebagai libur" in r.stderr
    r = keluhan_cli(jalur, "libur", "tambah", "2026-02-30", "Tanggal salah", "--alasan", "x")
    assert (r.exit_code, r.stderr) == (2, "Galat: Tanggal libur '2026-02-30': 30 Februari 2026 tidak ada; Februari 2026 "
                                          "sampai tanggal 28.\n")
    assert sqlite3.connect(jalur).execute("SELECT COUNT(*), COUNT(dihapus) FROM libur").fetchone() == sebelum


def test_jam_kerja_disemai_dari_pengaturan_lalu_arsip_yang_berlaku(tmp_path: Path, capsys: Any) -> None:
    """keluhan.toml's office hours seed a new archive; changed later, the archive still wins (and says so)."""
    toml = tmp_path / "keluhan.toml"
    toml.write_text('[jam_kerja]\nsabtu = "08:00-12:00"\n', encoding="utf-8")
    jalur = init_ulang(tmp_path / "archive.db")
    a = Arsip(jalur, pengaturan.muat(toml))
    k = catat(a, t(2026, 2, 7, 10, 0), diajukan=t(2026, 2, 7, 9, 50))  # a Saturday
    a.tutup()
    assert durasi(jalur, k["id"])[0][:2] == (2, 10.0)
    with sqlite3.connect(jalur) as db:
        assert db.execute("SELECT nama_hari, mulai, selesai FROM jam_kerja WHERE hari = 5").fetchone() == (
            "sabtu", "08:00", "12:00")
    toml.write_text('[jam_kerja]\nsabtu = ""\n', encoding="utf-8")
    capsys.readouterr()
    a = Arsip(jalur, pengaturan.muat(toml))
    assert a.kalender().is_hari_kerja(t(2026, 2, 7).date())
    a.tutup()
    galat = capsys.readouterr().err.strip().splitlines()
    assert galat == [
        "Peringatan: keluhan.toml berbeda dari pengaturan arsip untuk jam_kerja.sabtu; pengaturan arsip yang berlaku "
        "(lihat: keluhan pengaturan daftar; ubah: keluhan pengaturan ubah)."]


def test_tahun_libur_disemai_saat_dibutuhkan(arsip_sla: Any, jalur: Path) -> None:
    """A new archive holds 2020..this year+2; later years come with `libur daftar`, earlier ones with a step."""
    tahun_ini = datetime.now(WIB).year
    with sqlite3.connect(jalur) as db:
        assert [r[0] for r in db.execute("SELECT tahun FROM libur_tahun ORDER BY tahun")] == list(
            range(2020, tahun_ini + 3))
        assert db.execute("SELECT sumber FROM libur_tahun LIMIT 1").fetchone()[0].startswith("holidays ")
    r = keluhan_cli(jalur, "libur", "daftar", "--tahun", str(tahun_ini + 5), "--json")
    assert r.exit_code == 0, r.output
    assert {b["tanggal"] for b in json.loads(r.stdout)} == {
        d.isoformat() for d in libur_bawaan([tahun_ini + 5])}
    k = catat(arsip_sla, t(2019, 3, 6, 9, 0), diajukan=t(2019, 3, 6, 8, 0))  # 7 March 2019 was Nyepi
    validasi(arsip_sla, k["id"], t(2019, 3, 8, 7, 40))
    with sqlite3.connect(jalur) as db:
        tahun = [r[0] for r in db.execute("SELECT tahun FROM libur_tahun ORDER BY tahun")]
        assert tahun == list(range(2019, tahun_ini + 6))
    assert durasi(jalur, k["id"])[1][:2] == (3, 420.0 + 10)  # 6 March 09:00-16:00, then 8 March 07:30-07:40


# -- deadlines and overdue complaints -----------------------------------------------------------


def baca_batas(jalur: Path, kid: str) -> str:
    with sqlite3.connect(jalur) as db:
        return str(db.execute("SELECT batas FROM tenggat WHERE keluhan_id = ?", (kid,)).fetchone()[0])


def test_daftar_menandai_yang_terlambat(arsip_sla: Any, jalur: Path) -> None:
    """daftar marks complaints past their step's deadline (JSON terlambat), not fresh ones."""
    lama = catat(arsip_sla, t(2026, 11, 2, 8, 0))
    baru = catat(arsip_sla, None)
    r = keluhan_cli(jalur, "daftar", "--json")
    assert r.exit_code == 0, r.output
    tanda = {b["nomor"]: b["terlambat"] for b in json.loads(r.stdout)}
    assert tanda == {lama["nomor"]: True, baru["nomor"]: False}
    baris = {x.split("\t")[0]: x.split("\t")[-1] for x in keluhan_cli(jalur, "daftar").stdout.splitlines()[1:]}
    assert baris[lama["nomor"]] == "TERLAMBAT langkah 3, 2 November 2026 08.15 WIB"
    # Not late yet: its deadline all the same (issue 12: "daftar shows each open complaint's deadline").
    from keluhan import tanggal

    batas = baca_batas(jalur, baru["id"])
    assert baris[baru["nomor"]] == f"langkah 3, {tanggal.tanggal(batas)} {tanggal.jam(batas)}"


def test_terlambat_dalam_dan_gagal_jika_ada(arsip_sla: Any, jalur: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """terlambat lists what is past due (and, with --dalam, what soon will be); --gagal-jika-ada exits 1 only when past.
    The clock is fixed (Fri 20 Nov 2026 10:00): a complaint recorded now and one of 2 Nov 2026 in any year it runs."""
    monkeypatch.setattr(w, "sekarang", lambda _zona: datetime(2026, 11, 20, 10, 0, tzinfo=WIB))
    baru = catat(arsip_sla, None)  # its step 3 is due 15 working minutes from now
    r = keluhan_cli(jalur, "terlambat", "--gagal-jika-ada")
    assert (r.exit_code, r.stdout) == (0, "")
    r = keluhan_cli(jalur, "terlambat", "--dalam", "1h", "--json", "--gagal-jika-ada")
    assert r.exit_code == 0, r.output
    [x] = json.loads(r.stdout)
    assert x["nomor"] == baru["nomor"] and x["terlambat"] is False and x["langkah"] == 3
    assert 0 < x["sisa_menit"] <= 15 and x["lewat_menit"] == 0 and "riwayat" not in x

    lama = catat(arsip_sla, t(2026, 11, 2, 8, 0))
    validasi(arsip_sla, lama["id"], t(2026, 11, 2, 8, 10))  # tindak due Thu 5 Nov 08:10
    r = keluhan_cli(jalur, "terlambat", "--json", "--gagal-jika-ada")
    assert r.exit_code == 1
    [x] = json.loads(r.stdout)
    assert (x["nomor"], x["langkah"], x["mutu_baku"], x["batas"]) == (
        lama["nomor"], 4, "3 hari", "2026-11-05T08:10:00+07:00")
    assert x["terlambat"] is True and x["lewat_menit"] > 0 and x["status"] == "divalidasi"
    r = keluhan_cli(jalur, "terlambat", "--dalam", "30m")
    assert r.exit_code == 0 and [b.split("\t")[0] for b in r.stdout.splitlines()[1:]] == [lama["nomor"], baru["nomor"]]
    r = keluhan_cli(jalur, "terlambat", "--dalam", "sebentar")
    assert r.exit_code == 2 and "Durasi tidak dapat dibaca" in r.stderr


def test_terlambat_untuk_cron(arsip_sla: Any, jalur: Path) -> None:
    """As cron runs it (a subprocess, no TTY): plain text, no colour codes, exit 1 when something is late."""
    catat(arsip_sla, t(2026, 11, 2, 8, 0))
    env = {"PYTHONPATH": str(AKAR), "PATH": "/usr/bin:/bin", "KELUHAN_ARSIP": str(jalur)}
    r = subprocess.run([sys.executable, "-m", "keluhan", "terlambat", "--gagal-jika-ada"],
                       capture_output=True, text=True, env=env)
    assert r.returncode == 1, r.stderr
    assert "\x1b[" not in r.stdout and "TERLAMBAT" in r.stdout and r.stdout.startswith("Nomor\t")


# -- what auditors see --------------------------------------------------------------------------


def test_tampilan_dibaca_dengan_sqlite3(arsip_sla: Any, jalur: Path) -> None:
    """The views answer the auditors' questions in plain SQL: durations, status now, overdue, per month."""
    a = catat(arsip_sla, t(2026, 10, 5, 9, 0), diajukan=t(2026, 10, 5, 8, 50))
    validasi(arsip_sla, a["id"], t(2026, 10, 5, 9, 30))  # 30 minutes: late
    b = catat(arsip_sla, None, media="surat")
    arsip_sla.tutup()
    db = sqlite3.connect(jalur)
    assert db.execute(
        "SELECT nomor, langkah, aksi, petugas, menit_kerja, mutu_baku, patuh, keterangan FROM v_durasi_langkah"
        " ORDER BY riwayat_urutan").fetchall() == [
        (a["nomor"], 2, "catat", "Rina", 10.0, "15 menit", 1, "patuh"),
        (a["nomor"], 3, "validasi_benar", "Dedi", 30.0, "15 menit", 0, "terlambat"),
    ]
    status = {r[0]: r[1:] for r in db.execute(
        "SELECT nomor, status, langkah_berikutnya, mutu_baku, batas, terlambat, langkah_terlambat,"
        " menit_kerja_ditangani FROM v_keluhan_status")}
    assert status[a["nomor"]] == ("divalidasi", 4, "3 hari", "2026-10-08T09:30:00+07:00", 1, 1, 30.0)
    assert status[b["nomor"]][:3] == ("dicatat", 3, "15 menit") and status[b["nomor"]][4] == 0
    assert db.execute("SELECT nomor, langkah FROM v_terlambat").fetchall() == [(a["nomor"], 4)]
    bulan = {(r[0], r[1], r[2]): r[3] for r in db.execute("SELECT bulan, status, media, jumlah FROM v_rekap_bulanan")}
    assert bulan[("2026-10", "divalidasi", "email")] == 1 and sum(bulan.values()) == 2
    assert db.execute("SELECT langkah, jumlah, patuh FROM v_kepatuhan_bulanan WHERE bulan = '2026-10'"
                      " ORDER BY langkah").fetchall() == [(2, 1, 1), (3, 1, 0)]


def test_arsip_lama_dimigrasi_dan_diisi(jalur: Path) -> None:
    """An archive written before m002 gets its calendar, durations and deadlines on first open."""
    a = Arsip(jalur, pengaturan.muat(None))
    k = catat(a, t(2026, 3, 17, 9, 50), diajukan=t(2026, 3, 17, 9, 40))
    validasi(a, k["id"], t(2026, 3, 17, 10, 0))
    tindak(a, k["id"], t(2026, 3, 27, 10, 1))
    selesai = catat(a, t(2026, 3, 2, 8, 0))
    a.langkah(selesai["id"], Aksi.VALIDASI_TIDAK_BENAR, petugas="Dedi", waktu=t(2026, 3, 2, 8, 5), rincian={"alasan": "x"})
    a.langkah(selesai["id"], Aksi.INFORMASIKAN, petugas="Rina", waktu=t(2026, 3, 2, 8, 30))
    a.tutup()
    with sqlite3.connect(jalur) as db:
        sebelum = db.execute("SELECT * FROM durasi_langkah ORDER BY riwayat_urutan").fetchall()
        tenggat_sebelum = db.execute("SELECT keluhan_id, langkah, batas FROM tenggat").fetchall()
    # Back to schema version 1, as an archive from before this issue would be.
    from conftest import tanpa_m011

    with sqlite3.connect(jalur, isolation_level=None) as db:
        tanpa_m011(db)
        for jenis, nama in db.execute(
            "SELECT type, name FROM sqlite_master WHERE type IN ('view', 'table') AND name IN"
            " ('v_durasi_langkah','v_keluhan_status','v_terlambat','v_rekap_bulanan','v_kepatuhan_bulanan',"
            " 'jam_kerja','libur','libur_tahun','durasi_langkah','tenggat','v_keluhan_durasi','v_riwayat',"
            " 'pengaturan_arsip','kalender_riwayat','v_keluhan_tanpa_data_pribadi','v_riwayat_tanpa_data_pribadi',"
            " 'v_keluhan_status_tanpa_data_pribadi','v_terlambat_tanpa_data_pribadi','pengaturan_riwayat',"
            " 'v_hari_kerja','v_pencatatan_susulan','v_hasil_validasi','v_tenggat')"
            " ORDER BY type DESC").fetchall():
            db.execute(f"DROP {jenis.upper()} {nama}")
        for (nama,) in db.execute(  # later migrations' triggers on m001's tables
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name NOT IN"
            " ('riwayat_tolak_ubah', 'riwayat_tolak_hapus', 'keluhan_tolak_hapus', 'tindakan_tolak_hapus')").fetchall():
            db.execute(f"DROP TRIGGER {nama}")
        for indeks in ("riwayat_waktu_langkah", "keluhan_dicatat_nomor", "keluhan_status_dicatat", "keluhan_selesai",
                       "keluhan_lama_penanganan"):
            db.execute(f"DROP INDEX {indeks}")  # m006's
        db.execute("CREATE INDEX riwayat_waktu ON riwayat (waktu)")  # m001's, which m006 replaced
        db.execute("CREATE INDEX keluhan_dicatat ON keluhan (dicatat)")
        db.execute("CREATE INDEX keluhan_status ON keluhan (status, waktu_status)")
        db.execute("DROP TABLE keluhan_cari")  # m009's
        db.execute("DROP VIEW IF EXISTS v_waktu_efektif")  # m011's
        db.execute("DROP INDEX IF EXISTS riwayat_koreksi_waktu")
        db.execute("DELETE FROM _migrasi WHERE nama != ?", (MIGRASI[0][0],))  # m002 and every later one
        db.execute("PRAGMA user_version = 1")
    a = Arsip(jalur, pengaturan.muat(None))
    a.tutup()
    with sqlite3.connect(jalur) as db:
        sesudah = db.execute("SELECT * FROM durasi_langkah ORDER BY riwayat_urutan").fetchall()
        assert [r[:9] + r[10:] for r in sesudah] == [r[:9] + r[10:] for r in sebelum]  # all but the time of computing
        assert db.execute("SELECT keluhan_id, langkah, batas FROM tenggat").fetchall() == tenggat_sebelum
        assert tenggat_sebelum == [(k["id"], 5, "2026-03-27T10:16:00+07:00")]
    assert list(jalur.parent.glob("archive.db.v1-*.bak")), "no backup before migrating"


# -- the calendar helper these rows rely on -----------------------------------------------------

K = Kalender(zona=WIB, jam_kerja=JAM_KERJA_BAWAAN, libur=libur_bawaan(range(2025, 2028)))
_waktu = st.datetimes(min_value=datetime(2026, 1, 1), max_value=datetime(2026, 12, 20)).map(
    lambda d: d.replace(second=0, microsecond=0, tzinfo=WIB))


@settings(max_examples=300, deadline=None)
@given(mulai=_waktu, akhir_menit=st.integers(0, 20 * 24 * 60),
       mutu=st.sampled_from([MutuBaku.parse(x) for x in ("15 menit", "2 jam", "1 hari", "3 hari")]))
def test_kerja_berikutnya_sama_dengan_patuh(mulai: datetime, akhir_menit: int, mutu: MutuBaku) -> None:
    """A step is late exactly when it ends after kerja_berikutnya(deadline): the rule tenggat stores."""
    akhir = mulai + timedelta(minutes=akhir_menit)
    batas = K.batas(mulai, mutu)
    assert (akhir > K.kerja_berikutnya(batas)) == (not K.patuh(mulai, akhir, mutu))
    assert tenggat.utc(K.kerja_berikutnya(batas)) >= tenggat.utc(batas)


# -- the bulk import's row builders on instants (tenggat.baris_*_us) against the general ones -----

_ZONA_US = ["Asia/Jakarta", "Asia/Makassar", "Europe/Berlin", "America/Sao_Paulo", "UTC"]


def _kal_us(zona: str, ramadan: bool) -> Kalender:
    """A calendar of ``zona`` with the default office hours, Indonesia's holidays and, when
    ``ramadan``, shorter hours over a month (the hours change mid-span)."""
    from datetime import date, time

    ubah = []
    if ramadan:
        pendek = {h: (time(8), time(15)) for h in range(5)}
        ubah = [(date(2026, 2, 18), pendek), (date(2026, 3, 20), dict(JAM_KERJA_BAWAAN))]
    return Kalender(zona=ZoneInfo(zona), jam_kerja=JAM_KERJA_BAWAAN, libur=libur_bawaan(range(2025, 2028)),
                    perubahan_jam=ubah)


_detik = st.integers(int(datetime(2025, 6, 1).timestamp()), int(datetime(2027, 6, 1).timestamp()))
_mutu_us = st.builds(MutuBaku, jumlah=st.integers(1, 40), satuan=st.sampled_from(["menit", "jam", "hari"]))


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(_ZONA_US), st.booleans(), _detik, st.integers(0, 40 * 86_400), _mutu_us)
def test_baris_durasi_us_sama_dengan_baris_durasi(zona: str, ramadan: bool, detik: int, lama: int,
                                                  mutu: MutuBaku) -> None:
    """baris_durasi_us (the bulk import: each time read once, on the day table) is baris_durasi's row, any zone and span."""
    kal = _kal_us(zona, ramadan)
    z = ZoneInfo(zona)
    mulai = w.iso(datetime.fromtimestamp(detik, z))
    akhir = w.iso(datetime.fromtimestamp(detik + lama - 3 * 86_400, z))  # sometimes before the start: 0 minutes
    ta, tb = datetime.fromisoformat(mulai), datetime.fromisoformat(akhir)
    lama_row = tenggat.baris_durasi(kal, urutan=7, kid="kabc", langkah=4, mulai=mulai, akhir=akhir, mutu=mutu,
                                    sistem="s")
    baru = tenggat.baris_durasi_us(kal, urutan=7, kid="kabc", langkah=4, mulai=mulai, akhir=akhir, a=kal.us(ta),
                                   b=kal.us(tb), t_mulai=ta, mutu=mutu, sistem="s")
    assert baru == lama_row


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(_ZONA_US), st.booleans(), _detik, _mutu_us)
def test_baris_tenggat_us_sama_dengan_baris_tenggat(zona: str, ramadan: bool, detik: int, mutu: MutuBaku) -> None:
    """baris_tenggat_us (deadline, its UTC forms, the next opening after it) is baris_tenggat's row, any zone and start."""
    kal = _kal_us(zona, ramadan)
    mulai = w.iso(datetime.fromtimestamp(detik, ZoneInfo(zona)))
    ta = datetime.fromisoformat(mulai)
    lama_row = tenggat.baris_tenggat(kal, kid="kabc", langkah=5, mulai=mulai, mutu=mutu, sistem="s")
    baru = tenggat.baris_tenggat_us(kal, kid="kabc", langkah=5, mulai=mulai, a=kal.us(ta), t_mulai=ta, mutu=mutu,
                                    sistem="s")
    assert baru == lama_row


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(_ZONA_US), _detik, st.integers(0, 999_999))
def test_kerja_berikutnya_us_dan_utc_us(zona: str, detik: int, mikro: int) -> None:
    """Kalender.kerja_berikutnya_us and tenggat.utc_us give kerja_berikutnya's instant and utc's text."""
    kal = _kal_us(zona, False)
    t = datetime.fromtimestamp(detik, ZoneInfo(zona)).replace(microsecond=mikro)
    u = kal.us(t)
    assert kal._dt(kal.kerja_berikutnya_us(u)) == kal.kerja_berikutnya(t)
    assert tenggat.utc_us(u) == tenggat.utc(t)
