"""The user's settings file (platformdirs' user config folder: ~/.config/keluhan/keluhan.toml
on Linux, here under XDG_CONFIG_HOME in tmp_path) names the office archive and the clerk:
--arsip, KELUHAN_ARSIP, its arsip.jalur, ./archive.db; --petugas, KELUHAN_PETUGAS, its
petugas.bawaan, the archive's keluhan.toml. Any other key is refused by name."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from conftest import PERINTAH_CLI, PETUGAS, env_subproses, satu_baris_galat

CATAT = ["catat", "--nama", "PT A", "--media", "email", "--uraian", "x", "--waktu", "2026-11-02 08:00"]


def _berkas_pengguna(tmp_path: Path, isi: str) -> Path:
    berkas = tmp_path / "konfig-pengguna" / "keluhan" / "keluhan.toml"
    berkas.parent.mkdir(parents=True, exist_ok=True)
    berkas.write_text(isi, encoding="utf-8")
    return berkas


@pytest.fixture
def kantor(arsip: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The office archive lives in its own folder; the clerk works from another one with
    no --arsip and no KELUHAN_ARSIP."""
    folder = tmp_path / "kantor"
    folder.mkdir()
    jalur = folder / "archive.db"
    arsip.rename(jalur)
    lain = tmp_path / "lain"
    lain.mkdir()
    monkeypatch.chdir(lain)
    monkeypatch.delenv("KELUHAN_ARSIP")
    return jalur


def _petugas_pencatat(jalur: Path, nomor: str) -> str:
    import sqlite3
    from contextlib import closing

    with closing(sqlite3.connect(jalur)) as db:
        return db.execute("SELECT petugas_pencatat FROM keluhan WHERE nomor = ?", (nomor,)).fetchone()[0]


def test_berkas_pengguna_menunjuk_arsip_dari_folder_lain(kantor: Path, tmp_path: Path, jalankan) -> None:
    """arsip.jalur in the user's file is the archive a command run from another folder uses (both entry points)."""
    _berkas_pengguna(tmp_path, f'[arsip]\njalur = "{kantor}"\n')
    r = jalankan(*CATAT)
    assert r.exit_code == 0, r.stderr
    nomor = r.stdout.split()[0]
    assert nomor.startswith("001/")
    assert not (tmp_path / "lain" / "archive.db").exists()
    # The installed command's fast path, in a real process, from the other folder.
    p = subprocess.run([*PERINTAH_CLI, "daftar", "--json"], capture_output=True, text=True,
                       env=env_subproses(), cwd=tmp_path / "lain")
    assert p.returncode == 0, p.stderr
    assert [b["nomor"] for b in json.loads(p.stdout)] == [nomor]


def test_jalur_relatif_dibaca_dari_folder_berkas_pengguna(kantor: Path, tmp_path: Path, jalankan) -> None:
    """A relative arsip.jalur is read from the user file's folder, not from where the command runs."""
    _berkas_pengguna(tmp_path, '[arsip]\njalur = "../../kantor/archive.db"\n')
    r = jalankan(*CATAT)
    assert r.exit_code == 0, r.stderr
    assert _petugas_pencatat(kantor, r.stdout.split()[0]) == PETUGAS


def test_opsi_dan_variabel_mengalahkan_berkas_pengguna(kantor: Path, tmp_path: Path, jalankan,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """KELUHAN_ARSIP and --arsip beat the user file's arsip.jalur."""
    _berkas_pengguna(tmp_path, f'[arsip]\njalur = "{tmp_path / "tidak-ada.db"}"\n')
    assert "tidak-ada.db" in satu_baris_galat(jalankan("daftar"), 1)
    monkeypatch.setenv("KELUHAN_ARSIP", str(kantor))
    assert jalankan(*CATAT).exit_code == 0
    monkeypatch.setenv("KELUHAN_ARSIP", str(tmp_path / "juga-tidak-ada.db"))
    r = jalankan("--arsip", str(kantor), "daftar", "--json")
    assert r.exit_code == 0, r.stderr
    assert len(json.loads(r.stdout)) == 1


def test_tanpa_apa_pun_archive_db_di_folder_ini_dan_sarannya(kantor: Path, tmp_path: Path, jalankan) -> None:
    """With no option, variable or user file the archive is ./archive.db, and the refusal names arsip.jalur in the user's file."""
    galat = satu_baris_galat(jalankan("daftar"), 1)
    assert str(tmp_path / "lain" / "archive.db") in galat
    assert f"arsip.jalur di {tmp_path / 'konfig-pengguna' / 'keluhan' / 'keluhan.toml'}" in galat


@pytest.mark.parametrize("isi, kunci", [
    ('[arsip]\njalur = "x.db"\nzona = "Asia/Jakarta"\n', "arsip.zona"),
    ('[tenggat]\nvalidasi = 3\n', "tenggat.validasi"),
    ('unit = "PJTK"\n', "unit"),
])
def test_kunci_lain_ditolak_dengan_namanya(kantor: Path, tmp_path: Path, jalankan, isi: str, kunci: str) -> None:
    """A key other than arsip.jalur and petugas.bawaan in the user's file is refused, naming it, in one Galat line."""
    _berkas_pengguna(tmp_path, isi)
    galat = satu_baris_galat(jalankan("daftar"), 2)
    assert f"'{kunci}'" in galat and "berkas pengaturan pengguna" in galat
    p = subprocess.run([*PERINTAH_CLI, "daftar"], capture_output=True, text=True,
                       env=env_subproses(), cwd=tmp_path / "lain")
    assert p.returncode == 2 and p.stdout == ""
    assert f"'{kunci}'" in p.stderr and "Traceback" not in p.stderr


def test_urutan_petugas(kantor: Path, tmp_path: Path, jalankan, monkeypatch: pytest.MonkeyPatch) -> None:
    """Who is working: --petugas, then KELUHAN_PETUGAS, then petugas.bawaan in the user's file, then the archive's keluhan.toml."""
    (kantor.parent / "keluhan.toml").write_text('[petugas]\nbawaan = "Dari Arsip"\n', encoding="utf-8")
    monkeypatch.setenv("KELUHAN_ARSIP", str(kantor))
    monkeypatch.delenv("KELUHAN_PETUGAS")
    r = jalankan(*CATAT)
    assert r.exit_code == 0, r.stderr
    assert _petugas_pencatat(kantor, r.stdout.split()[0]) == "Dari Arsip"
    _berkas_pengguna(tmp_path, '[petugas]\nbawaan = "Siti Pengguna"\n')
    r = jalankan(*CATAT)
    assert _petugas_pencatat(kantor, r.stdout.split()[0]) == "Siti Pengguna"
    monkeypatch.setenv("KELUHAN_PETUGAS", PETUGAS)
    r = jalankan(*CATAT)
    assert _petugas_pencatat(kantor, r.stdout.split()[0]) == PETUGAS
    r = jalankan(*CATAT, petugas="Andi Saputra")
    assert _petugas_pencatat(kantor, r.stdout.split()[0]) == "Andi Saputra"
