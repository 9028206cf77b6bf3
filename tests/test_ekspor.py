"""`keluhan ekspor`: an export imports back into the same complaints and histories; privacy options hold."""

from __future__ import annotations

import csv
import io
import json
import os
import stat
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from _bantu_kantor import arsip_demo, keluhan, lihat_semua, periksa_rantai
from conftest import buat_arsip
from keluhan import impor, pengaturan
from keluhan.demo import jumlah_keluhan
from keluhan.arsip import Arsip
from keluhan.cli import app

runner = CliRunner()


def _ekspor(arsip: Path, *args: str) -> str:
    hasil = runner.invoke(app, ["--arsip", str(arsip), "ekspor", *args])
    assert hasil.exit_code == 0, hasil.output
    return hasil.stdout


@pytest.mark.parametrize(("format", "lain"), [("csv", []), ("csv", ["--pemisah", ";"]), ("json", []), ("ndjson", []),
                                              ("xlsx", [])])
def test_ekspor_lalu_impor_mereproduksi_keluhan(
    tmp_path_factory: pytest.TempPathFactory, tmp_path: Path, format: str, lain: list[str],
) -> None:
    """Importing the demo's export (csv with ',' or ';', json, ndjson, xlsx) into a fresh archive gives the same
    `lihat --json` for every complaint and the same recaps."""
    demo = arsip_demo(tmp_path_factory)
    berkas = tmp_path / f"ekspor.{format}"
    hasil = keluhan("--arsip", str(demo), "ekspor", "--format", format, *lain, "--keluar", str(berkas))
    assert hasil.returncode == 0, hasil.stderr
    baru = buat_arsip(tmp_path / "baru.db")
    hasil = keluhan("--arsip", str(baru), "impor", str(berkas), "--jalankan")
    assert hasil.returncode == 0, hasil.stdout + hasil.stderr
    asli = lihat_semua(demo)
    assert len(asli) == jumlah_keluhan() and asli["013/KP/BBSPJIKFK/XI/2026"]["status"] == "batal"  # the void comes back too
    # Issue 15's events make the trip too: appeals decided both ways, notices, reviews (not effective, effective),
    # satisfaction answers.
    aksi = {e["aksi"] for k in asli.values() for e in k["riwayat"]}
    assert {"putusan_diterima", "putusan_ditolak", "kabari", "efektivitas", "kepuasan"} <= aksi
    assert {e["rincian"]["hasil"] for k in asli.values() for e in k["riwayat"] if e["aksi"] == "efektivitas"} == {
        "efektif", "tidak_efektif"}
    assert lihat_semua(baru) == asli
    periksa_rantai(baru)
    hasil = keluhan("--arsip", str(baru), "periksa")
    assert hasil.returncode == 0, hasil.stdout + hasil.stderr
    for bulan in ("2026-10", "2026-11"):
        assert _rekap(baru, bulan) == _rekap(demo, bulan), bulan


def _tanpa_id(x: object) -> object:
    if isinstance(x, dict):
        return {k: _tanpa_id(v) for k, v in x.items() if k not in ("id", "keluhan_id")}
    if isinstance(x, list):
        return [_tanpa_id(v) for v in x]
    return x


def _rekap(arsip: Path, bulan: str) -> object:
    """``rekap --format json`` of a month, without the archive's own short ids and anchor (the tips of its own
    hash chains: an import writes new system times, so new hashes)."""
    hasil = runner.invoke(app, ["--arsip", str(arsip), "rekap", "--bulan", bulan, "--format", "json"])
    assert hasil.exit_code == 0, hasil.output
    data = json.loads(hasil.stdout)
    assert data["jumlah"] > 0 and data.pop("jangkar")["urutan"] > 0
    return _tanpa_id(data)


