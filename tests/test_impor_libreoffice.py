"""A register saved by LibreOffice Calc itself (tests/data/register-libreoffice.xlsx, written
by tests/data/buat_register_libreoffice.py through soffice --headless --convert-to xlsx):
its title row, header spellings, two sheets, merged petugas cell, date-time cells, numeric
phones with a 12-digit format and a boolean "benar" import as the clerk meant them (issue 13)."""

from __future__ import annotations

import sqlite3
import zipfile
from pathlib import Path

from typer.testing import CliRunner

from keluhan.cli import app

REGISTER = Path(__file__).resolve().parent / "data" / "register-libreoffice.xlsx"
runner = CliRunner()


def test_berkas_ditulis_libreoffice() -> None:
    """The fixture is LibreOffice's own output (its docProps name the application), with a boolean cell and a merge."""
    with zipfile.ZipFile(REGISTER) as z:
        assert "<Application>LibreOffice/" in z.read("docProps/app.xml").decode()
        lembar = z.read("xl/worksheets/sheet1.xml").decode()
    assert '<mergeCell ref="H3:H4"/>' in lembar and 't="b"' in lembar


def test_register_libreoffice_diimpor_seperti_maksudnya(arsip: Path) -> None:
    """Both sheets read, the title row skipped, E-mail/No. HP understood, the merged petugas on both rows, phones with their 0, TRUE as benar."""
    r = runner.invoke(app, ["--arsip", str(arsip), "--petugas", "Petugas Impor", "impor", str(REGISTER)])
    assert r.exit_code == 0, r.output
    assert "Lembar dibaca: 'Semester I', 'Semester II'." in r.stdout and "3 dapat diimpor, 0 ditolak" in r.stdout
    r = runner.invoke(app, ["--arsip", str(arsip), "--petugas", "Petugas Impor", "impor", str(REGISTER), "--jalankan"])
    assert r.exit_code == 0, r.output
    db = sqlite3.connect(arsip)
    try:
        baris = db.execute("SELECT nama, email, telepon, dicatat, petugas_pencatat, validasi, divalidasi, tim_teknis"
                           " FROM keluhan ORDER BY urut").fetchall()
        oleh_pengimpor = db.execute("SELECT COUNT(*) FROM riwayat WHERE petugas = 'Petugas Impor'").fetchone()[0]
    finally:
        db.close()
    assert baris == [
        ("Hendra Gunawan", "hendra@sinarkimia.co.id", "081211112222", "2025-03-03T09:00:00+07:00", "Rina Wulandari",
         "benar", "2025-03-03T09:10:00+07:00", "Laboratorium Pengujian"),
        ("Lestari Putri", "lestari@kemasan.co.id", "081233334444", "2025-03-04T10:00:00+07:00", "Rina Wulandari",
         "benar", "2025-03-04T10:05:00+07:00", "Laboratorium Pengujian"),
        ("Yusuf Maulana", "yusuf@farmasi.co.id", "081255556666", "2025-08-04T08:30:00+07:00", "Rina Wulandari",
         "benar", "2025-08-04T08:40:00+07:00", "Laboratorium Pengujian"),
    ]
    assert oleh_pengimpor == 0
