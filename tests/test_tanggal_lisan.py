"""Dates as people say them (issue 12): "kemarin 14.30", weekday names, "besok" for
targets, an impossible date said so, and a letter's date without an hour stored as a date
(step 2 then not measured, never failed) through the CLI on real archives."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from keluhan import waktu as w
from keluhan.tanggal import NAMA_HARI

from conftest import PETUGAS_TEKNIS, REPO, baca_db, langkah_cli, potret, satu_baris_galat
from keluhan.workflow import Aksi

WIB = ZoneInfo("Asia/Jakarta")


def _hari_ini() -> date:
    return datetime.now(WIB).date()


def _iso(d: date, jam: int, menit: int) -> str:
    return f"{d.isoformat()}T{jam:02d}:{menit:02d}:00+07:00"


def _catat(jalankan, *extra: str) -> object:
    return jalankan("catat", "--nama", "PT Sinar Kimia Nusantara", "--media", "surat",
                    "--uraian", "LHU belum diterima", *extra)


def test_kemarin_dengan_jam(jalankan, lihat) -> None:
    """`--diajukan "kemarin 08.30" --waktu "kemarin 14.30"` are yesterday's times in the archive's zone."""
    r = _catat(jalankan, "--diajukan", "kemarin 08.30", "--waktu", "kemarin 14.30")
    assert r.exit_code == 0, r.stderr
    k = lihat(r.stdout.strip())
    kemarin = _hari_ini() - timedelta(days=1)
    assert k["diajukan"] == _iso(kemarin, 8, 30)
    assert k["dicatat"] == _iso(kemarin, 14, 30)


def test_nama_hari_adalah_yang_terakhir(jalankan, lihat) -> None:
    """A weekday name alone is the most recent such day: two days ago's name means two days ago."""
    dulu = _hari_ini() - timedelta(days=2)
    nama = NAMA_HARI[dulu.weekday()].lower()
    r = _catat(jalankan, "--diajukan", f"{nama} 08.00", "--waktu", f"{nama} pukul 09.15")
    assert r.exit_code == 0, r.stderr
    k = lihat(r.stdout.strip())
    assert (k["diajukan"], k["dicatat"]) == (_iso(dulu, 8, 0), _iso(dulu, 9, 15))


def test_nama_hari_ini_termasuk() -> None:
    """Today's own weekday name, for a time that has happened, is today (not a week ago)."""
    kini = _hari_ini()
    assert w.parse_tanggal(NAMA_HARI[kini.weekday()], opsi="--dari", zona_nama="Asia/Jakarta") == kini


def test_target_besok_dan_nama_hari(jalankan, lihat, sampai) -> None:
    """`tindak --target besok` is tomorrow; a weekday name for a target is the next one, after today."""
    from conftest import BERIKUT
    from keluhan.workflow import Status

    nomor = sampai(Status.DIVALIDASI)
    args, petugas = langkah_cli(Aksi.TINDAK, nomor)
    r = jalankan(*args, "--target", "besok", "--waktu", BERIKUT, petugas=petugas)
    assert r.exit_code == 0, r.stderr
    kini = _hari_ini()
    tindakan = baca_db(Path.cwd() / "archive.db", "SELECT target FROM tindakan")
    assert tindakan[0]["target"] == (kini + timedelta(days=1)).isoformat()
    # Today's weekday name as a target: a week from today, never today.
    assert w.parse_tanggal(NAMA_HARI[kini.weekday()], opsi="--target", zona_nama="Asia/Jakarta",
                           target=True) == kini + timedelta(days=7)
    assert w.parse_tanggal("lusa", opsi="--target", zona_nama="Asia/Jakarta", target=True) == kini + timedelta(days=2)


def test_besok_untuk_waktu_masa_depan(jalankan, arsip) -> None:
    """`--waktu "besok 09.00"` is read, then refused as a time in the future (archive unchanged)."""
    sebelum = potret(arsip)
    r = _catat(jalankan, "--waktu", "besok 09.00")
    assert "masa depan" in satu_baris_galat(r, 2 if r.exit_code == 2 else r.exit_code)
    assert potret(arsip) == sebelum


@pytest.mark.parametrize(("teks", "harapan"), [
    ("31/02/2026 09.00", "31 Februari 2026 tidak ada; Februari 2026 sampai tanggal 28"),
    ("2026-02-29 09:00", "29 Februari 2026 tidak ada; Februari 2026 sampai tanggal 28"),
    ("31 November 2026 08.00", "31 November 2026 tidak ada; November 2026 sampai tanggal 30"),
    ("31 Nop 2026", "31 November 2026 tidak ada; November 2026 sampai tanggal 30"),
    ("2/13/2026 08.00", "bulan 13 tidak ada"),
    ("2/11/2026 25.10", "jam 25.10 tidak ada"),
    ("kemarin 24.00", "jam 24.00 tidak ada"),
])
def test_tanggal_mustahil_dikatakan(jalankan, arsip, teks: str, harapan: str) -> None:
    """An impossible date or hour says which and why (one line, archive unchanged), never 'format' or 'tidak dapat dibaca'."""
    sebelum = potret(arsip)
    r = _catat(jalankan, "--diajukan", teks)
    baris = satu_baris_galat(r, r.exit_code)
    assert r.exit_code != 0
    assert harapan in baris, baris
    assert "format" not in baris and "tidak dapat dibaca" not in baris
    assert potret(arsip) == sebelum


