"""The archive file as auditors see it: schema, versioning, permissions, WAL, the
append-only triggers, the fold of events into rows, and what happens with a bad file."""

from __future__ import annotations

import json
import os
import sqlite3
import stat
import subprocess
from contextlib import closing
from pathlib import Path

import pytest

from keluhan import migrasi, proyeksi
from keluhan.workflow import Status

from conftest import PERINTAH_CLI, baca_db, env_subproses, potret, satu_baris_galat


def _kolom(jalur: Path, tabel: str) -> list[str]:
    return [r["name"] for r in baca_db(jalur, f"PRAGMA table_info({tabel})")]


@pytest.fixture
def terisi(sampai, jalankan) -> Path:
    """An archive with one finished complaint that went through a rework round."""
    from conftest import PETUGAS_TEKNIS, PETUGAS_VERIFIKASI

    nomor = sampai(Status.DITINDAKLANJUTI)
    for args, petugas in [
        (["verifikasi", nomor, "--kembalikan", "--alasan", "Belum tuntas", "--waktu", "2026-11-04 09:00"], PETUGAS_VERIFIKASI),
        (["tindak", nomor, "--koreksi", "k2", "--pencegahan", "p2", "--korektif", "c2", "--waktu", "2026-11-04 10:00"], PETUGAS_TEKNIS),
        (["verifikasi", nomor, "--terima", "--catatan", "Efektif", "--waktu", "2026-11-04 11:00"], PETUGAS_VERIFIKASI),
        (["informasikan", nomor, "--media", "surat", "--catatan", "Surat hasil dikirim", "--waktu", "2026-11-04 11:15"], None),
    ]:
        assert jalankan(*args, petugas=petugas).exit_code == 0
    sampai(Status.TIDAK_VALID)
    return Path(os.environ["KELUHAN_ARSIP"])


# -- schema ----------------------------------------------------------------------------


def test_kolom_keluhan_sama_dengan_proyeksi(terisi) -> None:
    """proyeksi.KOLOM_KELUHAN is exactly the columns of table keluhan, in schema order."""
    assert _kolom(terisi, "keluhan") == list(proyeksi.KOLOM_KELUHAN)


def test_kolom_tindakan_sama_dengan_proyeksi(terisi) -> None:
    """proyeksi.KOLOM_TINDAKAN covers every column of tindakan (only the row id is the database's)."""
    assert _kolom(terisi, "tindakan") == ["id", *proyeksi.KOLOM_TINDAKAN]


def test_kolom_riwayat_untuk_auditor(terisi) -> None:
    """riwayat has SPEC's columns: complaint, step, action, petugas, times, details, hash chain."""
    assert _kolom(terisi, "riwayat") == [
        "urutan", "keluhan_id", "langkah", "aksi", "status_dari", "status_ke", "petugas", "waktu",
        "dicatat_pada", "rincian", "hash_sebelum", "hash",
    ]


def test_isian_catat_ada_di_keluhan() -> None:
    """Every form field catat records has a column of the same name in keluhan."""
    assert set(proyeksi.ISIAN_CATAT) <= set(proyeksi.KOLOM_KELUHAN)
    assert set(proyeksi.KOLOM_KOREKSI) <= set(proyeksi.KOLOM_KELUHAN)


def test_skema_menolak_nilai_di_luar_daftar(terisi) -> None:
    """The schema itself refuses a status or media outside the lists (for writers other than us)."""
    with closing(sqlite3.connect(terisi)) as db:
        for sql in ("UPDATE keluhan SET status = 'hilang'", "UPDATE keluhan SET media = 'faks'",
                    "UPDATE keluhan SET layanan = 'lain'"):
            with pytest.raises(sqlite3.IntegrityError, match="CHECK"):
                db.execute(sql)


# -- versioning --------------------------------------------------------------------------


def test_user_version_sama_dengan_jumlah_migrasi(catat, arsip) -> None:
    """PRAGMA user_version is the number of migrations; _migrasi names each, in order."""
    catat()
    assert baca_db(arsip, "PRAGMA user_version")[0]["user_version"] == len(migrasi.MIGRASI) == migrasi.versi_terbaru()
    assert [r["nama"] for r in baca_db(arsip, "SELECT nama FROM _migrasi ORDER BY rowid")] == [
        n for n, _ in migrasi.MIGRASI]


