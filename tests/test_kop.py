"""The letterhead from settings (unit.logo, alamat, telepon, email, situs in keluhan.toml)
on every form and the recap, in every format, through the CLI on a real archive."""

from __future__ import annotations

import base64
import struct
import zlib
from pathlib import Path

import pytest

from _pdf_alat import halaman_teks, jalan, poppler
from conftest import satu_baris_galat
from keluhan.workflow import Status

ALAMAT = "Jl. Balai Kimia No. 7, Jakarta 13210"
KONTAK = (ALAMAT, "Telepon (021) 555-0123", "Email pjtk@balai-kimia.go.id", "https://balai-kimia.go.id")


def png_kecil(lebar: int = 8, tinggi: int = 8) -> bytes:
    """A valid grey PNG, built by hand (signature, IHDR, IDAT, IEND)."""
    def potong(jenis: bytes, isi: bytes) -> bytes:
        return struct.pack(">I", len(isi)) + jenis + isi + struct.pack(">I", zlib.crc32(jenis + isi) & 0xFFFFFFFF)

    baris = b"".join(b"\x00" + b"\x80" * lebar for _ in range(tinggi))
    return (b"\x89PNG\r\n\x1a\n" + potong(b"IHDR", struct.pack(">IIBBBBB", lebar, tinggi, 8, 0, 0, 0, 0))
            + potong(b"IDAT", zlib.compress(baris)) + potong(b"IEND", b""))


SVG = b'<svg xmlns="http://www.w3.org/2000/svg" width="40" height="40"><circle cx="20" cy="20" r="18" fill="#333"/></svg>'


def _pengaturan(arsip: Path, logo: str) -> None:
    (arsip.parent / "keluhan.toml").write_text(
        "[unit]\n"
        f'logo = "{logo}"\n'
        f'alamat = "{ALAMAT}"\n'
        'telepon = "(021) 555-0123"\n'
        'email = "pjtk@balai-kimia.go.id"\n'
        'situs = "https://balai-kimia.go.id"\n', encoding="utf-8")


@pytest.mark.parametrize("fmt", ["md", "html"])
@pytest.mark.parametrize("jenis", ["fpkp", "ftkp", "tanda-terima", "surat-hasil"])
def test_kop_dari_pengaturan_di_setiap_formulir(jalankan, sampai, arsip: Path, fmt: str, jenis: str) -> None:
    """Address, phone, e-mail and website from keluhan.toml are on every form; the HTML embeds the PNG logo as a data: URI."""
    nomor = sampai(Status.SELESAI)
    logo = png_kecil()
    (arsip.parent / "logo.png").write_bytes(logo)
    _pengaturan(arsip, "logo.png")  # relative to the settings file's folder
    r = jalankan("formulir", nomor, "--jenis", jenis, "--format", fmt)
    assert r.exit_code == 0, r.stderr
    for bagian in KONTAK:
        assert bagian in r.stdout.replace("\\", ""), bagian
    if fmt == "html":
        assert f'src="data:image/png;base64,{base64.b64encode(logo).decode()}"' in r.stdout
        assert "logo.png" not in r.stdout  # embedded, not linked


def test_kop_rekap_dan_logo_svg(jalankan, sampai, arsip: Path) -> None:
    """The recap carries the same letterhead; an SVG logo is embedded as image/svg+xml."""
    sampai(Status.SELESAI)
    (arsip.parent / "lambang.svg").write_bytes(SVG)
    _pengaturan(arsip, "lambang.svg")
    r = jalankan("rekap", "--bulan", "2026-11", "--format", "html")
    assert r.exit_code == 0, r.stderr
    assert f'src="data:image/svg+xml;base64,{base64.b64encode(SVG).decode()}"' in r.stdout
    assert all(bagian in r.stdout for bagian in KONTAK)
    r = jalankan("rekap", "--bulan", "2026-11", "--format", "md")
    assert all(bagian in r.stdout.replace("\\", "") for bagian in KONTAK)


