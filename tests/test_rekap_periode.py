"""rekap --triwulan / --semester: a quarter's and a half-year's recap, for the management review (issue 16)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from keluhan.galat import GalatMasukan
from keluhan.rekap import Periode, periode_dari_opsi
from conftest import Jalankan, satu_baris_galat


def _periode(**opsi: str) -> Periode:
    return periode_dari_opsi(bulan=None, tahun=None, dari=None, sampai=None, hari_ini=date(2026, 12, 1), **opsi)


@pytest.mark.parametrize(("opsi", "mulai", "akhir", "label", "berkas", "lalu"), [
    ({"triwulan": "2026-1"}, date(2026, 1, 1), date(2026, 3, 31), "Triwulan I 2026", "2026-T1", "Triwulan IV 2025"),
    ({"triwulan": "2026-III"}, date(2026, 7, 1), date(2026, 9, 30), "Triwulan III 2026", "2026-T3", "Triwulan II 2026"),
    ({"triwulan": "2026-Q4"}, date(2026, 10, 1), date(2026, 12, 31), "Triwulan IV 2026", "2026-T4", "Triwulan III 2026"),
    ({"semester": "2026-1"}, date(2026, 1, 1), date(2026, 6, 30), "Semester I 2026", "2026-S1", "Semester II 2025"),
    ({"semester": "2026-S2"}, date(2026, 7, 1), date(2026, 12, 31), "Semester II 2026", "2026-S2", "Semester I 2026"),
])
def test_batas_label_nama_berkas(opsi: dict[str, str], mulai: date, akhir: date, label: str, berkas: str,
                                 lalu: str) -> None:
    """Each quarter and half-year: its first and last day, its Indonesian label, its file name, the period before."""
    p = _periode(**opsi)
    assert (p.mulai, p.akhir, p.label, p.nama_berkas, p.sebelumnya().label) == (mulai, akhir, label, berkas, lalu)


@pytest.mark.parametrize("opsi", [{"triwulan": "2026-5"}, {"triwulan": "2026-0"}, {"semester": "2026-3"},
                                  {"triwulan": "26-1"}, {"semester": "2026"}, {"triwulan": "2026-V"}])
def test_bagian_tidak_sah(opsi: dict[str, str]) -> None:
    """A fifth quarter, a third half-year, a two-digit year: refused with an example."""
    with pytest.raises(GalatMasukan, match="Contoh: --"):
        _periode(**opsi)


def test_rekap_triwulan_sama_dengan_jumlah_bulannya(catat, jalankan: Jalankan, tmp_path: Path) -> None:
    """A quarter counts exactly what its three months count (September and January outside it), compares itself with
    the quarter before, and is written as rekap-2025-T4.*; two periods at once are refused."""
    for waktu in ("30/9/2025 10.00", "1/10/2025 08.00", "17/11/2025 09.00", "31/12/2025 15.00"):
        catat(diajukan=waktu, waktu=waktu)

    def json_(*opsi: str) -> dict:
        r = jalankan("rekap", *opsi, "--format", "json")
        assert r.exit_code == 0, r.stderr
        return json.loads(r.stdout)

    t4 = json_("--triwulan", "2025-4")
    assert t4["periode"] == {"mulai": "2025-10-01", "akhir": "2025-12-31", "label": "Triwulan IV 2025",
                             "jenis": "triwulan"}
    bulan = [json_("--bulan", f"2025-{m}") for m in (10, 11, 12)]
    assert t4["jumlah"] == sum(b["jumlah"] for b in bulan) == 3
    for n in t4["langkah"]:
        assert t4["langkah"][n]["total"] == sum(b["langkah"][n]["total"] for b in bulan)
    assert t4["pembanding"]["periode"]["label"] == "Triwulan III 2025" and t4["pembanding"]["jumlah"] == 1
    assert json_("--semester", "2025-2")["jumlah"] == 4
    r = jalankan("rekap", "--triwulan", "2025-4", "--format", "md", "--keluar", f"{tmp_path}/")
    assert r.exit_code == 0, r.stderr
    assert "Triwulan IV 2025" in (tmp_path / "rekap-2025-T4.md").read_text(encoding="utf-8")
    assert "Pilih satu periode saja: --bulan atau --triwulan" in satu_baris_galat(
        jalankan("rekap", "--bulan", "2025-10", "--triwulan", "2025-4"), 2)
