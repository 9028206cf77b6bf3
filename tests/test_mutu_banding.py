"""Reviews and satisfaction across an accepted appeal (keluhan putusan --diterima): a pending review stays due through
the new CAPA round, and the new outcome gets its own satisfaction answer, the recap counting the latest."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from keluhan.workflow import Status
from conftest import PETUGAS_TEKNIS, PETUGAS_VERIFIKASI, Jalankan, satu_baris_galat

PEMUTUS = "Hartati Ningsih"  # decides the appeal: involved in nothing before


def _banding_diterima(sampai: Callable[..., str], jalankan: Jalankan) -> str:
    """A complaint answered (2, not accepted), appealed, the appeal accepted, a second round done and informed."""
    nomor = sampai(Status.SELESAI)  # round 1 verified Tue 3 Nov 11:00, informed 11:30
    assert jalankan("kepuasan", nomor, "--nilai", "2", "--tidak-menerima", "--waktu", "2026-11-04 09:00").exit_code == 0
    for args, petugas in (
        (["banding", nomor, "--alasan", "Hasil uji ulang tetap tidak sesuai", "--waktu", "2026-11-04 10:00"], None),
        (["putusan", nomor, "--diterima", "--alasan", "Uji ulang oleh analis lain", "--waktu", "2026-11-05 09:00"],
         PEMUTUS),
        (["tindak", nomor, "--koreksi", "Uji ulang", "--pencegahan", "Analis kedua", "--waktu", "2026-11-06 09:00"],
         PETUGAS_TEKNIS),
        (["verifikasi", nomor, "--terima", "--waktu", "2026-11-06 10:00"], PETUGAS_VERIFIKASI),
        (["informasikan", nomor, "--media", "email", "--waktu", "2026-11-06 11:00"], None),
    ):
        r = jalankan(*args, petugas=petugas)
        assert r.exit_code == 0, (args[0], r.stderr)
    return nomor


def test_tinjauan_tertunda_tetap_jatuh_melewati_putaran_baru(sampai: Callable[..., str], jalankan: Jalankan,
                                                            lihat: Callable[[str], dict[str, Any]]) -> None:
    """Round 1's review is still owed after the appeal's round 2 is accepted; each round is reviewed on its own."""
    nomor = _banding_diterima(sampai, jalankan)
    x = lihat(nomor)
    assert [(t["putaran"], t["jatuh_tempo"]) for t in x["tinjauan_efektivitas"]] == [(1, "2026-12-01"), (2, "2026-12-04")]
    assert jalankan("efektivitas", nomor, "--efektif", "--waktu", "2026-11-09 09:00", petugas="Sari Dewi").exit_code == 0
    assert [t["putaran"] for t in lihat(nomor)["tinjauan_efektivitas"]] == [2]  # the oldest pending one went first
    assert jalankan("periksa").exit_code == 0


def test_hasil_baru_mendapat_jawaban_kepuasan_sendiri(sampai: Callable[..., str], jalankan: Jalankan,
                                                      lihat: Callable[[str], dict[str, Any]], tmp_path: Path) -> None:
    """The outcome informed again after the appeal may be rated once more (once); the recap counts the latest answer."""
    nomor = _banding_diterima(sampai, jalankan)
    assert jalankan("kepuasan", nomor, "--nilai", "4", "--menerima", "--waktu", "2026-11-09 09:00").exit_code == 0
    baris = satu_baris_galat(jalankan("kepuasan", nomor, "--nilai", "3", "--waktu", "2026-11-09 10:00"), 1)
    assert "sudah dicatat" in baris
    k = lihat(nomor)
    assert (k["kepuasan_nilai"], k["kepuasan_menerima"]) == (4, 1)
    jawab = [p["rincian"]["diinformasikan"] for p in k["riwayat"] if p["aksi"] == "kepuasan"]
    assert jawab == [p["waktu"] for p in k["riwayat"] if p["aksi"] == "informasikan"]  # one answer per informasikan
    keluar = tmp_path / "nov.json"
    assert jalankan("rekap", "--bulan", "2026-11", "--format", "json", "--keluar", str(keluar)).exit_code == 0
    kp = json.loads(keluar.read_text(encoding="utf-8"))["kepuasan"]
    assert (kp["jumlah"], kp["per_nilai"], kp["ikm"], kp["mutu"], kp["menerima"]) == (
        1, {"1": 0, "2": 0, "3": 0, "4": 1}, 100.0, "A", 1)
    assert jalankan("periksa").exit_code == 0
