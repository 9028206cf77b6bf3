"""The recap's `kepuasan` and `efektivitas` keys through the CLI: the figures, and the as-of rule (a later event
leaves an earlier recap unchanged but for its anchor; the recap run with its first anchor is byte-identical)."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from keluhan.workflow import Status
from conftest import Jalankan


def _rekap(jalankan: Jalankan, keluar: Path, *opsi: str) -> dict[str, Any]:
    r = jalankan("rekap", "--bulan", "2026-11", "--format", "json", "--keluar", str(keluar), *opsi)
    assert r.exit_code == 0, r.stderr
    return json.loads(keluar.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def _tanpa_jangkar(d: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in d.items() if k != "jangkar"}


def test_kunci_kepuasan_dan_efektivitas_menurut_waktu(sampai: Callable[..., str], jalankan: Jalankan,
                                                      tmp_path: Path) -> None:
    """November's recap counts November's answers (the latest per complaint) and reviews, the reviews pending and
    overdue at its end; December's events leave it unchanged but for the anchor; a late November entry shows in a
    fresh run, never in the recap run with its first anchor, which is the same file byte for byte."""
    r = jalankan("pengaturan", "ubah", "efektivitas.setelah", "5", "--alasan", "uji", "--berlaku-sejak", "2026-11-01")
    assert r.exit_code == 0, r.stderr
    a = sampai(Status.SELESAI)  # verified Tue 3 Nov 11:00, informed 11:30: review due Tue 10 Nov
    b = sampai(Status.SELESAI, mulai=datetime(2026, 11, 16, 8, 0))  # verified 17 Nov: due 24 Nov
    c = sampai(Status.SELESAI, mulai=datetime(2026, 11, 23, 8, 0))  # verified 24 Nov: due 1 Dec, not overdue in Nov
    for nomor, nilai, opsi, waktu in ((a, "2", "--tidak-menerima", "2026-11-04 09:00"),
                                      (b, "4", "--menerima", "2026-11-18 09:00")):
        assert jalankan("kepuasan", nomor, "--nilai", nilai, opsi, "--waktu", waktu).exit_code == 0
    assert jalankan("efektivitas", a, "--tidak-efektif", "--tindak-lanjut", "Ulang", "--waktu", "2026-11-12 09:00",
                    petugas="Sari Dewi").exit_code == 0  # a new review falls due 19 Nov: overdue at the end
    pertama = _rekap(jalankan, tmp_path / "nov-1.json")
    assert {k: pertama["kepuasan"][k] for k in ("jumlah", "per_nilai", "rata_rata", "ikm", "mutu", "menerima",
                                                "tidak_menerima")} == {
        "jumlah": 2, "per_nilai": {"1": 0, "2": 1, "3": 0, "4": 1}, "rata_rata": 3.0, "ikm": 75.0, "mutu": "C",
        "menerima": 1, "tidak_menerima": 1}
    assert pertama["efektivitas"] == {"efektif": 0, "tidak_efektif": 1, "belum": 3, "terlambat": 2}

    # December: a correction of an answer, a review, a new answer: none of them reaches back into November.
    assert jalankan("koreksi", a, "--kolom", "kepuasan_nilai", "--nilai", "3", "--alasan", "Salah baca").exit_code == 0
    assert jalankan("efektivitas", b, "--efektif", "--waktu", "2026-12-01 08:00", petugas="Sari Dewi").exit_code == 0
    assert jalankan("kepuasan", c, "--nilai", "1", "--waktu", "2026-12-01 08:05").exit_code == 0
    kedua = _rekap(jalankan, tmp_path / "nov-2.json")
    assert kedua["jangkar"] != pertama["jangkar"]
    assert _tanpa_jangkar(kedua) == _tanpa_jangkar(pertama)

    # A late entry dated in November: a fresh run shows it, the recap with its first anchor does not.
    assert jalankan("efektivitas", a, "--efektif", "--waktu", "2026-11-30 09:00", petugas="Sari Dewi").exit_code == 0
    ketiga = _rekap(jalankan, tmp_path / "nov-3.json")
    assert ketiga["efektivitas"] == {"efektif": 1, "tidak_efektif": 1, "belum": 2, "terlambat": 1}
    ulang = tmp_path / "nov-ulang.json"
    _rekap(jalankan, ulang, "--jangkar", pertama["jangkar"]["teks"])
    assert ulang.read_bytes() == (tmp_path / "nov-1.json").read_bytes()