def test_koreksi_ikut_bolak_balik(tmp_path_factory: pytest.TempPathFactory, tmp_path: Path) -> None:
    """Corrections travel in the riwayat column: catat gets the old value, the koreksi event the new one."""
    demo = arsip_demo(tmp_path_factory)
    a = Arsip(demo, pengaturan.muat(None))
    a.koreksi("001/KP/BBSPJIKFK/X/2026", petugas="Rina", kolom="nama", nilai="Hendra Gunawan S.T.", alasan="Gelar")
    a.koreksi("001/KP/BBSPJIKFK/X/2026", petugas="Rina", kolom="tim_teknis", nilai="Laboratorium Kalibrasi", alasan="Salah tim")
    a.koreksi("003/KP/BBSPJIKFK/X/2026", petugas="Rina", kolom="kepuasan_menerima", nilai="tidak", alasan="Kotak saran")
    a.koreksi("003/KP/BBSPJIKFK/X/2026", petugas="Rina", kolom="kepuasan_nilai", nilai="3", alasan="Salah baca")
    a.tutup()
    (tmp_path / "e.csv").write_text(_ekspor(demo), encoding="utf-8")
    assert keluhan("--arsip", str(buat_arsip(tmp_path / "b.db")), "impor", str(tmp_path / "e.csv"), "--jalankan").returncode == 0
    asli, baru = lihat_semua(demo), lihat_semua(tmp_path / "b.db")
    assert baru == asli
    k = baru["001/KP/BBSPJIKFK/X/2026"]
    assert k["nama"] == "Hendra Gunawan S.T." and k["riwayat"][0]["rincian"]["nama"] == "Hendra Gunawan"
    assert [r["aksi"] for r in k["riwayat"]][-2:] == ["koreksi", "koreksi"]
    k = baru["003/KP/BBSPJIKFK/X/2026"]  # a satisfaction answer and its corrections (0 = not accepted) travel too
    assert (k["kepuasan_nilai"], k["kepuasan_menerima"]) == (3, 0)
    assert [r["aksi"] for r in k["riwayat"]][-3:] == ["kepuasan", "koreksi", "koreksi"]


def test_kolom_ekspor_sama_dengan_kolom_impor(tmp_path_factory: pytest.TempPathFactory) -> None:
    """The CSV header is exactly the columns impor accepts, and the riwayat cell is JSON."""
    teks = _ekspor(arsip_demo(tmp_path_factory), "--format", "csv")
    baris = list(csv.DictReader(io.StringIO(teks)))
    assert list(baris[0]) == list(impor.KOLOM)
    assert len(baris) == jumlah_keluhan()
    dua = next(b for b in baris if b["nomor"] == "002/KP/BBSPJIKFK/X/2026")
    aksi = [p["aksi"] for p in json.loads(dua["riwayat"])]
    assert aksi.count("tindak") == 2 and "verifikasi_kembalikan" in aksi


def test_tanpa_data_pribadi(tmp_path_factory: pytest.TempPathFactory) -> None:
    """--tanpa-data-pribadi blanks name, address, phone and email, also inside corrections; keeps instansi."""
    demo = arsip_demo(tmp_path_factory)
    a = Arsip(demo, pengaturan.muat(None))
    a.koreksi("002/KP/BBSPJIKFK/X/2026", petugas="Rina", kolom="telepon", nilai="0812-9999-0000", alasan="Nomor baru")
    a.tutup()
    data = json.loads(_ekspor(demo, "--format", "json", "--tanpa-data-pribadi"))
    assert len(data) == jumlah_keluhan()
    for k in data:
        assert (k["nama"], k["alamat"], k["telepon"], k["email"]) == (None, None, None, None)
    teks = json.dumps(data, ensure_ascii=False)
    for pribadi in ("Hendra", "hendra@", "0812-1111-2222", "0812-9999-0000", "Jl. Industri", "Lestari"):
        assert pribadi not in teks
    assert "PT Sinar Kimia Abadi" in teks and "Rina Wulandari" in teks


