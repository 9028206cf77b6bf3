"""`keluhan impor`: registers from CSV/xlsx land as real, checked histories, all or nothing."""

from __future__ import annotations

import csv
import json
import sqlite3
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from _bantu_kantor import arsip_demo, keluhan, periksa_rantai
from conftest import buat_arsip
from keluhan.cli import app
from keluhan.demo import jumlah_keluhan

runner = CliRunner()

LENGKAP: dict[str, str] = {
    "nama": "Hendra Gunawan", "instansi": "PT Sinar Kimia", "media": "email", "uraian": "LHU terlambat",
    "email": "hendra@sinar.co.id", "layanan": "pengujian",
    "diajukan": "3/3/2025 08.00", "dicatat": "2025-03-03 08:10", "petugas": "Rina Wulandari",
    "validasi": "benar", "validasi_waktu": "2025-03-03 08:20", "validasi_petugas": "Dedi Kurniawan",
    "tim_teknis": "Laboratorium Pengujian",
    "tindak_waktu": "2025-03-04 10:00", "tindak_petugas": "Budi Santoso", "koreksi": "LHU dikirim ulang",
    "pencegahan": "Pemantauan tenggat", "target": "10/03/2025",
    "verifikasi_waktu": "2025-03-04 10:10", "verifikasi_petugas": "Agus Prasetyo", "verifikasi_catatan": "Efektif",
    "informasikan_waktu": "2025-03-04 10:20", "informasikan_petugas": "Rina Wulandari", "media_informasi": "Email",
}
CATAT_SAJA = {"nama": "Siti", "media": "surat", "uraian": "Sertifikat belum terbit", "dicatat": "2025-03-05 09:00",
              "petugas": "Rina Wulandari"}


def _tulis_csv(berkas: Path, baris: list[dict[str, str]], *, pemisah: str = ",", bom: bool = False) -> Path:
    kolom = list(dict.fromkeys(k for b in baris for k in b))
    with berkas.open("w", encoding="utf-8-sig" if bom else "utf-8", newline="") as f:
        w = csv.writer(f, delimiter=pemisah)
        w.writerow(kolom)
        for b in baris:
            w.writerow([b.get(k, "") for k in kolom])
    return berkas


def _impor(arsip: Path, berkas: Path, *args: str) -> Any:
    return runner.invoke(app, ["--arsip", str(arsip), "--petugas", "Petugas Impor", "impor", str(berkas), *args])


def _jumlah(arsip: Path, tabel: str = "keluhan") -> int:
    if not arsip.exists():
        return 0
    db = sqlite3.connect(arsip)
    try:
        return db.execute(f"SELECT COUNT(*) FROM {tabel}").fetchone()[0]
    finally:
        db.close()


def test_csv_titik_koma_dengan_bom_menjadi_riwayat_lengkap(tmp_path: Path) -> None:
    """An Indonesian-Excel CSV (';', BOM) lands as each step's real event, numbers gapless."""
    berkas = _tulis_csv(tmp_path / "register.csv", [LENGKAP, CATAT_SAJA], pemisah=";", bom=True)
    arsip = tmp_path / "archive.db"
    hasil = _impor(arsip, berkas)
    assert hasil.exit_code == 0, hasil.output
    assert "Uji coba" in hasil.stdout and "2 dapat diimpor" in hasil.stdout
    assert (_jumlah(arsip), _jumlah(arsip, "riwayat")) == (0, 0), "a dry run records nothing"
    hasil = _impor(arsip, berkas, "--jalankan")
    assert hasil.exit_code == 0, hasil.output
    db = sqlite3.connect(arsip)
    assert db.execute("SELECT nomor, status FROM keluhan ORDER BY urut").fetchall() == [
        ("001/KP/BBSPJIKFK/III/2025", "selesai"), ("002/KP/BBSPJIKFK/III/2025", "dicatat"),
    ]
    riwayat = db.execute(
        "SELECT r.aksi, r.waktu, r.petugas FROM riwayat r JOIN keluhan k ON k.id = r.keluhan_id"
        " WHERE k.urut = 1 ORDER BY r.urutan").fetchall()
    assert riwayat == [
        ("catat", "2025-03-03T08:10:00+07:00", "Rina Wulandari"),
        ("validasi_benar", "2025-03-03T08:20:00+07:00", "Dedi Kurniawan"),
        ("tindak", "2025-03-04T10:00:00+07:00", "Budi Santoso"),
        ("verifikasi_terima", "2025-03-04T10:10:00+07:00", "Agus Prasetyo"),
        ("informasikan", "2025-03-04T10:20:00+07:00", "Rina Wulandari"),
    ]
    k = db.execute("SELECT diajukan, media_informasi, catatan_verifikasi FROM keluhan WHERE urut = 1").fetchone()
    assert k == ("2025-03-03T08:00:00+07:00", "email", "Efektif")
    assert db.execute("SELECT target, petugas FROM tindakan").fetchall() == [("2025-03-10", "Budi Santoso")]
    # Every event names the officer the file gives, never the importing clerk.
    assert db.execute("SELECT DISTINCT petugas FROM riwayat WHERE petugas = 'Petugas Impor'").fetchall() == []
    db.close()
    periksa_rantai(arsip)
    hasil = keluhan("--arsip", str(arsip), "periksa")
    assert hasil.returncode == 0, hasil.stdout + hasil.stderr


