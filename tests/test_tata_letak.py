"""Print layout as a person would sign it, on both renderers (they paginate differently):
each form and the recap (short and long fields, an empty month) printed by headless
Chromium from `--format html` and by WeasyPrint through `--format pdf`, real archives
through the CLI, read back page by page with `pdftotext -layout`.

What a clerk would send back, checked on every page: not A4; the FPKP of an ordinary
complaint on more than one page; a page whose only content is a signature block or a
table header; a section heading or table header as the last thing at a page's foot; a
header word broken inside ("Jumla" / "h") or spilling over the next column's words; an internal key (`tidak_diisi`) where a word
belongs; a table continued on a page without its header."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from _pdf_alat import a4, halaman_teks, kata_bertumpuk
from conftest import PETUGAS, PETUGAS_TEKNIS, PETUGAS_VERIFIKASI
from test_formulir import _pdf as _cetak_chromium

RENDERER = ["chromium", "weasyprint"]

# Lines of a signature block: the words above a signature, the officials' titles, the
# dotted line to sign on, the NIP, the place and date, the officers who sign.
_TTD = re.compile(
    r"(Dibuat|Diperiksa|Dicatat|Ditetapkan|Diverifikasi|Disampaikan) oleh,|Mengetahui,|Yang menerima,"
    r"|Petugas PJTK|Koordinator Tim PJTK|Manajer Mutu|Kepala Balai Besar|Tim Teknis[^\n]*?(?=\s{2,}|$)"
    r"|\(\.+\)|NIP [\d .]+|Jakarta, (\d+ \w+ \d{4}|\.+)"
    rf"|{PETUGAS}|{PETUGAS_TEKNIS}|{PETUGAS_VERIFIKASI}"
)
# The footer every page carries (@page margin boxes): form code, title, "Halaman x dari y".
_KAKI = re.compile(r"Halaman \d+ dari \d+|^\s*(F\.[\d.]+ Rev\.|Hasil Penanganan Keluhan|Tanda Terima|Formulir)")
# The header rows of the forms' tables, and the section headings (I. ..., II. ...).
KEPALA_TABEL = (
    ("Langkah", "Kegiatan", "Waktu", "Petugas"),
    ("No.", "Nomor Keluhan", "Tanggal Dicatat", "Pelanggan"),
    ("Langkah", "Mutu baku", "Jumlah", "Tak diukur", "Patuh"),
)
_JUDUL_BAGIAN = re.compile(r"^\s*(I|II|III|IV|V|VI|VII)\. [A-Z]")


def _baris_isi(halaman: str) -> list[str]:
    """A page's non-empty lines without its footer."""
    return [b for b in halaman.splitlines() if b.strip() and not _KAKI.search(b)]


def _hanya_ttd(baris: str) -> bool:
    return not _TTD.sub("", baris).strip(" ,")


def _kepala(baris: str) -> bool:
    """True for a line that is a table's header row (its words, nothing else)."""
    for kolom in KEPALA_TABEL:
        if all(k in baris for k in kolom):
            sisa = baris
            for k in kolom:
                sisa = sisa.replace(k, "", 1)
            if not re.sub(r"(Durasi Kerja|Mutu Baku|Media|Uraian Singkat|Tindakan|Tanggal Selesai|Hari Kerja|Status"
                          r"|Keterangan|% terukur|Patuh, susulan|Kerja|Selesai|susulan)", "", sisa).strip():
                return True
    return False


def periksa_halaman(halaman: list[str], nama: str) -> None:
    """No page is only a signature block, or only a table header; no page ends on a section
    heading or a table header; no header word broken; no internal key."""
    for i, h in enumerate(halaman, start=1):
        isi = _baris_isi(h)
        assert isi, f"{nama}: page {i} is empty"
        assert not all(_hanya_ttd(b) for b in isi), f"{nama}: page {i} holds only a signature block:\n{h}"
        assert not all(_kepala(b) or _JUDUL_BAGIAN.match(b) for b in isi), f"{nama}: page {i} holds only headers:\n{h}"
        if i < len(halaman):
            akhir = isi[-1]
            assert not (_kepala(akhir) or _JUDUL_BAGIAN.match(akhir)), f"{nama}: page {i} ends on a header: {akhir!r}"
        teks = "\n".join(isi)
        assert "tidak_diisi" not in teks, f"{nama}: page {i} shows the internal key tidak_diisi"
        for potong in ("Juml", "Patu", "diuku", "Tangga", "Keteranga"):
            for m in re.finditer(rf"\b{potong}\b", teks):
                pytest.fail(f"{nama}: page {i} breaks a header word: ...{teks[max(0, m.start() - 40):m.end() + 40]!r}")


