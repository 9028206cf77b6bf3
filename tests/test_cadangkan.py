"""cadangkan and the files on disk: consistent copies that pass periksa, no silent
overwrite, a backup before every schema migration, and 0640 everywhere."""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from keluhan import migrasi, pengaturan
from keluhan import periksa as pemeriksa
from keluhan.arsip import Arsip, pesan_tidak_ada

AKAR = Path(__file__).resolve().parents[1]


def _cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "keluhan", "--petugas", "Rina", *args], capture_output=True, text=True,
        env={"PYTHONPATH": str(AKAR), "PATH": "/usr/bin:/bin", "TERM": "dumb",
             "XDG_CONFIG_HOME": os.environ["XDG_CONFIG_HOME"]}, cwd=cwd, timeout=60,
    )


def _buat(jalur: Path, n: int = 3) -> None:
    a = Arsip(jalur, pengaturan.muat(None))
    for i in range(n):
        a.catat(petugas="Rina", isian={"nama": f"PT {i}", "media": "email", "uraian": "u", "telepon": "0812"})
    a.tutup()


def _isi(jalur: Path) -> tuple[list[tuple[object, ...]], list[tuple[object, ...]]]:
    db = sqlite3.connect(jalur)
    try:
        return (db.execute("SELECT * FROM riwayat ORDER BY urutan").fetchall(),
                db.execute("SELECT * FROM keluhan ORDER BY id").fetchall())
    finally:
        db.close()


def _mode(jalur: Path) -> int:
    return jalur.stat().st_mode & 0o777


@contextmanager
def _umask(nilai: int) -> Iterator[None]:
    lama = os.umask(nilai)
    try:
        yield
    finally:
        os.umask(lama)


@pytest.fixture()
def arsip_contoh(tmp_path: Path) -> Path:
    jalur = tmp_path / "archive.db"
    _buat(jalur)
    return jalur


def test_salinan_utuh_lolos_periksa(arsip_contoh: Path, tmp_path: Path) -> None:
    """The copy holds the same rows, is one self-contained 0640 file (no WAL), leaves no temp file, and passes periksa."""
    tujuan = tmp_path / "salinan" / "cadangan.db"
    tujuan.parent.mkdir()
    r = _cli("--arsip", str(arsip_contoh), "cadangkan", str(tujuan))
    assert r.returncode == 0, r.stderr
    assert r.stdout == f"{tujuan}\n"
    assert _isi(tujuan) == _isi(arsip_contoh)
    assert _mode(tujuan) == 0o640
    assert sorted(p.name for p in tujuan.parent.iterdir()) == ["cadangan.db"]
    db = sqlite3.connect(tujuan)
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    db.close()
    r = _cli("--arsip", str(tujuan), "periksa")
    assert r.returncode == 0 and r.stdout.startswith("Arsip sehat: 3 keluhan"), r.stdout + r.stderr


def test_tidak_menimpa_tanpa_timpa(arsip_contoh: Path, tmp_path: Path) -> None:
    """An existing target is refused in one line (exit 1) and left untouched; --timpa replaces it with a sound copy."""
    tujuan = tmp_path / "cadangan.db"
    tujuan.write_text("berkas lama yang penting")
    r = _cli("--arsip", str(arsip_contoh), "cadangkan", str(tujuan))
    assert r.returncode == 1
    assert r.stderr == f"Galat: Berkas {tujuan} sudah ada; tambahkan --timpa untuk menggantinya.\n"
    assert tujuan.read_text() == "berkas lama yang penting"
    r = _cli("--arsip", str(arsip_contoh), "cadangkan", str(tujuan), "--timpa")
    assert r.returncode == 0, r.stderr
    assert _isi(tujuan) == _isi(arsip_contoh)
    assert _cli("--arsip", str(tujuan), "periksa").returncode == 0


def test_menolak_menimpa_arsip_sendiri(arsip_contoh: Path) -> None:
    """cadangkan onto the archive itself is refused even with --timpa; the archive stays whole."""
    sebelum = _isi(arsip_contoh)
    r = _cli("--arsip", str(arsip_contoh), "cadangkan", str(arsip_contoh), "--timpa")
    assert r.returncode == 1 and "adalah arsip keluhan: tidak pernah ditimpa, juga dengan --timpa" in r.stderr
    assert _isi(arsip_contoh) == sebelum


def test_menolak_tujuan_yang_sedang_dibuka(arsip_contoh: Path, tmp_path: Path) -> None:
    """A target with a -wal beside it (open elsewhere, or left by a crash) is refused: a stale WAL would be replayed into the copy."""
    tujuan = tmp_path / "cadangan.db"
    tujuan.write_bytes(b"")
    Path(f"{tujuan}-wal").write_bytes(b"x")
    r = _cli("--arsip", str(arsip_contoh), "cadangkan", str(tujuan), "--timpa")
    assert r.returncode == 1 and f"{tujuan}-wal ada" in r.stderr


