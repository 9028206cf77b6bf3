"""`keluhan impor`: spreadsheets as offices keep them (merged cells, sheets, title rows, header
spellings, spreadsheet types), never silently wrong data (issue 13)."""

from __future__ import annotations

import csv
import sqlite3
from datetime import datetime
from pathlib import Path
from typing import Any

import openpyxl
from typer.testing import CliRunner

from keluhan.cli import app

runner = CliRunner()
KEPALA = ["nama", "media", "layanan", "uraian", "dicatat", "petugas"]


def _baris(i: int, **lain: Any) -> list[Any]:
    isi = {"nama": f"Pelanggan {i}", "media": "email", "layanan": "pengujian", "uraian": "LHU terlambat",
           "dicatat": datetime(2025, 3, 3 + i % 20, 9, 0), "petugas": "Rina Wulandari", **lain}
    return [isi[k] for k in KEPALA]


def _buku(jalur: Path, lembar: dict[str, list[list[Any]]], siapkan: Any = None) -> Path:
    buku = openpyxl.Workbook()
    buku.remove(buku.active)
    for nama, baris in lembar.items():
        ws = buku.create_sheet(nama)
        for b in baris:
            ws.append(b)
    if siapkan is not None:
        siapkan(buku)
    buku.save(jalur)
    return jalur


def _impor(arsip: Path, berkas: Path, *args: str) -> Any:
    return runner.invoke(app, ["--arsip", str(arsip), "--petugas", "Petugas Impor", "impor", str(berkas), *args])


def _isi(arsip: Path, sql: str) -> list[tuple[Any, ...]]:
    db = sqlite3.connect(arsip)
    try:
        return db.execute(sql).fetchall()
    finally:
        db.close()


def test_sel_gabungan_dibaca_sebagai_nilai_gabungannya(arsip: Path, tmp_path: Path) -> None:
    """A petugas and a layanan merged over two rows give both rows the merge's value, never the importing clerk."""
    def gabung(buku: Any) -> None:
        ws = buku["Register"]
        ws.merge_cells("F2:F3")  # petugas
        ws.merge_cells("C2:C3")  # layanan
    berkas = _buku(tmp_path / "r.xlsx", {"Register": [KEPALA, _baris(0), _baris(1, petugas=None, layanan=None)]}, gabung)
    hasil = _impor(arsip, berkas, "--jalankan")
    assert hasil.exit_code == 0, hasil.output
    assert _isi(arsip, "SELECT nama, layanan, petugas_pencatat FROM keluhan ORDER BY urut") == [
        ("Pelanggan 0", "pengujian", "Rina Wulandari"), ("Pelanggan 1", "pengujian", "Rina Wulandari"),
    ]
    assert _isi(arsip, "SELECT COUNT(*) FROM riwayat WHERE petugas = 'Petugas Impor'") == [(0,)]


def test_gabungan_kosong_atau_melintasi_kolom_ditolak_dengan_rentangnya(arsip: Path, tmp_path: Path) -> None:
    """An empty merge in a required column, and a merge across columns, are refused naming the cell range."""
    def gabung(buku: Any) -> None:
        ws = buku["Register"]
        ws.merge_cells("B2:B3")  # media, empty
        ws.merge_cells("C4:D4")  # layanan and uraian
    berkas = _buku(tmp_path / "r.xlsx", {"Register": [
        KEPALA, _baris(0, media=None), _baris(1, media=None), _baris(2, uraian=None),
    ]}, gabung)
    hasil = _impor(arsip, berkas)
    assert hasil.exit_code == 1
    baris = hasil.stdout.splitlines()
    assert baris[0] == "Baris 2: Kolom media wajib diisi. Sel B2:B3 digabung, dan isinya kosong."
    assert baris[1] == "Baris 3: Kolom media wajib diisi. Sel B2:B3 digabung, dan isinya kosong."
    assert baris[2].startswith("Baris 4: Sel C4:D4 digabung melintasi kolom layanan, uraian; pisahkan gabungan sel itu.")


def test_petugas_kosong_ditolak_bukan_diisi_pengimpor(arsip: Path, tmp_path: Path) -> None:
    """A row whose officer is missing is refused; the importing clerk is never put in its place."""
    berkas = _buku(tmp_path / "r.xlsx", {"Register": [KEPALA, _baris(0), _baris(1, petugas=None)]})
    hasil = _impor(arsip, berkas, "--jalankan")
    assert hasil.exit_code == 1
    assert "Baris 3: Kolom petugas kosong: siapa yang mencatat keluhan ini?" in hasil.stdout
    assert _isi(arsip, "SELECT COUNT(*) FROM keluhan") == [(0,)]


