"""A new calendar year's holidays: stored by the first writing command's own transaction, never by a read or a refused command.

The archive keeps the holidays of each year up to ``tenggat.TAHUN_DEPAN`` years ahead
(table ``libur_tahun``, each seeding an ``isi_tahun`` entry of the ``kalender_riwayat``
chain). Opening an archive used to seed a year that had come into reach, so the first
command of a new year, even ``daftar`` or a refused ``catat``, changed the file. Now a
read computes those holidays in memory and a writing command stores them inside its own
transaction (rolled back with it when refused). The clock is moved to the year after the
archive's last seeded one (``keluhan.waktu.sekarang``), whatever today's date is.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from contextlib import closing
from datetime import date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from conftest import baca_db, potret
from keluhan import tenggat, waktu as w
from keluhan.kalender import libur_bawaan


def _tahun_terakhir(jalur: Path) -> int:
    return int(baca_db(jalur, "SELECT MAX(tahun) AS t FROM libur_tahun")[0]["t"])


def _pindah_jam(monkeypatch: pytest.MonkeyPatch, tahun: int) -> datetime:
    """The clock on a working morning of ``tahun`` (4 March, 10:00 in the archive's zone)."""
    def sekarang(zona: str) -> datetime:
        return datetime(tahun, 3, 4, 10, 0, tzinfo=ZoneInfo(zona))

    monkeypatch.setattr(w, "sekarang", sekarang)
    return sekarang("Asia/Jakarta")


def _sha(jalur: Path) -> str:
    return hashlib.sha256(jalur.read_bytes()).hexdigest()


@pytest.fixture
def tahun_baru(arsip: Path, catat: Any, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, str, int]:
    """The archive with one complaint, the clock moved into the first year it has no holidays for."""
    nomor = catat()
    tahun = _tahun_terakhir(arsip) + 1
    _pindah_jam(monkeypatch, tahun)
    return arsip, nomor, tahun


def test_baca_dan_tolak_tidak_mengubah_arsip(tahun_baru: tuple[Path, str, int], jalankan: Any) -> None:
    """In a year the archive has no holidays for, daftar, lihat, terlambat and a refused catat leave the file byte-identical."""
    jalur, nomor, tahun = tahun_baru
    sebelum, sha = potret(jalur), _sha(jalur)
    for argv in (["daftar"], ["daftar", "--json"], ["lihat", nomor], ["lihat", nomor, "--json"], ["terlambat"]):
        r = jalankan(*argv)
        assert r.exit_code == 0, (argv, r.stderr)
        assert _sha(jalur) == sha, argv
    # Refused under the write lock, after the transaction began: a recording time in the future.
    r = jalankan("catat", "--nama", "PT Tahun Baru", "--media", "email", "--uraian", "Keluhan tahun baru",
                 "--waktu", f"{tahun}-03-05 09:00")
    assert r.exit_code != 0 and r.stderr.startswith("Galat: ") and "masa depan" in r.stderr
    # A refused step on the recorded complaint (not valid from its status).
    r = jalankan("verifikasi", nomor, "--terima")
    assert r.exit_code != 0 and r.stderr.startswith("Galat: ")
    assert _sha(jalur) == sha and potret(jalur) == sebelum
    assert _tahun_terakhir(jalur) == tahun - 1


def test_tulis_menyimpan_tahun_sekali(tahun_baru: tuple[Path, str, int], jalankan: Any) -> None:
    """The first successful write of the year stores that year and the years ahead once each, in the calendar chain; a second write adds none."""
    jalur, _nomor, tahun = tahun_baru
    for i in range(2):
        r = jalankan("catat", "--nama", f"PT Tahun Baru {i}", "--media", "email", "--uraian", f"Keluhan ke-{i}")
        assert r.exit_code == 0, r.stderr
    sampai = tahun + tenggat.TAHUN_DEPAN
    tersimpan = baca_db(jalur, "SELECT tahun, COUNT(*) AS n FROM libur_tahun WHERE tahun >= ? GROUP BY tahun", (tahun,))
    assert [(b["tahun"], b["n"]) for b in tersimpan] == [(t, 1) for t in range(tahun, sampai + 1)]
    isi = [json.loads(b["rincian"])["tahun"] for b in baca_db(
        jalur, "SELECT rincian FROM kalender_riwayat WHERE aksi = 'isi_tahun' ORDER BY urutan")]
    assert [t for t in isi if t >= tahun] == list(range(tahun, sampai + 1))
    libur = {b["tanggal"] for b in baca_db(jalur, "SELECT tanggal FROM libur WHERE tanggal >= ?", (f"{tahun}-01-01",))}
    assert libur == {d.isoformat() for d in libur_bawaan(range(tahun, sampai + 1))}
    r = jalankan("periksa")
    assert r.exit_code == 0, r.stdout + r.stderr


def test_kalender_baca_memuat_tahun_yang_belum_disimpan(tahun_baru: tuple[Path, str, int], jalankan: Any) -> None:
    """A read's calendar has the new year's holidays, computed in memory, exactly those the first write then stores."""
    jalur, _nomor, tahun = tahun_baru
    with closing(sqlite3.connect(f"{jalur.resolve().as_uri()}?mode=ro", uri=True)) as db:
        dibaca = tenggat.muat_kalender(db, "Asia/Jakarta").libur
    assert date(tahun, 1, 1) in dibaca and _tahun_terakhir(jalur) == tahun - 1
    r = jalankan("catat", "--nama", "PT Tahun Baru", "--media", "email", "--uraian", "Keluhan tahun baru")
    assert r.exit_code == 0, r.stderr
    with closing(sqlite3.connect(jalur)) as db:
        disimpan = tenggat.muat_kalender(db, "Asia/Jakarta").libur
    assert disimpan == dibaca