def test_kop_di_pdf(jalankan, sampai, arsip: Path, tmp_path: Path) -> None:
    """The PDF shows the letterhead's contact line and holds the logo as an image."""
    nomor = sampai(Status.SELESAI)
    (arsip.parent / "logo.png").write_bytes(png_kecil(40, 40))
    _pengaturan(arsip, "logo.png")
    pdf = tmp_path / "surat.pdf"
    r = jalankan("formulir", nomor, "--jenis", "surat-hasil", "--keluar", str(pdf))
    assert r.exit_code == 0, r.stderr
    (halaman,) = halaman_teks(pdf)
    assert ALAMAT in halaman and "pjtk@balai-kimia.go.id" in halaman
    gambar = jalan(poppler("pdfimages"), "-list", pdf).splitlines()[2:]
    assert len(gambar) == 1 and gambar[0].split()[3:5] == ["40", "40"], gambar


@pytest.mark.parametrize(("isi", "pesan"), [
    (None, "Galat: Logo kop (unit.logo) tidak dapat dibaca: "),
    (b"GIF89a bukan png", "Galat: Logo kop (unit.logo) harus berkas PNG atau SVG: "),
    (b"\x89PNG\r\n\x1a\n" + b"0" * (1 << 20), "Galat: Logo kop (unit.logo) terlalu besar: "),
])
def test_logo_tidak_sah_ditolak(jalankan, sampai, arsip: Path, tmp_path: Path, isi: bytes | None, pesan: str) -> None:
    """A missing, foreign or oversized logo file is one line naming the setting, and no form is written."""
    nomor = sampai(Status.DICATAT)
    if isi is not None:
        (arsip.parent / "logo.png").write_bytes(isi)
    _pengaturan(arsip, "logo.png")
    keluar = tmp_path / "keluar"
    keluar.mkdir()
    r = jalankan("formulir", nomor, "--jenis", "tanda-terima", "--format", "html", "--keluar", f"{keluar}/")
    baris = satu_baris_galat(r, 2)
    assert baris.startswith(pesan + str(arsip.parent.resolve() / "logo.png"))
    if isi is None:  # the reason in Indonesian, not the C library's "No such file or directory"
        assert baris.endswith("logo.png (berkasnya tidak ada)."), baris
    assert list(keluar.iterdir()) == []


def test_init_menulis_kop_berkomentar(tmp_path: Path, jalankan, monkeypatch) -> None:
    """keluhan init writes the letterhead's logo, address, phone, e-mail and website settings, each with its comment."""
    kantor = tmp_path / "kantor"
    kantor.mkdir()
    monkeypatch.setenv("KELUHAN_ARSIP", str(kantor / "archive.db"))
    assert jalankan("init").exit_code == 0
    teks = (kantor / "keluhan.toml").read_text(encoding="utf-8")
    unit = teks.split("[unit]", 1)[1].split("\n[", 1)[0]
    for kunci in ("logo", "alamat", "telepon", "email", "situs"):
        baris = unit.splitlines()
        i = baris.index(f'{kunci} = ""')
        assert baris[i - 1].startswith("# "), f"{kunci} has no comment above it"


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_surat_hasil_tanggal_diterima_dari_diajukan(jalankan, catat, fmt: str) -> None:
    """The result letter says the complaint was received when the customer submitted it (--diajukan), not when it was typed in."""
    from conftest import PETUGAS_TEKNIS, PETUGAS_VERIFIKASI

    nomor = catat(diajukan="2026-10-30 15:00", waktu="2026-11-02 08:10")
    for args, petugas in (
        (["validasi", nomor, "--benar", "--teruskan-ke", "Laboratorium Pengujian"], None),
        (["tindak", nomor, "--koreksi", "LHU dikirim ulang", "--pencegahan", "Cek alamat"], PETUGAS_TEKNIS),
        (["verifikasi", nomor, "--terima"], PETUGAS_VERIFIKASI),
    ):
        assert jalankan(*args, "--waktu", "2026-11-03 10:00", petugas=petugas).exit_code == 0
    r = jalankan("formulir", nomor, "--jenis", "surat-hasil", "--format", fmt)
    assert r.exit_code == 0, r.stderr
    assert "kami terima pada 30 Oktober 2026" in r.stdout and "kami terima pada 2 November 2026" not in r.stdout
