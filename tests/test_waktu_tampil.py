"""Readable times (issue 12): what a person reads shows "30 November 2026 09.00 WIB"
(WITA/WIT in those zones), through one formatter; JSON and the archive keep ISO 8601."""

from __future__ import annotations

import json
import re

import pytest

from keluhan import tanggal as tg
from keluhan.workflow import Status

from conftest import BERIKUT, PETUGAS_PUTUSAN, init_ulang, satu_baris_galat


@pytest.mark.parametrize(("nilai", "harapan"), [
    ("2026-11-30T09:00:00+07:00", "30 November 2026 09.00 WIB"),
    ("2026-11-30T10:00:00+08:00", "30 November 2026 10.00 WITA"),
    ("2026-11-30T11:05:00+09:00", "30 November 2026 11.05 WIT"),
    ("2026-11-30", "30 November 2026"),
    (None, ""),
])
def test_satu_format(nilai: str | None, harapan: str) -> None:
    """tanggal.tampil writes a stored time as a person says it, a date alone as a date."""
    assert tg.tampil(nilai) == harapan


def test_lihat_dan_daftar_terbaca_json_tetap_iso(catat, jalankan, lihat) -> None:
    """`lihat` and `daftar` show "2 November 2026 08.10 WIB"; `lihat --json` keeps ISO 8601."""
    nomor = catat(diajukan="2026-11-02 08:00", waktu="2026-11-02 08:10")
    teks = jalankan("lihat", "1/2026").stdout
    assert "Diajukan                   : 2 November 2026 08.00 WIB" in teks
    assert "Dicatat                    : 2 November 2026 08.10 WIB" in teks
    assert "\t2 November 2026 08.10 WIB\t" in teks  # the history's Waktu column
    assert "2026-11-02T08:10" not in teks
    assert "2 November 2026 08.10 WIB" in jalankan("daftar").stdout
    k = lihat(nomor)
    assert (k["diajukan"], k["dicatat"]) == ("2026-11-02T08:00:00+07:00", "2026-11-02T08:10:00+07:00")
    assert k["riwayat"][0]["waktu"] == "2026-11-02T08:10:00+07:00"


def test_tanggal_saja_terbaca(catat, jalankan) -> None:
    """A date-only diajukan reads as the date, no hour invented."""
    catat(diajukan="30/10/2026", waktu="2026-11-02 08:10")
    teks = jalankan("lihat", "1/2026").stdout
    assert "Diajukan                   : 30 Oktober 2026\n" in teks


def test_pesan_terbaca(catat, jalankan) -> None:
    """A refusal names the times as a person reads them, not ISO 8601."""
    catat(diajukan="2026-11-02 08:00", waktu="2026-11-02 08:10")
    r = jalankan("validasi", "1/2026", "--benar", "--teruskan-ke", "Laboratorium Pengujian", "--waktu", "2/11/2026 08.05")
    assert satu_baris_galat(r, 2) == ("Galat: Waktu validasi (2 November 2026 08.05 WIB) lebih awal dari langkah "
                                      "sebelumnya (2 November 2026 08.10 WIB).")


def test_zona_wita(arsip, jalankan) -> None:
    """An archive in Asia/Makassar shows WITA in `lihat`; its JSON carries +08:00."""
    (arsip.parent / "keluhan.toml").write_text('[waktu]\nzona = "Asia/Makassar"\n', encoding="utf-8")
    init_ulang(arsip)
    r = jalankan("catat", "--nama", "CV Timur", "--media", "surat", "--uraian", "x",
                 "--diajukan", "2/11/2026 09.00", "--waktu", "2/11/2026 09.30")
    assert r.exit_code == 0, r.stderr
    assert "Dicatat                    : 2 November 2026 09.30 WITA" in jalankan("lihat", "1/2026").stdout
    assert json.loads(jalankan("lihat", "1/2026", "--json").stdout)["dicatat"] == "2026-11-02T09:30:00+08:00"


_ISO = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d")


def test_lihat_semua_waktu_terbaca(sampai, jalankan) -> None:
    """Every time `lihat` prints reads as a person says it: the appeal's decision, the voiding, the satisfaction
    answer and the effectiveness review too, not only the six steps' times (they showed ISO 8601)."""
    diputus = sampai(Status.BANDING)
    r = jalankan("putusan", diputus, "--diterima", "--alasan", "Bukti baru", "--waktu", BERIKUT, petugas=PETUGAS_PUTUSAN)
    assert r.exit_code == 0, r.stderr
    dinilai = sampai(Status.SELESAI, nama="PT Dua", uraian="Uraian dua")
    for args in (("kepuasan", dinilai, "--nilai", "3", "--waktu", "2026-11-04 09:00"),
                 ("efektivitas", dinilai, "--efektif", "--waktu", "2026-11-05 09:00")):
        r = jalankan(*args, petugas="Sari Dewi")
        assert r.exit_code == 0, r.stderr
    batal = sampai(Status.DICATAT, nama="PT Tiga", uraian="Uraian tiga")
    r = jalankan("batal", batal, "--alasan", "Tercatat ganda", "--waktu", "2026-11-09 10:00")
    assert r.exit_code == 0, r.stderr
    harapan = {diputus: "Banding diputus            : 9 November 2026 09.00 WIB",
               dinilai: "Kepuasan dicatat           : 4 November 2026 09.00 WIB",
               batal: "DIBATALKAN                 : 9 November 2026 10.00 WIB"}
    for nomor, baris in harapan.items():
        teks = jalankan("lihat", nomor).stdout
        assert baris in teks
        assert not _ISO.search(teks), _ISO.search(teks)
    assert "efektivitas pada: 5 November 2026 09.00 WIB" in jalankan("lihat", dinilai).stdout