def test_folder_tujuan_memberi_nama_bertanggal(arsip_contoh: Path, tmp_path: Path) -> None:
    """A folder target (for cron) gets a dated file named after the archive."""
    folder = tmp_path / "harian"
    folder.mkdir()
    r = _cli("--arsip", str(arsip_contoh), "cadangkan", str(folder))
    assert r.returncode == 0, r.stderr
    (berkas,) = folder.iterdir()
    assert re.fullmatch(r"archive-\d{8}-\d{6}\.db", berkas.name) and r.stdout == f"{berkas}\n"
    assert _isi(berkas) == _isi(arsip_contoh)


def test_arsip_atau_folder_tidak_ada(tmp_path: Path) -> None:
    """A missing archive or target folder is a one-line refusal; no empty archive is created."""
    r = _cli("--arsip", str(tmp_path / "salah.db"), "cadangkan", str(tmp_path / "c.db"))
    assert r.returncode == 1 and r.stderr == f"Galat: {pesan_tidak_ada(tmp_path / 'salah.db')}\n"
    assert not (tmp_path / "salah.db").exists()
    _buat(tmp_path / "archive.db", 1)
    r = _cli("--arsip", str(tmp_path / "archive.db"), "cadangkan", str(tmp_path / "tidak" / "ada.db"))
    assert r.returncode == 2 and r.stderr == f"Galat: Folder tujuan tidak ada: {tmp_path / 'tidak'}\n"


PENULIS = textwrap.dedent("""
    import sys
    from pathlib import Path
    from keluhan import pengaturan
    from keluhan.arsip import Arsip
    a = Arsip(Path(sys.argv[1]), pengaturan.muat(None))
    print("siap", flush=True)
    for i in range(int(sys.argv[2])):
        a.catat(petugas="Rina", isian={"nama": f"PT {i}", "media": "kotak", "uraian": "u"})
    a.tutup()
""")


def test_cadangan_konsisten_saat_petugas_lain_menulis(arsip_contoh: Path, tmp_path: Path) -> None:
    """Copies taken while another process records steadily are each a sound archive (the backup API's snapshot)."""
    with subprocess.Popen([sys.executable, "-c", PENULIS, str(arsip_contoh), "300"], stdout=subprocess.PIPE, text=True,
                          env={"PYTHONPATH": str(AKAR), "PATH": "/usr/bin:/bin"}) as penulis:
        assert penulis.stdout is not None and penulis.stdout.readline() == "siap\n"
        a = Arsip(arsip_contoh, pengaturan.muat(None))
        jumlah = []
        try:
            for i in range(6):
                salinan = a.cadangkan(tmp_path / f"c{i}.db")
                b = Arsip(salinan, pengaturan.muat(None))
                lapor = pemeriksa.periksa(b.db)
                b.tutup()
                assert lapor.temuan == [], lapor.temuan
                jumlah.append(lapor.keluhan)
        finally:
            a.tutup()
            assert penulis.wait(timeout=60) == 0
    assert jumlah == sorted(jumlah) and 3 <= jumlah[0] and jumlah[-1] <= 303