def test_pelanggan_semua_keluhannya_dengan_riwayat(tmp_path_factory: pytest.TempPathFactory) -> None:
    """--pelanggan finds a data subject's complaints by name or email, case-insensitive, even under a former name."""
    demo = arsip_demo(tmp_path_factory)
    a = Arsip(demo, pengaturan.muat(None))
    a.koreksi("007/KP/BBSPJIKFK/X/2026", petugas="Rina", kolom="nama", nilai="Maria U.", alasan="Ejaan")
    a.tutup()
    data = json.loads(_ekspor(demo, "--pelanggan", "HENDRA@sinarkimia.co.id"))
    assert [k["nomor"] for k in data] == ["001/KP/BBSPJIKFK/X/2026"]
    assert [p["aksi"] for p in data[0]["riwayat"]] == ["validasi_benar", "tindak", "verifikasi_terima", "informasikan",
                                                       "kepuasan", "efektivitas", "efektivitas"]
    assert [k["nomor"] for k in json.loads(_ekspor(demo, "--pelanggan", "  maria ulfa "))] == ["007/KP/BBSPJIKFK/X/2026"]
    assert json.loads(_ekspor(demo, "--pelanggan", "Tidak Ada")) == []


def test_rentang_tanggal(tmp_path_factory: pytest.TempPathFactory) -> None:
    """--dari/--sampai select by the day of recording, both ends included."""
    demo = arsip_demo(tmp_path_factory)
    baris = [json.loads(b) for b in _ekspor(demo, "--format", "ndjson", "--dari", "2026-10-22", "--sampai", "29/10/2026").splitlines()]
    assert [b["nomor"][:3] for b in baris] == ["007", "008", "009"]


def test_keluar_berkas_bom_dan_mode(tmp_path_factory: pytest.TempPathFactory, tmp_path: Path) -> None:
    """--keluar writes a CSV Excel opens as UTF-8 (BOM), readable by owner and group only."""
    demo = arsip_demo(tmp_path_factory)
    tujuan = tmp_path / "ekspor.csv"
    hasil = runner.invoke(app, ["--arsip", str(demo), "ekspor", "--keluar", str(tujuan)])
    assert hasil.exit_code == 0
    assert hasil.stderr == "", "off a terminal (cron) an export says nothing"
    assert tujuan.read_bytes().startswith(b"\xef\xbb\xbfnomor,nama,")
    assert stat.S_IMODE(os.stat(tujuan).st_mode) & 0o007 == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["archive.db", "ekspor.csv"]  # no temporary file left


def test_pilihan_yang_bertentangan(tmp_path: Path) -> None:
    """--pelanggan with --tanpa-data-pribadi, or --sampai before --dari, is one line and exit 2."""
    for args in (["--pelanggan", "x", "--tanpa-data-pribadi"], ["--dari", "2026-11-02", "--sampai", "2026-11-01"]):
        hasil = runner.invoke(app, ["--arsip", str(tmp_path / "a.db"), "ekspor", *args])
        assert hasil.exit_code == 2 and hasil.stderr.startswith("Galat: ")


def test_ekspor_kosong_tetap_sah(tmp_path: Path) -> None:
    """An empty archive exports a valid empty JSON array and a header-only CSV."""
    arsip = buat_arsip(tmp_path / "a.db")  # as init leaves it: no complaint yet
    Arsip(arsip, pengaturan.muat(None)).tutup()
    assert json.loads(_ekspor(arsip, "--format", "json")) == []
    assert _ekspor(arsip).strip() == ",".join(impor.KOLOM)
    db = sqlite3.connect(arsip)
    assert db.execute("SELECT COUNT(*) FROM keluhan").fetchone() == (0,)
    db.close()


