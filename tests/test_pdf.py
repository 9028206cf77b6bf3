"""`--format pdf` (WeasyPrint, PDF/A-3b) and `formulir --semua`, through the CLI on real
archives. The PDF/A-3b check is structural (XMP pdfaid part and conformance, every font
embedded, the JSON attachment), read back with poppler-utils; no full validator is run."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from _pdf_alat import a4, halaman_teks, jalan, poppler
from conftest import PETUGAS_TEKNIS, PETUGAS_VERIFIKASI, env_subproses, satu_baris_galat
from keluhan.workflow import Status

FORMULIR = ["fpkp", "ftkp", "tanda-terima", "surat-hasil"]


def _nama(nomor: str) -> str:
    return nomor.replace("/", "-")


def _lampiran(pdf: Path, tmp_path: Path) -> dict:
    """The one JSON file attached to ``pdf`` (``pdfdetach -list`` / ``-save``)."""
    daftar = jalan(poppler("pdfdetach"), "-list", pdf)
    assert daftar.splitlines()[0] == "1 embedded files", daftar
    keluar = tmp_path / "lampiran.json"
    keluar.unlink(missing_ok=True)
    jalan(poppler("pdfdetach"), "-save", "1", "-o", keluar, pdf)
    return json.loads(keluar.read_text(encoding="utf-8"))


def _pdfa_struktural(pdf: Path, nama_lampiran: str) -> None:
    """The structural PDF/A-3b marks: XMP pdfaid part 3 conformance B, every font embedded,
    the named attachment present."""
    meta = jalan(poppler("pdfinfo"), "-meta", pdf)
    assert 'pdfaid:part="3"' in meta or "<pdfaid:part>3</pdfaid:part>" in meta, meta
    assert 'pdfaid:conformance="B"' in meta or "<pdfaid:conformance>B</pdfaid:conformance>" in meta, meta
    fonts = jalan(poppler("pdffonts"), pdf).splitlines()[2:]
    assert fonts, "no font in the PDF"
    for baris in fonts:
        # name type [encoding] emb sub uni object ID: 'emb' is the 5th column from the end
        assert baris.split()[-5] == "yes", f"font not embedded: {baris}"
    assert nama_lampiran in jalan(poppler("pdfdetach"), "-list", pdf)


@pytest.mark.parametrize("jenis", FORMULIR)
def test_formulir_pdf_a3b(jalankan, sampai, tmp_path: Path, jenis: str) -> None:
    """formulir --format pdf writes an A4 PDF/A-3b (structurally) with fonts embedded and the record's JSON attached."""
    nomor = sampai(Status.SELESAI)
    r = jalankan("formulir", nomor, "--jenis", jenis, "--format", "pdf", "--keluar", f"{tmp_path}/")
    assert (r.exit_code, r.stdout, r.stderr) == (0, "", "")
    pdf = tmp_path / f"{jenis}-{_nama(nomor)}.pdf"
    assert pdf.read_bytes().startswith(b"%PDF-")
    _pdfa_struktural(pdf, f"{jenis}-{_nama(nomor)}.json")
    a4(pdf)
    assert _lampiran(pdf, tmp_path)["nomor"] == nomor
    assert nomor in "".join(halaman_teks(pdf))


def test_rekap_pdf_a3b(jalankan, sampai, tmp_path: Path) -> None:
    """rekap --format pdf is landscape A4 PDF/A-3b with the whole recap JSON attached (the same as --format json)."""
    sampai(Status.SELESAI)
    tujuan = tmp_path / "rekap.pdf"
    r = jalankan("rekap", "--bulan", "2026-11", "--keluar", str(tujuan))  # the suffix says pdf
    assert r.exit_code == 0, r.stderr
    _pdfa_struktural(tujuan, "rekap-2026-11-01-2026-11-30.json")
    a4(tujuan, mendatar=True)
    j = jalankan("rekap", "--bulan", "2026-11", "--format", "json")
    assert _lampiran(tujuan, tmp_path) == json.loads(j.stdout)


def test_rekap_pdf_lampiran_terbatas(jalankan, catat, tmp_path: Path, monkeypatch) -> None:
    """A recap PDF lists at most MAKS_LAMPIRAN complaints and says how many more the attached JSON holds."""
    from keluhan import pdf

    monkeypatch.setattr(pdf, "MAKS_LAMPIRAN", 2)
    for i in range(5):
        catat(nama=f"Pelanggan {i}", waktu=f"2026-11-0{i + 2} 09:00")
    tujuan = tmp_path / "rekap.pdf"
    r = jalankan("rekap", "--bulan", "2026-11", "--format", "pdf", "--keluar", str(tujuan))
    assert r.exit_code == 0, r.stderr
    teks = "".join(halaman_teks(tujuan))
    assert "Pelanggan 0" in teks and "Pelanggan 1" in teks and "Pelanggan 4" not in teks
    assert "Dan 3 keluhan lainnya" in teks and "Dan 3 keluhan terbuka lainnya" in teks
    assert len(_lampiran(tujuan, tmp_path)["keluhan"]) == 5


