"""`keluhan impor`: one date convention per file, never per cell (issue 13)."""

from __future__ import annotations

import csv
import sqlite3
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from keluhan.cli import app

runner = CliRunner()
BULAN = ("", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")


def _csv(berkas: Path, baris: list[dict[str, str]]) -> Path:
    baris = [{**b, "petugas": b.get("petugas", "Rina Wulandari")} for b in baris]
    kolom = list(dict.fromkeys(k for b in baris for k in b))
    with berkas.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(kolom)
        for b in baris:
            w.writerow([b.get(k, "") for k in kolom])
    return berkas


def _impor(arsip: Path, berkas: Path, *args: str) -> Any:
    return runner.invoke(app, ["--arsip", str(arsip), "--petugas", "Petugas Impor", "impor", str(berkas), *args])


def _isi(arsip: Path, sql: str) -> list[tuple[Any, ...]]:
    db = sqlite3.connect(arsip)
    try:
        return db.execute(sql).fetchall()
    finally:
        db.close()


def _register_as(jumlah: int = 40) -> tuple[list[dict[str, str]], list[date]]:
    """A register from an English-US Excel: month first, 12-hour clock, numbered by the office."""
    baris, tanggal = [], []
    for i in range(jumlah):
        d = date(2025, 1 + i * 11 // jumlah, 1 + (i * 7) % 28)
        tanggal.append(d)
        baris.append({
            "nomor": f"{i + 1:03d}/KP/BBSPJIKFK/{BULAN[d.month]}/2025", "nama": f"Pelanggan {i}", "media": "email",
            "uraian": "LHU terlambat", "dicatat": f"{d.month}/{d.day}/2025 8:41 AM",
        })
    return baris, tanggal


def test_register_bulan_dahulu_ditolak_dengan_bukti(arsip: Path, tmp_path: Path) -> None:
    """A US-dated register is refused as a whole, naming month-first rows, and nothing is written."""
    baris, _ = _register_as()
    berkas = _csv(tmp_path / "as.csv", baris)
    hasil = _impor(arsip, berkas, "--jalankan")
    assert hasil.exit_code == 1, hasil.output
    assert "ditulis bulan dahulu" in hasil.stdout and "--format-tanggal mdy" in hasil.stdout
    # Row 2 is 1/1 (either order), row 3 is 1/8: read day first it would be August, but its number says I.
    assert "baris 3 kolom dicatat '1/8/2025 8:41 AM, nomor bulan I'" in hasil.stdout
    assert _isi(arsip, "SELECT COUNT(*) FROM keluhan") == [(0,)]


def test_register_bulan_dahulu_dengan_format_mdy(arsip: Path, tmp_path: Path) -> None:
    """With --format-tanggal mdy every date of the US register lands on its real day, 12-hour clock read."""
    baris, tanggal = _register_as()
    hasil = _impor(arsip, _csv(tmp_path / "as.csv", baris), "--jalankan", "--format-tanggal", "mdy")
    assert hasil.exit_code == 0, hasil.output
    assert _isi(arsip, "SELECT dicatat FROM keluhan ORDER BY urut") == [
        (f"{d.isoformat()}T08:41:00+07:00",) for d in tanggal
    ]


def test_bulan_di_atas_12_dan_12_jam(arsip: Path, tmp_path: Path) -> None:
    """Without a number, '1/13/2025 8:41 AM' is still month-first evidence; PM hours are read as such."""
    baris = [
        {"nama": "A", "media": "email", "uraian": "x", "dicatat": "2/11/2025 8:41 PM"},
        {"nama": "B", "media": "email", "uraian": "x", "dicatat": "1/13/2025 8:41 AM"},
        {"nama": "C", "media": "email", "uraian": "x", "dicatat": "1/2/2025 08.00", "diajukan": "12/30/2024 4:00 PM"},
    ]
    berkas = _csv(tmp_path / "r.csv", baris)
    hasil = _impor(arsip, berkas)
    assert hasil.exit_code == 1
    assert "Baris 3: Kolom dicatat berisi '1/13/2025 8:41 AM': hanya terbaca bila bulan ditulis dahulu" in hasil.stdout
    assert "baris 3 kolom dicatat '1/13/2025 8:41 AM'" in hasil.stdout
    hasil = _impor(arsip, berkas, "--format-tanggal", "mdy", "--jalankan")
    assert hasil.exit_code == 0, hasil.output
    assert _isi(arsip, "SELECT nama, dicatat FROM keluhan ORDER BY nama") == [
        ("A", "2025-02-11T20:41:00+07:00"), ("B", "2025-01-13T08:41:00+07:00"), ("C", "2025-01-02T08:00:00+07:00"),
    ]
    assert _isi(arsip, "SELECT diajukan FROM keluhan WHERE nama = 'C'") == [("2024-12-30T16:00:00+07:00",)]


def test_dua_cara_dalam_satu_berkas_ditolak(arsip: Path, tmp_path: Path) -> None:
    """A file with both day-first and month-first evidence is refused naming rows of each kind."""
    baris = [
        {"nama": "A", "media": "email", "uraian": "x", "dicatat": "13/1/2025 08:00"},
        {"nama": "B", "media": "email", "uraian": "x", "dicatat": "5/6/2025 08:00"},
        {"nama": "C", "media": "email", "uraian": "x", "dicatat": "1/14/2025 08:00"},
    ]
    hasil = _impor(arsip, _csv(tmp_path / "r.csv", baris), "--jalankan")
    assert hasil.exit_code == 1
    pesan = next(b for b in hasil.stdout.splitlines() if b.startswith("Tanggal dalam berkas ini ditulis dengan dua cara"))
    assert "bulan dahulu (baris 4 kolom dicatat '1/14/2025 08:00')" in pesan
    assert "hari dahulu (baris 2 kolom dicatat '13/1/2025 08:00')" in pesan
    assert _isi(arsip, "SELECT COUNT(*) FROM keluhan") == [(0,)]


def test_hari_dahulu_diterima_dan_bulan_romawi_diperiksa(arsip: Path, tmp_path: Path) -> None:
    """Day-first dates import as such; a number whose Roman month contradicts its recording date is refused."""
    baris = [
        {"nomor": "001/KP/BBSPJIKFK/XI/2025", "nama": "A", "media": "email", "uraian": "x", "dicatat": "2/11/2025 08.10"},
        {"nomor": "002/KP/BBSPJIKFK/III/2025", "nama": "B", "media": "email", "uraian": "x", "dicatat": "20/11/2025 08.10"},
    ]
    hasil = _impor(arsip, _csv(tmp_path / "r.csv", baris), "--format-tanggal", "dmy")
    assert hasil.exit_code == 1
    assert ("Baris 3: Nomor '002/KP/BBSPJIKFK/III/2025' berbulan III, tetapi keluhan dicatat 20/11/2025 (bulan XI)"
            in hasil.stdout)
    hasil = _impor(arsip, _csv(tmp_path / "r.csv", baris[:1]), "--jalankan")
    assert hasil.exit_code == 0, hasil.output
    assert _isi(arsip, "SELECT dicatat FROM keluhan") == [("2025-11-02T08:10:00+07:00",)]


def test_format_iso_hanya_tahun_dahulu(arsip: Path, tmp_path: Path) -> None:
    """--format-tanggal iso refuses a day-first value and takes a year-first one."""
    baris = [
        {"nama": "A", "media": "email", "uraian": "x", "dicatat": "2025-11-02 08:10"},
        {"nama": "B", "media": "email", "uraian": "x", "dicatat": "2/11/2025 08:10"},
    ]
    hasil = _impor(arsip, _csv(tmp_path / "r.csv", baris), "--format-tanggal", "iso")
    assert hasil.exit_code == 1
    assert "Baris 3: Kolom dicatat berisi '2/11/2025 08:10', bukan tanggal ISO" in hasil.stdout
    assert "1 dapat diimpor, 1 ditolak" in hasil.stdout


def test_tanggal_saja_ditolak_seperti_teks(arsip: Path, tmp_path: Path) -> None:
    """A date-only cell where a time is required is refused like the same date typed as text, never midnight;
    a letter's date alone in diajukan is a date (stored as one, step 2 not measured)."""
    import openpyxl

    buku = openpyxl.Workbook()
    lembar = buku.active
    lembar.append(["nama", "media", "uraian", "dicatat", "diajukan", "petugas"])
    lembar.append(["A", "email", "x", datetime(2025, 1, 20), None, "Rina"])
    lembar.append(["B", "email", "x", datetime(2025, 1, 20, 9, 5), datetime(2025, 1, 20), "Rina"])
    lembar.append(["C", "email", "x", "20/1/2025", None, "Rina"])
    lembar.append(["D", "email", "x", datetime(2025, 1, 20, 9, 5), None, "Rina"])
    lembar["D2"].number_format = "dd/mm/yyyy"
    lembar["D3"].number_format = "dd/mm/yyyy hh:mm"
    lembar["E3"].number_format = "dd/mm/yyyy"
    lembar["D5"].number_format = "dd/mm/yyyy"  # the time is hidden by the format, but it is there
    buku.save(tmp_path / "r.xlsx")
    hasil = _impor(arsip, tmp_path / "r.xlsx", "--jalankan")
    assert hasil.exit_code == 1
    keluar = hasil.stdout.splitlines()
    assert keluar[0].startswith("Baris 2: Waktu kolom dicatat harus memuat jam dan menit")
    assert keluar[1].startswith("Baris 4: Waktu kolom dicatat harus memuat jam dan menit: '20/1/2025'")
    assert "2 dapat diimpor, 2 ditolak" in hasil.stdout
    assert _isi(arsip, "SELECT COUNT(*) FROM keluhan") == [(0,)]
    baris = [{"nama": "E", "media": "surat", "uraian": "x", "dicatat": "21/1/2025 09.00", "diajukan": "20/1/2025"}]
    hasil = _impor(arsip, _csv(tmp_path / "surat.csv", baris), "--jalankan")
    assert hasil.exit_code == 0, hasil.output
    assert _isi(arsip, "SELECT diajukan FROM keluhan") == [("2025-01-20",)]
    assert _isi(arsip, "SELECT COUNT(*) FROM durasi_langkah WHERE langkah = 2") == [(0,)]


@pytest.mark.parametrize("bentuk", [None, "dmy", "mdy", "iso"])
def test_pola_cepat_sama_dengan_jalan_umum(bentuk: str | None) -> None:
    """The one-pattern read of a numeric date and time (BentukTanggal.waktu) gives what rewriting it year first
    and parsing it gives: the same instant, the same refusal, the same evidence of the file's date order."""
    from keluhan.galat import GalatMasukan
    from keluhan.impor import BentukTanggal, parse_waktu

    nilai = ["2/11/2025 08.10", "02/11/2025 8:10", "13/11/2025 08.10", "11/13/2025 08.10", "2-11-2025 08.10.30",
             "2.11.2025 23.59", "31/2/2025 08.00", "2/11/2025 24.00", "2/13/2025 08.10", "13/13/2025 08.10",
             "2/11/1899 08.10", "2/11/2025T08:10", "2/11/2025 8.10 PM", "2/11-2025 08.10", "2025-11-02 08:10",
             "5/5/2025 07.05"]

    def baca(f: Any, b: BentukTanggal, teks: str) -> Any:
        try:
            return f(b, teks).isoformat()
        except GalatMasukan as e:
            return ("galat", e.pesan)

    cepat, umum = BentukTanggal(bentuk), BentukTanggal(bentuk)
    for i, teks in enumerate(nilai):
        a = baca(lambda b, t: b.waktu(t, "dicatat", i, "Asia/Jakarta"), cepat, teks)
        b = baca(lambda b, t: parse_waktu(b.susun(t, "dicatat", i), "Asia/Jakarta", "dicatat", asli=t), umum, teks)
        assert a == b, teks
    assert (cepat.bulan_dulu, cepat.hari_dulu, cepat.n_bulan_dulu, cepat.n_hari_dulu) == (
        umum.bulan_dulu, umum.hari_dulu, umum.n_bulan_dulu, umum.n_hari_dulu)
    assert cepat.akhiri() == umum.akhiri()