def test_ekspor_satu_snapshot_walau_ada_yang_mencatat(tmp_path_factory: pytest.TempPathFactory) -> None:
    """A step written while an export runs does not appear half-way: every row is as of the export's start."""
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from keluhan import ekspor
    from keluhan.workflow import Aksi

    demo = arsip_demo(tmp_path_factory)
    pembaca = Arsip(demo, pengaturan.muat(None))
    penulis = Arsip(demo, pengaturan.muat(None))
    try:
        awal = {b["nomor"]: b for b in ekspor.baris(pembaca.db)}["010/KP/BBSPJIKFK/XI/2026"]
        aliran = ekspor.baris(pembaca.db)
        pertama = next(aliran)
        penulis.langkah("010/KP/BBSPJIKFK/XI/2026", Aksi.VALIDASI_BENAR, petugas="Dedi",
                        waktu=datetime(2026, 11, 20, 9, 0, tzinfo=ZoneInfo("Asia/Jakarta")),
                        rincian={"tim_teknis": "Lembaga Sertifikasi Produk"})
        sisa = {b["nomor"]: b for b in aliran}
        assert pertama["nomor"] == "001/KP/BBSPJIKFK/X/2026"
        sepuluh = sisa["010/KP/BBSPJIKFK/XI/2026"]
        assert sepuluh == awal and (sepuluh["status"], sepuluh["validasi"]) == ("dicatat", None)
        assert not pembaca.db.in_transaction
        baru = {b["nomor"]: b for b in ekspor.baris(pembaca.db)}["010/KP/BBSPJIKFK/XI/2026"]
        assert baru["status"] == "divalidasi" and baru["riwayat"] == [*awal["riwayat"], baru["riwayat"][-1]]
        assert baru["riwayat"][-1]["aksi"] == "validasi_benar"
    finally:
        pembaca.tutup()
        penulis.tutup()


def test_xlsx_untuk_yang_membukanya(tmp_path_factory: pytest.TempPathFactory, tmp_path: Path) -> None:
    """The xlsx export: text cells for numbers, phones and ids, real date cells, a frozen header, one event a row."""
    import openpyxl
    from datetime import datetime

    demo = arsip_demo(tmp_path_factory)
    tujuan = tmp_path / "ekspor.xlsx"
    hasil = runner.invoke(app, ["--arsip", str(demo), "ekspor", "--format", "xlsx", "--keluar", str(tujuan)])
    assert hasil.exit_code == 0, hasil.output
    buku = openpyxl.load_workbook(tujuan)
    assert buku.sheetnames == ["Keluhan", "Riwayat"]
    lk, lr = buku["Keluhan"], buku["Riwayat"]
    assert lk.freeze_panes == "A2" and lr.freeze_panes == "A2"
    kepala = [c.value for c in lk[1]]
    assert kepala == [k for k in impor.KOLOM if k != "riwayat"]
    baris = {c.value: r for r in lk.iter_rows(min_row=2) for c in r[:1]}
    pertama = baris["001/KP/BBSPJIKFK/X/2026"]
    sel = dict(zip(kepala, pertama))
    telepon = next(dict(zip(kepala, r))["telepon"] for r in baris.values() if dict(zip(kepala, r))["telepon"].value)
    assert (telepon.data_type, telepon.number_format) == ("s", "@") and telepon.value.startswith("0")
    assert sel["nomor"].number_format == "@"
    assert isinstance(sel["dicatat"].value, datetime) and sel["dicatat"].is_date
    assert [c.value for c in lr[1]] == list(impor.KOLOM_RIWAYAT)
    aksi = [r[1].value for r in lr.iter_rows(min_row=2) if r[0].value == "001/KP/BBSPJIKFK/X/2026"]
    assert aksi == ["validasi_benar", "tindak", "verifikasi_terima", "informasikan", "kepuasan", "efektivitas", "efektivitas"]
    assert runner.invoke(app, ["--arsip", str(demo), "ekspor", "--format", "xlsx"]).exit_code == 2