def _dengan_catatan_internal(jalankan, catat) -> str:
    nomor = catat(nama="PT Kemas Jaya", email="qa@kemas.example")
    for args, petugas in (
        (["validasi", nomor, "--benar", "--teruskan-ke", "Laboratorium Pengujian", "--catatan", "RAHASIA-VALIDASI",
          "--waktu", "2026-11-02 10:00"], None),
        (["tindak", nomor, "--koreksi", "LHU dikirim ulang", "--pencegahan", "Cek alamat", "--waktu", "2026-11-03 10:00"],
         PETUGAS_TEKNIS),
        (["verifikasi", nomor, "--terima", "--catatan", "RAHASIA-VERIFIKASI", "--waktu", "2026-11-03 11:00"],
         PETUGAS_VERIFIKASI),
        (["informasikan", nomor, "--media", "email", "--catatan", "RAHASIA-INFORMASI", "--waktu", "2026-11-03 12:00"],
         None),
    ):
        r = jalankan(*args, petugas=petugas)
        assert r.exit_code == 0, r.stderr
    return nomor


@pytest.mark.parametrize("jenis", ["tanda-terima", "surat-hasil"])
def test_lampiran_formulir_pelanggan_tanpa_catatan_internal(jalankan, catat, tmp_path: Path, jenis: str) -> None:
    """A customer-facing form's attached JSON holds what the customer may see, never internal notes or the history."""
    nomor = _dengan_catatan_internal(jalankan, catat)
    pdf = tmp_path / f"{jenis}.pdf"
    r = jalankan("formulir", nomor, "--jenis", jenis, "--keluar", str(pdf))
    assert r.exit_code == 0, r.stderr
    data = _lampiran(pdf, tmp_path)
    teks = json.dumps(data, ensure_ascii=False)
    assert data["nomor"] == nomor and data["email"] == "qa@kemas.example"
    assert "RAHASIA" not in teks and "riwayat" not in data and "hash" not in teks
    if jenis == "surat-hasil":
        assert data["tindakan"]["koreksi"] == "LHU dikirim ulang"


def test_lampiran_fpkp_rekaman_lengkap(jalankan, catat, tmp_path: Path) -> None:
    """The FPKP (an internal form) carries the whole record, its notes and history included."""
    nomor = _dengan_catatan_internal(jalankan, catat)
    pdf = tmp_path / "fpkp.pdf"
    assert jalankan("formulir", nomor, "--jenis", "fpkp", "--keluar", str(pdf)).exit_code == 0
    data = _lampiran(pdf, tmp_path)
    lihat = json.loads(jalankan("lihat", nomor, "--json").stdout)
    assert data["catatan_validasi"] == "RAHASIA-VALIDASI" and data["riwayat"] == lihat["riwayat"]


def test_pdf_ke_pipa_dan_bukan_ke_terminal(jalankan, sampai, monkeypatch) -> None:
    """Piped, --format pdf writes the PDF bytes to stdout; on a terminal it is refused in one line."""
    from keluhan import cli

    nomor = sampai(Status.DICATAT)
    r = jalankan("formulir", nomor, "--jenis", "tanda-terima", "--format", "pdf")
    assert r.exit_code == 0 and r.stdout_bytes.startswith(b"%PDF-"), r.stderr
    monkeypatch.setattr(cli, "_tty", lambda: True)
    r = jalankan("formulir", nomor, "--jenis", "tanda-terima", "--format", "pdf")
    assert satu_baris_galat(r, 2).startswith("Galat: PDF tidak dicetak ke terminal")