def test_langkah_sesudah_impor_melanjutkan_rantai(tmp_path: Path) -> None:
    """A clerk's next step on an imported complaint goes through, and the chain stays whole."""
    arsip = tmp_path / "archive.db"
    berkas = _tulis_csv(tmp_path / "r.csv", [LENGKAP, CATAT_SAJA])
    assert _impor(arsip, berkas, "--jalankan").exit_code == 0
    hasil = keluhan("--arsip", str(arsip), "--petugas", "Dedi", "validasi", "002/KP/BBSPJIKFK/III/2025",
                    "--benar", "--teruskan-ke", "Laboratorium Kalibrasi", "--waktu", "2025-03-05 09:30")
    assert hasil.returncode == 0, hasil.stderr
    periksa_rantai(arsip)


SALAH: list[tuple[dict[str, str], str]] = [
    (LENGKAP | {"media": "whatsapp"}, "Media 'whatsapp' tidak dikenal"),
    (CATAT_SAJA | {"tindak_waktu": "2025-03-06 10:00", "tindak_petugas": "Budi", "koreksi": "a", "pencegahan": "b"},
     "Langkah 'tindak' tidak dapat dicatat pada status 'dicatat'"),
    (LENGKAP | {"validasi_waktu": "2025-03-03 08:00"}, "lebih awal dari langkah sebelumnya"),
    (LENGKAP | {"informasikan_waktu": "2027-01-04 10:20"}, "masa depan"),
    (LENGKAP | {"verifikasi_petugas": "budi santoso"}, "ISO/IEC 17025 7.9.6"),
    (LENGKAP | {"tim_teknis": "Lab Fisika"}, "Tim Teknis 'Lab Fisika' tidak dikenal"),
    (LENGKAP | {"nama": " "}, "Kolom nama wajib diisi"),
    (LENGKAP | {"dicatat": "kemarin sore"}, "tidak dapat dibaca"),
    (LENGKAP | {"banding_waktu": "2025-06-02 09:00", "banding_petugas": "Rina", "banding_alasan": "Tidak puas"},
     "Banding ditolak"),
    (LENGKAP | {"validasi": "mungkin"}, "isi benar atau tidak_benar"),
    (LENGKAP | {"koreksi": ""}, "Kolom koreksi wajib diisi bila tindak_waktu diisi"),
    (CATAT_SAJA | {"tim_teknis": "Laboratorium Pengujian"}, "Kolom validasi kosong"),
]


def test_setiap_baris_salah_dilaporkan_dan_tidak_ada_yang_ditulis(tmp_path: Path) -> None:
    """Every refused row is reported with its number and reason; --jalankan then writes nothing."""
    berkas = _tulis_csv(tmp_path / "r.csv", [LENGKAP] + [b for b, _ in SALAH] + [CATAT_SAJA])
    arsip = tmp_path / "archive.db"
    hasil = _impor(arsip, berkas)
    assert hasil.exit_code == 1, hasil.output
    baris = hasil.stdout.splitlines()
    for i, (_, alasan) in enumerate(SALAH, start=3):
        laporan = [b for b in baris if b.startswith(f"Baris {i}: ")]
        assert len(laporan) == 1 and alasan in laporan[0], (i, alasan, hasil.stdout)
    assert not any(b.startswith(("Baris 2:", f"Baris {len(SALAH) + 3}:")) for b in baris)
    assert f"{len(SALAH)} ditolak" in hasil.stdout
    hasil = _impor(arsip, berkas, "--jalankan")
    assert hasil.exit_code == 1
    assert "tidak ada yang ditulis" in hasil.stderr
    assert _jumlah(arsip) == 0 and _jumlah(arsip, "riwayat") == 0