def test_bantuan_waktu_menyebut_bentuk(jalankan) -> None:
    """`--waktu`'s help lists the forms said from today, in the Typer help and the fast path's generated help."""
    from keluhan import cepat_bantuan

    r = jalankan("catat", "--help")
    assert r.exit_code == 0
    teks = " ".join(r.stdout.split())
    for bentuk in ("hari ini 09.00", "kemarin 14.30", "senin 08.00", "Tanggal saja"):
        assert bentuk in teks, bentuk
    assert "kemarin 14.30" in " ".join(str(cepat_bantuan.__dict__).split())
    r = jalankan("tindak", "--help")
    assert "besok" in " ".join(r.stdout.split())


# -- a letter's date without an hour ------------------------------------------------------


def test_diajukan_tanggal_saja_disimpan_sebagai_tanggal(jalankan, lihat, arsip) -> None:
    """`--diajukan 30/11/2026` (no hour) is stored as `2026-11-30`, not a made-up midnight; step 2 gets no duration row."""
    r = _catat(jalankan, "--diajukan", "30/11/2026", "--waktu", "1/12/2026 08.10")
    if datetime.now(WIB) < datetime(2026, 12, 1, 8, 10, tzinfo=WIB):
        pytest.skip("the test's fixed time lies in the future on this clock")
    assert r.exit_code == 0, r.stderr
    k = lihat(r.stdout.strip())
    assert k["diajukan"] == "2026-11-30"
    assert baca_db(arsip, "SELECT diajukan FROM keluhan")[0]["diajukan"] == "2026-11-30"
    assert json.loads(baca_db(arsip, "SELECT rincian FROM riwayat")[0]["rincian"])["diajukan"] == "2026-11-30"
    assert baca_db(arsip, "SELECT * FROM durasi_langkah") == []


def _arsip_tanggal_saja(jalankan, sampai) -> str:
    """One complaint with a date-only diajukan carried to the end, one with a full time."""
    from conftest import MULAI, teks_waktu
    from keluhan.workflow import Status

    sampai(Status.SELESAI)  # diajukan with an hour: step 2 measured
    r = _catat(jalankan, "--diajukan", "2/11/2026", "--waktu", teks_waktu(MULAI + timedelta(minutes=40)))
    assert r.exit_code == 0, r.stderr
    return r.stdout.strip()


def test_tanggal_saja_langkah_2_tidak_diukur_di_rekap(jalankan, sampai) -> None:
    """The recap counts a date-only diajukan's step 2 in `tidak_diukur`, never as failed (the oracle: test_rekap)."""
    _arsip_tanggal_saja(jalankan, sampai)
    r = jalankan("rekap", "--bulan", "2026-11", "--format", "json")
    assert r.exit_code == 0, r.stderr
    rekap = json.loads(r.stdout)
    dua = rekap["langkah"]["2"]
    assert (dua["total"], dua["tidak_diukur"], dua["patuh"]) == (2, 1, 1)


def test_tanggal_saja_periksa_dan_skrip_auditor(jalankan, sampai, arsip) -> None:
    """`keluhan periksa` and docs/periksa_arsip.py recompute no step-2 duration for a date-only diajukan, and pass."""
    _arsip_tanggal_saja(jalankan, sampai)
    r = jalankan("periksa")
    assert r.exit_code == 0, r.stdout + r.stderr
    p = subprocess.run([sys.executable, "-I", str(REPO / "docs" / "periksa_arsip.py"), str(arsip)],
                       capture_output=True, text=True, env={"PATH": "/usr/bin:/bin"}, cwd=arsip.parent, timeout=120)
    assert p.returncode == 0, p.stdout + p.stderr


def test_tanggal_saja_tidak_boleh_sesudah_pencatatan(jalankan, arsip) -> None:
    """A date-only diajukan after the recording's day, or in the future, is refused (archive unchanged)."""
    sebelum = potret(arsip)
    r = _catat(jalankan, "--diajukan", "3/11/2026", "--waktu", "2/11/2026 08.10")
    assert "lebih awal dari langkah sebelumnya" in satu_baris_galat(r, r.exit_code)
    besok = (_hari_ini() + timedelta(days=1)).strftime("%d/%m/%Y")
    r = _catat(jalankan, "--diajukan", besok)
    assert "masa depan" in satu_baris_galat(r, r.exit_code)
    assert potret(arsip) == sebelum


def test_tanggal_saja_hari_yang_sama_boleh(jalankan, lihat) -> None:
    """A date-only diajukan on the recording's own day is accepted (its hour unknown, not 'later')."""
    r = _catat(jalankan, "--diajukan", "2/11/2026", "--waktu", "2/11/2026 08.10")
    assert r.exit_code == 0, r.stderr
    assert lihat(r.stdout.strip())["diajukan"] == "2026-11-02"
