"""`keluhan init` writes a commented keluhan.toml equal to the defaults; bad settings are one clear line."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from keluhan import berkas_pengaturan, pengaturan
from keluhan.cli import app

AKAR = Path(__file__).resolve().parent.parent
runner = CliRunner()


def _keluhan(*args: str) -> subprocess.CompletedProcess[str]:
    env = os.environ | {"PYTHONPATH": str(AKAR), "TERM": "dumb"}
    return subprocess.run([sys.executable, "-m", "keluhan", *args], capture_output=True, text=True, env=env)


def test_init_memuat_kembali_tepat_bawaan(tmp_path: Path) -> None:
    """The file `init` writes beside the archive (which it creates) loads back to exactly pengaturan.BAWAAN."""
    kantor = tmp_path / "kantor"
    kantor.mkdir()
    hasil = _keluhan("--arsip", str(kantor / "archive.db"), "init")
    assert hasil.returncode == 0, hasil.stderr
    berkas = kantor / "keluhan.toml"
    assert pengaturan.muat(berkas) == pengaturan.BAWAAN
    assert (kantor / "archive.db").is_file()


def test_setiap_pengaturan_berkomentar() -> None:
    """Every setting in BAWAAN has an Indonesian comment, and each comment is in the file."""
    assert berkas_pengaturan.kunci_tanpa_keterangan() == []
    teks = berkas_pengaturan.isi_contoh()
    for kunci, ket in berkas_pengaturan.KETERANGAN.items():
        assert ket.split()[0] in teks, kunci
        bagian = kunci.split(".")
        nilai = pengaturan.BAWAAN
        for b in bagian:
            nilai = nilai[b]
    assert teks.count("\n[") == sum(
        1 + sum(isinstance(v, dict) for v in t.values()) for t in pengaturan.BAWAAN.values()
    )


def test_init_tidak_menimpa_tanpa_paksa(tmp_path: Path) -> None:
    """An existing keluhan.toml is left untouched without --paksa (init says so and names --paksa), and replaced with it."""
    berkas = tmp_path / "keluhan.toml"
    berkas.write_text('[petugas]\nbawaan = "Rina"\n', encoding="utf-8")
    hasil = runner.invoke(app, ["--arsip", str(tmp_path / "archive.db"), "init"])
    assert hasil.exit_code == 0, hasil.output
    assert f"Pengaturan sudah ada, tidak diubah: {berkas} (--paksa" in hasil.stdout
    assert berkas.read_text(encoding="utf-8") == '[petugas]\nbawaan = "Rina"\n'
    hasil = runner.invoke(app, ["--arsip", str(tmp_path / "archive.db"), "init", "--paksa"])
    assert hasil.exit_code == 0, hasil.output
    assert pengaturan.muat(berkas) == pengaturan.BAWAAN


def test_init_di_konfigurasi(tmp_path: Path) -> None:
    """With --konfigurasi the file goes to that path, not beside the archive, and init's advice names that file."""
    tujuan = tmp_path / "etc" / "pjtk.toml"
    tujuan.parent.mkdir()
    hasil = runner.invoke(app, ["--arsip", str(tmp_path / "baru.db"), "--konfigurasi", str(tujuan), "init"])
    assert hasil.exit_code == 0, hasil.output
    assert pengaturan.muat(tujuan) == pengaturan.BAWAAN
    assert not (tmp_path / "keluhan.toml").exists()
    assert "ubah waktu.zona di pjtk.toml" in hasil.stdout and "Ubah pjtk.toml seperlunya" in hasil.stdout
    assert "keluhan.toml" not in hasil.stdout


def test_init_nama_pengaturan_dengan_karakter_kendali_tidak_mentah(tmp_path: Path) -> None:
    """init's advice names the settings file: an ESC in that name is shown as text, never sent raw to the terminal."""
    tujuan = tmp_path / "pj\x1b[31mtk.toml"
    hasil = runner.invoke(app, ["--arsip", str(tmp_path / "baru.db"), "--konfigurasi", str(tujuan), "init"])
    assert hasil.exit_code == 0, hasil.output
    assert tujuan.is_file() and "\x1b" not in hasil.stdout
    assert "Ubah pj\u241b[31mtk.toml seperlunya" in hasil.stdout and "waktu.zona di pj\u241b[31mtk.toml" in hasil.stdout


@pytest.mark.parametrize(
    ("isi", "kunci"),
    [
        ('[unit]\nsinggkatan = "X"\n', "'unit.singgkatan'"),
        ("warna = 3\n", "'warna'"),
        ("[unit]\nnama = 3\n", "'unit.nama'"),
        ('[tim_teknis]\nnama = "Lab"\n', "'tim_teknis.nama'"),
        ("[tim_teknis]\nnama = [1, 2]\n", "'tim_teknis.nama'"),
        ('unit = "BBSPJIKFK"\n', "'unit'"),
        ('[jam_kerja]\nsenin = "7-16"\n', "'jam_kerja.senin'"),
        ('[jam_kerja]\nselasa = "16:00-07:30"\n', "'jam_kerja.selasa'"),
        ('[mutu_baku]\nlangkah_4 = "3 minggu"\n', "'mutu_baku.langkah_4'"),
        ('[mutu_baku]\nlangkah_9 = "1 jam"\n', "'mutu_baku.langkah_9'"),
        ('[nomor]\nformat = "{urut}/{x}/{tahun}"\n', "'nomor.format'"),
        ('[nomor]\nformat = "KP/{tahun}"\n', "'nomor.format'"),
        ('[nomor]\nformat = "{urut:03d}/KP"\n', "'nomor.format'"),
        ('[waktu]\nzona = "Asia/Bandung"\n', "'waktu.zona'"),
        ('[banding]\nbatas = "dua minggu"\n', "'banding.batas'"),
        ('[pejabat.direktur]\nnama = 5\n', "'pejabat.direktur.nama'"),
    ],
)
def test_pengaturan_salah_satu_baris_keluar_2(tmp_path: Path, isi: str, kunci: str) -> None:
    """An invalid keluhan.toml stops any command with one stderr line naming the key, exit 2."""
    (tmp_path / "keluhan.toml").write_text(isi, encoding="utf-8")
    sebelum = (tmp_path / "archive.db").read_bytes()
    for perintah in (["daftar"], ["init"]):
        hasil = runner.invoke(app, ["--arsip", str(tmp_path / "archive.db"), *perintah])
        assert hasil.exit_code == 2, hasil.output
        baris = hasil.stderr.strip().splitlines()
        assert len(baris) == 1 and baris[0].startswith("Galat: "), hasil.stderr
        assert kunci in baris[0]
    assert (tmp_path / "archive.db").read_bytes() == sebelum


def test_pengaturan_salah_lewat_proses(tmp_path: Path) -> None:
    """Through a real process: unreadable TOML is one line on stderr, no traceback, exit 2."""
    (tmp_path / "keluhan.toml").write_text("[unit\nnama = ", encoding="utf-8")
    hasil = _keluhan("--arsip", str(tmp_path / "archive.db"), "daftar")
    assert hasil.returncode == 2
    assert hasil.stderr.startswith("Galat: Berkas pengaturan") and hasil.stderr.count("\n") == 1
    assert "Traceback" not in hasil.stderr