def _bernomor(nomor: str, dicatat: str, nama: str = "Pelanggan") -> dict[str, str]:
    return {"nomor": nomor, "nama": nama, "media": "surat", "uraian": "Keluhan lama", "dicatat": dicatat,
            "petugas": "Rina Wulandari"}


def test_nomor_historis_dipertahankan_dan_dilanjutkan(tmp_path: Path) -> None:
    """Historical numbers are kept verbatim; the year's next catat continues after them."""
    arsip = tmp_path / "archive.db"
    berkas = _tulis_csv(tmp_path / "r.csv", [
        _bernomor("1/KP/BBSPJIKFK/I/2024", "2024-01-08 09:00"),
        _bernomor("002/KP/BBSPJIKFK/II/2024", "2024-02-08 09:00"),
        _bernomor("003/KP/BBSPJIKFK/XII/2024", "2024-12-02 09:00"),
    ])
    assert _impor(arsip, berkas, "--jalankan").exit_code == 0
    hasil = keluhan("--arsip", str(arsip), "--petugas", "Rina", "catat", "--nama", "Baru", "--media", "kotak",
                    "--uraian", "x", "--waktu", "2024-12-30 10:00")
    assert hasil.returncode == 0, hasil.stderr
    assert hasil.stdout.strip() == "004/KP/BBSPJIKFK/XII/2024"
    db = sqlite3.connect(arsip)
    assert db.execute("SELECT nomor, tahun, urut FROM keluhan ORDER BY urut").fetchall() == [
        ("1/KP/BBSPJIKFK/I/2024", 2024, 1), ("002/KP/BBSPJIKFK/II/2024", 2024, 2),
        ("003/KP/BBSPJIKFK/XII/2024", 2024, 3), ("004/KP/BBSPJIKFK/XII/2024", 2024, 4),
    ]
    db.close()


@pytest.mark.parametrize(
    ("baris", "alasan"),
    [
        ([_bernomor("001/KP/BBSPJIKFK/I/2024", "2024-01-08 09:00"), _bernomor("001/KP/BBSPJIKFK/I/2024", "2024-01-09 09:00")],
         "Baris 3: Nomor '001/KP/BBSPJIKFK/I/2024' (urut 1 tahun 2024) sudah dipakai baris 2"),
        ([_bernomor("001/KP/BBSPJIKFK/I/2024", "2024-01-08 09:00"), _bernomor("003/KP/BBSPJIKFK/I/2024", "2024-01-09 09:00")],
         "Tahun 2024: nomor urut 2 tidak ada"),
        ([_bernomor("001/KP/BBSPJIKFK/I/2023", "2024-01-08 09:00")], "bertahun 2023, tetapi keluhan dicatat tahun 2024"),
        ([_bernomor("KP-7/2024", "2024-01-08 09:00")], "tidak sesuai nomor.format"),
    ],
)
def test_nomor_historis_yang_melanggar_ditolak(tmp_path: Path, baris: list[dict[str, str]], alasan: str) -> None:
    """Duplicate, gapped, wrong-year or foreign-format numbers are refused with the reason."""
    hasil = _impor(tmp_path / "archive.db", _tulis_csv(tmp_path / "r.csv", baris), "--jalankan")
    assert hasil.exit_code == 1
    assert alasan in hasil.stdout, hasil.stdout
    assert _jumlah(tmp_path / "archive.db") == 0