def test_membuka_lagi_tidak_menerapkan_ulang(catat, jalankan, arsip) -> None:
    """Reopening an up-to-date archive applies nothing again (the record of migrations is untouched)."""
    catat()
    sebelum = baca_db(arsip, "SELECT * FROM _migrasi")
    for _ in range(3):
        assert jalankan("daftar", "--json").exit_code == 0
    catat(nama="PT Kedua")
    assert baca_db(arsip, "SELECT * FROM _migrasi") == sebelum
    with closing(sqlite3.connect(arsip, isolation_level=None)) as db:
        assert migrasi.terapkan(db, "2026-11-24T10:00:00+07:00") == []
    assert baca_db(arsip, "SELECT * FROM _migrasi") == sebelum


def test_arsip_lebih_baru_ditolak(catat, jalankan, arsip) -> None:
    """An archive from a newer program version is refused (exit 1, one line), not touched."""
    catat()
    with closing(sqlite3.connect(arsip)) as db:
        db.execute(f"PRAGMA user_version = {migrasi.versi_terbaru() + 1}")
    sebelum = potret(arsip)
    baris = satu_baris_galat(jalankan("daftar"), 1)
    assert baris == (
        f"Galat: Arsip {arsip} berskema versi {migrasi.versi_terbaru() + 1}, lebih baru dari yang dikenal "
        f"program ini ({migrasi.versi_terbaru()}). Perbarui keluhan."
    )
    assert potret(arsip) == sebelum


# -- the file --------------------------------------------------------------------------


@pytest.mark.parametrize("umask", [0o077, 0o022, 0o000])
def test_arsip_baru_mode_0640(umask, jalankan, arsip) -> None:
    """The archive init creates is readable by owner and group only (0640), whatever the umask."""
    arsip.unlink()
    lama = os.umask(umask)
    try:
        r = jalankan("init")
    finally:
        os.umask(lama)
    assert r.exit_code == 0, r.stderr
    assert stat.S_IMODE(arsip.stat().st_mode) == 0o640


def test_mode_wal(catat, arsip) -> None:
    """The archive is in WAL mode (readers never block the clerk)."""
    catat()
    assert baca_db(arsip, "PRAGMA journal_mode")[0]["journal_mode"] == "wal"


def test_arsip_dibuat_di_path_opsi(tmp_path, jalankan) -> None:
    """`--arsip PATH init` creates the archive there (and keluhan.toml beside it), not ./archive.db."""
    kantor = tmp_path / "kantor"
    kantor.mkdir()
    lain = kantor / "lain.db"
    sebelum = (tmp_path / "archive.db").read_bytes()
    r = jalankan("--arsip", str(lain), "init")
    assert r.exit_code == 0, r.stderr
    r = jalankan("--arsip", str(lain), "catat", "--nama", "A", "--media", "email", "--uraian", "x",
                 "--waktu", "2026-11-02 08:10")
    assert r.exit_code == 0, r.stderr
    assert baca_db(lain, "SELECT nomor FROM keluhan") == [{"nomor": "001/KP/BBSPJIKFK/XI/2026"}]
    assert sorted(p.name for p in kantor.iterdir()) == ["keluhan.toml", "lain.db"]
    assert (tmp_path / "archive.db").read_bytes() == sebelum


def test_folder_arsip_tidak_ada(tmp_path, jalankan) -> None:
    """An archive path in a missing folder: init names the folder; catat and daftar say the archive is missing."""
    from keluhan.arsip import pesan_tidak_ada

    jalur = tmp_path / "tidak-ada" / "a.db"
    r = jalankan("--arsip", str(jalur), "init")
    assert satu_baris_galat(r, 1) == f"Galat: Folder arsip tidak ada: {tmp_path / 'tidak-ada'}"
    r = jalankan("--arsip", str(jalur), "catat", "--nama", "PT A", "--media", "email", "--uraian", "x")
    assert satu_baris_galat(r, 1) == f"Galat: {pesan_tidak_ada(jalur)}"
    r = jalankan("--arsip", str(jalur), "daftar")
    assert satu_baris_galat(r, 1) == f"Galat: {pesan_tidak_ada(jalur)}"
    assert not jalur.parent.exists()


