"""The archive's schema, as an ordered list of migrations.

Each migration is a small function, applied once, in order, and recorded by name in
``_migrasi``; ``PRAGMA user_version`` mirrors how many have been applied so that opening
an up-to-date archive costs one pragma. Never edit a migration that has landed: add a
new one. A comment on each says why it exists.

The runner is ours rather than sqlite-utils' ``Migrations`` for two reasons: each
migration runs under ``BEGIN IMMEDIATE`` and re-checks ``user_version`` after taking the
lock, so two processes opening an old archive at once cannot both apply it; and
importing sqlite-utils costs ~150 ms that every clerk command would pay.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

Migrasi = Callable[[sqlite3.Connection], None]
MIGRASI: list[tuple[str, Migrasi]] = []


def migrasi(fn: Migrasi) -> Migrasi:
    MIGRASI.append((fn.__name__, fn))
    return fn


@migrasi
def m001_skema_awal(db: sqlite3.Connection) -> None:
    """The three tables the SPEC names: keluhan (current state), riwayat (append-only
    events, hash-chained), tindakan (CAPA rows, one per round of step 4)."""
    skrip(
        db,
        """
        CREATE TABLE keluhan (
            id TEXT PRIMARY KEY,                -- short id, e.g. 'k7f3q2m'
            nomor TEXT NOT NULL UNIQUE,         -- official number, e.g. '001/KP/BBSPJIKFK/XI/2026'
            tahun INTEGER NOT NULL,             -- year of recording: the sequence restarts each year
            urut INTEGER NOT NULL,              -- sequence within the year, gapless
            status TEXT NOT NULL CHECK (status IN ('dicatat','divalidasi','tidak_valid',
                'ditindaklanjuti','diverifikasi','selesai','banding')),
            nama TEXT NOT NULL,
            instansi TEXT,
            alamat TEXT,
            telepon TEXT,
            email TEXT,
            media TEXT NOT NULL CHECK (media IN ('kotak','surat','telepon','fax','email',
                'siptenan','website')),
            layanan TEXT CHECK (layanan IS NULL OR layanan IN ('pengujian','kalibrasi',
                'sertifikasi','inspeksi','lainnya')),
            referensi TEXT,
            uraian TEXT NOT NULL,
            harapan TEXT,
            kategori TEXT,
            diajukan TEXT,                      -- step 1: when the customer submitted
            dicatat TEXT NOT NULL,              -- step 2
            petugas_pencatat TEXT NOT NULL,
            validasi TEXT CHECK (validasi IS NULL OR validasi IN ('benar','tidak_benar')),
            tim_teknis TEXT,
            alasan_tidak_valid TEXT,
            catatan_validasi TEXT,
            divalidasi TEXT,                    -- step 3
            petugas_validasi TEXT,
            diverifikasi TEXT,                  -- step 5 (accepted)
            petugas_verifikasi TEXT,
            catatan_verifikasi TEXT,
            diinformasikan TEXT,                -- step 6
            petugas_informasi TEXT,
            media_informasi TEXT,
            catatan_informasi TEXT,
            dibanding TEXT,                     -- appeal
            banding_alasan TEXT,
            waktu_status TEXT NOT NULL,         -- time of the last step: the current step's clock starts here
            diperbarui TEXT NOT NULL,           -- system time of the last change
            UNIQUE (tahun, urut)
        );
        CREATE INDEX keluhan_dicatat ON keluhan (dicatat);
        CREATE INDEX keluhan_status ON keluhan (status, waktu_status);

        CREATE TABLE riwayat (
            urutan INTEGER PRIMARY KEY AUTOINCREMENT,   -- order of events in the whole archive
            -- deferred: catat writes its event before the complaint's row, in one transaction
            keluhan_id TEXT NOT NULL REFERENCES keluhan (id) DEFERRABLE INITIALLY DEFERRED,
            langkah INTEGER,                    -- SOP step 2..6, 7 = banding, NULL = koreksi
            aksi TEXT NOT NULL,
            status_dari TEXT,
            status_ke TEXT,
            petugas TEXT NOT NULL,
            waktu TEXT NOT NULL,                -- when it really happened (--waktu)
            dicatat_pada TEXT NOT NULL,         -- system time when it was written
            rincian TEXT NOT NULL DEFAULT '{}', -- JSON: the step's fields
            hash_sebelum TEXT NOT NULL,         -- hash of the previous event in the archive
            hash TEXT NOT NULL UNIQUE           -- sha256 of this event's content and hash_sebelum
        );
        CREATE INDEX riwayat_keluhan ON riwayat (keluhan_id, urutan);
        CREATE INDEX riwayat_waktu ON riwayat (waktu);

        -- History is never rewritten, whoever tries (our code, sqlite3, Datasette).
        CREATE TRIGGER riwayat_tolak_ubah BEFORE UPDATE ON riwayat
        BEGIN SELECT RAISE(ABORT, 'riwayat hanya boleh ditambah: UPDATE ditolak'); END;
        CREATE TRIGGER riwayat_tolak_hapus BEFORE DELETE ON riwayat
        BEGIN SELECT RAISE(ABORT, 'riwayat hanya boleh ditambah: DELETE ditolak'); END;
        -- A complaint, once recorded, never disappears.
        CREATE TRIGGER keluhan_tolak_hapus BEFORE DELETE ON keluhan
        BEGIN SELECT RAISE(ABORT, 'keluhan tidak boleh dihapus'); END;

        CREATE TABLE tindakan (
            id INTEGER PRIMARY KEY,
            keluhan_id TEXT NOT NULL REFERENCES keluhan (id),
            putaran INTEGER NOT NULL,           -- 1, then 2 after a return for rework, ...
            riwayat_urutan INTEGER NOT NULL REFERENCES riwayat (urutan),
            akar_masalah TEXT,
            koreksi TEXT NOT NULL,
            korektif TEXT,
            pencegahan TEXT NOT NULL,
            penanggung_jawab TEXT,
            target TEXT,                        -- target date, YYYY-MM-DD
            petugas TEXT NOT NULL,
            waktu TEXT NOT NULL,
            verifikasi TEXT CHECK (verifikasi IS NULL OR verifikasi IN ('terima','kembalikan')),
            verifikasi_alasan TEXT,
            verifikasi_catatan TEXT,
            diverifikasi_oleh TEXT,
            diverifikasi_pada TEXT,
            UNIQUE (keluhan_id, putaran)
        );
        CREATE TRIGGER tindakan_tolak_hapus BEFORE DELETE ON tindakan
        BEGIN SELECT RAISE(ABORT, 'tindakan tidak boleh dihapus'); END;
        """
    )


def skrip(db: sqlite3.Connection, sql: str) -> None:
    """Run several statements inside the caller's transaction.

    ``executescript`` would COMMIT first and break the migration's atomicity.
    """
    buf = ""
    for baris in sql.splitlines(keepends=True):
        buf += baris
        if sqlite3.complete_statement(buf):
            db.execute(buf)
            buf = ""
    if buf.strip():
        db.execute(buf)


def versi_terbaru() -> int:
    return len(MIGRASI)


def terapkan(db: sqlite3.Connection, waktu_sistem: str) -> list[str]:
    """Apply pending migrations, each in its own IMMEDIATE transaction; return their names."""
    db.execute(
        "CREATE TABLE IF NOT EXISTS _migrasi (nama TEXT PRIMARY KEY, diterapkan TEXT NOT NULL)"
    )
    diterapkan: list[str] = []
    for nomor, (nama, fn) in enumerate(MIGRASI, start=1):
        db.execute("BEGIN IMMEDIATE")
        try:
            if db.execute("PRAGMA user_version").fetchone()[0] >= nomor:
                db.execute("COMMIT")
                continue
            fn(db)
            db.execute("INSERT INTO _migrasi (nama, diterapkan) VALUES (?, ?)", (nama, waktu_sistem))
            db.execute(f"PRAGMA user_version = {nomor}")
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise
        diterapkan.append(nama)
    return diterapkan