def test_templat_tidak_mengambil_berkas_luar(jalankan, sampai, arsip: Path, tmp_path: Path) -> None:
    """An override template linking a local stylesheet gets nothing fetched into the PDF (data: URIs only)."""
    nomor = sampai(Status.DICATAT)
    css = tmp_path / "bocor.css"
    css.write_text('body::before { content: "ISI-BERKAS-LUAR"; }', encoding="utf-8")
    (arsip.parent / "templates").mkdir()
    (arsip.parent / "templates" / "tanda-terima.html.j2").write_text(
        f'<!DOCTYPE html><html><head><link rel="stylesheet" href="{css.as_uri()}"></head>'
        "<body><p>Tanda terima {{ data.nomor }}</p></body></html>", encoding="utf-8")
    pdf = tmp_path / "tt.pdf"
    r = jalankan("formulir", nomor, "--jenis", "tanda-terima", "--keluar", str(pdf))
    assert r.exit_code == 0, r.stderr
    teks = "".join(halaman_teks(pdf))
    assert f"Tanda terima {nomor}" in teks and "ISI-BERKAS-LUAR" not in teks


def test_pdf_tanpa_weasyprint(tmp_path: Path) -> None:
    """Without WeasyPrint, --format pdf is one Indonesian line naming keluhan[pdf], exit 2, and no file (a real process)."""
    kerja = tmp_path / "kantor"
    kerja.mkdir()
    env = env_subproses(KELUHAN_ARSIP=str(kerja / "archive.db"), KELUHAN_PETUGAS="Rina")
    # Python refuses to import a module whose sys.modules entry is None: WeasyPrint "not installed".
    tanpa = "import sys; sys.modules['weasyprint'] = None; from keluhan.cli import main; main()"
    jalan_ = lambda *a: subprocess.run([sys.executable, "-c", tanpa, *a], cwd=kerja, env=env,  # noqa: E731
                                       capture_output=True, text=True, timeout=120)
    assert jalan_("init").returncode == 0
    r = jalan_("catat", "--nama", "PT Roda", "--media", "surat", "--uraian", "Sertifikat terlambat",
               "--waktu", "2026-11-02 08:00")
    assert r.returncode == 0, r.stderr
    r = jalan_("formulir", "1/2026", "--jenis", "fpkp", "--keluar", str(kerja / "fpkp.pdf"))
    assert r.returncode == 2 and r.stdout == "", r.stderr
    assert r.stderr.count("\n") == 1 and "Traceback" not in r.stderr
    assert r.stderr.startswith("Galat: Format pdf memerlukan paket WeasyPrint: pip install 'keluhan[pdf]'")
    assert not (kerja / "fpkp.pdf").exists()
    r = jalan_("rekap", "--bulan", "2026-11", "--format", "pdf", "--keluar", f"{kerja}/")
    assert r.returncode == 2 and "keluhan[pdf]" in r.stderr
    assert sorted(p.name for p in kerja.iterdir()) == sorted(["archive.db", "keluhan.toml"])


# --------------------------------------------------------------------------- --semua

SEMUA = {
    Status.DICATAT: ["fpkp", "tanda-terima"],
    Status.DIVALIDASI: ["fpkp", "ftkp", "tanda-terima"],  # the blank FTKP for the Tim Teknis
    Status.TIDAK_VALID: ["fpkp", "surat-hasil", "tanda-terima"],
    Status.DITINDAKLANJUTI: ["fpkp", "ftkp", "tanda-terima"],
    Status.DIVERIFIKASI: ["fpkp", "ftkp", "surat-hasil", "tanda-terima"],
    Status.SELESAI: ["fpkp", "ftkp", "surat-hasil", "tanda-terima"],
    Status.BANDING: ["fpkp", "ftkp", "surat-hasil", "tanda-terima"],
}


@pytest.mark.parametrize("status", list(SEMUA), ids=lambda s: s.value)
def test_semua_menulis_formulir_yang_diizinkan_status(jalankan, sampai, tmp_path: Path, status: Status) -> None:
    """formulir ID --semua --keluar DIR/ writes exactly the forms the complaint's status allows."""
    nomor = sampai(status)
    folder = tmp_path / "f"
    folder.mkdir()
    r = jalankan("formulir", nomor, "--semua", "--keluar", f"{folder}/")
    assert r.exit_code == 0, r.stderr
    assert sorted(p.name for p in folder.iterdir()) == [f"{j}-{_nama(nomor)}.md" for j in SEMUA[status]]
    for j in SEMUA[status]:
        tunggal = jalankan("formulir", nomor, "--jenis", j)
        assert (folder / f"{j}-{_nama(nomor)}.md").read_text(encoding="utf-8") == tunggal.stdout


def test_semua_pdf(jalankan, sampai, tmp_path: Path) -> None:
    """--semua --format pdf writes every allowed form as a PDF/A-3b."""
    nomor = sampai(Status.SELESAI)
    r = jalankan("formulir", nomor, "--semua", "--format", "pdf", "--keluar", f"{tmp_path}/")
    assert r.exit_code == 0, r.stderr
    for j in FORMULIR:
        _pdfa_struktural(tmp_path / f"{j}-{_nama(nomor)}.pdf", f"{j}-{_nama(nomor)}.json")


