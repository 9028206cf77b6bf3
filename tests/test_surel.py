"""E-mail complaints read from the message itself (keluhan/surel.py), on messages as real clients write them."""

from __future__ import annotations

from datetime import datetime
from email.message import EmailMessage
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from keluhan import surel
from keluhan.galat import GalatMasukan

DATA = Path(__file__).parent / "data" / "eml"
WIB = ZoneInfo("Asia/Jakarta")


def _baca(nama: str, zona: ZoneInfo = WIB) -> surel.Surel:
    return surel.baca(DATA / nama, zona)


def test_thunderbird_quoted_printable_dan_subjek_terkode() -> None:
    """Quoted-printable body with soft breaks and a Q-encoded UTF-8 subject: decoded, joined, the dash kept."""
    s = _baca("thunderbird-qp.eml")
    assert (s.nama, s.email) == ("Hendra Wijaya", "hendra.wijaya@ptmaju.co.id")
    assert s.subjek == "Keluhan LHU No. 1234/LP/XI/2026 – hasil uji kadar air"
    assert s.diajukan == datetime(2026, 11, 30, 14, 12, 5, tzinfo=WIB)
    assert "Nilai kadar air yang tercantum (12,5 %) berbeda jauh" in s.uraian
    assert s.uraian.endswith("Hendra Wijaya – PT Maju Bersama") and "=\n" not in s.uraian
    assert s.catatan == () and s.lampiran == ()


def test_gmail_base64_utc_dan_nama_terkode() -> None:
    """multipart/alternative from Gmail: the base64 text part wins over HTML; a UTC Date is shown in WIB (+7 h);
    a B-encoded subject and a Q-encoded sender name are decoded."""
    s = _baca("gmail-alternatif.eml")
    assert s.nama == "Renéta Sihombing" and s.email == "renata.sihombing@gmail.com"
    assert s.subjek == "Sertifikat kalibrasi belum diterima"
    assert s.diajukan == datetime(2026, 12, 1, 9, 5, 31, tzinfo=WIB)
    assert s.uraian.startswith("Selamat pagi,\n\nSertifikat kalibrasi timbangan kami (order KL-2026-088)")
    assert "<div" not in s.uraian and "<br>" not in s.uraian


def test_outlook_hanya_html() -> None:
    """An HTML-only Outlook message in Latin-1: text taken from the HTML (script and style dropped, entities decoded),
    the clerk told so; a +0800 Date converted to WIB."""
    s = _baca("outlook-html.eml")
    assert s.nama == "Siti Rahayu (CV Sinar)" and s.email == "siti@cvsinar.id"
    assert s.diajukan == datetime(2026, 11, 25, 8, 47, 10, tzinfo=WIB)
    assert "alert(1)" not in s.uraian and "margin" not in s.uraian
    assert "Tagihan pengujian no. INV-551 tidak sesuai penawaran" in s.uraian
    assert "Siti Rahayu & tim" in s.uraian and "Penawaran Rp 1.250.000" in s.uraian
    assert any("HTML" in c for c in s.catatan)


def test_lampiran_di_dalam_pesan() -> None:
    """Attachments inside the message are named (an RFC 2231 UTF-8 file name too), never read as the description."""
    s = _baca("dengan-lampiran.eml")
    assert s.uraian == "Kemasan sampel kami kembali dalam keadaan pecah. Foto terlampir."
    assert s.lampiran == ("foto sampel.png", "Surat keberatan – PT.pdf")
    assert s.isi == (DATA / "dengan-lampiran.eml").read_bytes()


@pytest.mark.parametrize("nama", ["tanpa-tanggal.eml", "tanggal-rusak.eml"])
def test_tanggal_tidak_ada_atau_rusak(nama: str) -> None:
    """A missing or unreadable Date gives no submission time (never 'now'), and a note telling the clerk what to do."""
    s = _baca(nama)
    assert s.diajukan is None
    assert any("--diajukan" in c for c in s.catatan)


def test_pengirim_tanpa_nama() -> None:
    """A bare address in From: no name, the address kept."""
    s = _baca("tanpa-tanggal.eml")
    assert (s.nama, s.email) == (None, "info@labmitra.co.id")


def test_tanggal_tanpa_zona_tidak_ditebak() -> None:
    """A Date with '-0000' (time zone unknown, RFC 5322) is not guessed into a submission time."""
    m = EmailMessage()
    m["From"], m["Subject"], m["Date"] = "A <a@b.id>", "x", "Mon, 30 Nov 2026 10:00:00 -0000"
    m.set_content("isi")
    assert surel.urai(m.as_bytes(), WIB).diajukan is None


def test_bukan_surel_ditolak(tmp_path: Path) -> None:
    """A file that is not a message (no From or Subject) is refused naming it; a file over the limit is refused unread."""
    f = tmp_path / "catatan.eml"
    f.write_bytes(b"ini hanya teks biasa\n")
    with pytest.raises(GalatMasukan, match="bukan pesan surel"):
        surel.baca(f, WIB)
    besar = tmp_path / "besar.eml"
    with besar.open("wb") as g:
        g.truncate(surel.BATAS_BYTE + 1)
    with pytest.raises(GalatMasukan, match="lebih dari 20 MB"):
        surel.baca(besar, WIB)
    with pytest.raises(GalatMasukan, match="tidak dapat dibaca"):
        surel.baca(tmp_path / "tidak-ada.eml", WIB)


def test_charset_tidak_dikenal_tetap_terbaca() -> None:
    """A body in a charset Python does not know is read as UTF-8 with replacement, not a crash."""
    isi = (b"From: X <x@y.id>\nSubject: s\nDate: Mon, 30 Nov 2026 10:00:00 +0700\n"
           b"Content-Type: text/plain; charset=x-tidak-ada\n\nKeluhan caf\xc3\xa9\n")
    s = surel.urai(isi, WIB)
    assert s.uraian == "Keluhan café"


def test_uraian_dengan_subjek() -> None:
    """The recorded description starts with the subject."""
    s = _baca("dengan-lampiran.eml")
    assert surel.uraian_dengan_subjek(s) == "Perihal: Sampel rusak saat pengembalian\n" + s.uraian