def test_pemisah_titik_koma_untuk_excel_indonesia(tmp_path_factory: pytest.TempPathFactory) -> None:
    """--pemisah ';' writes a CSV an Indonesian-locale Excel splits into columns; an unknown one is refused."""
    demo = arsip_demo(tmp_path_factory)
    teks = _ekspor(demo, "--pemisah", ";")
    baris = list(csv.reader(io.StringIO(teks), delimiter=";"))
    assert baris[0][:3] == ["nomor", "nama", "instansi"] and len(baris) == 1 + jumlah_keluhan()
    for salah in (["--pemisah", "|"], ["--pemisah", ";", "--format", "json"]):
        hasil = runner.invoke(app, ["--arsip", str(demo), "ekspor", *salah])
        assert hasil.exit_code == 2 and hasil.stderr.count("\n") == 1, hasil.output


def test_pelanggan_senama_tidak_diungkap(tmp_path_factory: pytest.TempPathFactory) -> None:
    """--pelanggan 'Hendra Wijaya' with a namesake is refused listing both; by e-mail or phone it finds one person."""
    demo = arsip_demo(tmp_path_factory)
    with sqlite3.connect(demo) as db:  # the demo's own Hendra Wijaya (its e-mail complaint) is one more namesake
        senama_demo = db.execute("SELECT COUNT(DISTINCT lower(email)) FROM keluhan WHERE lower(nama) = 'hendra wijaya'").fetchone()[0]
    db.close()
    a = Arsip(demo, pengaturan.muat(None))
    for nama, email, telepon, instansi in (("Hendra Wijaya", "hendra@sinar.id", "0812-3333-4444", "PT Sinar"),
                                            ("hendra  wijaya", "hw@maju.id", "+62 813 5555 6666", "CV Maju")):
        a.catat(petugas="Rina", isian={"nama": nama, "email": email, "telepon": telepon, "instansi": instansi,
                                      "media": "email", "uraian": "Sertifikat terlambat"})
    a.tutup()
    hasil = runner.invoke(app, ["--arsip", str(demo), "ekspor", "--pelanggan", "Hendra Wijaya"])
    assert hasil.exit_code == 2 and hasil.stdout == ""
    assert f"dipakai {senama_demo + 2} pelanggan" in hasil.stderr and "hendra@sinar.id" in hasil.stderr and "hw@maju.id" in hasil.stderr
    assert [k["email"] for k in json.loads(_ekspor(demo, "--pelanggan", "HW@maju.id"))] == ["hw@maju.id"]
    assert [k["email"] for k in json.loads(_ekspor(demo, "--pelanggan", "0813-5555-6666"))] == ["hw@maju.id"]
    assert [k["email"] for k in json.loads(_ekspor(demo, "--pelanggan", "+62 812 3333 4444"))] == ["hendra@sinar.id"]


def test_ekspor_bicara_hanya_di_terminal(tmp_path_factory: pytest.TempPathFactory, tmp_path: Path) -> None:
    """With stderr on a terminal ekspor --keluar says how many it wrote; piped (cron) it says nothing."""
    import sys

    from _bantu_kantor import env
    from _terminal import stderr_di_terminal

    demo = arsip_demo(tmp_path_factory)
    perintah = [sys.executable, "-m", "keluhan", "--arsip", str(demo), "ekspor", "--keluar", str(tmp_path / "e.csv")]
    kode_keluar, _, layar = stderr_di_terminal(perintah, env())
    assert kode_keluar == 0
    assert f"{jumlah_keluhan()} keluhan diekspor ke".encode() in layar
    pipa = keluhan("--arsip", str(demo), "ekspor", "--keluar", str(tmp_path / "f.csv"))
    assert pipa.returncode == 0 and pipa.stderr == ""