def _cetak(jalankan, renderer: str, args: list[str], tmp_path: Path, nama: str) -> list[str]:
    """Print a form (``args`` = the formulir or rekap command) with ``renderer``; the PDF's page texts."""
    if renderer == "chromium":
        r = jalankan(*args, "--format", "html")
        assert r.exit_code == 0, r.stderr
        pdf = tmp_path / f"{nama}-chromium.pdf"
        pdf.write_bytes(_cetak_chromium(r.stdout, tmp_path, nama))
    else:
        pdf = tmp_path / f"{nama}-weasyprint.pdf"
        r = jalankan(*args, "--format", "pdf", "--keluar", str(pdf))
        assert r.exit_code == 0, r.stderr
    a4(pdf, mendatar=args[0] == "rekap")
    bertumpuk = kata_bertumpuk(pdf)
    assert not bertumpuk, f"{nama} ({renderer}): words drawn over one another (page, word, word): {bertumpuk[:5]}"
    return halaman_teks(pdf)


PANJANG = ("Sertifikat hasil uji nomor 1234/LHU/2026 yang kami terima berbeda dengan sampel yang kami kirim; "
           "nilai kadar air tercantum 12,5% padahal hasil uji internal kami 8,1%, dan nama produk salah tulis. ") * 9


def _keluhan_panjang(jalankan, catat) -> str:
    """A complaint with long fields, returned once at verification, then accepted and informed."""
    nomor = catat(nama="PT Kemasan Plastik Sejahtera Abadi Nusantara", instansi="Divisi Pengendalian Mutu dan "
                  "Jaminan Kualitas Produk Ekspor", alamat="Kawasan Industri Pulogadung Blok III No. 17-19, " * 3,
                  uraian=PANJANG, harapan=PANJANG[:600], layanan="pengujian", referensi="1234/LHU/2026")
    langkah = [
        (["validasi", nomor, "--benar", "--teruskan-ke", "Laboratorium Pengujian", "--catatan", PANJANG[:500]], PETUGAS),
        (["tindak", nomor, "--koreksi", PANJANG[:700], "--pencegahan", PANJANG[:500]], PETUGAS_TEKNIS),
        (["verifikasi", nomor, "--kembalikan", "--alasan", PANJANG[:300]], PETUGAS_VERIFIKASI),
        (["tindak", nomor, "--koreksi", PANJANG[:700], "--pencegahan", PANJANG[:500], "--akar-masalah", PANJANG[:400],
          "--korektif", PANJANG[:400]], PETUGAS_TEKNIS),
        (["verifikasi", nomor, "--terima", "--catatan", PANJANG[:300]], PETUGAS_VERIFIKASI),
        (["informasikan", nomor, "--media", "email", "--catatan", PANJANG[:300]], PETUGAS),
    ]
    for i, (args, petugas) in enumerate(langkah):
        r = jalankan(*args, "--waktu", f"2026-11-{3 + i:02d} 10:00", petugas=petugas)
        assert r.exit_code == 0, r.stderr
    return nomor


@pytest.mark.parametrize("renderer", RENDERER)
@pytest.mark.parametrize("jenis", ["fpkp", "ftkp", "tanda-terima", "surat-hasil"])
def test_formulir_pendek(jalankan, sampai, tmp_path: Path, renderer: str, jenis: str) -> None:
    """Each form of an ordinary complaint prints on A4 as a person would sign it; the FPKP, receipt and letter on one page."""
    from keluhan.workflow import Status

    nomor = sampai(Status.SELESAI)
    halaman = _cetak(jalankan, renderer, ["formulir", nomor, "--jenis", jenis], tmp_path, jenis)
    periksa_halaman(halaman, f"{jenis} ({renderer})")
    if jenis in ("fpkp", "tanda-terima", "surat-hasil"):
        assert len(halaman) == 1, f"{jenis} ({renderer}) takes {len(halaman)} pages"


@pytest.mark.parametrize("renderer", RENDERER)
@pytest.mark.parametrize("jenis", ["fpkp", "ftkp", "tanda-terima", "surat-hasil"])
def test_formulir_panjang(jalankan, catat, tmp_path: Path, renderer: str, jenis: str) -> None:
    """With long fields and two CAPA rounds, no page is only a signature block or a header, and the history table's
    header repeats on every page it continues on."""
    nomor = _keluhan_panjang(jalankan, catat)
    halaman = _cetak(jalankan, renderer, ["formulir", nomor, "--jenis", jenis], tmp_path, jenis)
    periksa_halaman(halaman, f"{jenis} panjang ({renderer})")
    if jenis == "fpkp":
        riwayat = [i for i, h in enumerate(halaman) if "Diterima dan dicatat" in h or "Tindakan ditetapkan" in h
                   or "Hasil disampaikan" in h]
        for i in riwayat:
            assert any(_kepala(b) for b in halaman[i].splitlines()), f"fpkp ({renderer}): page {i + 1} history without header"


@pytest.mark.parametrize("renderer", RENDERER)
def test_rekap_bulan_kosong(jalankan, tmp_path: Path, renderer: str) -> None:
    """The recap of an empty month keeps its signatures with the content above them, words for every key."""
    halaman = _cetak(jalankan, renderer, ["rekap", "--bulan", "2026-10"], tmp_path, "rekap-kosong")
    periksa_halaman(halaman, f"rekap kosong ({renderer})")
    teks = "".join(halaman)
    assert "Jumlah" in teks and "Tidak ada keluhan yang dicatat dalam periode ini." in teks


