"""Issue 17, a smaller archive: ``riwayat`` without the UNIQUE index on its hash (the
migration ``_ramping_riwayat`` takes the constraint out of the stored definition and drops
its index; no event is rewritten), its rows, chain, counter and guards kept; a repeated
hash is the chain's finding, not an index's."""

from __future__ import annotations

import re
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from keluhan import migrasi
from keluhan.workflow import Aksi, Status

from conftest import BERIKUT, baca_db, buang_migrasi_sejak, langkah_cli

M = next(n for n, _ in migrasi.MIGRASI if n.endswith("_ramping_riwayat"))  # its number: its landing order
TOLAK_TIMPA_LAMA = """CREATE TRIGGER riwayat_tolak_timpa BEFORE INSERT ON riwayat
        WHEN EXISTS (SELECT 1 FROM riwayat WHERE urutan = NEW.urutan OR hash = NEW.hash)
        BEGIN SELECT RAISE(ABORT, 'riwayat hanya boleh ditambah: peristiwa dengan urutan atau hash itu sudah ada'); END"""


def _indeks_hash(db: sqlite3.Connection) -> list[str]:
    """The indexes of riwayat that hold its hash column."""
    return [nama for _, nama, *_ in db.execute("PRAGMA index_list(riwayat)")
            if any(k[2] == "hash" for k in db.execute(f"PRAGMA index_info('{nama}')"))]


def _sebelum_ramping(jalur: Path) -> None:
    """Roll the archive back to the schema before the migration, as every archive written before it has it: riwayat's
    definition with ``hash ... UNIQUE``, its automatic index, and the old overwrite guard."""
    with closing(sqlite3.connect(jalur, isolation_level=None)) as db:
        buang_migrasi_sejak(db, M)
        db.execute("BEGIN")
        db.execute("CREATE UNIQUE INDEX riwayat_hash_lama ON riwayat (hash)")
        (sql,) = db.execute("SELECT sql FROM sqlite_master WHERE name = 'riwayat'").fetchone()
        lama = re.sub(r"hash TEXT NOT NULL {7}", "hash TEXT NOT NULL UNIQUE", sql, count=1)
        assert lama != sql
        (versi,) = db.execute("PRAGMA schema_version").fetchone()
        db.execute("PRAGMA writable_schema = ON")
        db.execute("UPDATE sqlite_master SET sql = ? WHERE name = 'riwayat'", (lama,))
        db.execute("UPDATE sqlite_master SET name = 'sqlite_autoindex_riwayat_1', sql = NULL"
                   " WHERE name = 'riwayat_hash_lama'")
        db.execute(f"PRAGMA schema_version = {versi + 1}")
        db.execute("PRAGMA writable_schema = OFF")
        db.execute("DROP TRIGGER riwayat_tolak_timpa")
        db.execute(TOLAK_TIMPA_LAMA)
        db.execute("COMMIT")
    with closing(sqlite3.connect(jalur)) as db:  # a new connection reads it as SQLite wrote such archives
        assert _indeks_hash(db) == ["sqlite_autoindex_riwayat_1"]
        assert [r[3] for r in db.execute("PRAGMA index_list(riwayat)") if r[1] == "sqlite_autoindex_riwayat_1"] == ["u"]
        assert db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        with pytest.raises(sqlite3.IntegrityError, match="urutan atau hash"):
            db.execute("INSERT INTO riwayat (keluhan_id, aksi, petugas, waktu, dicatat_pada, hash_sebelum, hash)"
                       " SELECT keluhan_id, aksi, petugas, waktu, dicatat_pada, hash, hash FROM riwayat WHERE urutan = 1")


def test_arsip_baru_tanpa_indeks_hash(arsip) -> None:
    """A new archive's riwayat keeps no index on its hash, and its overwrite guard looks at the key alone."""
    with closing(sqlite3.connect(arsip)) as db:
        assert _indeks_hash(db) == []
        (sql,) = db.execute("SELECT sql FROM sqlite_master WHERE name = 'riwayat_tolak_timpa'").fetchone()
    assert "urutan = NEW.urutan" in sql and "hash" not in sql


def test_migrasi_membuang_indeks_hash_isi_tetap(sampai, jalankan, arsip) -> None:
    """An archive written before the migration: on its next opening riwayat loses the hash index, every event stays
    byte for byte (rowid, every column, chain), the AUTOINCREMENT counter stays, the file is sound, the append-only
    guards hold, periksa is clean (the schema is a new archive's) and the next step chains on."""
    nomor = [sampai(Status.SELESAI), sampai(Status.DIVALIDASI, nama="PT B", uraian="Uraian B")]
    _sebelum_ramping(arsip)
    kueri = "SELECT rowid, *, typeof(langkah) AS jenis_langkah FROM riwayat ORDER BY urutan"
    sebelum = baca_db(arsip, kueri)
    seq = baca_db(arsip, "SELECT seq FROM sqlite_sequence WHERE name = 'riwayat'")
    assert len(sebelum) == 7  # catat .. informasikan, then catat and validasi
    r = jalankan("lihat", nomor[0])  # opening it migrates
    assert r.exit_code == 0, r.stderr
    assert baca_db(arsip, kueri) == sebelum
    assert baca_db(arsip, "SELECT seq FROM sqlite_sequence WHERE name = 'riwayat'") == seq
    assert {"nama": M} in baca_db(arsip, "SELECT nama FROM _migrasi")
    with closing(sqlite3.connect(arsip)) as db:
        assert _indeks_hash(db) == []
        assert db.execute("PRAGMA user_version").fetchone()[0] == migrasi.versi_terbaru()
        assert db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        for perintah in ("UPDATE riwayat SET petugas = 'Palsu' WHERE urutan = 2", "DELETE FROM riwayat WHERE urutan = 2",
                         "INSERT OR REPLACE INTO riwayat SELECT * FROM riwayat WHERE urutan = 2"):
            try:
                db.execute(perintah)
            except sqlite3.IntegrityError as e:
                assert "riwayat hanya boleh ditambah" in str(e)
            else:
                raise AssertionError(f"tidak ditolak: {perintah}")
    assert baca_db(arsip, kueri) == sebelum
    r = jalankan("periksa")
    assert r.exit_code == 0 and r.stdout.startswith("Arsip sehat:"), r.stdout + r.stderr
    # and the archive keeps working: a new step chains on the last event
    args, petugas = langkah_cli(Aksi.TINDAK, nomor[1])
    r = jalankan(*args, "--waktu", BERIKUT, petugas=petugas)
    assert r.exit_code == 0, r.stderr
    assert len(baca_db(arsip, kueri)) == len(sebelum) + 1
    assert jalankan("periksa").exit_code == 0