def _arsip_rumit(tmp_path_factory: pytest.TempPathFactory, tmp_path: Path) -> Path:
    """The demo's archive (rework rounds, an appeal, corrections, a void) plus a complaint whose
    text holds everything a CSV cell or a JSON string must escape (a backslash too), a correction of personal
    data, and a stored attachment."""
    demo = arsip_demo(tmp_path_factory)
    aneh = 'Kata "kutip", koma; titik koma\ttab\r\nbaris baru\x1b[31m kendali \u202e bidi é 日本'
    petugas = 'Rina "Admin", S.Kom.'
    hasil = keluhan("--arsip", str(demo), "--petugas", "Rina Wulandari", "petugas", "tambah", petugas,
                    "--nip", "198001012005011009", "--jabatan", "Petugas PJTK", "--alasan", "Surat tugas 1/2026")
    assert hasil.returncode == 0, hasil.stderr
    hasil = keluhan("--arsip", str(demo), "--petugas", petugas, "catat", "--nama", 'PT "Koma, Titik"',
                    "--media", "email", "--uraian", aneh, "--alamat", "Jl. A, No. 1\nJakarta", "--telepon", "0812-345-678",
                    "--referensi", "LHU\\01/2026",  # a backslash: JSON escapes it, CSV does not quote it
                    "--waktu", "2026-11-20 09:00", "--json")
    assert hasil.returncode == 0, hasil.stderr
    nomor = json.loads(hasil.stdout)["nomor"]
    for args in (("koreksi", nomor, "--kolom", "nama", "--nilai", "PT Baru, \"Tbk\"", "--alasan", "Salah ketik"),
                 ("koreksi", nomor, "--kolom", "uraian", "--nilai", aneh + " lagi", "--alasan", "Tambah")):
        hasil = keluhan("--arsip", str(demo), "--petugas", petugas, *args)
        assert hasil.returncode == 0, hasil.stderr
    bukti = tmp_path / "surat.txt"
    bukti.write_bytes(b"Surat keluhan \x00\xff asli")
    hasil = keluhan("--arsip", str(demo), "--petugas", petugas, "lampirkan", nomor, str(bukti), "--keterangan", 'Surat "asli"')
    assert hasil.returncode == 0, hasil.stderr
    return demo


@pytest.mark.parametrize(("format", "pemisah", "tanpa", "isi"), [
    ("csv", ",", False, False), ("csv", ";", True, False), ("csv", "\t", False, False), ("csv", ",", True, True),
    ("ndjson", ",", False, True), ("ndjson", ",", True, True), ("ndjson", ",", False, False),
])
def test_ekspor_sekali_sql_sama_byte_dengan_baris_python(
    tmp_path_factory: pytest.TempPathFactory, tmp_path: Path, format: str, pemisah: str, tanpa: bool, isi: bool,
) -> None:
    """The one-pass SQL export (csv with each separator, ndjson; personal data blanked or not; attachments'
    bytes or not) writes byte for byte what the row-by-row writer writes from ekspor.baris."""
    from keluhan import ekspor

    demo = _arsip_rumit(tmp_path_factory, tmp_path)
    db = sqlite3.connect(f"file:{demo}?mode=ro", uri=True)
    try:
        lama, baru = io.StringIO(), io.StringIO()
        n_lama = ekspor.tulis(ekspor.baris(db, mentah=True, tanpa_data_pribadi=tanpa, isi_lampiran=isi), lama, format,
                              pemisah=pemisah)
        n_baru = ekspor.tulis_sql(db, baru, format, pemisah=pemisah, tanpa_data_pribadi=tanpa, isi_lampiran=isi)
        semua = db.execute("SELECT COUNT(*) FROM keluhan").fetchone()[0]
    finally:
        db.close()
    assert n_lama == n_baru == semua
    assert baru.getvalue() == lama.getvalue()
    teks = baru.getvalue()
    assert ("PT Baru" in teks) != tanpa and "surat.txt" in teks and "日本" in teks  # a corrected name is personal data
    assert ("isi_base64" in teks) == (isi and not tanpa)  # the files' bytes carry personal data too
    if format == "csv":
        assert len(list(csv.reader(io.StringIO(teks), delimiter=pemisah))) == semua + 1