def test_cadangan_otomatis_sebelum_migrasi(arsip_contoh: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Opening an archive that needs a new migration first writes archive.db.v<N>-<time>.bak holding the old data."""
    sebelum = _isi(arsip_contoh)
    n = migrasi.versi_terbaru()  # the archive's version before the test's migration

    def m999_uji(db: sqlite3.Connection) -> None:
        db.execute("CREATE TABLE uji_migrasi (x)")

    monkeypatch.setattr(migrasi, "MIGRASI", [*migrasi.MIGRASI, ("m999_uji", m999_uji)])
    monkeypatch.setattr("keluhan.arsip.VERSI", migrasi.versi_terbaru())  # as `make docs` would write keluhan/versi_skema.py
    Arsip(arsip_contoh, pengaturan.muat(None)).tutup()
    (bak,) = arsip_contoh.parent.glob(f"archive.db.v{n}-*.bak")
    assert re.fullmatch(rf"archive\.db\.v{n}-\d{{8}}-\d{{6}}\.bak", bak.name)
    assert _mode(bak) == 0o640
    assert _isi(bak) == sebelum
    db = sqlite3.connect(bak)
    assert db.execute("PRAGMA user_version").fetchone()[0] == n
    assert db.execute("SELECT COUNT(*) FROM sqlite_master WHERE name = 'uji_migrasi'").fetchone()[0] == 0
    db.close()
    db = sqlite3.connect(arsip_contoh)
    assert db.execute("PRAGMA user_version").fetchone()[0] == n + 1
    db.close()
    assert _isi(arsip_contoh) == sebelum


@pytest.mark.parametrize("umask", [0o022, 0o077, 0o000])
def test_izin_berkas_0640(tmp_path: Path, umask: int) -> None:
    """Whatever the umask, the archive, the -wal/-shm SQLite creates beside it, and a backup are all 0640."""
    jalur = tmp_path / "archive.db"
    with _umask(umask):
        a = Arsip(jalur, pengaturan.muat(None))
        try:
            a.catat(petugas="Rina", isian={"nama": "Ani", "media": "email", "uraian": "u", "alamat": "Jl. X"})
            wal, shm = Path(f"{jalur}-wal"), Path(f"{jalur}-shm")
            assert wal.exists() and shm.exists()  # while it is open
            assert (_mode(jalur), _mode(wal), _mode(shm)) == (0o640, 0o640, 0o640)
            assert _mode(a.cadangkan(tmp_path / "c.db")) == 0o640
        finally:
            a.tutup()


def test_pemulihan_seperti_dokumen(arsip_contoh: Path, tmp_path: Path) -> None:
    """The restore steps of docs/jaminan.md give a sound archive holding exactly the backup's data."""
    cadangan = tmp_path / "cadangan.db"
    assert _cli("--arsip", str(arsip_contoh), "cadangkan", str(cadangan)).returncode == 0
    isi_cadangan = _isi(cadangan)
    a = Arsip(arsip_contoh, pengaturan.muat(None))  # more work after the backup; left open, so -wal/-shm exist
    a.catat(petugas="Rina", isian={"nama": "Sesudah", "media": "email", "uraian": "u"})
    rusak = tmp_path / "rusak"
    rusak.mkdir()
    for nama in ("archive.db", "archive.db-wal", "archive.db-shm"):
        if (tmp_path / nama).exists():
            shutil.move(tmp_path / nama, rusak / nama)
    a.tutup()
    shutil.copy(cadangan, arsip_contoh)
    os.chmod(arsip_contoh, 0o640)
    r = _cli("--arsip", str(arsip_contoh), "periksa")
    assert r.returncode == 0 and r.stdout.startswith("Arsip sehat: 3 keluhan"), r.stdout + r.stderr
    assert _isi(arsip_contoh) == isi_cadangan


def test_galat_berkas_menjadi_satu_baris(arsip_contoh: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A file-system refusal while putting the copy in place (--timpa) is one Galat line, no temp file, the old file unchanged."""
    from typer.testing import CliRunner

    from keluhan import cli

    def tolak(*_: object, **__: object) -> None:
        raise PermissionError(13, "Permission denied")

    lama = tmp_path / "c.db"
    lama.write_text("cadangan lama")
    monkeypatch.setattr(os, "replace", tolak)
    r = CliRunner().invoke(cli.app, ["--arsip", str(arsip_contoh), "cadangkan", str(lama), "--timpa"])
    assert r.exit_code == 1, r.output
    assert r.stderr == (f"Galat: Berkas {lama} tidak dapat ditulis: pengguna ini tidak berhak menulis di folder itu; "
                        "berkas lama tidak berubah.\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["archive.db", "c.db"] and lama.read_text() == "cadangan lama"


def test_cadangan_sebelum_migrasi_tidak_menimpa(arsip_contoh: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A pre-migration backup whose dated name is taken (another process, same second) goes to -2: nothing replaced, the open succeeds."""
    from datetime import datetime, timedelta, timezone

    from keluhan import waktu

    n = migrasi.versi_terbaru()
    tetap = datetime(2026, 11, 30, 17, 0, 0, tzinfo=timezone(timedelta(hours=7)))
    monkeypatch.setattr(waktu, "sekarang", lambda zona: tetap)
    monkeypatch.setattr(migrasi, "MIGRASI", [*migrasi.MIGRASI, ("m999_uji", lambda db: db.execute("CREATE TABLE uji_migrasi (x)"))])
    monkeypatch.setattr("keluhan.arsip.VERSI", migrasi.versi_terbaru())  # as `make docs` would write keluhan/versi_skema.py
    diambil = arsip_contoh.with_name(f"archive.db.v{n}-20261130-170000.bak")
    diambil.write_bytes(b"cadangan proses lain")
    sebelum = _isi(arsip_contoh)
    Arsip(arsip_contoh, pengaturan.muat(None)).tutup()
    assert diambil.read_bytes() == b"cadangan proses lain"
    assert _isi(arsip_contoh.with_name(f"archive.db.v{n}-20261130-170000-2.bak")) == sebelum
