"""Settings: keluhan.toml beside the archive (or --konfigurasi / KELUHAN_KONFIGURASI),
every key with a working default, and a bad key named in one line."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest

from keluhan import pengaturan
from keluhan.galat import GalatPengaturan
from keluhan.workflow import Status

from conftest import BERIKUT, PETUGAS, baca_db, buat_arsip, init_ulang, potret, satu_baris_galat

CATAT = ["catat", "--nama", "PT A", "--media", "email", "--uraian", "x", "--waktu", "2026-11-02 08:10"]


def _toml(jalur: Path, isi: str) -> Path:
    jalur.write_text(isi, encoding="utf-8")
    return jalur


def test_bawaan_tanpa_berkas() -> None:
    """Without a file every setting has its default, as a copy the caller may change."""
    p = pengaturan.muat(None)
    assert p == pengaturan.BAWAAN
    p["tim_teknis"]["nama"].append("Tim Baru")
    assert "Tim Baru" not in pengaturan.BAWAAN["tim_teknis"]["nama"]
    assert pengaturan.muat(Path("/tidak/ada/keluhan.toml")) == pengaturan.BAWAAN


# -- petugas ---------------------------------------------------------------------------


def test_petugas_bawaan_dari_toml(arsip, jalankan, lihat, monkeypatch) -> None:
    """With no --petugas and no KELUHAN_PETUGAS, [petugas] bawaan in keluhan.toml is used."""
    monkeypatch.delenv("KELUHAN_PETUGAS")
    _toml(arsip.parent / "keluhan.toml", '[petugas]\nbawaan = "Sari Dewi"\n')
    r = jalankan(*CATAT)
    assert r.exit_code == 0, r.stderr
    k = lihat(r.stdout.strip())
    assert (k["petugas_pencatat"], k["riwayat"][0]["petugas"]) == ("Sari Dewi", "Sari Dewi")


def test_env_dan_opsi_mengalahkan_toml(arsip, jalankan, lihat) -> None:
    """KELUHAN_PETUGAS beats the file's default, and --petugas beats both."""
    _toml(arsip.parent / "keluhan.toml", '[petugas]\nbawaan = "Sari Dewi"\n')
    assert lihat(jalankan(*CATAT).stdout.strip())["petugas_pencatat"] == PETUGAS
    assert lihat(jalankan(*CATAT, petugas="Joko").stdout.strip())["petugas_pencatat"] == "Joko"


def test_toml_di_samping_arsip_bukan_di_folder_kerja(tmp_path, jalankan, monkeypatch) -> None:
    """The settings file is looked for beside the archive, not in the current folder."""
    monkeypatch.delenv("KELUHAN_PETUGAS")
    (tmp_path / "data").mkdir()
    (tmp_path / "kerja").mkdir()
    _toml(tmp_path / "data" / "keluhan.toml", '[petugas]\nbawaan = "Dari Samping Arsip"\n')
    _toml(tmp_path / "kerja" / "keluhan.toml", '[petugas]\nbawaan = "Dari Folder Kerja"\n')
    monkeypatch.chdir(tmp_path / "kerja")
    arsip = buat_arsip(tmp_path / "data" / "archive.db")
    assert jalankan("--arsip", str(arsip), *CATAT).exit_code == 0
    assert baca_db(arsip, "SELECT petugas_pencatat FROM keluhan") == [{"petugas_pencatat": "Dari Samping Arsip"}]


@pytest.mark.parametrize("cara", ["opsi", "env"])
def test_konfigurasi_eksplisit(cara, tmp_path, arsip, jalankan, monkeypatch) -> None:
    """--konfigurasi PATH (or KELUHAN_KONFIGURASI) is used instead of the file beside the archive."""
    monkeypatch.delenv("KELUHAN_PETUGAS")
    _toml(arsip.parent / "keluhan.toml", '[petugas]\nbawaan = "Samping"\n')
    lain = _toml(tmp_path / "lain.toml", '[petugas]\nbawaan = "Eksplisit"\n')
    if cara == "opsi":
        r = jalankan("--konfigurasi", str(lain), *CATAT)
    else:
        monkeypatch.setenv("KELUHAN_KONFIGURASI", str(lain))
        r = jalankan(*CATAT)
    assert r.exit_code == 0, r.stderr
    assert baca_db(arsip, "SELECT petugas_pencatat FROM keluhan") == [{"petugas_pencatat": "Eksplisit"}]


def test_konfigurasi_eksplisit_tidak_ada(tmp_path, jalankan, arsip) -> None:
    """A --konfigurasi file that does not exist is an error, not a silent fall back to defaults."""
    sebelum = potret(arsip)
    r = jalankan("--konfigurasi", str(tmp_path / "salah.toml"), *CATAT)
    assert satu_baris_galat(r, 2) == f"Galat: Berkas pengaturan tidak ditemukan: {tmp_path / 'salah.toml'}"
    assert potret(arsip) == sebelum


# -- invalid settings --------------------------------------------------------------------