# -- append-only ---------------------------------------------------------------------------


@pytest.mark.parametrize(("sql", "pesan"), [
    ("UPDATE riwayat SET petugas = 'Orang Lain'", "riwayat hanya boleh ditambah: UPDATE ditolak"),
    ("UPDATE riwayat SET waktu = '2026-11-01T08:00:00+07:00' WHERE urutan = 1", "riwayat hanya boleh ditambah: UPDATE ditolak"),
    ("DELETE FROM riwayat", "riwayat hanya boleh ditambah: DELETE ditolak"),
    ("DELETE FROM riwayat WHERE urutan = (SELECT MAX(urutan) FROM riwayat)", "riwayat hanya boleh ditambah: DELETE ditolak"),
    ("DELETE FROM keluhan", "keluhan tidak boleh dihapus"),
    ("DELETE FROM tindakan", "tindakan tidak boleh dihapus"),
])
def test_pemicu_menolak_lewat_sqlite3(sql, pesan, terisi) -> None:
    """The database itself refuses to rewrite history, whoever asks (here: plain sqlite3)."""
    sebelum = potret(terisi)
    with closing(sqlite3.connect(terisi)) as db:
        with pytest.raises(sqlite3.IntegrityError, match=pesan):
            db.execute(sql)
        db.rollback()
    assert potret(terisi) == sebelum


def test_rantai_hash_riwayat_utuh(terisi) -> None:
    """Each event carries the previous event's hash; the first starts from 64 zeros."""
    r = baca_db(terisi, "SELECT hash_sebelum, hash FROM riwayat ORDER BY urutan")
    assert r[0]["hash_sebelum"] == "0" * 64
    assert all(b["hash_sebelum"] == a["hash"] for a, b in zip(r, r[1:]))
    assert len({b["hash"] for b in r}) == len(r)


def test_baris_keluhan_sama_dengan_lipatan_riwayat(terisi) -> None:
    """Every keluhan and tindakan row equals the fold of its events (state = replay of history)."""
    for k in baca_db(terisi, "SELECT * FROM keluhan"):
        baris, tindakan = None, []
        for p in baca_db(terisi, "SELECT * FROM riwayat WHERE keluhan_id = ? ORDER BY urutan", (k["id"],)):
            p["rincian"] = json.loads(p["rincian"])
            baris, tindakan = proyeksi.terapkan(baris, tindakan, p)
        assert baris == k
        kol = ", ".join(proyeksi.KOLOM_TINDAKAN)
        assert tindakan == baca_db(terisi, f"SELECT {kol} FROM tindakan WHERE keluhan_id = ? ORDER BY putaran", (k["id"],))


# -- a damaged file ----------------------------------------------------------------------


@pytest.mark.parametrize("isi", [b"bukan arsip\n", b"\x00\xff" * 8192, b"SQLite format 3\x00" + b"\x13" * 4000])
@pytest.mark.parametrize("perintah", [
    ["daftar"], ["lihat", "kabcdef"],
    ["catat", "--nama", "A", "--media", "email", "--uraian", "x", "--waktu", "2026-11-02 08:10"],
])
def test_berkas_rusak_satu_baris(isi, perintah, arsip, jalankan) -> None:
    """A file that is not an archive: exit 1, one line, no traceback, the file left as it was."""
    arsip.write_bytes(isi)
    r = jalankan(*perintah)
    baris = satu_baris_galat(r, 1)
    assert baris.startswith(f"Galat: Berkas {arsip} bukan arsip keluhan"), baris
    assert arsip.read_bytes() == isi
    assert sorted(p.name for p in arsip.parent.iterdir()) == ["archive.db"]


def test_berkas_rusak_di_proses_nyata(arsip) -> None:
    """Same in a real process: the real stderr has one line and no traceback."""
    arsip.write_bytes(b"ini bukan basis data SQLite\n" * 100)
    p = subprocess.run([*PERINTAH_CLI, "daftar"], env=env_subproses(), stdin=subprocess.DEVNULL,
                       capture_output=True, text=True, timeout=60)
    assert (p.returncode, p.stdout) == (1, "")
    assert p.stderr == f"Galat: Berkas {arsip} bukan arsip keluhan (bukan basis data SQLite); berkas tidak diubah.\n"