def test_ekspor_cli_memakai_jalur_sql(tmp_path_factory: pytest.TempPathFactory, tmp_path: Path) -> None:
    """`keluhan ekspor` (csv to a file with each separator, ndjson to stdout and to a file) writes what the
    row-by-row writer writes, a filtered period and a customer's request included."""
    from keluhan import ekspor

    demo = _arsip_rumit(tmp_path_factory, tmp_path)
    berkas = tmp_path / "e.csv"
    hasil = keluhan("--arsip", str(demo), "ekspor", "--keluar", str(berkas))
    assert hasil.returncode == 0, hasil.stderr
    db = sqlite3.connect(f"file:{demo}?mode=ro", uri=True)
    try:
        harap = io.StringIO()
        ekspor.tulis(ekspor.baris(db, mentah=True), harap, "csv")
        assert berkas.read_bytes() == b"\xef\xbb\xbf" + harap.getvalue().encode("utf-8")
        for args, kw in ((["--dari", "2026-10-05", "--sampai", "2026-11-20"], {"dari": "2026-10-05", "sampai": "2026-11-20"}),
                         (["--pelanggan", "+62 812 345 678"], {"pelanggan": "+62 812 345 678"})):
            hasil = keluhan("--arsip", str(demo), "ekspor", "--format", "ndjson", *args)
            assert hasil.returncode == 0, hasil.stderr
            from datetime import date

            nilai = {k: (date.fromisoformat(v) if k in ("dari", "sampai") else v) for k, v in kw.items()}
            harap = io.StringIO()
            n = ekspor.tulis(ekspor.baris(db, mentah=True, isi_lampiran=True, **nilai), harap, "ndjson")
            assert n >= 1 and hasil.stdout == harap.getvalue()
            # to a file, the lines go out as SQLite's bytes (the customer's look-up still folds str)
            berkas = tmp_path / f"e-{len(args)}.ndjson"
            hasil = keluhan("--arsip", str(demo), "ekspor", "--format", "ndjson", *args, "--keluar", str(berkas))
            assert hasil.returncode == 0, hasil.stderr
            assert berkas.read_bytes() == harap.getvalue().encode("utf-8")
        for pemisah, tanda in ((";", ";"), ("tab", "\t")):
            berkas = tmp_path / f"e-{pemisah}.csv"
            hasil = keluhan("--arsip", str(demo), "ekspor", "--pemisah", pemisah, "--keluar", str(berkas))
            assert hasil.returncode == 0, hasil.stderr
            harap = io.StringIO()
            ekspor.tulis(ekspor.baris(db, mentah=True), harap, "csv", pemisah=tanda)
            assert berkas.read_bytes() == b"\xef\xbb\xbf" + harap.getvalue().encode("utf-8")
    finally:
        db.close()


def test_kueri_ekspor_memakai_indeks(tmp_path: Path) -> None:
    """The export's one query walks keluhan in the register's order through keluhan_dicatat_nomor (nothing
    sorted), each complaint's events through riwayat_keluhan and its last CAPA round through tindakan's key."""
    from keluhan import ekspor, migrasi

    db = sqlite3.connect(":memory:")
    migrasi.terapkan(db, "2026-01-01T00:00:00+07:00")
    ekspor.pasang_fungsi(db)
    for format in ("csv", "ndjson"):
        rencana = [r[3] for r in db.execute("EXPLAIN QUERY PLAN " + ekspor.sql_ekspor(format, isi_lampiran=True))]
        assert "SCAN k USING INDEX keluhan_dicatat_nomor" in rencana, rencana
        assert not any("TEMP B-TREE" in r for r in rencana), rencana
        assert any(r.startswith("SEARCH r USING INDEX riwayat_keluhan (keluhan_id=?)") for r in rencana), rencana
        assert any(r.startswith("SEARCH t2 USING COVERING INDEX sqlite_autoindex_tindakan_1 (keluhan_id=?)")
                   for r in rencana), rencana
        assert not any(r.startswith("SCAN") and r != "SCAN k USING INDEX keluhan_dicatat_nomor"
                       and not r.startswith("SCAN (subquery") for r in rencana), rencana
    db.close()