def test_setiap_lembar_berdata_dibaca(arsip: Path, tmp_path: Path) -> None:
    """A workbook with 'Semester I' (32 rows) and 'Semester II' (18 rows) imports all 50, naming sheets in messages."""
    semester1 = [KEPALA] + [_baris(i) for i in range(32)]
    semester2 = [KEPALA] + [_baris(i, dicatat=datetime(2025, 8, 1 + i, 9, 0)) for i in range(17)]
    semester2.append(_baris(99, media="whatsapp", dicatat=datetime(2025, 8, 30, 9, 0)))
    berkas = _buku(tmp_path / "r.xlsx", {"Semester I": semester1, "Semester II": semester2})
    hasil = _impor(arsip, berkas)
    assert hasil.exit_code == 1
    assert "Lembar dibaca: 'Semester I', 'Semester II'." in hasil.stdout
    assert "Lembar 'Semester II' baris 19: Media 'whatsapp' tidak dikenal" in hasil.stdout
    assert "50 baris dibaca: 49 dapat diimpor, 1 ditolak" in hasil.stdout
    semester2[-1] = _baris(99, dicatat=datetime(2025, 8, 30, 9, 0))
    berkas = _buku(tmp_path / "r.xlsx", {"Semester I": semester1, "Semester II": semester2})
    hasil = _impor(arsip, berkas, "--jalankan")
    assert hasil.exit_code == 0, hasil.output
    assert _isi(arsip, "SELECT COUNT(*), MAX(urut) FROM keluhan") == [(50, 50)]
    assert _isi(arsip, "SELECT COUNT(*) FROM riwayat WHERE json_extract(rincian, '$.impor.lembar') = 'Semester II'") == [
        (18,)]


def test_lembar_bukan_register_ditolak_dengan_nama_lembar(arsip: Path, tmp_path: Path) -> None:
    """A data sheet that is not a register refuses the file naming the sheets and --lembar; --lembar picks."""
    berkas = _buku(tmp_path / "r.xlsx", {
        "Register": [KEPALA, _baris(0)], "Grafik": [["Bulan", "Jumlah"], ["Maret", 1]], "Kosong": [],
    })
    hasil = _impor(arsip, berkas)
    assert hasil.exit_code == 2
    assert "berisi 2 lembar berdata ('Register', 'Grafik'); lembar 'Grafik' bukan register" in hasil.stderr
    assert "--lembar NAMA" in hasil.stderr
    hasil = _impor(arsip, berkas, "--lembar", "Register", "--jalankan")
    assert hasil.exit_code == 0, hasil.output
    hasil = _impor(arsip, berkas, "--lembar", "Semester III")
    assert hasil.exit_code == 2
    assert "tidak ada lembar 'Semester III'; lembarnya: 'Register', 'Grafik', 'Kosong'." in hasil.stderr


def test_baris_judul_di_atas_kepala_dilewati(arsip: Path, tmp_path: Path) -> None:
    """A lone title row ('REKAP KELUHAN 2025', merged across the top) above the header is skipped and said so."""
    def judul(buku: Any) -> None:
        buku["Register"].merge_cells("A1:F1")
    berkas = _buku(tmp_path / "r.xlsx", {"Register": [["REKAP KELUHAN 2025"], KEPALA, _baris(0), _baris(1)]}, judul)
    hasil = _impor(arsip, berkas, "--jalankan")
    assert hasil.exit_code == 0, hasil.output
    assert "Baris 1 dilewati sebagai judul ('REKAP KELUHAN 2025'); kepala kolom di baris 2." in hasil.stdout
    assert _isi(arsip, "SELECT COUNT(*) FROM keluhan") == [(2,)]
    # Two rows above the header: which is data cannot be told.
    berkas = _buku(tmp_path / "r2.xlsx", {"Register": [["REKAP KELUHAN 2025"], ["Semester I"], KEPALA, _baris(0)]})
    hasil = _impor(arsip, berkas)
    assert hasil.exit_code == 2
    assert "kepala kolom ada di baris 3, di bawah 2 baris lain (baris 1-2)" in hasil.stderr


def test_judul_di_csv_juga_dilewati(arsip: Path, tmp_path: Path) -> None:
    """A ';' CSV from Excel with a title line above the header reads from the header on."""
    berkas = tmp_path / "r.csv"
    with berkas.open("w", encoding="utf-8-sig", newline="") as f:
        w = csv.writer(f, delimiter=";")
        w.writerow(["REKAP KELUHAN 2025", "", "", ""])
        w.writerow(["Nama", "Media", "Uraian", "Tanggal", "Petugas"])
        w.writerow(["Siti", "surat", "Sertifikat belum terbit", "5/3/2025 09.00", "Rina"])
    hasil = _impor(arsip, berkas, "--jalankan")
    assert hasil.exit_code == 0, hasil.output
    assert _isi(arsip, "SELECT nama, dicatat FROM keluhan") == [("Siti", "2025-03-05T09:00:00+07:00")]


