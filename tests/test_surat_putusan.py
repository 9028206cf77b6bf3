"""The letter of an accepted appeal (issue 15): once ``putusan --diterima`` sends the complaint back for a new CAPA
round, the customer gets a surat hasil of the decision itself (ISO/IEC 17025 7.9.5 and 7.9.7, ISO/IEC 17065 7.13),
dated at it: the appeal and its grounds, the decision and its grounds, the Tim Teknis handling it again, that the new
result follows in its own letter, no further appeal (one per complaint) and no rating yet (the new result asks for
it). Markdown, HTML printed by headless Chromium and WeasyPrint's PDF/A, through the CLI on real archives."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import BERIKUT, PETUGAS_TEKNIS, PETUGAS_VERIFIKASI, langkah_cli
from keluhan.workflow import Aksi, Status

DITERIMA = BERIKUT  # Mon 9 Nov 2026 09:00: after every step `sampai` records


def _diterima(sampai, jalankan) -> str:
    """An appeal (Thu 5 Nov) accepted on Mon 9 Nov 09:00, sent to the Tim Inspeksi."""
    nomor = sampai(Status.BANDING)
    args, petugas = langkah_cli(Aksi.PUTUSAN_DITERIMA, nomor)
    r = jalankan(*args, "--teruskan-ke", "Tim Inspeksi", "--waktu", DITERIMA, petugas=petugas)
    assert r.exit_code == 0, r.stderr
    return nomor


def _surat(jalankan, nomor: str, fmt: str = "md") -> str:
    r = jalankan("formulir", nomor, "--jenis", "surat-hasil", "--format", fmt)
    assert (r.exit_code, r.stderr) == (0, ""), r.stderr
    return " ".join(r.stdout.split())


def _isi_putusan(teks: str, nomor: str) -> None:
    """What the decision's letter says, in whichever format (markup stripped by the caller)."""
    assert "Jakarta, 9 November 2026" in teks
    assert f"Putusan Banding atas Keluhan Nomor {nomor}" in teks
    assert "Menindaklanjuti banding Saudara yang kami terima pada 5 November 2026 atas hasil penanganan keluhan " \
           f"nomor {nomor} yang kami sampaikan pada 3 November 2026" in teks
    assert "Hasil uji ulang tetap tidak sesuai" in teks  # the customer's grounds
    assert "Banding diterima" in teks and "diputus pada 9 November 2026" in teks
    assert "Uji ulang oleh analis lain disetujui" in teks  # the decision's grounds
    assert "ditangani ulang oleh Tim Inspeksi" in teks
    assert "surat hasil penanganan tersendiri" in teks and "kabar kemajuannya" in teks
    assert "satu keluhan dapat dibanding satu kali" in teks
    assert "dapat mengajukan banding" not in teks  # no second appeal
    assert "penilaian" not in teks  # the rating is asked with the new result


@pytest.mark.parametrize("tahap", ["diputus", "tindak"])
def test_surat_putusan_diterima_md(sampai, jalankan, tahap: str) -> None:
    """Right after the decision, and while the new round is with the Tim Teknis (ditindaklanjuti), the surat hasil is
    the letter of the decision, dated at it."""
    nomor = _diterima(sampai, jalankan)
    if tahap == "tindak":
        r = jalankan("tindak", nomor, "--koreksi", "Uji ulang oleh analis lain", "--pencegahan", "Uji banding rutin",
                     "--waktu", "2026-11-10 10:00", petugas=PETUGAS_TEKNIS)
        assert r.exit_code == 0, r.stderr
    teks = _surat(jalankan, nomor).replace("**", "").replace("\\", "")
    _isi_putusan(teks, nomor)


def test_surat_sesudah_penanganan_ulang_hasil_baru(sampai, jalankan) -> None:
    """Once the new round is verified the surat hasil is the letter of the new result again, dated at its
    informasikan and saying it answers the accepted appeal."""
    nomor = _diterima(sampai, jalankan)
    for args, petugas, waktu in (
        (["tindak", nomor, "--koreksi", "Uji ulang oleh analis lain", "--pencegahan", "Uji banding rutin"],
         PETUGAS_TEKNIS, "2026-11-10 10:00"),
        (["verifikasi", nomor, "--terima"], PETUGAS_VERIFIKASI, "2026-11-10 11:00"),
        (["informasikan", nomor, "--media", "email"], None, "2026-11-10 13:00"),
    ):
        r = jalankan(*args, "--waktu", waktu, petugas=petugas)
        assert r.exit_code == 0, r.stderr
    teks = _surat(jalankan, nomor).replace("**", "")
    assert "Jakarta, 10 November 2026" in teks and f"Hasil Penanganan Keluhan Nomor {nomor}" in teks
    assert "Hasil di atas adalah penanganan ulang atas banding Saudara" in teks
    assert "Uji ulang oleh analis lain" in teks and "Putusan Banding atas" not in teks


def test_surat_putusan_html_chromium_dan_pdf(sampai, jalankan, tmp_path: Path) -> None:
    """The decision's letter as HTML, printed by headless Chromium, and as WeasyPrint's PDF/A-3b: one A4 page each,
    laid out as a person would sign it (tests/test_tata_letak.py's checks), saying the decision; the PDF's attached
    record carries the appeal and the decision the letter states, not who decided."""
    from _pdf_alat import jalan, poppler
    from test_tata_letak import _cetak, periksa_halaman

    nomor = _diterima(sampai, jalankan)
    html = _surat(jalankan, nomor, "html")
    assert "<b>Banding diterima</b>" in html
    for renderer in ("chromium", "weasyprint"):
        halaman = _cetak(jalankan, renderer, ["formulir", nomor, "--jenis", "surat-hasil"], tmp_path, "putusan")
        periksa_halaman(halaman, f"surat putusan ({renderer})")
        assert len(halaman) == 1, f"{renderer}: {len(halaman)} pages"
        _isi_putusan(" ".join(halaman[0].split()), nomor)
    pdf = tmp_path / "putusan-weasyprint.pdf"
    keluar = tmp_path / "lampiran.json"
    jalan(poppler("pdfdetach"), "-save", "1", "-o", keluar, pdf)
    data = json.loads(keluar.read_text(encoding="utf-8"))
    assert (data["putusan"], data["diputus"], data["putusan_alasan"], data["banding_alasan"]) == (
        "diterima", "2026-11-09T09:00:00+07:00", "Uji ulang oleh analis lain disetujui", "Hasil uji ulang tetap tidak sesuai")
    assert "petugas_putusan" not in data


def test_formulir_semua_memuat_surat_putusan(sampai, jalankan, tmp_path: Path) -> None:
    """formulir --semua writes the decision's letter beside the FPKP, the receipt and the FTKP of an accepted appeal."""
    nomor = _diterima(sampai, jalankan)
    r = jalankan("formulir", nomor, "--semua", "--keluar", f"{tmp_path}/")
    assert r.exit_code == 0, r.stderr
    nama = nomor.replace("/", "-")
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix == ".md") == sorted(
        f"{j}-{nama}.md" for j in ("fpkp", "ftkp", "surat-hasil", "tanda-terima"))
    assert "Putusan Banding atas Keluhan Nomor" in (tmp_path / f"surat-hasil-{nama}.md").read_text(encoding="utf-8")