@pytest.mark.parametrize(("isi", "pesan"), [
    ('[petugas]\nnama = "X"\n', "Pengaturan tidak dikenal: 'petugas.nama'."),
    ('warna = "merah"\n', "Pengaturan tidak dikenal: 'warna'."),
    ('[tim_teknis]\nnama = "Lab"\n', "Pengaturan 'tim_teknis.nama' harus berupa daftar."),
    ('unit = "BBSPJIKFK"\n', "Pengaturan 'unit' harus berupa tabel [unit]."),
    ('[mutu_baku]\nlangkah_4 = "3 minggu"\n',
     "Pengaturan 'mutu_baku.langkah_4' tidak sah: '3 minggu' (contoh: \"15 menit\", \"3 hari\")."),
    ('[jam_kerja]\nsenin = "16:00-07:30"\n',
     "Pengaturan 'jam_kerja.senin' tidak sah: '16:00-07:30' (contoh: \"07:30-16:00\", atau \"\" untuk hari libur)."),
    ('[banding]\nbatas = "dua minggu"\n',
     "Pengaturan 'banding.batas' tidak sah: 'dua minggu' (contoh: \"15 hari\" atau \"15 hari kalender\")."),
    ('[waktu]\nzona = "Asia/Bandung"\n', "Pengaturan 'waktu.zona' tidak dikenal: 'Asia/Bandung'."),
    ('[nomor]\nformat = "KP/{tahun}"\n', "Pengaturan 'nomor.format' harus memuat {urut}."),
])
def test_pengaturan_tidak_sah(isi, pesan, arsip, catat, jalankan) -> None:
    """A bad key or value: exit 2, one line naming the key, archive untouched."""
    catat()
    sebelum = potret(arsip)
    _toml(arsip.parent / "keluhan.toml", isi)
    assert satu_baris_galat(jalankan(*CATAT), 2) == f"Galat: {pesan}"
    assert satu_baris_galat(jalankan("daftar"), 2) == f"Galat: {pesan}"
    assert potret(arsip) == sebelum


def test_toml_rusak(arsip, jalankan) -> None:
    """A file that is not TOML: exit 2, one line naming the file."""
    _toml(arsip.parent / "keluhan.toml", "[petugas\nbawaan = 'x'\n")
    baris = satu_baris_galat(jalankan(*CATAT), 2)
    assert baris.startswith(f"Galat: Berkas pengaturan {arsip.parent / 'keluhan.toml'} tidak dapat dibaca: ")


def test_periksa_langsung() -> None:
    """muat() checks after merging: the error is a GalatPengaturan (exit 2)."""
    p = copy.deepcopy(pengaturan.BAWAAN)
    p["nomor"]["format"] = "{urut:03d}/{tidak_ada}"
    with pytest.raises(GalatPengaturan, match="nomor.format") as e:
        pengaturan.periksa(p)
    assert e.value.kode == 2


def test_pejabat_boleh_ditambah(arsip, jalankan) -> None:
    """Officials for signature blocks may be added beyond the defaults."""
    _toml(arsip.parent / "keluhan.toml",
          '[pejabat.kepala_seksi]\njabatan = "Kepala Seksi"\nnama = "Dewi"\nnip = "1980"\n')
    assert jalankan(*CATAT).exit_code == 0
    assert pengaturan.muat(arsip.parent / "keluhan.toml")["pejabat"]["kepala_seksi"]["nama"] == "Dewi"


# -- settings that change what is recorded ------------------------------------------------


def test_format_nomor_dapat_diatur(arsip, catat, jalankan, lihat) -> None:
    """nomor.format sets the official number; the sequence still restarts each year."""
    _toml(arsip.parent / "keluhan.toml", '[nomor]\nformat = "KP-{unit}-{tahun}-{bulan:02d}-{urut:04d}"\n')
    assert catat(diajukan=None, waktu="2025-12-01 08:10") == "KP-BBSPJIKFK-2025-12-0001"
    assert catat(waktu="2026-11-02 08:10") == "KP-BBSPJIKFK-2026-11-0001"
    assert catat(waktu="2026-11-02 08:20") == "KP-BBSPJIKFK-2026-11-0002"


def test_nomor_tanpa_garis_miring_tetap_dapat_dipakai(arsip, catat, jalankan, lihat) -> None:
    """A complaint is found by its number whatever the configured format (e.g. without '/')."""
    _toml(arsip.parent / "keluhan.toml", '[nomor]\nformat = "KP-{tahun}-{urut:04d}"\n')
    nomor = catat()
    assert nomor == "KP-2026-0001"
    assert lihat(nomor)["nomor"] == nomor
    r = jalankan("validasi", nomor, "--tidak-benar", "--alasan", "x", "--waktu", BERIKUT)
    assert (r.exit_code, r.stderr) == (0, "")
    assert lihat(lihat(nomor)["id"])["status"] == "tidak_valid"


def test_tim_teknis_dapat_diatur(arsip, sampai, jalankan, lihat) -> None:
    """tim_teknis.nama is the list validasi accepts (and lists when refusing)."""
    _toml(arsip.parent / "keluhan.toml", '[tim_teknis]\nnama = ["Lab Kimia", "Lab Kemasan"]\n')
    a = sampai(Status.DICATAT)
    r = jalankan("validasi", a, "--benar", "--teruskan-ke", "Laboratorium Pengujian", "--waktu", BERIKUT)
    assert satu_baris_galat(r, 2) == (
        "Galat: Tim Teknis 'Laboratorium Pengujian' tidak dikenal. Pilihan: Lab Kimia; Lab Kemasan "
        "(atur di tim_teknis.nama pada keluhan.toml).")
    r = jalankan("validasi", a, "--benar", "--teruskan-ke", "lab kemasan", "--waktu", BERIKUT)
    assert r.exit_code == 0, r.stderr
    assert lihat(a)["tim_teknis"] == "Lab Kemasan"


def test_zona_waktu_dapat_diatur(arsip, catat, lihat) -> None:
    """waktu.zona sets the offset times are read in and stored with (WITA: +08:00)."""
    _toml(arsip.parent / "keluhan.toml", '[waktu]\nzona = "Asia/Makassar"\n')
    init_ulang(arsip)
    k = lihat(catat(diajukan="2/11/2026 08.00", waktu="2026-11-02T08:10:00+07:00"))
    assert (k["diajukan"], k["dicatat"]) == ("2026-11-02T08:00:00+08:00", "2026-11-02T09:10:00+08:00")