def test_ejaan_kepala_umum_dan_kolom_asing(arsip: Path, tmp_path: Path) -> None:
    """E-mail, No. HP and Tanggal are read as email, telepon, dicatat; No. and Keterangan refuse, or are skipped and said."""
    kepala = ["No.", "Nama", "E-mail", "No. HP", "Media", "Uraian", "Tanggal", "Petugas", "Keterangan"]
    baris = [1, "Siti", "siti@contoh.id", "0812-1111-2222", "email", "x", datetime(2025, 3, 5, 9, 0), "Rina", "lunas"]
    berkas = _buku(tmp_path / "r.xlsx", {"Register": [kepala, baris]})
    hasil = _impor(arsip, berkas)
    assert hasil.exit_code == 2
    assert "kolom tidak dikenal: No., Keterangan. Ganti nama kepalanya" in hasil.stderr
    assert "--abaikan-kolom" in hasil.stderr
    hasil = _impor(arsip, berkas, "--abaikan-kolom", "--jalankan")
    assert hasil.exit_code == 0, hasil.output
    assert "Kolom diabaikan (--abaikan-kolom), isinya tidak diimpor: No., Keterangan." in hasil.stdout
    assert _isi(arsip, "SELECT email, telepon, dicatat FROM keluhan") == [
        ("siti@contoh.id", "0812-1111-2222", "2025-03-05T09:00:00+07:00")]


def test_boolean_benar_kembali_menjadi_teks(arsip: Path, tmp_path: Path) -> None:
    """'benar' turned into TRUE by an Indonesian-locale sheet is read back as benar: all 50 rows import."""
    kepala = [*KEPALA, "validasi", "validasi_waktu", "validasi_petugas", "tim_teknis", "alasan_tidak_valid"]
    baris = [kepala]
    for i in range(50):
        benar = i % 4 != 0
        baris.append([*_baris(i), benar, datetime(2025, 3, 3 + i % 20, 10, 0), "Dedi",
                      "Laboratorium Pengujian" if benar else None, None if benar else "Bukan keluhan"])
    hasil = _impor(arsip, _buku(tmp_path / "r.xlsx", {"Register": baris}), "--jalankan")
    assert hasil.exit_code == 0, hasil.output
    assert _isi(arsip, "SELECT validasi, COUNT(*) FROM keluhan GROUP BY validasi ORDER BY validasi") == [
        ("benar", 37), ("tidak_benar", 13)]


def test_telepon_dari_sel_angka(arsip: Path, tmp_path: Path) -> None:
    """A numeric phone keeps its leading 0 where the cell format shows it; else a warning names the row; E-notation refused."""
    kepala = [*KEPALA, "telepon"]
    def format_sel(buku: Any) -> None:
        buku["Register"]["G2"].number_format = "00000000000"
        buku["Register"]["G3"].number_format = '"0"##########'
    berkas = _buku(tmp_path / "r.xlsx", {"Register": [
        kepala, [*_baris(0), 8257281124], [*_baris(1), 8257281125], [*_baris(2), 8257281126], [*_baris(3), "6,28123E+11"],
    ]}, format_sel)
    hasil = _impor(arsip, berkas)
    assert hasil.exit_code == 1
    assert "Baris 5: Kolom telepon berisi '6,28123E+11': angka dalam notasi E, digit nomornya sudah hilang" in hasil.stdout
    peringatan = [b for b in hasil.stdout.splitlines() if b.startswith("Peringatan:")]
    assert len(peringatan) == 1 and "di baris 4 (8257281126)." in peringatan[0]
    berkas = _buku(tmp_path / "r.xlsx", {"Register": [
        kepala, [*_baris(0), 8257281124], [*_baris(1), 8257281125], [*_baris(2), 8257281126],
    ]}, format_sel)
    hasil = _impor(arsip, berkas, "--jalankan")
    assert hasil.exit_code == 0, hasil.output
    assert _isi(arsip, "SELECT telepon FROM keluhan ORDER BY urut") == [
        ("08257281124",), ("08257281125",), ("8257281126",)]


def test_setiap_alasan_baris_dilaporkan(arsip: Path, tmp_path: Path) -> None:
    """A row wrong in three columns is reported with all three reasons, not only the first."""
    berkas = tmp_path / "r.csv"
    berkas.write_text("nama,media,uraian,dicatat,petugas,telepon\n,email,x,kemarin sore,Rina,6.28123E+11\n",
                      encoding="utf-8")
    hasil = _impor(arsip, berkas)
    assert hasil.exit_code == 1
    baris = hasil.stdout.splitlines()[0]
    assert baris.startswith("Baris 2: ")
    for alasan in ("Kolom telepon berisi '6.28123E+11'", "Waktu kolom dicatat tidak dapat dibaca: 'kemarin sore'",
                   "Kolom nama wajib diisi."):
        assert alasan in baris, baris
