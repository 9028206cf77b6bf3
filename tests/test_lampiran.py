"""Evidence inside the archive through the CLI: lampirkan, lampiran, periksa, catat --dari-eml."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import Jalankan, baca_db, potret, satu_baris_galat, ubah_db

DATA = Path(__file__).parent / "data"
SURAT = DATA / "surat-pindai.png"
EML = DATA / "eml"


def _lampirkan(jalankan: Jalankan, ref: str, berkas: Path, *opsi: str) -> dict:
    r = jalankan("lampirkan", ref, str(berkas), *opsi, "--json")
    assert r.exit_code == 0, r.stderr
    return json.loads(r.stdout)


def test_lampirkan_daftar_ambil(catat, jalankan: Jalankan, arsip: Path, tmp_path: Path) -> None:
    """A scanned letter is stored in the archive with its sha256 in the chain, listed, and written back byte-identical."""
    nomor = catat()
    hasil = _lampirkan(jalankan, "1/2026", SURAT, "--keterangan", "Surat keluhan asli")
    assert (hasil["nomor"], hasil["nama"], hasil["mime"], hasil["ukuran"]) == (nomor, "surat-pindai.png", "image/png",
                                                                             SURAT.stat().st_size)
    assert hasil["sha256"] == hashlib.sha256(SURAT.read_bytes()).hexdigest()
    peristiwa = baca_db(arsip, "SELECT aksi, status_dari, status_ke, rincian FROM riwayat ORDER BY urutan")[-1]
    assert (peristiwa["aksi"], peristiwa["status_dari"], peristiwa["status_ke"]) == ("lampirkan", None, None)
    assert json.loads(peristiwa["rincian"])["sha256"] == hasil["sha256"]  # hashed into the chain with the event
    r = jalankan("lampiran", "001/2026")
    assert r.exit_code == 0 and "surat-pindai.png" in r.stdout and "Surat keluhan asli" in r.stdout
    (tmp_path / "unduh").mkdir()
    r = jalankan("lampiran", "1/2026", "--ambil", "1", "--keluar", f"{tmp_path / 'unduh'}/")
    assert r.exit_code == 0, r.stderr
    assert (tmp_path / "unduh" / "surat-pindai.png").read_bytes() == SURAT.read_bytes()
    assert json.loads(jalankan("lampiran", "1/2026", "--json").stdout)[0]["disertakan"] is True
    assert baca_db(arsip, "SELECT nomor, nama, mime, disertakan FROM v_lampiran") == [
        {"nomor": nomor, "nama": "surat-pindai.png", "mime": "image/png", "disertakan": 1}]
    r = jalankan("periksa")
    assert r.exit_code == 0 and "1 berkas lampiran" in r.stdout
    assert "lampirkan" in jalankan("lihat", "1/2026").stdout  # shown in the history


def test_isi_sama_disimpan_sekali(catat, jalankan: Jalankan, arsip: Path, tmp_path: Path) -> None:
    """The same scan on two complaints: two events, one stored copy; the MIME type comes from the bytes, not the name."""
    catat()
    catat(nama="CV Lain")
    samaran = tmp_path / "bukan-gambar.txt"
    samaran.write_bytes(SURAT.read_bytes())
    assert _lampirkan(jalankan, "1/2026", SURAT)["mime"] == "image/png"
    assert _lampirkan(jalankan, "2/2026", samaran)["mime"] == "image/png"
    assert baca_db(arsip, "SELECT COUNT(*) AS n FROM berkas_lampiran") == [{"n": 1}]
    assert len(baca_db(arsip, "SELECT * FROM v_lampiran")) == 2


def test_penolakan_tidak_mengubah_arsip(catat, jalankan: Jalankan, arsip: Path, tmp_path: Path) -> None:
    """Refusals (no such file, empty file, over the settings' limit, unknown complaint, no such attachment,
    --keluar without --ambil, existing target) are one line each and leave the archive as it was."""
    catat()
    _lampirkan(jalankan, "1/2026", SURAT)
    (tmp_path / "keluhan.toml").write_text("[lampiran]\nbatas_mb = 1\n", encoding="utf-8")
    besar = tmp_path / "besar.pdf"
    with besar.open("wb") as f:
        f.write(b"%PDF-1.7\n")
        f.truncate(1024 * 1024 + 1)
    kosong = tmp_path / "kosong.png"
    kosong.write_bytes(b"")
    (tmp_path / "ada.png").write_bytes(b"lama")
    sebelum = potret(arsip)
    for args, pesan in [
        (("lampirkan", "1/2026", str(tmp_path / "tidak-ada.pdf")), "tidak ada atau bukan berkas biasa"),
        (("lampirkan", "1/2026", str(kosong)), "kosong"),
        (("lampirkan", "1/2026", str(besar)), "lebih dari 1 MB"),
        (("lampirkan", "99", str(SURAT)), "tidak ditemukan"),
        (("lampiran", "1/2026", "--ambil", "2", "--keluar", "x.png"), "tidak ada lampiran nomor 2"),
        (("lampiran", "1/2026", "--keluar", "x.png"), "--keluar hanya bersama --ambil"),
        (("lampiran", "1/2026", "--ambil", "1"), "--ambil memerlukan --keluar"),
        (("lampiran", "1/2026", "--ambil", "1", "--keluar", str(tmp_path / "ada.png")), "sudah ada"),
        (("lampiran", "1/2026", "--ambil", "1", "--keluar", str(arsip)), "arsip"),
    ]:
        r = jalankan(*args)
        baris = satu_baris_galat(r, r.exit_code if r.exit_code in (1, 2) else -1)
        assert pesan in baris, (args, baris)
    assert potret(arsip) == sebelum
    assert (tmp_path / "ada.png").read_bytes() == b"lama"


def test_nama_berkas_dari_arsip_bukan_jalur(catat, jalankan: Jalankan, arsip: Path, tmp_path: Path) -> None:
    """A stored name that reads like a path (written into the archive by hand) never escapes the target folder."""
    catat()
    _lampirkan(jalankan, "1/2026", SURAT)
    ubah_db(arsip, "DROP TRIGGER riwayat_tolak_ubah",
            "UPDATE riwayat SET rincian = json_set(rincian, '$.nama', '../../luar.png') WHERE aksi = 'lampirkan'")
    (tmp_path / "unduh").mkdir()
    r = jalankan("lampiran", "1/2026", "--ambil", "1", "--keluar", f"{tmp_path / 'unduh'}/")
    assert r.exit_code == 0, r.stderr
    assert (tmp_path / "unduh" / "luar.png").exists() and not (tmp_path.parent / "luar.png").exists()


def test_periksa_menemukan_lampiran_diubah(catat, jalankan: Jalankan, arsip: Path) -> None:
    """One flipped byte in a stored attachment (triggers dropped, as a tamperer would) is a finding of periksa;
    so is an attachment row deleted."""
    catat()
    h = _lampirkan(jalankan, "1/2026", SURAT)["sha256"]
    assert jalankan("periksa").exit_code == 0
    isi = bytearray(SURAT.read_bytes())
    isi[40] ^= 0x01
    ubah_db(arsip, "DROP TRIGGER berkas_lampiran_tolak_ubah",
            f"UPDATE berkas_lampiran SET isi = x'{bytes(isi).hex()}' WHERE sha256 = '{h}'")
    r = jalankan("periksa")
    assert r.exit_code == 1
    assert "Lampiran 'surat-pindai.png' keluhan 001/" in r.stdout and "berubah" in r.stdout
    ubah_db(arsip, "DROP TRIGGER berkas_lampiran_tolak_hapus", "DELETE FROM berkas_lampiran")
    r = jalankan("periksa", "--json")
    assert r.exit_code == 1 and any("berkasnya dihapus" in t for t in json.loads(r.stdout)["temuan"])


def test_pemicu_menolak_ubah_dan_hapus(catat, jalankan: Jalankan, arsip: Path) -> None:
    """An auditor's (or anyone's) sqlite3 cannot rewrite or delete stored evidence."""
    import sqlite3

    catat()
    _lampirkan(jalankan, "1/2026", SURAT)
    for sql in ("UPDATE berkas_lampiran SET isi = x'00'", "DELETE FROM berkas_lampiran"):
        with pytest.raises(sqlite3.DatabaseError, match="lampiran hanya boleh ditambah"):
            ubah_db(arsip, sql)


@pytest.mark.parametrize(("berkas", "nama", "email", "diajukan", "awal_uraian"), [
    ("thunderbird-qp.eml", "Hendra Wijaya", "hendra.wijaya@ptmaju.co.id", "2026-11-30T14:12:05+07:00",
     "Perihal: Keluhan LHU No. 1234/LP/XI/2026 – hasil uji kadar air\nYth. Tim PJTK,"),
    ("gmail-alternatif.eml", "Renéta Sihombing", "renata.sihombing@gmail.com", "2026-12-01T09:05:31+07:00",
     "Perihal: Sertifikat kalibrasi belum diterima\nSelamat pagi,"),
    ("outlook-html.eml", "Siti Rahayu (CV Sinar)", "siti@cvsinar.id", "2026-11-25T08:47:10+07:00",
     "Perihal: Keberatan biaya pengujian\nDengan hormat,"),
    ("dengan-lampiran.eml", "Budi Santoso", "budi@example.co.id", "2026-11-26T08:15:00+07:00",
     "Perihal: Sampel rusak saat pengembalian\nKemasan sampel kami kembali dalam keadaan pecah."),
])
def test_catat_dari_eml(jalankan: Jalankan, arsip: Path, berkas: str, nama: str, email: str, diajukan: str,
                        awal_uraian: str) -> None:
    """catat --dari-eml fills name, e-mail, the Date as --diajukan (in WIB), the text body with its subject, media
    email, and attaches the message itself in the same transaction."""
    r = jalankan("catat", "--dari-eml", str(EML / berkas), "--layanan", "pengujian", "--json")
    assert r.exit_code == 0, r.stderr
    k = json.loads(r.stdout)
    assert (k["nama"], k["email"], k["diajukan"], k["media"], k["layanan"]) == (nama, email, diajukan, "email",
                                                                                "pengujian")
    assert k["uraian"].startswith(awal_uraian)
    lamp = json.loads(jalankan("lampiran", k["nomor"], "--json").stdout)
    assert [(x["nama"], x["mime"], x["sha256"]) for x in lamp] == [
        (berkas, "message/rfc822", hashlib.sha256((EML / berkas).read_bytes()).hexdigest())]
    assert jalankan("periksa").exit_code == 0


@pytest.mark.parametrize("berkas", ["tanpa-tanggal.eml", "tanggal-rusak.eml"])
def test_catat_dari_eml_tanpa_tanggal(jalankan: Jalankan, berkas: str) -> None:
    """Without a readable Date the complaint is recorded without a submission time (never 'now'), and the clerk is
    told to give --diajukan; given it, the note is not shown and the typed time is used."""
    r = jalankan("catat", "--dari-eml", str(EML / berkas), "--json")
    assert r.exit_code == 0, r.stderr
    assert json.loads(r.stdout)["diajukan"] is None
    assert "beri --diajukan" in r.stderr
    r = jalankan("catat", "--dari-eml", str(EML / berkas), "--diajukan", "30/11/2026 10.00", "--json")
    assert r.exit_code == 0 and "beri --diajukan" not in r.stderr
    assert json.loads(r.stdout)["diajukan"] == "2026-11-30T10:00:00+07:00"


def test_opsi_mengalahkan_isi_pesan(jalankan: Jalankan) -> None:
    """What the clerk types wins over what the message says."""
    r = jalankan("catat", "--dari-eml", str(EML / "thunderbird-qp.eml"), "--nama", "PT Maju Bersama",
                 "--uraian", "Kadar air LHU 1234 berbeda", "--json")
    k = json.loads(r.stdout)
    assert (k["nama"], k["uraian"], k["email"]) == ("PT Maju Bersama", "Kadar air LHU 1234 berbeda",
                                                    "hendra.wijaya@ptmaju.co.id")


def test_catat_dari_bukan_eml_ditolak(jalankan: Jalankan, arsip: Path, tmp_path: Path) -> None:
    """A file that is not a message is refused in one line; nothing is recorded, no number spent."""
    f = tmp_path / "catatan.eml"
    f.write_text("bukan surel\n", encoding="utf-8")
    sebelum = potret(arsip)
    assert "bukan pesan surel" in satu_baris_galat(jalankan("catat", "--dari-eml", str(f)), 2)
    assert potret(arsip) == sebelum


def test_subproses_cepat(arsip: Path) -> None:
    """Through a real process (the fast path): catat --dari-eml then lampiran list the message."""
    k = [sys.executable, "-m", "keluhan"]
    r = subprocess.run([*k, "catat", "--dari-eml", str(EML / "gmail-alternatif.eml")], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    r = subprocess.run([*k, "lampiran", r.stdout.strip()], capture_output=True, text=True)
    assert r.returncode == 0 and "gmail-alternatif.eml" in r.stdout, r.stderr


def test_ekspor_impor_membawa_lampiran(catat, jalankan: Jalankan, arsip: Path, tmp_path: Path) -> None:
    """JSON and NDJSON exports carry the bytes (base64) so the re-imported archive passes periksa with the files;
    a CSV carries the sha256 only, and the import records them as not included, a note in periksa, not damage."""
    from conftest import init_ulang

    catat()
    _lampirkan(jalankan, "1/2026", SURAT, "--keterangan", "Surat asli")
    for fmt in ("json", "ndjson", "csv"):
        r = jalankan("ekspor", "--format", fmt, "--keluar", str(tmp_path / f"e.{fmt}"))
        assert r.exit_code == 0, r.stderr
    for fmt, disertakan in (("json", True), ("ndjson", True), ("csv", False)):
        init_ulang(arsip)
        r = jalankan("impor", str(tmp_path / f"e.{fmt}"), "--jalankan")
        assert r.exit_code == 0, (fmt, r.stderr)
        r = jalankan("periksa", "--json")
        assert r.exit_code == 0, (fmt, r.stdout)
        laporan = json.loads(r.stdout)
        assert bool(laporan["catatan"]) is not disertakan, fmt
        daftar = json.loads(jalankan("lampiran", "1/2026", "--json").stdout)
        assert [(x["nama"], x["keterangan"], x["disertakan"]) for x in daftar] == [("surat-pindai.png", "Surat asli",
                                                                                  disertakan)], fmt
        if disertakan:
            assert baca_db(arsip, "SELECT isi FROM berkas_lampiran")[0]["isi"] == SURAT.read_bytes()
        else:
            r = jalankan("lampiran", "1/2026", "--ambil", "1", "--keluar", str(tmp_path / f"x-{fmt}.png"))
            assert "tidak disertakan" in satu_baris_galat(r, 1)


def test_impor_lampiran_palsu_ditolak(catat, jalankan: Jalankan, arsip: Path, tmp_path: Path) -> None:
    """An export edited so the bytes no longer match their sha256 is refused, and nothing is written."""
    from conftest import init_ulang

    catat()
    _lampirkan(jalankan, "1/2026", SURAT)
    jalankan("ekspor", "--format", "json", "--keluar", str(tmp_path / "e.json"))
    d = json.loads((tmp_path / "e.json").read_text(encoding="utf-8"))
    import base64

    p = next(x for x in d[0]["riwayat"] if x["aksi"] == "lampirkan")
    p["rincian"]["isi_base64"] = base64.b64encode(b"bukan surat itu").decode()
    (tmp_path / "e.json").write_text(json.dumps(d), encoding="utf-8")
    init_ulang(arsip)
    sebelum = potret(arsip)
    r = jalankan("impor", str(tmp_path / "e.json"), "--jalankan")
    assert r.exit_code != 0 and "tidak cocok dengan sha256" in r.stderr + r.stdout
    assert potret(arsip) == sebelum


def test_skrip_auditor_memeriksa_lampiran(catat, jalankan: Jalankan, arsip: Path) -> None:
    """The auditors' standard-library script (docs/periksa_arsip.py) passes an archive with attachments and finds a
    flipped byte in one."""
    skrip = Path(__file__).parents[1] / "docs" / "periksa_arsip.py"
    catat()
    h = _lampirkan(jalankan, "1/2026", SURAT)["sha256"]
    r = subprocess.run([sys.executable, str(skrip), str(arsip)], capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr
    isi = bytearray(SURAT.read_bytes())
    isi[-1] ^= 0x01
    ubah_db(arsip, "DROP TRIGGER berkas_lampiran_tolak_ubah",
            f"UPDATE berkas_lampiran SET isi = x'{bytes(isi).hex()}' WHERE sha256 = '{h}'")
    r = subprocess.run([sys.executable, str(skrip), str(arsip)], capture_output=True, text=True)
    assert r.returncode == 1 and "tidak sama dengan sha256 di riwayat" in r.stdout


def test_lampirkan_memakai_register_petugas(catat, jalankan: Jalankan, arsip: Path) -> None:
    """Once officers are registered, lampirkan resolves --petugas like every step: an unknown name is refused
    (archive unchanged), a unique prefix stores the registered name in the attachment's event."""
    nomor = catat()
    r = jalankan("petugas", "tambah", "Rina Wulandari", "--nip", "198501012010012001", "--jabatan", "Petugas PJTK")
    assert r.exit_code == 0, r.stderr
    sebelum = potret(arsip)
    pesan = satu_baris_galat(jalankan("lampirkan", nomor, str(SURAT), petugas="Orang Luar"), 2)
    assert "'Orang Luar' tidak ada di register petugas" in pesan and "Rina Wulandari" in pesan
    assert potret(arsip) == sebelum
    assert _lampirkan(jalankan, nomor, SURAT, "--petugas", "rina")["nomor"] == nomor
    assert baca_db(arsip, "SELECT petugas FROM riwayat WHERE aksi = 'lampirkan'") == [{"petugas": "Rina Wulandari"}]