def test_nomor_ke_arsip_yang_sudah_berisi(tmp_path_factory: pytest.TempPathFactory, tmp_path: Path) -> None:
    """Into a used archive: a number already there is refused; an unnumbered row continues the year."""
    arsip = arsip_demo(tmp_path_factory)
    ada = _bernomor("001/KP/BBSPJIKFK/X/2026", "2026-10-01 08:15")
    hasil = _impor(arsip, _tulis_csv(tmp_path / "a.csv", [ada]))
    assert "sudah ada di arsip" in hasil.stdout
    baru = CATAT_SAJA | {"dicatat": "2026-11-20 10:00"}
    sebelum = (_jumlah(arsip), _jumlah(arsip, "riwayat"), _jumlah(arsip, "tenggat"))
    hasil = _impor(arsip, _tulis_csv(tmp_path / "b.csv", [baru]))
    assert hasil.exit_code == 0 and "1 dapat diimpor" in hasil.stdout
    assert (_jumlah(arsip), _jumlah(arsip, "riwayat"), _jumlah(arsip, "tenggat")) == sebelum
    hasil = _impor(arsip, tmp_path / "b.csv", "--jalankan")
    assert hasil.exit_code == 0, hasil.output
    db = sqlite3.connect(arsip)
    # After the demo's last number (its voided duplicate's too: a number stays used).
    assert db.execute("SELECT nomor FROM keluhan WHERE nama = 'Siti'").fetchone() == (f"{jumlah_keluhan() + 1:03d}/KP/BBSPJIKFK/XI/2026",)
    db.close()
    periksa_rantai(arsip)


def test_xlsx_dengan_sel_tanggal(tmp_path: Path) -> None:
    """An .xlsx sheet with real date cells and a numeric phone imports like the CSV."""
    import openpyxl
    from datetime import datetime

    buku = openpyxl.Workbook()
    lembar = buku.active
    lembar.append(["Nama", "Media", "Uraian", "Telepon", "Dicatat", "Validasi", "Validasi Waktu", "Tim Teknis",
                   "Petugas", "Validasi Petugas"])
    lembar.append(["Lestari", "telepon", "Sertifikat salah", 81211112222, datetime(2025, 5, 6, 9, 10),
                   "benar", datetime(2025, 5, 6, 9, 20), "Laboratorium Kalibrasi", "Rina", "Dedi"])
    lembar.append([None] * 10)
    buku.save(tmp_path / "register.xlsx")
    arsip = tmp_path / "archive.db"
    hasil = _impor(arsip, tmp_path / "register.xlsx", "--jalankan")
    assert hasil.exit_code == 0, hasil.output
    db = sqlite3.connect(arsip)
    assert db.execute("SELECT nama, telepon, dicatat, divalidasi, status FROM keluhan").fetchall() == [
        ("Lestari", "81211112222", "2025-05-06T09:10:00+07:00", "2025-05-06T09:20:00+07:00", "divalidasi"),
    ]
    db.close()