@pytest.mark.parametrize("renderer", RENDERER)
def test_rekap_panjang(jalankan, catat, tmp_path: Path, renderer: str) -> None:
    """A month of 45 complaints: the list's header repeats on each page, 'Jumlah' never breaks, an empty
    category reads 'Tidak diisi', no page ends on a header or holds only signatures."""
    for i in range(45):
        catat(nama=f"PT Pelanggan Nomor {i:02d} Sejahtera", uraian=PANJANG[: 60 + 7 * i],
              waktu=f"2026-11-{2 + i % 25:02d} 09:{i % 60:02d}", diajukan=None)
    halaman = _cetak(jalankan, renderer, ["rekap", "--bulan", "2026-11"], tmp_path, "rekap-panjang")
    periksa_halaman(halaman, f"rekap panjang ({renderer})")
    assert len(halaman) >= 3
    daftar = [i for i, h in enumerate(halaman) if re.search(r"PT Pelanggan Nomor \d\d", h)]
    for i in daftar:
        assert any(_kepala(b) for b in halaman[i].splitlines()), f"rekap ({renderer}): page {i + 1} list without header"
    assert "Tidak diisi" in "".join(halaman)


# Lengths of the customer's description that move the page break through the letter's
# closing paragraph, its signature and the copy list (and through the FPKP's history).
SAPUAN = [1100, 1400, 1700, 2000, 2300, 2600, 2900, 3200]


@pytest.mark.parametrize("renderer", RENDERER)
@pytest.mark.parametrize("jenis", ["surat-hasil", "fpkp", "tanda-terima"])
def test_batas_halaman_bergeser(jalankan, catat, tmp_path: Path, renderer: str, jenis: str) -> None:
    """Whatever the length of the description, the page break never leaves a signature block or a header alone."""
    for panjang in SAPUAN:
        nomor = catat(nama="PT Kemasan Plastik Sejahtera", uraian=(PANJANG * 4)[:panjang], harapan=PANJANG[:300])
        for args, petugas in (
            (["validasi", nomor, "--benar", "--teruskan-ke", "Laboratorium Pengujian"], PETUGAS),
            (["tindak", nomor, "--koreksi", PANJANG[:400], "--pencegahan", PANJANG[:300]], PETUGAS_TEKNIS),
            (["verifikasi", nomor, "--terima"], PETUGAS_VERIFIKASI),
            (["informasikan", nomor, "--media", "email"], PETUGAS),
        ):
            assert jalankan(*args, "--waktu", "2026-11-03 10:00", petugas=petugas).exit_code == 0
        halaman = _cetak(jalankan, renderer, ["formulir", nomor, "--jenis", jenis], tmp_path, f"{jenis}-{panjang}")
        periksa_halaman(halaman, f"{jenis} uraian {panjang} ({renderer})")


@pytest.mark.parametrize("renderer", RENDERER)
def test_riwayat_panjang_kepala_berulang(jalankan, catat, tmp_path: Path, renderer: str) -> None:
    """An FPKP whose history runs over a page (ten rounds returned at verification) repeats the history's header on
    the next page, keeps every row whole, and leaves no page to the signatures alone."""
    nomor = catat(uraian=PANJANG[:1200], harapan=PANJANG[:400])
    r = jalankan("validasi", nomor, "--benar", "--teruskan-ke", "Laboratorium Pengujian", "--waktu", "2026-11-02 09:00")
    assert r.exit_code == 0, r.stderr
    for i in range(10):
        hari = f"2026-11-{3 + i // 2:02d}"
        jam = "08:00" if i % 2 == 0 else "13:00"
        for args, petugas in (
            (["tindak", nomor, "--koreksi", f"Perbaikan putaran {i + 1}", "--pencegahan", "Cek silang"], PETUGAS_TEKNIS),
            (["verifikasi", nomor, "--kembalikan", "--alasan", f"Belum tuntas putaran {i + 1}"], PETUGAS_VERIFIKASI),
        ):
            jam = jam if args[0] == "tindak" else jam.replace(":00", ":30")
            r = jalankan(*args, "--waktu", f"{hari} {jam}", petugas=petugas)
            assert r.exit_code == 0, r.stderr
    halaman = _cetak(jalankan, renderer, ["formulir", nomor, "--jenis", "fpkp"], tmp_path, "fpkp-riwayat")
    periksa_halaman(halaman, f"fpkp riwayat panjang ({renderer})")
    dengan_riwayat = [i for i, h in enumerate(halaman) if re.search(r"Diverifikasi: dikembalikan|Tindakan ditetapkan", h)]
    assert len(dengan_riwayat) >= 2, f"the history should run over a page break ({renderer}): pages {dengan_riwayat}"
    for i in dengan_riwayat:
        assert any(_kepala(b) for b in halaman[i].splitlines()), f"fpkp ({renderer}): page {i + 1} history without header"