def test_semua_semua_atau_tidak_sama_sekali(jalankan, sampai, tmp_path: Path) -> None:
    """One existing target refuses --semua before anything is written; --timpa replaces them all."""
    nomor = sampai(Status.SELESAI)
    folder = tmp_path / "f"
    folder.mkdir()
    ada = folder / f"surat-hasil-{_nama(nomor)}.md"
    ada.write_text("lama", encoding="utf-8")
    r = jalankan("formulir", nomor, "--semua", "--keluar", f"{folder}/")
    assert "sudah ada" in satu_baris_galat(r, 1)
    assert sorted(p.name for p in folder.iterdir()) == [ada.name]
    r = jalankan("formulir", nomor, "--semua", "--keluar", f"{folder}/", "--timpa")
    assert r.exit_code == 0, r.stderr
    assert len(list(folder.iterdir())) == 4 and ada.read_text(encoding="utf-8") != "lama"


@pytest.mark.parametrize(("args", "pesan"), [
    (["--semua"], "Galat: --semua menulis beberapa berkas: beri --keluar FOLDER/"),
    (["--semua", "--keluar", "satu.md"], "Galat: --semua menulis beberapa berkas: beri --keluar FOLDER/"),
    (["--semua", "--jenis", "fpkp", "--keluar", "./"], "Galat: Pilih salah satu: --jenis JENIS atau --semua."),
    ([], "Galat: opsi --jenis wajib diisi; pilihan: fpkp, ftkp, tanda-terima, surat-hasil, atau --semua --keluar "
         "FOLDER/ (bantuan: keluhan formulir --help)"),
])
def test_semua_salah_pakai(jalankan, sampai, tmp_path: Path, args: list[str], pesan: str, monkeypatch) -> None:
    """--semua without a folder, with --jenis, or neither given: one line, nothing written."""
    nomor = sampai(Status.DICATAT)
    kerja = tmp_path / "kerja"
    kerja.mkdir()
    monkeypatch.chdir(kerja)
    r = jalankan("formulir", nomor, *args)
    assert satu_baris_galat(r, 2).startswith(pesan)
    assert list(kerja.iterdir()) == []


def test_keluar_pdf_dari_akhiran(jalankan, sampai, tmp_path: Path) -> None:
    """formulir --keluar surat.pdf (no --format) writes a PDF, as rekap does from its suffix; .html an HTML page."""
    nomor = sampai(Status.SELESAI)
    assert jalankan("formulir", nomor, "--jenis", "surat-hasil", "--keluar", str(tmp_path / "s.pdf")).exit_code == 0
    assert (tmp_path / "s.pdf").read_bytes().startswith(b"%PDF-")
    assert jalankan("formulir", nomor, "--jenis", "surat-hasil", "--keluar", str(tmp_path / "s.html")).exit_code == 0
    assert (tmp_path / "s.html").read_text(encoding="utf-8").lstrip().lower().startswith("<!doctype html")


def test_lingkungan_ci_punya_weasyprint() -> None:
    """The test environment (make venv: keluhan[test,pdf]) has WeasyPrint and Pango, so no PDF test is skipped."""
    from keluhan import pdf

    assert pdf.tersedia(), "pip install -e '.[test,pdf]' and Pango (apt-get install libpango-1.0-0 libpangoft2-1.0-0)"
    assert os.environ.get("CI") is None or pdf.tersedia()


def test_dokumen_cetakan_gambar_ada() -> None:
    """docs/cetakan.md shows PNG renders of the FPKP, FTKP, surat hasil and recap that exist, and make gambar (not make test) regenerates them."""
    from conftest import REPO

    teks = (REPO / "docs" / "cetakan.md").read_text(encoding="utf-8")
    gambar = re.findall(r"!\[[^\]]*\]\((gambar/[^)]+\.png)\)", teks)
    assert {"gambar/fpkp.png", "gambar/ftkp.png", "gambar/surat-hasil.png", "gambar/rekap.png"} <= set(gambar)
    for g in gambar:
        assert (REPO / "docs" / g).read_bytes().startswith(b"\x89PNG\r\n\x1a\n"), g
    make = (REPO / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^gambar: .*\n\t\$\(BIN\)/python docs/buat_gambar.py$", make, re.M)
    uji = re.search(r"^test: .*\n((?:\t.*\n)+)", make, re.M).group(1)
    assert "gambar" not in uji