def test_xlsx_tanpa_openpyxl_pesan_jelas(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Without openpyxl an .xlsx gives one Indonesian line saying what to install, exit 2."""
    (tmp_path / "r.xlsx").write_bytes(b"PK\x03\x04")
    monkeypatch.setitem(sys.modules, "openpyxl", None)
    hasil = _impor(tmp_path / "archive.db", tmp_path / "r.xlsx")
    assert hasil.exit_code == 2
    assert hasil.stderr.startswith("Galat: Membaca .xlsx memerlukan paket openpyxl: pip install 'keluhan[xlsx]'")
    assert hasil.stderr.count("\n") == 1


@pytest.mark.parametrize(
    ("isi", "pesan"),
    [
        ("nama,media,uraian,dicatat,nama_pelangan\n", "kolom tidak dikenal: nama_pelangan"),
        ("nama,media,uraian\n", "kolom wajib tidak ada: dicatat"),
        ("nama,media,nama,uraian,dicatat\n", "kolom ganda: nama"),
    ],
)
def test_kepala_kolom_salah(tmp_path: Path, isi: str, pesan: str) -> None:
    """A header with an unknown, missing or repeated column stops before any row, exit 2."""
    (tmp_path / "r.csv").write_text(isi, encoding="utf-8")
    hasil = _impor(tmp_path / "archive.db", tmp_path / "r.csv")
    assert hasil.exit_code == 2
    assert pesan in hasil.stderr


def test_bukan_utf8(tmp_path: Path) -> None:
    """A CSV saved in a legacy code page is refused with how to save it as UTF-8."""
    (tmp_path / "r.csv").write_bytes("nama;media;uraian;dicatat\nCafé;email;x;2025-01-06 08:00\n".encode("cp1252"))
    hasil = _impor(tmp_path / "archive.db", tmp_path / "r.csv")
    assert hasil.exit_code == 2
    assert "bukan UTF-8" in hasil.stderr and "CSV UTF-8" in hasil.stderr


def test_kolom_langkah_harus_sesuai_riwayat(tmp_path: Path) -> None:
    """With a riwayat column, a step column that contradicts it refuses the row."""
    riwayat = [{"aksi": "validasi_benar", "waktu": "2025-03-05 09:10", "petugas": "Dedi",
                "rincian": {"tim_teknis": "Laboratorium Pengujian"}}]
    sesuai = CATAT_SAJA | {"riwayat": json.dumps(riwayat), "tim_teknis": "Laboratorium Pengujian", "status": "divalidasi"}
    beda = CATAT_SAJA | {"riwayat": json.dumps(riwayat), "tim_teknis": "Laboratorium Kalibrasi"}
    hasil = _impor(tmp_path / "archive.db", _tulis_csv(tmp_path / "r.csv", [sesuai, beda]))
    assert hasil.exit_code == 1
    assert hasil.stdout.splitlines()[0].startswith("Baris 3: Kolom tim_teknis berisi 'Laboratorium Kalibrasi'")
    assert "1 dapat diimpor, 1 ditolak" in hasil.stdout


def test_setiap_kolom_terdokumentasi() -> None:
    """Every column impor accepts has a description in docs/impor-ekspor.md (generated)."""
    from keluhan import impor

    assert set(impor.KETERANGAN_KOLOM) == set(impor.KOLOM)
    teks = (Path(__file__).resolve().parent.parent / "docs" / "impor-ekspor.md").read_text(encoding="utf-8")
    for k in impor.KOLOM:
        assert f"| `{k}` |" in teks


def _sla(arsip: Path) -> tuple[list[tuple[object, ...]], list[tuple[object, ...]]]:
    db = sqlite3.connect(arsip)
    try:
        durasi = db.execute("SELECT langkah, mulai, akhir, menit_kerja, mutu_baku, batas, patuh FROM durasi_langkah"
                            " ORDER BY riwayat_urutan").fetchall()
        tenggat = db.execute("SELECT langkah, mulai, mutu_baku, batas, batas_utc, lewat_setelah_utc FROM tenggat").fetchall()
        return durasi, tenggat
    finally:
        db.close()


def test_durasi_dan_tenggat_sama_dengan_perintah(tmp_path: Path) -> None:
    """Imported histories get the same working durations, compliance and deadlines as the commands write, old years' holidays seeded."""
    lama = {"nama": "Lama", "media": "surat", "uraian": "Register 2016", "diajukan": "2016-07-01 08:00",
            "dicatat": "2016-07-01 08:30", "petugas": "Rina", "validasi": "benar", "validasi_waktu": "2016-07-01 09:00",
            "validasi_petugas": "Dedi", "tim_teknis": "Tim Inspeksi"}
    impor_ = buat_arsip(tmp_path / "impor.db")
    assert _impor(impor_, _tulis_csv(tmp_path / "r.csv", [lama, LENGKAP]), "--jalankan").exit_code == 0
    cli = buat_arsip(tmp_path / "cli.db")
    for petugas, *args in (
        # The 2016 complaint first: catat does not reach back into a year before the latest recorded one.
        ("Rina", "catat", "--nama", "Lama", "--media", "surat", "--uraian", "x", "--diajukan", "2016-07-01 08:00",
         "--waktu", "2016-07-01 08:30"),
        ("Dedi", "validasi", "001/KP/BBSPJIKFK/VII/2016", "--benar", "--teruskan-ke", "Tim Inspeksi", "--waktu", "2016-07-01 09:00"),
        ("Rina Wulandari", "catat", "--nama", "Hendra Gunawan", "--media", "email", "--uraian", "LHU terlambat",
         "--diajukan", "3/3/2025 08.00", "--waktu", "2025-03-03 08:10"),
        ("Dedi Kurniawan", "validasi", "001/KP/BBSPJIKFK/III/2025", "--benar", "--teruskan-ke", "Laboratorium Pengujian",
         "--waktu", "2025-03-03 08:20"),
        ("Budi Santoso", "tindak", "001/KP/BBSPJIKFK/III/2025", "--koreksi", "x", "--pencegahan", "y", "--waktu", "2025-03-04 10:00"),
        ("Agus Prasetyo", "verifikasi", "001/KP/BBSPJIKFK/III/2025", "--terima", "--waktu", "2025-03-04 10:10"),
        ("Rina Wulandari", "informasikan", "001/KP/BBSPJIKFK/III/2025", "--waktu", "2025-03-04 10:20"),
    ):
        hasil = runner.invoke(app, ["--arsip", str(cli), "--petugas", petugas, *args])
        assert hasil.exit_code == 0, hasil.output
    durasi, tenggat = _sla(impor_)
    assert len(durasi) == 7 and len(tenggat) == 1
    assert (durasi, tenggat) == _sla(cli)
    # Step 4 of 2016 waits over Idul Fitri: the holidays of 2016 were seeded for it.
    db = sqlite3.connect(impor_)
    assert db.execute("SELECT COUNT(*) FROM libur WHERE tanggal LIKE '2016-07-%'").fetchone()[0] > 0
    db.close()
    hasil = runner.invoke(app, ["--arsip", str(impor_), "terlambat", "--json"])
    # The late step, and the accepted CAPA of 2025 whose effectiveness review nobody recorded (due 20 working days on).
    assert [(k["nomor"], k["jenis"]) for k in json.loads(hasil.stdout)] == [
        ("001/KP/BBSPJIKFK/VII/2016", "langkah"), ("001/KP/BBSPJIKFK/III/2025", "efektivitas")]


def test_bilah_kemajuan_hanya_di_terminal(tmp_path: Path) -> None:
    """With stderr on a terminal impor draws a progress bar there; piped, stderr stays empty and stdout plain."""
    import os
    from _bantu_kantor import env
    from _terminal import stderr_di_terminal

    baris = [CATAT_SAJA | {"nama": f"Pelanggan {i}", "dicatat": f"2025-03-05 {8 + i // 600:02d}:{i % 60:02d}"}
             for i in range(1200)]
    berkas = _tulis_csv(tmp_path / "r.csv", baris)
    buat_arsip(tmp_path / "a.db")
    perintah = [sys.executable, "-m", "keluhan", "--arsip", str(tmp_path / "a.db"), "--petugas", "Rina", "impor", str(berkas)]
    kode_keluar, keluar_b, layar = stderr_di_terminal(perintah, env() | {"TERM": "xterm"})
    keluar = keluar_b.decode()
    assert kode_keluar == 0, keluar
    assert b"impor" in layar and "━".encode() in layar
    assert "1200 dapat diimpor" in keluar and "\x1b" not in keluar
    pipa = keluhan("--arsip", str(tmp_path / "a.db"), "--petugas", "Rina", "impor", str(berkas))
    assert pipa.returncode == 0 and pipa.stderr == ""


def test_terhenti_di_tengah_tidak_meninggalkan_apa_pun(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Interrupted after whole batches were inserted, --jalankan still leaves the archive untouched (one transaction)."""
    from keluhan import arsip as arsip_mod

    baris = [CATAT_SAJA | {"nama": f"P{i}", "dicatat": f"2025-03-05 {8 + i // 600:02d}:{i % 60:02d}"} for i in range(2600)]
    berkas = _tulis_csv(tmp_path / "r.csv", baris)
    asli = arsip_mod.PenulisMassal._salin_kelompok
    ditulis: list[int] = []

    def _salin_kelompok(self: arsip_mod.PenulisMassal, *a: Any) -> None:
        # under the lock, the second batch of the checked rows: the first is in the transaction
        if self.tulis and (n := self.db.execute("SELECT COUNT(*) FROM keluhan").fetchone()[0]):
            ditulis.append(n)
            raise KeyboardInterrupt
        asli(self, *a)

    monkeypatch.setattr(arsip_mod.PenulisMassal, "_salin_kelompok", _salin_kelompok)
    arsip = tmp_path / "archive.db"
    hasil = _impor(arsip, berkas, "--jalankan")
    assert hasil.exit_code == 130 and hasil.stderr == "Galat: Dibatalkan; arsip tidak berubah.\n"
    assert ditulis == [2000], "a batch should have been inserted before the interruption"
    assert _jumlah(arsip) == 0 and _jumlah(arsip, "riwayat") == 0 and _jumlah(arsip, "durasi_langkah") == 0