def test_xlsx_membawa_sidik_lampiran_bukan_isinya(catat, jalankan, arsip: Path, tmp_path: Path) -> None:
    """An archive with a scanned letter larger than one Excel cell exports to xlsx: the attachment's event
    carries its sha256 and size (as in CSV), not its bytes; json still carries them."""
    import openpyxl

    nomor = catat()
    surat = tmp_path / "surat-pindai.pdf"
    surat.write_bytes(b"%PDF-1.7\n" + os.urandom(40_000))  # base64 of it: ~53,000 characters
    assert jalankan("lampirkan", nomor, str(surat)).exit_code == 0
    tujuan = tmp_path / "semua.xlsx"
    r = jalankan("ekspor", "--format", "xlsx", "--keluar", str(tujuan))
    assert r.exit_code == 0, r.stderr
    lr = openpyxl.load_workbook(tujuan)["Riwayat"]
    rincian = [json.loads(b[5].value) for b in lr.iter_rows(min_row=2) if b[1].value == "lampirkan"]
    assert len(rincian) == 1 and rincian[0]["ukuran"] == surat.stat().st_size and "isi_base64" not in rincian[0]
    assert len(rincian[0]["sha256"]) == 64
    assert "isi_base64" in _ekspor(arsip, "--format", "json")


def test_xlsx_nilai_terlalu_panjang_satu_baris_galat(catat, arsip: Path, tmp_path: Path) -> None:
    """A description longer than an Excel cell: in a real process, one Galat line naming the complaint and the
    column, exit 1, no traceback from the half-written workbook, no file left."""
    nomor = catat(uraian="kata " * 7000)
    tujuan = tmp_path / "semua.xlsx"
    hasil = keluhan("--arsip", str(arsip), "ekspor", "--format", "xlsx", "--keluar", str(tujuan))
    assert hasil.returncode == 1 and hasil.stdout == ""
    assert hasil.stderr.splitlines() == [
        f"Galat: Keluhan {nomor}, kolom uraian: nilai lebih dari 32767 karakter, batas satu sel Excel; "
        "ekspor sebagai --format json atau ndjson."]
    assert not tujuan.exists() and [p.name for p in tmp_path.iterdir() if "xlsx" in p.name] == []


def test_xlsx_teks_berawalan_sama_dengan_bukan_rumus(catat, jalankan, arsip: Path, tmp_path: Path) -> None:
    """A customer's text beginning with '=' (a name taken from an e-mail's sender) is a text cell in the xlsx export,
    never a live formula, and imports back as the same text."""
    import openpyxl

    nama, uraian = '=HYPERLINK("http://contoh.invalid","klik")', "=1+1 hasil uji tidak sesuai"
    nomor = catat(nama=nama, uraian=uraian)
    tujuan = tmp_path / "semua.xlsx"
    r = jalankan("ekspor", "--keluar", str(tujuan))
    assert r.exit_code == 0, r.stderr
    buku = openpyxl.load_workbook(tujuan)
    rumus = [c.coordinate for ws in buku for b in ws.iter_rows() for c in b if c.data_type == "f"]
    assert rumus == []
    kepala = [c.value for c in buku["Keluhan"][1]]
    baris = dict(zip(kepala, [c.value for c in buku["Keluhan"][2]]))
    assert (baris["nomor"], baris["nama"], baris["uraian"]) == (nomor, nama, uraian)
    baru = buat_arsip(tmp_path / "baru.db")
    hasil = keluhan("--arsip", str(baru), "impor", str(tujuan), "--jalankan")
    assert hasil.returncode == 0, hasil.stdout + hasil.stderr
    k = json.loads(keluhan("--arsip", str(baru), "lihat", nomor, "--json").stdout)
    assert (k["nama"], k["uraian"]) == (nama, uraian)