def test_migrasi_menyimpan_penghitung_yang_mendahului(sampai, jalankan, arsip) -> None:
    """Events cut from the end of the chain before the migration (SQLite's counter ahead of the last event) stay a
    periksa finding after it: the migration leaves the counter as it was."""
    sampai(Status.DIVALIDASI)
    _sebelum_ramping(arsip)
    with closing(sqlite3.connect(arsip, isolation_level=None)) as db:
        db.execute("UPDATE sqlite_sequence SET seq = seq + 2 WHERE name = 'riwayat'")
        (akhir,) = db.execute("SELECT MAX(urutan) FROM riwayat").fetchone()
    r = jalankan("periksa")
    assert r.exit_code == 1
    assert f"Peristiwa #{akhir + 1}–#{akhir + 2} hilang dari akhir riwayat" in r.stdout, r.stdout
    with closing(sqlite3.connect(arsip)) as db:
        assert _indeks_hash(db) == []  # periksa opened it for writing: migrated


def test_hash_ganda_ditemukan_periksa(sampai, jalankan, arsip) -> None:
    """Without the UNIQUE, an event forged with plain SQL that repeats an existing hash is written, and periksa names
    the broken chain at that event."""
    sampai(Status.DIVALIDASI)
    with closing(sqlite3.connect(arsip, isolation_level=None)) as db:
        akhir, hash_akhir = db.execute("SELECT urutan, hash FROM riwayat ORDER BY urutan DESC LIMIT 1").fetchone()
        db.execute("INSERT INTO riwayat (keluhan_id, langkah, aksi, status_dari, status_ke, petugas, waktu,"
                   " dicatat_pada, rincian, hash_sebelum, hash) SELECT keluhan_id, langkah, aksi, status_dari,"
                   " status_ke, petugas, waktu, dicatat_pada, rincian, ?, hash FROM riwayat WHERE urutan = 1",
                   (hash_akhir,))
        assert db.execute("SELECT COUNT(*), COUNT(DISTINCT hash) FROM riwayat").fetchone() == (akhir + 1, akhir)
    r = jalankan("periksa")
    assert r.exit_code == 1
    assert any(f"Peristiwa #{akhir + 1} " in b and "tidak cocok dengan hash-nya" in b for b in r.stdout.splitlines()), r.stdout


MI = next(n for n, _ in migrasi.MIGRASI if n.endswith("_ramping_indeks"))  # its number: its landing order
DIBUANG = {"tindakan_efektivitas_belum", "tindakan_kode_akar"}


def _indeks(jalur: Path) -> set[str]:
    with closing(sqlite3.connect(jalur)) as db:
        return {n for (n,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}


def test_indeks_tanpa_pembaca_dibuang_isi_dan_rekap_tetap(sampai, jalankan, arsip) -> None:
    """An archive written before _ramping_indeks, one CAPA round of it owing its effectiveness review: on its next
    opening the two indexes no query read are gone and nothing else, every row of tindakan and riwayat stays, the
    month's recap (its pending reviews included) prints the same JSON, and periksa is clean."""
    sampai(Status.SELESAI)
    bulan = ["rekap", "--bulan", "2026-11", "--format", "json"]
    r = jalankan(*bulan)
    assert r.exit_code == 0, r.stderr
    rekap_baru = r.stdout
    baru = _indeks(arsip)
    with closing(sqlite3.connect(arsip, isolation_level=None)) as db:
        buang_migrasi_sejak(db, MI)  # the schema as before it: the two indexes back, filled from the rows
    sebelum = {t: baca_db(arsip, f"SELECT rowid, * FROM {t} ORDER BY rowid") for t in ("tindakan", "riwayat")}
    assert DIBUANG <= _indeks(arsip)
    assert baca_db(arsip, "SELECT COUNT(*) AS n FROM tindakan WHERE verifikasi = 'terima' AND efektivitas IS NULL") == [{"n": 1}]
    r = jalankan(*bulan)  # opening it migrates
    assert r.exit_code == 0, r.stderr
    assert r.stdout == rekap_baru
    assert _indeks(arsip) == baru and not DIBUANG & baru
    assert {t: baca_db(arsip, f"SELECT rowid, * FROM {t} ORDER BY rowid") for t in sebelum} == sebelum
    r = jalankan("periksa")
    assert r.exit_code == 0 and r.stdout.startswith("Arsip sehat:"), r.stdout + r.stderr
