"""Evidence stored inside the archive (keluhan/lampiran.py): content-addressed, sniffed, guarded, checked."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from keluhan import lampiran
from keluhan.galat import GalatMasukan

DATA = Path(__file__).parent / "data"
PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
       b"\x00\x00\x00\rIDATx\xdac\xfc\xcf\xc0\xf0\x1f\x00\x05\x05\x02\x00_\xc8\xf1\xd2\x00\x00\x00\x00IEND\xaeB`\x82")


@pytest.fixture
def db(tmp_path: Path) -> sqlite3.Connection:
    c = sqlite3.connect(tmp_path / "a.db", isolation_level=None)
    c.executescript(lampiran.SKEMA)
    return c


@pytest.mark.parametrize(("isi", "mime"), [
    (PNG, "image/png"), (b"\xff\xd8\xff\xe0\x00\x10JFIF", "image/jpeg"), (b"%PDF-1.7\n%\xe2\xe3", "application/pdf"),
    (b"GIF89a\x01\x00", "image/gif"), (b"RIFF\x10\x00\x00\x00WEBPVP8 ", "image/webp"),
    (b"PK\x03\x04\x14\x00\x06\x00[Content_Types].xml", "application/vnd.openxmlformats-officedocument"),
    (b"PK\x03\x04\x14\x00\x00\x00foto.jpg", "application/zip"),
    (b"From: A <a@b.id>\r\nSubject: x\r\n\r\nisi", "message/rfc822"),
    (b"Return-Path: <a@b.id>\nDate: Mon, 30 Nov 2026", "message/rfc822"),
    ("Keluhan café, tertulis tangan\n".encode(), "text/plain"),
    (b"<!DOCTYPE html><html>", "text/html"), (b'<?xml version="1.0"?><svg xmlns="x"/>', "image/svg+xml"),
    (b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\xff\xff", "application/octet-stream"),
    (b"\x00\x01\x02\x03biner", "application/octet-stream"),
])
def test_mime_dari_isi(isi: bytes, mime: str) -> None:
    """The MIME type comes from the content's first bytes (an .exe stays octet-stream whatever its name)."""
    assert lampiran.sniff(isi) == mime


def test_eml_contoh_dikenali_sebagai_surel() -> None:
    """Every .eml fixture (Thunderbird, Gmail, Outlook ...) is sniffed as message/rfc822."""
    for f in (DATA / "eml").glob("*.eml"):
        assert lampiran.sniff(f.read_bytes()) == "message/rfc822", f.name


def test_disimpan_sekali_per_isi(db: sqlite3.Connection) -> None:
    """The same bytes attached twice are stored once, keyed by their sha256; returned as the event will carry them."""
    a = lampiran.simpan(db, PNG)
    b = lampiran.simpan(db, PNG)
    assert a == b == {"sha256": lampiran.sha256(PNG), "ukuran": len(PNG), "mime": "image/png"}
    assert db.execute("SELECT COUNT(*) FROM berkas_lampiran").fetchone()[0] == 1
    assert lampiran.ambil(db, a["sha256"]) == PNG
    assert lampiran.ukuran_total(db) == (1, len(PNG))


def test_tidak_dapat_diubah_atau_dihapus(db: sqlite3.Connection) -> None:
    """Stored evidence refuses UPDATE and DELETE from any client; only missing bytes may be filled in."""
    a = lampiran.simpan(db, PNG)
    with pytest.raises(sqlite3.DatabaseError, match="UPDATE ditolak"):
        db.execute("UPDATE berkas_lampiran SET isi = x'00' WHERE sha256 = ?", (a["sha256"],))
    with pytest.raises(sqlite3.DatabaseError, match="DELETE ditolak"):
        db.execute("DELETE FROM berkas_lampiran")
    kosong = lampiran.simpan(db, None, sha="ab" * 32, ukuran=3, mime="text/plain")
    assert lampiran.ambil(db, kosong["sha256"]) is None
    with pytest.raises(sqlite3.DatabaseError, match="UPDATE ditolak"):
        db.execute("UPDATE berkas_lampiran SET ukuran = 4 WHERE sha256 = ?", ("ab" * 32,))


def test_periksa_menemukan_byte_dibalik_dan_yang_hilang(db: sqlite3.Connection) -> None:
    """A flipped byte (written past the triggers) and a deleted row are findings; bytes not included are a note."""
    a = lampiran.simpan(db, PNG)
    teks = lampiran.simpan(db, b"surat keberatan\n")
    lampiran.simpan(db, None, sha="cd" * 32, ukuran=10, mime="application/pdf")
    peristiwa = [(5, "001/KP", {**a, "nama": "foto.png"}), (6, "002/KP", {**teks, "nama": "surat.txt"}),
                 (7, "003/KP", {"sha256": "cd" * 32, "ukuran": 10, "nama": "scan.pdf"})]
    assert lampiran.periksa(db, iter(peristiwa)) == ([], [
        "Lampiran 'scan.pdf' keluhan 003/KP (peristiwa #7) tidak disertakan saat impor (hanya sidiknya yang tercatat)."])
    rusak = bytearray(PNG)
    rusak[20] ^= 0x01
    db.executescript("DROP TRIGGER berkas_lampiran_tolak_ubah; DROP TRIGGER berkas_lampiran_tolak_hapus;")
    db.execute("UPDATE berkas_lampiran SET isi = ? WHERE sha256 = ?", (bytes(rusak), a["sha256"]))
    db.execute("DELETE FROM berkas_lampiran WHERE sha256 = ?", (teks["sha256"],))
    temuan, _ = lampiran.periksa(db, iter(peristiwa))
    assert temuan == ["Lampiran 'foto.png' keluhan 001/KP (peristiwa #5) berubah: sha256 atau ukurannya tidak sama "
                      "dengan yang tercatat di riwayat.",
                      "Lampiran 'surat.txt' keluhan 002/KP (peristiwa #6) tidak ada di berkas_lampiran: berkasnya dihapus."]


def test_batas_ukuran_dan_berkas_tidak_sah(tmp_path: Path) -> None:
    """A file over the limit is refused before it is read whole; an empty file, a folder, a missing path too."""
    besar = tmp_path / "scan.pdf"
    with besar.open("wb") as f:
        f.truncate(2 * 1024 * 1024 + 1)
    with pytest.raises(GalatMasukan, match="lebih dari 2 MB"):
        lampiran.baca_berkas(besar, 2)
    (tmp_path / "kosong.txt").write_bytes(b"")
    with pytest.raises(GalatMasukan, match="kosong"):
        lampiran.baca_berkas(tmp_path / "kosong.txt", 2)
    for jalur in (tmp_path, tmp_path / "tidak-ada.pdf"):
        with pytest.raises(GalatMasukan, match="tidak ada atau bukan berkas biasa"):
            lampiran.baca_berkas(jalur, 2)
    assert lampiran.baca_berkas(besar, 3)[:1] == b"\x00"
