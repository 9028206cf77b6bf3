"""The archive's schema, as an ordered list of migrations.

Each migration is a small function, applied once, in order, and recorded by name in
``_migrasi``; ``PRAGMA user_version`` mirrors how many have been applied so that opening
an up-to-date archive costs one pragma. Never edit a migration that has landed: add a
new one. A comment on each says why it exists.

The runner is our own (each migration runs under ``BEGIN IMMEDIATE`` and re-checks
``user_version`` after taking the lock, so two processes opening an old archive at once
cannot both apply it), and the standard library's sqlite3 is the only database library.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable, Iterable

from keluhan import sinyal

# A migration takes the connection, and the system time when it declares a second
# parameter (one that writes a dated row).
Migrasi = Callable[..., None]
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


@migrasi
def m002_kalender_dan_tenggat(db: sqlite3.Connection) -> None:
    """Issue 3, working-time SLA. The calendar becomes data in the archive (auditors see
    which days counted; a holiday removed by hand stays visible as removed), each step's
    working duration and compliance is stored beside its event, and each open
    complaint's current deadline is kept in ``tenggat``, so auditors can ask "what was
    late" and "what is overdue now" in plain SQL. ``jam_kerja`` and ``libur`` are filled
    when the archive is opened (``tenggat.siapkan``): from keluhan.toml and the
    ``holidays`` package. Derived SLA data stays out of ``keluhan``: that row is the
    fold of its events and nothing else. Each table's and view's description sits inside
    its CREATE statement, so ``.schema`` in sqlite3 shows it to auditors."""
    skrip(
        db,
        """
        CREATE TABLE jam_kerja (
            -- Office hours per weekday. Seeded once from keluhan.toml [jam_kerja]; from then
            -- on the archive is the truth (a changed keluhan.toml does not change it).
            hari INTEGER PRIMARY KEY CHECK (hari BETWEEN 0 AND 6),  -- 0 = Senin ... 6 = Minggu
            nama_hari TEXT NOT NULL,
            mulai TEXT,                         -- opening 'HH:MM' local; NULL = not a working day
            selesai TEXT,                       -- closing 'HH:MM' local ('24:00' = midnight)
            ditetapkan TEXT NOT NULL,           -- system time when set
            CHECK ((mulai IS NULL) = (selesai IS NULL))
        );

        CREATE TABLE libur (
            -- Public holidays and cuti bersama: one row per holiday ever in force. Rows are
            -- never deleted or edited; removing a holiday fills dihapus/dihapus_oleh/alasan_hapus.
            id INTEGER PRIMARY KEY,
            tanggal TEXT NOT NULL,              -- 'YYYY-MM-DD'
            nama TEXT NOT NULL,
            sumber TEXT NOT NULL CHECK (sumber IN ('holidays', 'manual')),  -- holidays = the package
            ditambahkan TEXT NOT NULL,          -- system time the row was added
            ditambahkan_oleh TEXT,              -- petugas (NULL when seeded from the package)
            alasan_tambah TEXT,
            dihapus TEXT,                       -- system time it was removed; NULL = in force
            dihapus_oleh TEXT,
            alasan_hapus TEXT,
            CHECK (sumber = 'holidays' OR ditambahkan_oleh IS NOT NULL),
            CHECK ((dihapus IS NULL) = (dihapus_oleh IS NULL) AND (dihapus IS NULL) = (alasan_hapus IS NULL))
        );
        CREATE UNIQUE INDEX libur_berlaku ON libur (tanggal) WHERE dihapus IS NULL;
        CREATE TRIGGER libur_tolak_hapus BEFORE DELETE ON libur
        BEGIN SELECT RAISE(ABORT, 'libur tidak boleh dihapus: isi kolom dihapus (keluhan libur hapus)'); END;
        CREATE TRIGGER libur_tolak_ubah BEFORE UPDATE ON libur
        WHEN OLD.dihapus IS NOT NULL OR NEW.dihapus IS NULL
            OR NEW.tanggal IS NOT OLD.tanggal OR NEW.nama IS NOT OLD.nama OR NEW.sumber IS NOT OLD.sumber
            OR NEW.ditambahkan IS NOT OLD.ditambahkan OR NEW.ditambahkan_oleh IS NOT OLD.ditambahkan_oleh
            OR NEW.alasan_tambah IS NOT OLD.alasan_tambah
        BEGIN SELECT RAISE(ABORT, 'libur hanya boleh ditandai dihapus; isi lain tidak boleh diubah'); END;

        CREATE TABLE libur_tahun (
            -- Years whose holidays were seeded from the package (and which version), so a
            -- year is seeded once and a holiday removed by hand does not come back.
            tahun INTEGER PRIMARY KEY,
            sumber TEXT NOT NULL,               -- e.g. 'holidays 0.109'
            diisi TEXT NOT NULL                 -- system time
        );

        CREATE TABLE durasi_langkah (
            -- One row per step event (langkah 2..6) whose start is known: its working
            -- duration against the mutu baku in force when it was written. Step 2 is
            -- measured from keluhan.diajukan (no row when that is empty); every other step
            -- from the previous step event. Recomputed when the calendar changes.
            riwayat_urutan INTEGER PRIMARY KEY REFERENCES riwayat (urutan),
            keluhan_id TEXT NOT NULL REFERENCES keluhan (id) DEFERRABLE INITIALLY DEFERRED,
            langkah INTEGER NOT NULL CHECK (langkah BETWEEN 2 AND 6),
            mulai TEXT NOT NULL,                -- previous step's time (step 2: diajukan)
            akhir TEXT NOT NULL,                -- this event's time (riwayat.waktu)
            menit_kerja REAL NOT NULL,          -- working minutes from mulai to akhir
            mutu_baku TEXT NOT NULL,            -- e.g. '15 menit', '3 hari'
            batas TEXT NOT NULL,                -- deadline: mulai + mutu_baku in working time
            patuh INTEGER NOT NULL CHECK (patuh IN (0, 1)),  -- 1 = within the mutu baku
            dihitung TEXT NOT NULL              -- system time of the (re)computation
        );
        CREATE INDEX durasi_langkah_keluhan ON durasi_langkah (keluhan_id);
        CREATE INDEX durasi_langkah_akhir ON durasi_langkah (akhir);
        CREATE INDEX durasi_langkah_batas ON durasi_langkah (batas);

        CREATE TABLE tenggat (
            -- The step each unfinished complaint waits for, and its deadline. Kept by every
            -- write; no row once the complaint is selesai or banding.
            keluhan_id TEXT PRIMARY KEY REFERENCES keluhan (id) DEFERRABLE INITIALLY DEFERRED,
            langkah INTEGER NOT NULL CHECK (langkah BETWEEN 3 AND 6),  -- the step awaited
            mulai TEXT NOT NULL,                -- its clock starts here (the last step's time)
            mutu_baku TEXT NOT NULL,
            batas TEXT NOT NULL,                -- deadline, local time with offset
            batas_utc TEXT NOT NULL,            -- the same instant in UTC, 'YYYY-MM-DD HH:MM:SS'
            -- late once the clock passes this (UTC, same format): the deadline itself, or
            -- the next opening when the deadline falls at closing time or outside office hours
            lewat_setelah_utc TEXT NOT NULL,
            dihitung TEXT NOT NULL
        );
        -- Step 6 by time: the recap finds complaints closed after a period's end (still
        -- open at it) without walking every later event.
        CREATE INDEX riwayat_informasikan ON riwayat (waktu) WHERE aksi = 'informasikan';
        CREATE INDEX tenggat_batas ON tenggat (batas_utc);
        CREATE INDEX tenggat_lewat ON tenggat (lewat_setelah_utc);

        CREATE VIEW v_durasi_langkah AS
            -- Every measured step event: who did which step of which complaint, how long it
            -- took in working minutes, the standard, the deadline and whether it was met.
            -- Columns: nomor, keluhan_id, riwayat_urutan, langkah, aksi, petugas, mulai,
            -- akhir, menit_kerja, mutu_baku, batas, patuh (1/0), keterangan ('patuh'/'terlambat').
        SELECT k.nomor, d.keluhan_id, d.riwayat_urutan, d.langkah, r.aksi, r.petugas,
               d.mulai, d.akhir, d.menit_kerja, d.mutu_baku, d.batas, d.patuh,
               CASE d.patuh WHEN 1 THEN 'patuh' ELSE 'terlambat' END AS keterangan
        FROM durasi_langkah d
        JOIN riwayat r ON r.urutan = d.riwayat_urutan
        JOIN keluhan k ON k.id = d.keluhan_id;

        CREATE VIEW v_keluhan_status AS
            -- Every complaint now. Columns: nomor, id, nama, media, layanan, tim_teknis, status,
            -- dicatat, waktu_status (last step), langkah_berikutnya (NULL when finished),
            -- mutu_baku and batas of that step, terlambat (1 = past its deadline now),
            -- langkah_terlambat (how many finished steps missed their mutu baku),
            -- menit_kerja_ditangani (working minutes from recording to the last step),
            -- hari_kalender (calendar days from recording to step 6, or to now when unfinished).
        SELECT k.nomor, k.id, k.nama, k.media, k.layanan, k.tim_teknis, k.status, k.dicatat,
               k.waktu_status, t.langkah AS langkah_berikutnya, t.mutu_baku, t.batas,
               CASE WHEN t.lewat_setelah_utc < datetime('now') THEN 1 ELSE 0 END AS terlambat,
               (SELECT COUNT(*) FROM durasi_langkah d WHERE d.keluhan_id = k.id AND d.patuh = 0)
                   AS langkah_terlambat,
               (SELECT ROUND(SUM(d.menit_kerja), 2) FROM durasi_langkah d
                WHERE d.keluhan_id = k.id AND d.langkah >= 3) AS menit_kerja_ditangani,
               ROUND(COALESCE(julianday(k.diinformasikan), julianday('now')) - julianday(k.dicatat), 1)
                   AS hari_kalender
        FROM keluhan k
        LEFT JOIN tenggat t ON t.keluhan_id = k.id;

        CREATE VIEW v_terlambat AS
            -- What is overdue right now (SQLite's clock, UTC), most overdue first. Columns:
            -- nomor, keluhan_id, nama, status, tim_teknis, langkah (the step awaited),
            -- mutu_baku, mulai, batas (local), batas_utc, jam_lewat_kalender (calendar hours
            -- since the deadline; working time is in `keluhan terlambat`).
        SELECT k.nomor, t.keluhan_id, k.nama, k.status, k.tim_teknis, t.langkah, t.mutu_baku,
               t.mulai, t.batas, t.batas_utc,
               ROUND((julianday('now') - julianday(t.batas_utc)) * 24, 1) AS jam_lewat_kalender
        FROM tenggat t
        JOIN keluhan k ON k.id = t.keluhan_id
        WHERE t.lewat_setelah_utc < datetime('now')
        ORDER BY t.batas_utc;

        CREATE VIEW v_rekap_bulanan AS
            -- Complaints recorded per month, by CURRENT status and media (the official recap,
            -- `keluhan rekap`, replays statuses as of the month's end instead). Columns:
            -- bulan ('YYYY-MM' of keluhan.dicatat), status, media, jumlah.
        SELECT substr(dicatat, 1, 7) AS bulan, status, media, COUNT(*) AS jumlah
        FROM keluhan
        GROUP BY bulan, status, media;

        CREATE VIEW v_kepatuhan_bulanan AS
            -- Step events per month (of the event) and step: how many, how many met the mutu
            -- baku. Columns: bulan, langkah, jumlah, patuh, persen_patuh.
        SELECT substr(akhir, 1, 7) AS bulan, langkah, COUNT(*) AS jumlah, SUM(patuh) AS patuh,
               ROUND(100.0 * SUM(patuh) / COUNT(*), 1) AS persen_patuh
        FROM durasi_langkah
        GROUP BY bulan, langkah;
        """
    )


def _sql_v_riwayat(sumber: str, tambahan: str) -> str:
    """v_riwayat over ``sumber`` (m003: riwayat; m014: v_waktu_efektif, with ``tambahan`` columns)."""
    return f"""
        CREATE VIEW v_riwayat AS
            -- Every event, oldest first, readable: the complaint's number, the step's main
            -- fields taken out of rincian (tim_teknis; alasan of a refusal, return, appeal or
            -- correction; catatan; for a correction the column, old and new value), hours
            -- between the step and its writing (jam_kemudian), the import file it came from,
            -- and its working duration and compliance when it is a measured step.
        SELECT r.urutan, k.nomor, r.keluhan_id, r.langkah, r.aksi, r.status_dari, r.status_ke,
               r.petugas, r.waktu, r.dicatat_pada,
               ROUND((julianday(r.dicatat_pada) - julianday(r.waktu)) * 24, 2) AS jam_kemudian,
               json_extract(r.rincian, '$.tim_teknis') AS tim_teknis,
               json_extract(r.rincian, '$.alasan') AS alasan,
               json_extract(r.rincian, '$.catatan') AS catatan,
               json_extract(r.rincian, '$.kolom') AS kolom_dikoreksi,
               json_extract(r.rincian, '$.lama') AS nilai_lama,
               json_extract(r.rincian, '$.baru') AS nilai_baru,
               json_extract(r.rincian, '$.impor.berkas') AS berkas_impor,
               d.menit_kerja, d.mutu_baku, d.batas, d.patuh{tambahan}
        FROM {sumber} r
        JOIN keluhan k ON k.id = r.keluhan_id
        LEFT JOIN durasi_langkah d ON d.riwayat_urutan = r.urutan
        ORDER BY r.urutan;
"""


@migrasi
def m003_view_auditor(db: sqlite3.Connection) -> None:
    """Issue 6, for auditors: what m002's views leave out. ``v_keluhan_durasi`` puts
    each complaint's steps side by side (working minutes and compliance per step, rework
    rounds counted), where v_keluhan_status only sums them; ``v_riwayat`` makes the event
    log readable without JSON functions (the complaint's number, the step's main fields,
    how long after the fact it was written, its measured duration), corrections
    included. Views only: nothing is stored twice, nothing to migrate."""
    skrip(
        db,
        f"""
        CREATE VIEW v_keluhan_durasi AS
            -- One row per complaint: its status and, for each SOP step 2..6, the working
            -- minutes it took (steps 4 and 5 summed over rework rounds) and whether it met
            -- the mutu baku (1 = every event of that step did, 0 = one did not, NULL = not
            -- reached yet, or step 2 without diajukan). Also: rounds of step 4, total working
            -- minutes, steps late.
        SELECT k.nomor, k.id, k.status, k.tim_teknis, k.diajukan, k.dicatat, k.diinformasikan,
               ROUND(SUM(CASE WHEN d.langkah = 2 THEN d.menit_kerja END), 2) AS menit_langkah_2,
               MIN(CASE WHEN d.langkah = 2 THEN d.patuh END) AS patuh_langkah_2,
               ROUND(SUM(CASE WHEN d.langkah = 3 THEN d.menit_kerja END), 2) AS menit_langkah_3,
               MIN(CASE WHEN d.langkah = 3 THEN d.patuh END) AS patuh_langkah_3,
               ROUND(SUM(CASE WHEN d.langkah = 4 THEN d.menit_kerja END), 2) AS menit_langkah_4,
               MIN(CASE WHEN d.langkah = 4 THEN d.patuh END) AS patuh_langkah_4,
               ROUND(SUM(CASE WHEN d.langkah = 5 THEN d.menit_kerja END), 2) AS menit_langkah_5,
               MIN(CASE WHEN d.langkah = 5 THEN d.patuh END) AS patuh_langkah_5,
               ROUND(SUM(CASE WHEN d.langkah = 6 THEN d.menit_kerja END), 2) AS menit_langkah_6,
               MIN(CASE WHEN d.langkah = 6 THEN d.patuh END) AS patuh_langkah_6,
               COUNT(CASE WHEN d.langkah = 4 THEN 1 END) AS putaran_tindak,
               ROUND(SUM(d.menit_kerja), 2) AS menit_kerja_total,
               COALESCE(SUM(1 - d.patuh), 0) AS langkah_terlambat
        FROM keluhan k
        LEFT JOIN durasi_langkah d ON d.keluhan_id = k.id
        GROUP BY k.id;

{_sql_v_riwayat('riwayat', '')}
        """
    )


@migrasi
def m004_tolak_timpa(db: sqlite3.Connection) -> None:
    """Review finding: ``INSERT OR REPLACE`` slipped past the append-only triggers. On a
    conflict SQLite deletes the old row without firing DELETE triggers (unless
    recursive_triggers is on), so ``INSERT OR REPLACE INTO riwayat ... WHERE urutan = 4``
    rewrote an event and the same on ``libur`` moved a holiday. A BEFORE INSERT trigger
    runs before the conflict is resolved: here each evidence table refuses a row whose
    key is taken, whatever the conflict clause (REPLACE, an UPSERT, a plain INSERT).

    Also: the calendar and the measured durations become append-only where nothing
    legitimate changes them. ``jam_kerja`` and ``libur_tahun`` are written once;
    ``durasi_langkah`` rows are never deleted and a recomputation (``libur
    tambah/hapus``) changes only the result columns; the keys of ``keluhan`` and
    ``tindakan`` never change after the event that created them (an ``UPDATE OR
    REPLACE`` on them could otherwise delete another row). ``tenggat`` stays writable:
    it is the current deadline, replaced at every step, and ``periksa`` recomputes it."""
    skrip(
        db,
        """
        CREATE TRIGGER riwayat_tolak_timpa BEFORE INSERT ON riwayat
        WHEN EXISTS (SELECT 1 FROM riwayat WHERE urutan = NEW.urutan OR hash = NEW.hash)
        BEGIN SELECT RAISE(ABORT, 'riwayat hanya boleh ditambah: peristiwa dengan urutan atau hash itu sudah ada'); END;
        CREATE TRIGGER keluhan_tolak_timpa BEFORE INSERT ON keluhan
        WHEN EXISTS (SELECT 1 FROM keluhan WHERE id = NEW.id OR nomor = NEW.nomor
                     OR (tahun = NEW.tahun AND urut = NEW.urut))
        BEGIN SELECT RAISE(ABORT, 'keluhan dengan id, nomor, atau nomor urut itu sudah ada; tidak boleh ditimpa'); END;
        CREATE TRIGGER keluhan_tolak_ubah_kunci BEFORE UPDATE OF id, nomor, tahun, urut ON keluhan
        WHEN NEW.id IS NOT OLD.id OR NEW.nomor IS NOT OLD.nomor OR NEW.tahun IS NOT OLD.tahun
            OR NEW.urut IS NOT OLD.urut
        BEGIN SELECT RAISE(ABORT, 'id dan nomor keluhan tidak boleh diubah'); END;
        CREATE TRIGGER tindakan_tolak_timpa BEFORE INSERT ON tindakan
        WHEN EXISTS (SELECT 1 FROM tindakan WHERE id = NEW.id
                     OR (keluhan_id = NEW.keluhan_id AND putaran = NEW.putaran))
        BEGIN SELECT RAISE(ABORT, 'putaran tindakan itu sudah ada; tidak boleh ditimpa'); END;
        CREATE TRIGGER tindakan_tolak_ubah_kunci BEFORE UPDATE OF id, keluhan_id, putaran, riwayat_urutan ON tindakan
        WHEN NEW.id IS NOT OLD.id OR NEW.keluhan_id IS NOT OLD.keluhan_id OR NEW.putaran IS NOT OLD.putaran
            OR NEW.riwayat_urutan IS NOT OLD.riwayat_urutan
        BEGIN SELECT RAISE(ABORT, 'keluhan, putaran, dan peristiwa sebuah tindakan tidak boleh diubah'); END;

        CREATE TRIGGER libur_tolak_timpa BEFORE INSERT ON libur
        WHEN EXISTS (SELECT 1 FROM libur WHERE id = NEW.id)
            OR (NEW.dihapus IS NULL AND EXISTS (SELECT 1 FROM libur WHERE tanggal = NEW.tanggal AND dihapus IS NULL))
        BEGIN SELECT RAISE(ABORT, 'libur tidak boleh ditimpa: baris itu, atau libur yang berlaku pada tanggal itu, sudah ada'); END;
        CREATE TRIGGER libur_tahun_tolak_timpa BEFORE INSERT ON libur_tahun
        WHEN EXISTS (SELECT 1 FROM libur_tahun WHERE tahun = NEW.tahun)
        BEGIN SELECT RAISE(ABORT, 'libur tahun itu sudah diisi; tidak boleh ditimpa'); END;
        CREATE TRIGGER libur_tahun_tolak_ubah BEFORE UPDATE ON libur_tahun
        BEGIN SELECT RAISE(ABORT, 'libur_tahun hanya boleh ditambah: UPDATE ditolak'); END;
        CREATE TRIGGER libur_tahun_tolak_hapus BEFORE DELETE ON libur_tahun
        BEGIN SELECT RAISE(ABORT, 'libur_tahun hanya boleh ditambah: DELETE ditolak'); END;

        -- Office hours are set once, when the archive is created: durations already
        -- measured used them. See docs/tenggat.md for changing them.
        CREATE TRIGGER jam_kerja_tolak_timpa BEFORE INSERT ON jam_kerja
        WHEN EXISTS (SELECT 1 FROM jam_kerja WHERE hari = NEW.hari)
        BEGIN SELECT RAISE(ABORT, 'jam kerja hari itu sudah ditetapkan; tidak boleh ditimpa'); END;
        CREATE TRIGGER jam_kerja_tolak_ubah BEFORE UPDATE ON jam_kerja
        BEGIN SELECT RAISE(ABORT, 'jam_kerja tidak boleh diubah: jam kerja arsip ditetapkan sekali'); END;
        CREATE TRIGGER jam_kerja_tolak_hapus BEFORE DELETE ON jam_kerja
        BEGIN SELECT RAISE(ABORT, 'jam_kerja tidak boleh dihapus: jam kerja arsip ditetapkan sekali'); END;

        CREATE TRIGGER durasi_langkah_tolak_timpa BEFORE INSERT ON durasi_langkah
        WHEN EXISTS (SELECT 1 FROM durasi_langkah WHERE riwayat_urutan = NEW.riwayat_urutan)
        BEGIN SELECT RAISE(ABORT, 'durasi peristiwa itu sudah ada; tidak boleh ditimpa'); END;
        CREATE TRIGGER durasi_langkah_tolak_ubah BEFORE UPDATE ON durasi_langkah
        WHEN NEW.riwayat_urutan IS NOT OLD.riwayat_urutan OR NEW.keluhan_id IS NOT OLD.keluhan_id
            OR NEW.langkah IS NOT OLD.langkah OR NEW.mulai IS NOT OLD.mulai OR NEW.akhir IS NOT OLD.akhir
            OR NEW.mutu_baku IS NOT OLD.mutu_baku
        BEGIN SELECT RAISE(ABORT, 'durasi_langkah: hanya hasil hitungan (menit_kerja, batas, patuh, dihitung) yang boleh dihitung ulang'); END;
        CREATE TRIGGER durasi_langkah_tolak_hapus BEFORE DELETE ON durasi_langkah
        BEGIN SELECT RAISE(ABORT, 'durasi_langkah tidak boleh dihapus'); END;
        """
    )


@migrasi
def m005_kalender_tercatat(db: sqlite3.Connection, waktu_sistem: str) -> None:
    """Review findings: the working calendar could be changed with plain SQL and
    ``periksa`` still said sound (a direct ``INSERT INTO libur ... 'manual'`` with a
    back-dated ``ditambahkan`` left no trace), and the archive's time zone lived only in
    keluhan.toml, so editing the file let new steps be written in another offset.

    ``pengaturan_arsip`` keeps what belongs to the archive rather than to one PC's
    settings: ``zona``, written from keluhan.toml the first time the archive is opened
    (``tenggat.siapkan``) and never changed. ``kalender_riwayat`` is an append-only,
    hash-chained log of every change to ``jam_kerja``, ``libur``, ``libur_tahun`` and
    ``pengaturan_arsip``, written in the same transaction as the change; ``periksa``
    replays it and compares. An archive that already had a calendar gets one ``awal``
    event holding those tables as they are now: what came before cannot be proven, what
    comes after can."""
    skrip(
        db,
        """
        CREATE TABLE pengaturan_arsip (
            -- Settings of the archive itself, not of keluhan.toml: written once (the first
            -- time a program that knows this table opens the archive), never changed.
            -- 'zona' = the IANA time zone every stored time is written in.
            kunci TEXT PRIMARY KEY,
            nilai TEXT NOT NULL,
            ditetapkan TEXT NOT NULL            -- system time when set
        );
        CREATE TRIGGER pengaturan_arsip_tolak_timpa BEFORE INSERT ON pengaturan_arsip
        WHEN EXISTS (SELECT 1 FROM pengaturan_arsip WHERE kunci = NEW.kunci)
        BEGIN SELECT RAISE(ABORT, 'pengaturan arsip ditetapkan sekali; tidak boleh ditimpa'); END;
        CREATE TRIGGER pengaturan_arsip_tolak_ubah BEFORE UPDATE ON pengaturan_arsip
        BEGIN SELECT RAISE(ABORT, 'pengaturan arsip ditetapkan sekali; UPDATE ditolak'); END;
        CREATE TRIGGER pengaturan_arsip_tolak_hapus BEFORE DELETE ON pengaturan_arsip
        BEGIN SELECT RAISE(ABORT, 'pengaturan arsip ditetapkan sekali; DELETE ditolak'); END;

        CREATE TABLE kalender_riwayat (
            -- Every change to jam_kerja, libur, libur_tahun and pengaturan_arsip, in order,
            -- written in the same transaction as the change and hash-chained like riwayat.
            -- Replaying it gives exactly those tables (keluhan periksa does; docs/jaminan.md).
            urutan INTEGER PRIMARY KEY AUTOINCREMENT,
            aksi TEXT NOT NULL CHECK (aksi IN ('awal', 'pengaturan', 'jam_kerja', 'isi_tahun',
                'tambah_libur', 'hapus_libur')),
            tanggal TEXT,                       -- the holiday's date (tambah_libur, hapus_libur)
            petugas TEXT,                       -- who; NULL when the program seeded it
            dicatat_pada TEXT NOT NULL,         -- system time; the changed rows carry the same
            rincian TEXT NOT NULL,              -- JSON: what changed
            hash_sebelum TEXT NOT NULL,         -- hash of the previous entry (64 zeros for the first)
            hash TEXT NOT NULL UNIQUE           -- sha256 of this entry and hash_sebelum
        );
        CREATE TRIGGER kalender_riwayat_tolak_ubah BEFORE UPDATE ON kalender_riwayat
        BEGIN SELECT RAISE(ABORT, 'kalender_riwayat hanya boleh ditambah: UPDATE ditolak'); END;
        CREATE TRIGGER kalender_riwayat_tolak_hapus BEFORE DELETE ON kalender_riwayat
        BEGIN SELECT RAISE(ABORT, 'kalender_riwayat hanya boleh ditambah: DELETE ditolak'); END;
        CREATE TRIGGER kalender_riwayat_tolak_timpa BEFORE INSERT ON kalender_riwayat
        WHEN EXISTS (SELECT 1 FROM kalender_riwayat WHERE urutan = NEW.urutan OR hash = NEW.hash)
        BEGIN SELECT RAISE(ABORT, 'kalender_riwayat hanya boleh ditambah: entri itu sudah ada'); END;
        """
    )
    jam = [list(r) for r in db.execute(
        "SELECT hari, nama_hari, mulai, selesai, ditetapkan FROM jam_kerja ORDER BY hari")]
    libur = [list(r) for r in db.execute(
        "SELECT id, tanggal, nama, sumber, ditambahkan, ditambahkan_oleh, alasan_tambah, dihapus, dihapus_oleh,"
        " alasan_hapus FROM libur ORDER BY id")]
    tahun = [list(r) for r in db.execute("SELECT tahun, sumber, diisi FROM libur_tahun ORDER BY tahun")]
    if jam or libur or tahun:
        from keluhan import tenggat

        tenggat.catat_kalender(db, "awal", sistem=waktu_sistem,
                               rincian={"jam_kerja": jam, "libur": libur, "libur_tahun": tahun})


@migrasi
def m006_indeks_rekap(db: sqlite3.Connection) -> None:
    """Issue 7, a month's recap in well under a second on a million complaints. Each
    query the recap runs gets an index that answers it alone or in the order it needs:
    the period's complaints in the recap's order (recording time, then number:
    ``keluhan_dicatat`` gains ``nomor``, so nothing is sorted; ``keluhan_status`` trades
    ``waktu_status``, which no query reads, for ``dicatat``: the open complaints recorded
    before a period, and ``daftar --status``'s newest first without sorting a million
    rows, 6 s -> 0.1 s), the step events of a
    period per step and the late ones (``riwayat``'s index on ``waktu`` and
    ``durasi_langkah``'s on ``akhir`` grow the columns the counts need, replacing the
    narrower ones, which every query they served can still use), the complaints closed
    in a period with their recording time, and
    those recorded before a period and closed only after it: handled for longer than the
    period lasts, found among the few long ones by an index on how long each closed
    complaint took. That last one replaces m002's partial index on step-6 events, which
    made the recap walk every step 6 after the period (for a month three years back,
    most of the archive). Indexes only: nothing stored twice."""
    skrip(
        db,
        """
        DROP INDEX keluhan_dicatat;
        CREATE INDEX keluhan_dicatat_nomor ON keluhan (dicatat, nomor);
        DROP INDEX keluhan_status;
        CREATE INDEX keluhan_status_dicatat ON keluhan (status, dicatat);
        DROP INDEX riwayat_waktu;
        CREATE INDEX riwayat_waktu_langkah ON riwayat (waktu, langkah);
        DROP INDEX durasi_langkah_akhir;
        CREATE INDEX durasi_langkah_akhir_patuh ON durasi_langkah (akhir, langkah, patuh);
        DROP INDEX riwayat_informasikan;
        CREATE INDEX keluhan_selesai ON keluhan (diinformasikan, dicatat) WHERE diinformasikan IS NOT NULL;
        CREATE INDEX keluhan_lama_penanganan ON keluhan (julianday(diinformasikan) - julianday(dicatat))
            WHERE diinformasikan IS NOT NULL;
        """
    )


@migrasi
def m007_view_tanpa_data_pribadi(db: sqlite3.Connection) -> None:
    """Issue 11, for Datasette: what an auditor browses instead of the tables and views
    that carry the customer's name, address, phone or e-mail (UU 27/2022). Same rows,
    without those columns; in ``riwayat``'s JSON the fields are removed and a corrected
    personal field shows '(data pribadi)'. UTC columns carry a Z. Views only."""
    skrip(
        db,
        """
        CREATE VIEW v_keluhan_tanpa_data_pribadi AS
            -- Every complaint as in keluhan, without the customer's nama, alamat, telepon
            -- and email.
        SELECT id, nomor, tahun, urut, status, instansi, media, layanan, referensi, uraian, harapan,
               kategori, diajukan, dicatat, petugas_pencatat, validasi, tim_teknis, alasan_tidak_valid,
               catatan_validasi, divalidasi, petugas_validasi, diverifikasi, petugas_verifikasi,
               catatan_verifikasi, diinformasikan, petugas_informasi, media_informasi, catatan_informasi,
               dibanding, banding_alasan, waktu_status, diperbarui
        FROM keluhan;

        CREATE VIEW v_riwayat_tanpa_data_pribadi AS
            -- v_riwayat without personal data: a corrected nama/alamat/telepon/email shows
            -- '(data pribadi)' for its old and new value; rincian (the event's JSON) without
            -- those fields; the event's hash and the previous one, to find it in the chain.
        SELECT v.urutan, v.nomor, v.keluhan_id, v.langkah, v.aksi, v.status_dari, v.status_ke,
               v.petugas, v.waktu, v.dicatat_pada, v.jam_kemudian, v.tim_teknis, v.alasan, v.catatan,
               v.kolom_dikoreksi,
               CASE WHEN v.kolom_dikoreksi IN ('nama', 'alamat', 'telepon', 'email') THEN '(data pribadi)'
                    ELSE v.nilai_lama END AS nilai_lama,
               CASE WHEN v.kolom_dikoreksi IN ('nama', 'alamat', 'telepon', 'email') THEN '(data pribadi)'
                    ELSE v.nilai_baru END AS nilai_baru,
               v.berkas_impor, v.menit_kerja, v.mutu_baku, v.batas, v.patuh,
               CASE WHEN v.kolom_dikoreksi IN ('nama', 'alamat', 'telepon', 'email')
                    THEN json_set(r.rincian, '$.lama', '(data pribadi)', '$.baru', '(data pribadi)')
                    ELSE json_remove(r.rincian, '$.nama', '$.alamat', '$.telepon', '$.email') END AS rincian,
               r.hash_sebelum, r.hash
        FROM v_riwayat v
        JOIN riwayat r ON r.urutan = v.urutan;

        CREATE VIEW v_keluhan_status_tanpa_data_pribadi AS
            -- v_keluhan_status without the customer's name.
        SELECT nomor, id, media, layanan, tim_teknis, status, dicatat, waktu_status, langkah_berikutnya,
               mutu_baku, batas, terlambat, langkah_terlambat, menit_kerja_ditangani, hari_kalender
        FROM v_keluhan_status;

        CREATE VIEW v_terlambat_tanpa_data_pribadi AS
            -- v_terlambat without the customer's name; batas_utc as ISO 8601 with Z.
        SELECT nomor, keluhan_id, status, tim_teknis, langkah, mutu_baku, mulai, batas,
               replace(batas_utc, ' ', 'T') || 'Z' AS batas_utc, jam_lewat_kalender
        FROM v_terlambat;
        """
    )


@migrasi
def m008_pengaturan_tercatat(db: sqlite3.Connection, waktu_sistem: str) -> None:
    """Issue 11: every input of every figure in a chain. The mutu baku lived only in
    ``durasi_langkah`` (outside every hash chain, so a forged '3 hari' with a matching
    ``batas`` passed ``periksa``), the appeal window only in keluhan.toml, and office hours
    could not change (Ramadan hours are a real, dated change). ``pengaturan_riwayat`` is
    the chained, effective-dated ledger of those settings (keluhan/buku.py says how the
    entry in force is chosen); durations, compliance and deadlines are computed from it,
    and ``periksa`` recomputes them, ``mutu_baku`` included, from it and ``riwayat``.

    ``durasi_langkah.mutu_baku`` therefore becomes a recomputable result like ``batas``:
    a change with ``--berlaku-sejak`` in the past corrects it (m004's trigger allowed only
    menit_kerja, batas, patuh, dihitung).

    An archive that already holds figures gets the ledger seeded from what it holds: its
    ``jam_kerja`` table, and each step's mutu baku as stored in ``durasi_langkah`` and
    ``tenggat`` (in force from the start, and from each clock start where the stored value
    changes, so the figures already there are what the ledger gives). Keys the archive
    holds nothing about are seeded from keluhan.toml the first time it is opened
    (``tenggat.siapkan``). What came before cannot be proven; what comes after can."""
    skrip(
        db,
        """
        CREATE TABLE pengaturan_riwayat (
            -- The settings that decide figures, as a chained, effective-dated ledger: one
            -- entry per value ever set, never changed or deleted. The value in force for a key
            -- at an instant: of its entries with berlaku_sejak NULL or not after it, the one with
            -- the latest berlaku_sejak, then the latest urutan. A step's mutu baku is the one in
            -- force when its clock started; a day's office hours those in force at its midnight.
            urutan INTEGER PRIMARY KEY AUTOINCREMENT,
            kunci TEXT NOT NULL,                -- keluhan.toml's name: 'mutu_baku.langkah_4', 'jam_kerja.jumat', 'banding.batas', ...
            nilai TEXT NOT NULL,                -- JSON: "3 hari", "07:30-16:30", "" (no office hours), 20, ["manusia", ...]
            nilai_lama TEXT,                    -- JSON: the value in force at berlaku_sejak before this entry; NULL for a seed
            berlaku_sejak TEXT,                 -- ISO 8601 with offset; NULL = from the start (a seed)
            petugas TEXT,                       -- who; NULL when the program seeded it
            alasan TEXT NOT NULL,               -- why (a seed: where its value came from)
            dicatat_pada TEXT NOT NULL,         -- system time it was written
            hash_sebelum TEXT NOT NULL,         -- hash of the previous entry (64 zeros for the first)
            hash TEXT NOT NULL UNIQUE,          -- sha256 of this entry and hash_sebelum (docs/jaminan.md)
            CHECK (json_valid(nilai) AND (nilai_lama IS NULL OR json_valid(nilai_lama))),
            CHECK ((petugas IS NULL) = (nilai_lama IS NULL))
        );
        CREATE INDEX pengaturan_riwayat_kunci ON pengaturan_riwayat (kunci, berlaku_sejak, urutan);
        CREATE TRIGGER pengaturan_riwayat_tolak_ubah BEFORE UPDATE ON pengaturan_riwayat
        BEGIN SELECT RAISE(ABORT, 'pengaturan_riwayat hanya boleh ditambah: UPDATE ditolak'); END;
        CREATE TRIGGER pengaturan_riwayat_tolak_hapus BEFORE DELETE ON pengaturan_riwayat
        BEGIN SELECT RAISE(ABORT, 'pengaturan_riwayat hanya boleh ditambah: DELETE ditolak'); END;
        CREATE TRIGGER pengaturan_riwayat_tolak_timpa BEFORE INSERT ON pengaturan_riwayat
        WHEN EXISTS (SELECT 1 FROM pengaturan_riwayat WHERE urutan = NEW.urutan OR hash = NEW.hash)
        BEGIN SELECT RAISE(ABORT, 'pengaturan_riwayat hanya boleh ditambah: entri itu sudah ada'); END;

        DROP TRIGGER durasi_langkah_tolak_ubah;
        CREATE TRIGGER durasi_langkah_tolak_ubah BEFORE UPDATE ON durasi_langkah
        WHEN NEW.riwayat_urutan IS NOT OLD.riwayat_urutan OR NEW.keluhan_id IS NOT OLD.keluhan_id
            OR NEW.langkah IS NOT OLD.langkah OR NEW.mulai IS NOT OLD.mulai OR NEW.akhir IS NOT OLD.akhir
        BEGIN SELECT RAISE(ABORT, 'durasi_langkah: hanya hasil hitungan (menit_kerja, mutu_baku, batas, patuh, dihitung) yang boleh dihitung ulang'); END;
        """
    )
    from keluhan import buku

    for hari, mulai, selesai in db.execute("SELECT hari, mulai, selesai FROM jam_kerja ORDER BY hari").fetchall():
        buku.catat(db, kunci=f"jam_kerja.{buku.HARI[hari]}", nilai=f"{mulai}-{selesai}" if mulai else "",
                   berlaku_sejak=None, petugas=None, alasan="awal: dari tabel jam_kerja arsip", sistem=waktu_sistem)
    ragam = dict(db.execute(
        "SELECT langkah, COUNT(DISTINCT mutu_baku) FROM (SELECT langkah, mutu_baku FROM durasi_langkah"
        " UNION ALL SELECT langkah, mutu_baku FROM tenggat) GROUP BY langkah").fetchall())
    for langkah, n in sorted(ragam.items()):
        kunci, sebelum = f"mutu_baku.langkah_{langkah}", None
        urut = "" if n == 1 else " ORDER BY mulai"
        for mulai, mutu in db.execute(
            "SELECT mulai, mutu_baku FROM (SELECT mulai, mutu_baku FROM durasi_langkah WHERE langkah = ?"
            f" UNION ALL SELECT mulai, mutu_baku FROM tenggat WHERE langkah = ?){urut}{' LIMIT 1' if n == 1 else ''}",
            (langkah, langkah)).fetchall():
            if mutu == sebelum:
                continue
            buku.catat(
                db, kunci=kunci, nilai=mutu, berlaku_sejak=None if sebelum is None else mulai, petugas=None,
                alasan="awal: mutu baku yang tercatat di durasi_langkah dan tenggat"
                + ("" if sebelum is None else f" (berubah dari '{sebelum}' untuk langkah yang mulai sejak saat itu)"),
                sistem=waktu_sistem)
            sebelum = mutu


@migrasi
def m009_cari(db: sqlite3.Connection) -> None:
    """Issue 12, ``keluhan cari``: the full-text index (keluhan/pencarian.py says why it is
    keyed on the catat event's ``riwayat.urutan``), filled from every existing complaint."""
    from keluhan import pencarian

    db.execute(pencarian.SQL_TABEL)
    pencarian.isi_ulang(db)


# Seconds past local midnight of a stored time ('YYYY-MM-DDTHH:MM:SS+07:00': local wall-clock
# time in the archive's zone, which every stored time is written in), for the views below.
def _detik(kolom: str) -> str:
    return (f"(CAST(substr({kolom}, 12, 2) AS INTEGER) * 3600 + CAST(substr({kolom}, 15, 2) AS INTEGER) * 60"
            f" + CAST(substr({kolom}, 18, 2) AS INTEGER))")


def _kerja(kolom: str, h: str) -> str:
    """Working seconds done on its own day (``h``: its v_hari_kerja row) before the time in ``kolom``."""
    return f"MIN(MAX({_detik(kolom)} - {h}.buka_detik, 0), {h}.detik)"


def _pecahan(kolom: str, h: str) -> str:
    """The share of its day's office hours done before ``kolom`` (0 on a day without office hours)."""
    return f"(CASE WHEN {h}.detik > 0 THEN {_kerja(kolom, h)} * 1.0 / {h}.detik ELSE 0 END)"


# The steps a view counts as measured: the SOP's (m010, m014), and the appeal decision too (m018).
LANGKAH_SOP_SQL = "BETWEEN 2 AND 6"
LANGKAH_DIUKUR_SQL = "IN (2, 3, 4, 5, 6, 8)"


def _sql_pencatatan_susulan(sumber: str, langkah: str = LANGKAH_SOP_SQL) -> str:
    """v_pencatatan_susulan over ``sumber`` (m010: riwayat; m014: v_waktu_efektif, the effective
    times) counting the steps ``langkah`` (m018: the appeal decision too)."""
    nama = "langkah 2..6" if langkah == LANGKAH_SOP_SQL else "langkah 2..6, and 8: the appeal decision"
    return f"""
        CREATE VIEW v_pencatatan_susulan AS
            -- Step events ({nama}) written into the archive more than one working day
            -- after the time they claim: their compliance is measured on a time typed in after
            -- the fact. Columns: urutan, nomor, keluhan_id, langkah, aksi, petugas, waktu (the
            -- time claimed, --waktu), dicatat_pada (the system time it was written),
            -- hari_kerja_kemudian (working days between, the recap's rule), menit_kerja_kemudian,
            -- jam_kemudian (calendar hours), patuh (the step's compliance; empty = not measured).
        WITH hk AS (SELECT tanggal, buka_detik, detik, hari_sebelum, detik_sebelum FROM v_hari_kerja),
        p AS (
            SELECT r.urutan, k.nomor, r.keluhan_id, r.langkah, r.aksi, r.petugas, r.waktu, r.dicatat_pada, d.patuh,
                   (b.hari_sebelum - a.hari_sebelum) + {_pecahan("r.dicatat_pada", "b")} - {_pecahan("r.waktu", "a")} AS hari,
                   (b.detik_sebelum + {_kerja("r.dicatat_pada", "b")}) - (a.detik_sebelum + {_kerja("r.waktu", "a")}) AS detik
            FROM {sumber} r
            JOIN keluhan k ON k.id = r.keluhan_id
            JOIN hk a ON a.tanggal = substr(r.waktu, 1, 10)
            JOIN hk b ON b.tanggal = substr(r.dicatat_pada, 1, 10)
            LEFT JOIN durasi_langkah d ON d.riwayat_urutan = r.urutan
            WHERE r.langkah {langkah} AND r.dicatat_pada > r.waktu
        )
        SELECT urutan, nomor, keluhan_id, langkah, aksi, petugas, waktu, dicatat_pada,
               ROUND(hari, 2) AS hari_kerja_kemudian, ROUND(detik / 60.0, 2) AS menit_kerja_kemudian,
               ROUND((julianday(dicatat_pada) - julianday(waktu)) * 24, 2) AS jam_kemudian, patuh
        FROM p
        WHERE hari > 1
        ORDER BY urutan;

"""


@migrasi
def m010_bukti_rekap(db: sqlite3.Connection) -> None:
    """Issue 11, evidence an auditor can recompute with plain SQL. ``v_hari_kerja`` is the
    working calendar day by day (office hours, holidays, and the working days and seconds
    before each date), so a working-time span is two lookups: the recap's rule for working
    days (each whole working day counts 1, a part of one its share of that day's office
    hours) and for working minutes, written out once instead of 30 lines of recursive
    SQL per question. On it: ``v_pencatatan_susulan`` (step events written into the archive
    more than one working day after the time they claim), ``v_durasi_langkah`` gains the
    standard in working minutes and the working minutes over (or, negative, under) it;
    ``v_hasil_validasi`` keeps each complaint's validation outcome apart from its status
    (``selesai`` hides a ``tidak_valid``); ``v_tenggat`` shows the deadlines with their zone
    (local with offset, UTC with ``Z``) beside the table's bare UTC columns. Views only:
    nothing stored twice, nothing to migrate."""
    skrip(
        db,
        f"""
        CREATE VIEW v_hari_kerja AS
            -- One row per date of the years the calendar covers (libur_tahun; from the year
            -- before the first event): its office hours, the holiday if any, and the working
            -- days and seconds BEFORE it, so that a span is a difference of two rows.
            -- Columns: tanggal, nama_hari, kerja (1 = working day), libur (the holiday's name),
            -- buka, tutup (office hours 'HH:MM', empty on a day off), buka_detik (opening, seconds
            -- after local midnight), detik (working seconds of the day), hari_sebelum,
            -- detik_sebelum. Working days from A to B (docs/tenggat.md): hari_sebelum(B) -
            -- hari_sebelum(A) + share of B's day done - share of A's day done.
        WITH RECURSIVE hari(tanggal, akhir) AS (
            SELECT date(printf('%04d-01-01', MIN(COALESCE((SELECT MIN(tahun) FROM libur_tahun), 9999),
                        COALESCE(CAST(substr((SELECT MIN(waktu) FROM riwayat), 1, 4) AS INTEGER) - 1, 9999)))),
                   (SELECT printf('%04d-12-31', MAX(tahun)) FROM libur_tahun)
            UNION ALL
            SELECT date(tanggal, '+1 day'), akhir FROM hari WHERE tanggal < akhir
        ),
        isi AS (
            SELECT h.tanggal, j.nama_hari, l.nama AS libur,
                   CASE WHEN j.mulai IS NULL OR l.id IS NOT NULL THEN 0 ELSE 1 END AS kerja,
                   j.mulai, j.selesai
            FROM hari h
            JOIN jam_kerja j ON j.hari = (CAST(strftime('%w', h.tanggal) AS INTEGER) + 6) % 7
            LEFT JOIN libur l ON l.tanggal = h.tanggal AND l.dihapus IS NULL
            WHERE h.akhir IS NOT NULL
        ),
        detik AS (
            SELECT tanggal, nama_hari, kerja, libur,
                   CASE kerja WHEN 1 THEN mulai END AS buka, CASE kerja WHEN 1 THEN selesai END AS tutup,
                   CASE kerja WHEN 1 THEN CAST(substr(mulai, 1, 2) AS INTEGER) * 3600 + CAST(substr(mulai, 4, 2) AS INTEGER) * 60
                        ELSE 0 END AS buka_detik,
                   CASE kerja WHEN 1 THEN (CAST(substr(selesai, 1, 2) AS INTEGER) - CAST(substr(mulai, 1, 2) AS INTEGER)) * 3600
                        + (CAST(substr(selesai, 4, 2) AS INTEGER) - CAST(substr(mulai, 4, 2) AS INTEGER)) * 60
                        ELSE 0 END AS detik
            FROM isi
        )
        SELECT tanggal, nama_hari, kerja, libur, buka, tutup, buka_detik, detik,
               SUM(kerja) OVER w - kerja AS hari_sebelum, SUM(detik) OVER w - detik AS detik_sebelum
        FROM detik
        WINDOW w AS (ORDER BY tanggal ROWS UNBOUNDED PRECEDING);

{_sql_pencatatan_susulan('riwayat')}
        CREATE VIEW v_hasil_validasi AS
            -- Every complaint's validation outcome (step 3), which its status does not keep:
            -- 'tidak_valid' becomes 'selesai' once the customer is informed. Columns: nomor, id,
            -- status, hasil ('valid', 'tidak_valid', 'batal', 'belum_divalidasi'), dicatat,
            -- divalidasi (when), petugas_validasi, tim_teknis, alasan_tidak_valid, diinformasikan.
        SELECT k.nomor, k.id, k.status,
               CASE WHEN k.status = 'batal' THEN 'batal' WHEN k.validasi = 'benar' THEN 'valid'
                    WHEN k.validasi = 'tidak_benar' THEN 'tidak_valid' ELSE 'belum_divalidasi' END AS hasil,
               k.dicatat, k.divalidasi, k.petugas_validasi, k.tim_teknis, k.alasan_tidak_valid, k.diinformasikan
        FROM keluhan k;

        CREATE VIEW v_tenggat AS
            -- The deadlines of unfinished complaints with their zone: batas and lewat_setelah in
            -- the archive's local time with its offset, batas_utc and lewat_setelah_utc in UTC
            -- marked 'Z' (the table tenggat keeps 'YYYY-MM-DD HH:MM:SS' UTC, comparable with
            -- datetime('now')). Columns: nomor, keluhan_id, status, langkah (the step awaited),
            -- mulai, mutu_baku, batas, batas_utc, lewat_setelah, lewat_setelah_utc, terlambat
            -- (1 = late now, by SQLite's clock).
        SELECT k.nomor, t.keluhan_id, k.status, t.langkah, t.mulai, t.mutu_baku, t.batas,
               strftime('%Y-%m-%dT%H:%M:%SZ', t.batas_utc) AS batas_utc,
               strftime('%Y-%m-%dT%H:%M:%S', t.lewat_setelah_utc, substr(t.batas, 20)) || substr(t.batas, 20)
                   AS lewat_setelah,
               strftime('%Y-%m-%dT%H:%M:%SZ', t.lewat_setelah_utc) AS lewat_setelah_utc,
               CASE WHEN t.lewat_setelah_utc < datetime('now') THEN 1 ELSE 0 END AS terlambat
        FROM tenggat t
        JOIN keluhan k ON k.id = t.keluhan_id;

        DROP VIEW v_durasi_langkah;
        CREATE VIEW v_durasi_langkah AS
            -- Every measured step event: who did which step of which complaint, how long it
            -- took in working minutes, the standard, the deadline and whether it was met.
            -- Columns: nomor, keluhan_id, riwayat_urutan, langkah, aksi, petugas, mulai,
            -- akhir, menit_kerja, mutu_baku, batas, patuh (1/0), keterangan ('patuh'/'terlambat'),
            -- mutu_baku_menit (the standard in working minutes: '15 menit' = 15, '2 jam' = 120,
            -- 'N hari' = the working minutes from mulai to batas), menit_lewat (menit_kerja -
            -- mutu_baku_menit: working minutes over the standard, negative = under; > 0 exactly
            -- when patuh = 0).
        WITH hk AS (SELECT tanggal, buka_detik, detik, detik_sebelum FROM v_hari_kerja),
        d AS (
            SELECT d.*,
                   CASE WHEN lower(trim(d.mutu_baku)) LIKE '%menit' THEN CAST(trim(d.mutu_baku) AS INTEGER)
                        WHEN lower(trim(d.mutu_baku)) LIKE '%jam' THEN CAST(trim(d.mutu_baku) AS INTEGER) * 60
                        ELSE ((b.detik_sebelum + {_kerja("d.batas", "b")}) - (a.detik_sebelum + {_kerja("d.mulai", "a")})) / 60.0
                   END AS mutu_baku_menit
            FROM durasi_langkah d
            LEFT JOIN hk a ON a.tanggal = substr(d.mulai, 1, 10)
            LEFT JOIN hk b ON b.tanggal = substr(d.batas, 1, 10)
        )
        SELECT k.nomor, d.keluhan_id, d.riwayat_urutan, d.langkah, r.aksi, r.petugas,
               d.mulai, d.akhir, d.menit_kerja, d.mutu_baku, d.batas, d.patuh,
               CASE d.patuh WHEN 1 THEN 'patuh' ELSE 'terlambat' END AS keterangan,
               ROUND(d.mutu_baku_menit, 2) AS mutu_baku_menit, ROUND(d.menit_kerja - d.mutu_baku_menit, 2) AS menit_lewat
        FROM d
        JOIN riwayat r ON r.urutan = d.riwayat_urutan
        JOIN keluhan k ON k.id = d.keluhan_id;
        """
    )



@migrasi
def m011_putusan_banding(db: sqlite3.Connection) -> None:
    """Issue 15, ``keluhan putusan``: an appeal is decided (accepted: a new CAPA round;
    rejected: closed). The decision's own columns on ``keluhan`` (when, which way, why, by
    whom), as every step's are; an index for the recap, which finds complaints closed by a
    decision after a period's end. An appealed complaint now waits for the decision (step 8),
    so ``tenggat.langkah`` may be 8: SQLite changes a CHECK only by rebuilding the table;
    ``tenggat`` holds one row per open complaint, so it is copied in one statement, and
    ``legacy_alter_table`` keeps the rename from re-resolving the views that name it."""
    skrip(
        db,
        """
        ALTER TABLE keluhan ADD COLUMN diputus TEXT;          -- the appeal decided (keluhan putusan)
        ALTER TABLE keluhan ADD COLUMN putusan TEXT CHECK (putusan IS NULL OR putusan IN ('diterima','ditolak'));
        ALTER TABLE keluhan ADD COLUMN putusan_alasan TEXT;
        ALTER TABLE keluhan ADD COLUMN petugas_putusan TEXT;
        CREATE INDEX keluhan_diputus ON keluhan (diputus) WHERE diputus IS NOT NULL;
        """,
    )
    (sql,) = db.execute("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'tenggat'").fetchone()
    lama = "CHECK (langkah BETWEEN 3 AND 6)"
    if sql.count(lama) != 1:
        raise sqlite3.DatabaseError("definisi kolom langkah pada tabel tenggat tidak dikenali")
    sql = sql.replace("no row once the complaint is selesai or banding.", "no row once it is selesai (step 8: an appeal's decision).")
    sql = re.sub(r'CREATE TABLE "?tenggat"?', "CREATE TABLE tenggat_baru",
                 sql.replace(lama, "CHECK (langkah BETWEEN 3 AND 6 OR langkah = 8)"), count=1)
    indeks = [r[0] for r in db.execute(
        "SELECT sql FROM sqlite_master WHERE tbl_name = 'tenggat' AND type = 'index' AND sql IS NOT NULL ORDER BY name")]
    db.execute(sql)
    db.execute("INSERT INTO tenggat_baru SELECT * FROM tenggat")
    db.execute("DROP TABLE tenggat")
    db.execute("PRAGMA legacy_alter_table = ON")
    try:
        db.execute("ALTER TABLE tenggat_baru RENAME TO tenggat")
    finally:
        db.execute("PRAGMA legacy_alter_table = OFF")
    for perintah in indeks:
        db.execute(perintah)


@migrasi
def m012_register_petugas(db: sqlite3.Connection) -> None:
    """Issue 14: the officer register. Officers were free text: one NIP could be set in
    keluhan.toml for one exact name, and a look-alike name (a Cyrillic 'а') passed ISO/IEC
    17025 7.9.6 as another person. ``petugas_riwayat`` is the chained, effective-dated
    ledger of officers (keluhan/registri.py says which entry holds when): each entry the
    officer's whole record after a registration, change or deactivation, who wrote it,
    why and when. ``v_petugas`` shows each officer's record in force now. Nothing else
    stores officers; events keep the registered name, and forms and the 7.9.6 rule look
    the officer up as of the event's time."""
    skrip(
        db,
        """
        CREATE TABLE petugas_riwayat (
            -- The officer register as a chained, effective-dated ledger: one entry per
            -- registration, change or deactivation, never changed or deleted. The record of
            -- an officer (NIP) at an instant: of its entries with berlaku_sejak NULL or not
            -- after it, the one with the latest berlaku_sejak, then the latest urutan.
            urutan INTEGER PRIMARY KEY AUTOINCREMENT,
            aksi TEXT NOT NULL CHECK (aksi IN ('tambah', 'ubah', 'nonaktifkan')),
            nip TEXT NOT NULL,                  -- the officer's identity: digits only
            nama TEXT NOT NULL,                 -- the registered name, as events store it
            jabatan TEXT NOT NULL,              -- as printed under a signature
            peran TEXT NOT NULL,                -- JSON list: pjtk, teknis, verifikator, koordinator, manajer_mutu
            tim TEXT,                           -- the Tim Teknis or team, if any
            aktif INTEGER NOT NULL CHECK (aktif IN (0, 1)),
            berlaku_sejak TEXT,                 -- ISO 8601 with offset; NULL = from the start
            oleh TEXT,                          -- who wrote the entry (the acting petugas)
            alasan TEXT NOT NULL,               -- why
            dicatat_pada TEXT NOT NULL,         -- system time it was written
            hash_sebelum TEXT NOT NULL,         -- hash of the previous entry (64 zeros for the first)
            hash TEXT NOT NULL UNIQUE,          -- sha256 of this entry and hash_sebelum (docs/jaminan.md)
            CHECK (json_valid(peran))
        );
        CREATE INDEX petugas_riwayat_nip ON petugas_riwayat (nip, berlaku_sejak, urutan);
        CREATE TRIGGER petugas_riwayat_tolak_ubah BEFORE UPDATE ON petugas_riwayat
        BEGIN SELECT RAISE(ABORT, 'petugas_riwayat hanya boleh ditambah: UPDATE ditolak'); END;
        CREATE TRIGGER petugas_riwayat_tolak_hapus BEFORE DELETE ON petugas_riwayat
        BEGIN SELECT RAISE(ABORT, 'petugas_riwayat hanya boleh ditambah: DELETE ditolak'); END;
        CREATE TRIGGER petugas_riwayat_tolak_timpa BEFORE INSERT ON petugas_riwayat
        WHEN EXISTS (SELECT 1 FROM petugas_riwayat WHERE urutan = NEW.urutan OR hash = NEW.hash)
        BEGIN SELECT RAISE(ABORT, 'petugas_riwayat hanya boleh ditambah: entri itu sudah ada'); END;

        CREATE VIEW v_petugas AS
            -- Each officer's record in force now (the register's rule), one row per NIP.
            -- Columns: nip, nama, jabatan, peran (JSON list), tim, aktif, berlaku_sejak, urutan
            -- (the ledger entry it comes from), dicatat_pada, oleh, alasan.
        SELECT p.nip, p.nama, p.jabatan, p.peran, p.tim, p.aktif, p.berlaku_sejak, p.urutan, p.dicatat_pada,
               p.oleh, p.alasan
        FROM petugas_riwayat p
        WHERE p.urutan = (
            SELECT q.urutan FROM petugas_riwayat q
            WHERE q.nip = p.nip AND (q.berlaku_sejak IS NULL OR julianday(q.berlaku_sejak) <= julianday('now'))
            ORDER BY COALESCE(julianday(q.berlaku_sejak), 0) DESC, q.urutan DESC LIMIT 1
        );
        """
    )


@migrasi
def m013_efektivitas_kepuasan(db: sqlite3.Connection) -> None:
    """Issue 15: the CAPA's effectiveness review and the customer's satisfaction, as
    events in riwayat (``efektivitas``, ``kepuasan``: no status change) folded into rows
    like every other event. ``tindakan`` gains the round's latest review; ``keluhan`` the
    latest answer (corrected with koreksi). ``v_efektivitas`` lists every accepted round's
    review state with the day it falls due (computed from ``v_hari_kerja`` and the settings
    ledger, never stored), ``v_kepuasan`` every answer. Columns and views only: an older
    archive gains them empty."""
    skrip(
        db,
        """
        ALTER TABLE keluhan ADD COLUMN kepuasan_nilai INTEGER CHECK (kepuasan_nilai IS NULL OR kepuasan_nilai BETWEEN 1 AND 4);
        ALTER TABLE keluhan ADD COLUMN kepuasan_menerima INTEGER CHECK (kepuasan_menerima IS NULL OR kepuasan_menerima IN (0, 1));
        ALTER TABLE keluhan ADD COLUMN kepuasan_catatan TEXT;
        ALTER TABLE keluhan ADD COLUMN dinilai TEXT;
        ALTER TABLE keluhan ADD COLUMN petugas_kepuasan TEXT;
        ALTER TABLE tindakan ADD COLUMN efektivitas TEXT CHECK (efektivitas IS NULL OR efektivitas IN ('efektif', 'tidak_efektif'));
        ALTER TABLE tindakan ADD COLUMN efektivitas_tindak_lanjut TEXT;
        ALTER TABLE tindakan ADD COLUMN efektivitas_catatan TEXT;
        ALTER TABLE tindakan ADD COLUMN efektivitas_oleh TEXT;
        ALTER TABLE tindakan ADD COLUMN efektivitas_pada TEXT;
        -- The rounds whose review is pending: few, however big the archive (the recap reads them).
        CREATE INDEX tindakan_efektivitas_belum ON tindakan (keluhan_id, putaran)
            WHERE verifikasi = 'terima' AND efektivitas IS NOT 'efektif';
        CREATE INDEX tindakan_efektivitas_pada ON tindakan (efektivitas_pada) WHERE efektivitas IS NOT NULL;
        CREATE INDEX keluhan_dinilai ON keluhan (dinilai) WHERE dinilai IS NOT NULL;

        CREATE VIEW v_efektivitas AS
            -- Every CAPA round accepted at step 5 and its effectiveness review (ISO/IEC 17025
            -- 8.7.1 e). Columns: nomor, keluhan_id, putaran, petugas_tindakan, penanggung_jawab,
            -- diverifikasi_pada, efektivitas (the latest review: 'efektif', 'tidak_efektif', empty =
            -- none yet), efektivitas_pada, efektivitas_oleh, efektivitas_tindak_lanjut, keadaan
            -- ('efektif' = done, else 'belum'), sejak (when the pending review counts from: the
            -- verification, or the last 'tidak_efektif' review), setelah (working days: the
            -- efektivitas.setelah in force then, pengaturan_riwayat), jatuh_tempo (the day it falls
            -- due: the setelah-th working day after sejak's date, v_hari_kerja), terlambat (1 = still
            -- pending after its due day, today in the archive's zone).
        WITH t AS (
            SELECT k.nomor, t.keluhan_id, t.putaran, t.petugas AS petugas_tindakan, t.penanggung_jawab,
                   t.diverifikasi_pada, t.efektivitas, t.efektivitas_pada, t.efektivitas_oleh,
                   t.efektivitas_tindak_lanjut,
                   CASE WHEN t.efektivitas = 'efektif' THEN 'efektif' ELSE 'belum' END AS keadaan,
                   CASE WHEN t.efektivitas = 'efektif' THEN NULL
                        WHEN t.efektivitas = 'tidak_efektif' THEN t.efektivitas_pada
                        ELSE t.diverifikasi_pada END AS sejak
            FROM tindakan t JOIN keluhan k ON k.id = t.keluhan_id
            WHERE t.verifikasi = 'terima'
        ),
        n AS (
            SELECT t.*, (SELECT CAST(p.nilai AS INTEGER) FROM pengaturan_riwayat p
                         WHERE p.kunci = 'efektivitas.setelah'
                           AND (p.berlaku_sejak IS NULL OR julianday(p.berlaku_sejak) <= julianday(t.sejak))
                         ORDER BY COALESCE(julianday(p.berlaku_sejak), 0) DESC, p.urutan DESC LIMIT 1) AS setelah
            FROM t
        ),
        hk AS MATERIALIZED (SELECT tanggal, kerja, hari_sebelum FROM v_hari_kerja),
        j AS (
            SELECT n.*, (SELECT MIN(d.tanggal) FROM hk d
                         WHERE d.kerja = 1 AND d.hari_sebelum = b.hari_sebelum + b.kerja + n.setelah - 1) AS jatuh_tempo
            FROM n LEFT JOIN hk b ON b.tanggal = substr(n.sejak, 1, 10)
        )
        SELECT nomor, keluhan_id, putaran, petugas_tindakan, penanggung_jawab, diverifikasi_pada, efektivitas,
               efektivitas_pada, efektivitas_oleh, efektivitas_tindak_lanjut, keadaan, sejak, setelah, jatuh_tempo,
               CASE WHEN keadaan = 'belum' AND jatuh_tempo < date('now', substr(sejak, 20)) THEN 1 ELSE 0 END
                   AS terlambat
        FROM j;

        CREATE VIEW v_kepuasan AS
            -- Every satisfaction answer (PermenPANRB 14/2017, 1-4) as recorded, beside the
            -- complaint's latest one as it stands now (corrections applied). Columns: nomor,
            -- keluhan_id, urutan, waktu (when the customer answered), petugas, nilai_dicatat,
            -- menerima_dicatat (1 = accepts the result, 0 = does not, empty = not said),
            -- catatan_dicatat, diinformasikan (when the result it answers was given), terakhir
            -- (1 = the complaint's latest answer: the one the recap counts), nilai, menerima (the
            -- latest answer now, corrected; empty on earlier ones), ikm_butir (nilai x 25).
        SELECT k.nomor, r.keluhan_id, r.urutan, r.waktu, r.petugas,
               json_extract(r.rincian, '$.nilai') AS nilai_dicatat,
               CASE json_type(r.rincian, '$.menerima') WHEN 'true' THEN 1 WHEN 'false' THEN 0 END AS menerima_dicatat,
               json_extract(r.rincian, '$.catatan') AS catatan_dicatat,
               json_extract(r.rincian, '$.diinformasikan') AS diinformasikan,
               CASE WHEN r.urutan = (SELECT MAX(r2.urutan) FROM riwayat r2
                                     WHERE r2.keluhan_id = r.keluhan_id AND r2.aksi = 'kepuasan') THEN 1 ELSE 0 END
                   AS terakhir,
               CASE WHEN r.waktu = k.dinilai THEN k.kepuasan_nilai END AS nilai,
               CASE WHEN r.waktu = k.dinilai THEN k.kepuasan_menerima END AS menerima,
               CASE WHEN r.waktu = k.dinilai THEN k.kepuasan_nilai * 25 END AS ikm_butir
        FROM riwayat r
        JOIN keluhan k ON k.id = r.keluhan_id
        WHERE r.aksi = 'kepuasan';
        """
    )


# The time corrections (``koreksi --kolom waktu --peristiwa URUTAN``): the condition of
# the partial index ``riwayat_koreksi_waktu``, which a query must repeat word for word for
# SQLite to use that index; ``KOREKSI_WAKTU_PERISTIWA`` lists the corrected events.
KOREKSI_WAKTU = "aksi = 'koreksi' AND json_extract(rincian, '$.kolom') = 'waktu'"
KOREKSI_WAKTU_PERISTIWA = f"SELECT json_extract(rincian, '$.peristiwa') FROM riwayat WHERE {KOREKSI_WAKTU}"


def _koreksi_dari(r: str, kolom: str, sampai: int | None = None) -> str:
    """FROM/WHERE of the corrections of ``kolom`` (``waktu``: of event ``r``; ``diajukan``:
    of ``r``'s complaint), alias ``c``; ``+`` keeps the lookup on the partial index.
    ``sampai``: only those recorded up to that ``riwayat.urutan`` (a recap's anchor)."""
    batas = "" if sampai is None else f" AND c.urutan <= {int(sampai)}"
    if kolom == "waktu":
        return (f"FROM riwayat c WHERE json_extract(c.rincian, '$.peristiwa') = +{r}.urutan"
                f" AND c.aksi = 'koreksi' AND json_extract(c.rincian, '$.kolom') = 'waktu'{batas}")
    return (f"FROM riwayat c WHERE c.keluhan_id = {r}.keluhan_id AND c.aksi = 'koreksi'"
            f" AND json_extract(c.rincian, '$.kolom') = '{kolom}'{batas}")


def _efektif(r: str, kolom: str, asli: str, sampai: int | None = None) -> str:
    """The latest correction's value of ``kolom``, else ``asli`` (a correction may empty it)."""
    return (f"CASE WHEN EXISTS (SELECT 1 {_koreksi_dari(r, kolom, sampai)})"
            f" THEN (SELECT json_extract(c.rincian, '$.baru') {_koreksi_dari(r, kolom, sampai)}"
            f" ORDER BY c.urutan DESC LIMIT 1) ELSE {asli} END")


def sql_waktu_efektif(sampai: int | None = None) -> str:
    """The SELECT of ``v_waktu_efektif`` (m014); with ``sampai``, the effective times as the
    history stood at that ``riwayat.urutan`` (a recap's anchor: corrections recorded later
    left out), for a TEMP view of the same name that shadows it in one connection."""
    return f"""        SELECT r.urutan, r.keluhan_id, r.langkah, r.aksi, r.status_dari, r.status_ke, r.petugas,
               {_efektif("r", "waktu", "r.waktu", sampai)} AS waktu,
               r.waktu AS waktu_asli,
               EXISTS (SELECT 1 {_koreksi_dari("r", "waktu", sampai)}) AS dikoreksi,
               CASE WHEN r.aksi = 'catat' THEN {_efektif("r", "diajukan", "json_extract(r.rincian, '$.diajukan')", sampai)} END
                   AS diajukan,
               r.dicatat_pada, r.rincian
        FROM riwayat r"""


@migrasi
def m014_waktu_efektif(db: sqlite3.Connection) -> None:
    """Issue 12, ``koreksi`` of times: a mistyped step time (``--kolom waktu --peristiwa
    URUTAN``) or ``diajukan`` is corrected by a new event; ``riwayat`` keeps the original.
    ``v_waktu_efektif`` is the ONE place that says which time counts: each event's latest
    time correction, else its own ``waktu`` (and, on the catat event, the effective
    ``diajukan``). Durations, deadlines, the recap, ``periksa``, the auditors' script and the
    documented queries read times through it. ``durasi_langkah``'s start and end may now
    move, but only to the effective times the view gives (a correction moves them, in its
    own transaction; ``periksa`` recomputes them from the view); rows are never deleted.
    ``v_riwayat`` and ``v_pencatatan_susulan`` show the effective time (``v_riwayat`` also
    the original, ``waktu_asli``). Written to be re-run over objects a test left behind."""
    skrip(
        db,
        f"""
        CREATE INDEX IF NOT EXISTS riwayat_koreksi_waktu ON riwayat (json_extract(rincian, '$.peristiwa'), urutan)
        WHERE {KOREKSI_WAKTU};

        DROP VIEW IF EXISTS v_waktu_efektif;
        CREATE VIEW v_waktu_efektif AS
            -- Every event of riwayat with the time that counts for it: waktu = its latest time
            -- correction (koreksi --kolom waktu --peristiwa URUTAN), else its own waktu. Columns:
            -- urutan, keluhan_id, langkah, aksi, status_dari, status_ke, petugas, waktu (effective),
            -- waktu_asli (as first recorded), dikoreksi (1 = a correction gave waktu), diajukan (on
            -- the catat event: the effective submission time, its latest correction or as recorded;
            -- NULL on other events), dicatat_pada, rincian. Every figure reads times here.
{sql_waktu_efektif()};

        DROP VIEW IF EXISTS v_riwayat;
{_sql_v_riwayat("v_waktu_efektif", ", r.waktu_asli, r.dikoreksi AS waktu_dikoreksi")}
        DROP VIEW IF EXISTS v_pencatatan_susulan;
{_sql_pencatatan_susulan("v_waktu_efektif")}
        DROP TRIGGER durasi_langkah_tolak_ubah;
        CREATE TRIGGER durasi_langkah_tolak_ubah BEFORE UPDATE ON durasi_langkah
        WHEN NEW.riwayat_urutan IS NOT OLD.riwayat_urutan OR NEW.keluhan_id IS NOT OLD.keluhan_id
            OR NEW.langkah IS NOT OLD.langkah
            OR (NEW.akhir IS NOT OLD.akhir
                AND NEW.akhir IS NOT (SELECT e.waktu FROM v_waktu_efektif e WHERE e.urutan = NEW.riwayat_urutan))
            OR (NEW.mulai IS NOT OLD.mulai AND NOT EXISTS (
                SELECT 1 FROM v_waktu_efektif e WHERE e.keluhan_id = NEW.keluhan_id
                AND (e.urutan < NEW.riwayat_urutan AND NEW.mulai = e.waktu
                     OR e.urutan = NEW.riwayat_urutan AND NEW.mulai = e.diajukan)))
        BEGIN SELECT RAISE(ABORT, 'durasi_langkah: mulai dan akhir hanya mengikuti waktu efektif peristiwanya (koreksi); selain itu hanya hasil hitungan (menit_kerja, mutu_baku, batas, patuh, dihitung) yang boleh dihitung ulang'); END;
        """
    )


# Progress of a migration that rebuilds a large table: ``kemajuan(apa, selesai, total)``.
# The archive sets it (a line on stderr when stderr is a terminal, keluhan/arsip.py);
# None (the default, the in-memory schema of ``periksa``) says nothing.
Kemajuan = Callable[[str, int, int], None]
kemajuan: Kemajuan | None = None
# Rows copied per statement when a table is rebuilt: progress is reported between them.
PER_SALIN = 20_000


def bangun_ulang_tabel(db: sqlite3.Connection, tabel: str, ubah: Callable[[str], str], apa: str) -> None:
    """Rebuild ``tabel`` with the definition ``ubah(old CREATE TABLE text)``: SQLite cannot
    change a CHECK constraint in place. SQLite's own procedure (lang_altertable.html,
    "other kinds of table schema changes"): a new table, the rows copied (rowid kept), the
    old one dropped, the new one renamed, its indexes and triggers created again from
    their stored text. Foreign keys are off for this migration (``terapkan``), checked by
    ``foreign_key_check`` before it commits; ``legacy_alter_table`` keeps the rename from
    re-resolving the views that name the table (they name it again once it exists)."""
    (sql,) = db.execute("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", (tabel,)).fetchone()
    baru = f"{tabel}_bangun_ulang"
    sql_baru = ubah(sql)
    kepala, _, badan = sql_baru.partition("(")
    db.execute(f'CREATE TABLE "{baru}" ({badan}')
    kolom = ", ".join(f'"{r[1]}"' for r in db.execute(f'PRAGMA table_info("{tabel}")'))
    lain = db.execute(
        "SELECT sql FROM sqlite_master WHERE tbl_name = ? AND type IN ('index', 'trigger') AND sql IS NOT NULL"
        " ORDER BY type, name", (tabel,)).fetchall()
    total = db.execute(f'SELECT COUNT(*) FROM "{tabel}"').fetchone()[0]
    selesai, terakhir = 0, None
    while selesai < total:
        syarat = "" if terakhir is None else "WHERE rowid > ?"
        n = db.execute(
            f'INSERT INTO "{baru}" (rowid, {kolom}) SELECT rowid, {kolom} FROM "{tabel}" {syarat}'
            f" ORDER BY rowid LIMIT {PER_SALIN}", () if terakhir is None else (terakhir,)).rowcount
        if n <= 0:
            break
        terakhir = db.execute(f'SELECT MAX(rowid) FROM "{baru}"').fetchone()[0]
        selesai += n
        if kemajuan is not None:
            kemajuan(apa, selesai, total)
    db.execute(f'DROP TABLE "{tabel}"')
    db.execute("PRAGMA legacy_alter_table = ON")
    try:
        db.execute(f'ALTER TABLE "{baru}" RENAME TO "{tabel}"')
    finally:
        db.execute("PRAGMA legacy_alter_table = OFF")
    for (perintah,) in lain:
        skrip(db, perintah)
    salah = db.execute("PRAGMA foreign_key_check").fetchall()
    if salah:
        raise sqlite3.IntegrityError(f"{len(salah)} rujukan tidak utuh setelah {tabel} dibangun ulang")


def _status_keluhan(statuses: Iterable[str]) -> Callable[[str], str]:
    """``ubah`` for ``bangun_ulang_tabel``: keluhan's status CHECK listing ``statuses``."""
    daftar = ",".join(f"'{s}'" for s in statuses)

    def ubah(sql: str) -> str:
        hasil, n = re.subn(r"status TEXT NOT NULL CHECK \(status IN \([^)]*\)\)",
                           f"status TEXT NOT NULL CHECK (status IN ({daftar}))", sql)
        if n != 1:
            raise sqlite3.DatabaseError("definisi kolom status pada tabel keluhan tidak dikenali")
        return hasil

    return ubah


# The statuses before m015, for tests that roll an archive back to an older schema.
STATUS_SEBELUM_M015 = ("dicatat", "divalidasi", "tidak_valid", "ditindaklanjuti", "diverifikasi", "selesai", "banding")


def _bangun_ulang(tabel: str) -> Callable[[Migrasi], Migrasi]:
    """A migration that rebuilds ``tabel`` (``bangun_ulang_tabel``): it runs with foreign
    keys off, and the archive checks the free space it needs before it starts."""
    def tanda(fn: Migrasi) -> Migrasi:
        fn.tanpa_fk = True  # type: ignore[attr-defined]
        fn.bangun_ulang = tabel  # type: ignore[attr-defined]
        return fn

    return tanda


@migrasi
@_bangun_ulang("keluhan")
def m015_batal(db: sqlite3.Connection) -> None:
    """Issue 12, ``keluhan batal``: a complaint recorded by mistake is voided (status
    ``batal``, its number kept). The status CHECK of ``keluhan`` gains 'batal', which SQLite
    can only do by rebuilding the table (``bangun_ulang_tabel``; progress is shown and the
    free space for the backup checked before, keluhan/arsip.py); the void's own columns
    (when, by whom, why) are added, as every step's are."""
    bangun_ulang_tabel(db, "keluhan", _status_keluhan((*STATUS_SEBELUM_M015, "batal")), "keluhan")
    for kolom in ("dibatalkan", "petugas_batal", "alasan_batal"):
        db.execute(f"ALTER TABLE keluhan ADD COLUMN {kolom} TEXT")


@migrasi
def m016_batal_di_luar_kepatuhan(db: sqlite3.Connection) -> None:
    """Issue 12: a voided complaint (``keluhan batal``) leaves compliance, as it leaves the
    recap's: ``v_kepatuhan_bulanan`` no longer counts its step events (``durasi_langkah``
    keeps them, and ``v_durasi_langkah`` shows them, with the complaint's status)."""
    skrip(
        db,
        """
        DROP VIEW v_kepatuhan_bulanan;
        CREATE VIEW v_kepatuhan_bulanan AS
            -- Step events per month (of the event) and step: how many, how many met the mutu
            -- baku; the events of voided complaints (status 'batal') are not counted.
            -- Columns: bulan, langkah, jumlah, patuh, persen_patuh.
        SELECT substr(akhir, 1, 7) AS bulan, langkah, COUNT(*) AS jumlah, SUM(patuh) AS patuh,
               ROUND(100.0 * SUM(patuh) / COUNT(*), 1) AS persen_patuh
        FROM durasi_langkah
        WHERE keluhan_id NOT IN (SELECT id FROM keluhan WHERE status = 'batal')
        GROUP BY bulan, langkah;
        """
    )


@migrasi
def m017_lampiran(db: sqlite3.Connection) -> None:
    """Issue 16, evidence inside the archive: ``berkas_lampiran`` holds each attached
    file once per content (keluhan/lampiran.py says why), and ``v_lampiran`` lists every
    attachment event with its file (whether the bytes are included), so an auditor sees
    the evidence of a complaint without our code. The event itself is an ordinary
    ``riwayat`` row (``aksi = 'lampirkan'``): the chain covers the file's sha256 and size."""
    from keluhan import lampiran

    skrip(db, lampiran.SKEMA)
    skrip(
        db,
        """
        CREATE VIEW v_lampiran AS
            -- One row per attached file: the complaint, the attaching event (urutan, waktu,
            -- petugas), the file's name as attached, its sniffed type, size, sha256 and the
            -- clerk's note; disertakan = 1 when the bytes are in berkas_lampiran, 0 when an
            -- import carried only their sha256.
        SELECT k.nomor, r.keluhan_id, r.urutan AS riwayat_urutan, r.waktu, r.petugas,
               json_extract(r.rincian, '$.nama') AS nama, json_extract(r.rincian, '$.mime') AS mime,
               json_extract(r.rincian, '$.ukuran') AS ukuran, json_extract(r.rincian, '$.sha256') AS sha256,
               json_extract(r.rincian, '$.keterangan') AS keterangan,
               CASE WHEN b.isi IS NULL THEN 0 ELSE 1 END AS disertakan
        FROM riwayat r
        JOIN keluhan k ON k.id = r.keluhan_id
        LEFT JOIN berkas_lampiran b ON b.sha256 = json_extract(r.rincian, '$.sha256')
        WHERE r.aksi = 'lampirkan';
        """,
    )


# durasi_langkah's CHECK on ``langkah``: the SOP's steps 2-6 (m002), then also the appeal
# decision, step 8 (m018). Tests that roll an archive back before m018 restore the first.
CEK_LANGKAH_SOP = "CHECK (langkah BETWEEN 2 AND 6)"
CEK_LANGKAH_DIUKUR = "CHECK (langkah BETWEEN 2 AND 6 OR langkah = 8)"


def _cek_langkah_diukur(sql: str) -> str:
    """``ubah`` for ``bangun_ulang_tabel``: durasi_langkah's CHECK also allowing step 8."""
    if CEK_LANGKAH_SOP not in sql:
        raise sqlite3.DatabaseError("definisi kolom langkah pada tabel durasi_langkah tidak dikenali")
    return sql.replace(CEK_LANGKAH_SOP, CEK_LANGKAH_DIUKUR).replace(
        "-- One row per step event (langkah 2..6) whose start is known",
        "-- One row per step event (langkah 2..6; 8: the appeal decision) whose start is known")


@migrasi
@_bangun_ulang("durasi_langkah")
def m018_putusan_durasi(db: sqlite3.Connection, waktu_sistem: str) -> None:
    """Issue 15, the appeal decision measured like the SOP's steps: ``durasi_langkah`` also
    holds step 8 (``putusan``, from the appeal to the decision, against the setting
    ``banding.putusan``), so the recap's ``langkah``, ``lihat``, the FPKP and the auditors'
    views count it. Its CHECK gains step 8, which SQLite can only do by rebuilding the
    table (``bangun_ulang_tabel``); ``v_pencatatan_susulan`` counts a decision entered late
    like any step. Decisions already recorded are measured here, from their events, the
    archive's calendar and its settings ledger (as ``periksa`` recomputes them)."""
    (sql,) = db.execute("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'durasi_langkah'").fetchone()
    if CEK_LANGKAH_DIUKUR not in sql:  # already there in an archive a test rolled back to an older migration
        bangun_ulang_tabel(db, "durasi_langkah", _cek_langkah_diukur, "durasi_langkah")
    skrip(db, f"""
        DROP VIEW IF EXISTS v_pencatatan_susulan;
{_sql_pencatatan_susulan("v_waktu_efektif", LANGKAH_DIUKUR_SQL)}
    """)
    kids = [r[0] for r in db.execute(
        "SELECT DISTINCT r.keluhan_id FROM riwayat r WHERE r.aksi IN ('putusan_diterima', 'putusan_ditolak')"
        " AND NOT EXISTS (SELECT 1 FROM durasi_langkah d WHERE d.riwayat_urutan = r.urutan)")]
    if not kids:
        return
    from keluhan import tenggat
    from keluhan.pengaturan import BAWAAN

    zona = tenggat.zona_arsip(db)
    if zona is None or not db.execute("SELECT 1 FROM jam_kerja LIMIT 1").fetchone():
        return  # no calendar yet: tenggat.siapkan measures every step (step 8 included) when it seeds one
    pabrik = db.row_factory
    db.row_factory = sqlite3.Row
    try:
        kal = tenggat.muat_kalender(db, zona)
        for kid in kids:
            tenggat.hitung_keluhan(db, kal, BAWAAN, kid, waktu_sistem, tenggat_juga=False)
    finally:
        db.row_factory = pabrik


@migrasi
def m019_kode_akar(db: sqlite3.Connection) -> None:
    """Issue 16, coded root causes: ``tindak --kode-akar`` records a code from the list
    ``akar_masalah.kode`` of the settings ledger (default the 6M and lainnya) beside the
    free-text analysis, so causes can be counted (ISO/IEC 17025 8.7.1 b, the recap's Pareto).
    ``tindakan`` gains the round's code (the fold of the ``tindak`` event and its corrections,
    like every CAPA field); ``v_akar_masalah`` gives each complaint's cause as its latest
    round states it. A column and a view: an older archive gains them empty."""
    skrip(
        db,
        """
        ALTER TABLE tindakan ADD COLUMN kode_akar TEXT;
        CREATE INDEX tindakan_kode_akar ON tindakan (kode_akar) WHERE kode_akar IS NOT NULL;

        CREATE VIEW v_akar_masalah AS
            -- Each complaint with a CAPA round, by the latest round (the analysis that stands):
            -- nomor, keluhan_id, bulan (month of recording, YYYY-MM), layanan, kategori, status,
            -- putaran, kode_akar (empty = not coded), akar_masalah (the free-text analysis),
            -- waktu (of that round's tindak). Voided complaints are left out (they have no CAPA).
        SELECT k.nomor, k.id AS keluhan_id, substr(k.dicatat, 1, 7) AS bulan, k.layanan, k.kategori, k.status,
               t.putaran, t.kode_akar, t.akar_masalah, t.waktu
        FROM tindakan t
        JOIN keluhan k ON k.id = t.keluhan_id
        WHERE t.putaran = (SELECT MAX(t2.putaran) FROM tindakan t2 WHERE t2.keluhan_id = t.keluhan_id)
          AND k.status <> 'batal';
        """,
    )
@migrasi
def m020_kaitan(db: sqlite3.Connection) -> None:
    """Issue 16, recurrence: ``kunci_pelanggan`` (each complaint's normalised e-mail, phone
    and organisation with its recording time) so that the earlier complaints of the same
    customer are one index range away in an archive of a million, filled from every
    existing complaint; ``riwayat_kaitan``, the links (``keluhan kaitkan``) by the complaint
    they name, so a link shows on both; and the few corrections of those columns, for the
    recap's as-of keys. keluhan/berulang.py says why each exists."""
    from keluhan import berulang

    skrip(db, berulang.SKEMA)
    berulang.isi_ulang(db)
# When a CAPA round's pending effectiveness review started counting (keluhan/efektivitas.py,
# ``dasar``), in Unix seconds, of the row ``t``: the key of index ``tindakan_efektivitas_sejak``
# (m021_rekap_tetap). The recap's queries write the same expression, so that SQLite answers them from it.
def efektivitas_sejak_detik(t: str = "") -> str:
    t = f"{t}." if t else ""
    return (f"CAST(strftime('%s', CASE WHEN {t}efektivitas = 'tidak_efektif' THEN {t}efektivitas_pada "
            f"ELSE {t}diverifikasi_pada END) AS INTEGER)")


def efektivitas_belum(t: str = "") -> str:
    """The round ``t`` owes an effectiveness review (accepted at step 5, not found effective)."""
    t = f"{t}." if t else ""
    return f"{t}verifikasi = 'terima' AND {t}efektivitas IS NOT 'efektif'"


EFEKTIVITAS_SEJAK_DETIK = efektivitas_sejak_detik()
EFEKTIVITAS_BELUM = efektivitas_belum()
# The kept count of pending reviews per Unix hour (UTC) they started counting in, as the
# triggers of m021_rekap_tetap keep it and ``keluhan periksa`` recomputes it.
TERTUNDA_JAM = f"""
SELECT {EFEKTIVITAS_SEJAK_DETIK} / 3600 AS jam, COUNT(*) AS jumlah FROM tindakan
WHERE {EFEKTIVITAS_BELUM} AND {EFEKTIVITAS_SEJAK_DETIK} IS NOT NULL
GROUP BY 1
"""


@migrasi
def m021_rekap_tetap(db: sqlite3.Connection) -> None:
    """Issue 17, the recap at the floor: the reviews pending at a period's end are counted
    from kept figures instead of folding every CAPA round still owing one (in a register
    where reviews are rare, nearly every round). ``tindakan_tertunda_jam`` holds, per hour
    (Unix hours, UTC), how many rounds owe a review that started counting in it; triggers
    on ``tindakan`` keep it in the writing command's own transaction (whatever writes the
    row: a step, an import, a correction), ``keluhan periksa`` recomputes it from
    ``tindakan``. ``tindakan_efektivitas_sejak`` orders the same rounds by the second their
    review started, for the parts of an hour. The due day is still computed, never stored
    (keluhan/efektivitas.py): the recap counts, per value of ``efektivitas.setelah`` in
    force, the rounds started before a threshold day computed from the calendar
    (keluhan/rekap.py, ``_efektivitas``)."""
    baru, lama = efektivitas_sejak_detik("NEW"), efektivitas_sejak_detik("OLD")
    skrip(db, f"""
        CREATE INDEX tindakan_efektivitas_sejak ON tindakan ({EFEKTIVITAS_SEJAK_DETIK})
            WHERE {EFEKTIVITAS_BELUM};
        CREATE TABLE tindakan_tertunda_jam (
            jam INTEGER PRIMARY KEY,            -- Unix hour (UTC) in which the reviews started counting
            jumlah INTEGER NOT NULL             -- rounds owing a review since then (kept by triggers)
        );
        CREATE TRIGGER tindakan_tertunda_tambah AFTER INSERT ON tindakan
        WHEN {efektivitas_belum("NEW")} AND {baru} IS NOT NULL
        BEGIN
            INSERT INTO tindakan_tertunda_jam (jam, jumlah) VALUES ({baru} / 3600, 1)
                ON CONFLICT (jam) DO UPDATE SET jumlah = jumlah + 1;
        END;
        CREATE TRIGGER tindakan_tertunda_ubah
        AFTER UPDATE OF verifikasi, diverifikasi_pada, efektivitas, efektivitas_pada ON tindakan
        BEGIN
            UPDATE tindakan_tertunda_jam SET jumlah = jumlah - 1
                WHERE {efektivitas_belum("OLD")} AND jam = {lama} / 3600;
            INSERT INTO tindakan_tertunda_jam (jam, jumlah)
                SELECT {baru} / 3600, 1 WHERE {efektivitas_belum("NEW")} AND {baru} IS NOT NULL
                ON CONFLICT (jam) DO UPDATE SET jumlah = jumlah + 1;
        END;
        INSERT INTO tindakan_tertunda_jam (jam, jumlah) {TERTUNDA_JAM};
        """)


@migrasi
def m022_tunda(db: sqlite3.Connection) -> None:
    """Issue 15, clock stops (``keluhan tunda ID --alasan`` / ``keluhan lanjutkan ID``): events
    in riwayat (``tunda``, ``lanjutkan``; no status change). ``keluhan`` gains the running
    pause (since when, why, by whom; empty when the clock runs), folded like every column.
    ``durasi_langkah`` gains the step's paused working time (``menit_tunda``, left out of
    ``menit_kerja``) and the verdict without the pauses (``patuh_tanpa_tunda``; empty when
    the step was never paused); ``tenggat`` the paused time that moved the deadline. All
    recomputed by ``periksa`` from the events (keluhan/tunda.py). ``v_tunda`` lists every
    pause with its reason and what ended it. An older archive gains them empty."""
    skrip(
        db,
        """
        ALTER TABLE keluhan ADD COLUMN ditunda TEXT;
        ALTER TABLE keluhan ADD COLUMN alasan_tunda TEXT;
        ALTER TABLE keluhan ADD COLUMN petugas_tunda TEXT;
        ALTER TABLE durasi_langkah ADD COLUMN menit_tunda REAL NOT NULL DEFAULT 0;
        ALTER TABLE durasi_langkah ADD COLUMN patuh_tanpa_tunda INTEGER
            CHECK (patuh_tanpa_tunda IS NULL OR patuh_tanpa_tunda IN (0, 1));
        ALTER TABLE tenggat ADD COLUMN menit_tunda REAL NOT NULL DEFAULT 0;
        -- The complaints ever paused, and their pauses: few, however big the archive.
        CREATE INDEX riwayat_tunda ON riwayat (keluhan_id, urutan) WHERE aksi = 'tunda';
        CREATE INDEX keluhan_ditunda ON keluhan (ditunda) WHERE ditunda IS NOT NULL;
        -- The paused steps by their end: the recap's figures of a period read only those.
        CREATE INDEX durasi_langkah_tunda ON durasi_langkah (akhir) WHERE menit_tunda > 0;

        CREATE VIEW v_tunda AS
            -- Every pause of a complaint's clock (keluhan tunda), with its reason and what ended it.
            -- Columns: nomor, keluhan_id, urutan (the tunda event), mulai (when the clock stopped),
            -- alasan, petugas, status (the complaint's status then: which clock stopped),
            -- akhir (when it ran again: the ending event's effective time; empty = still paused),
            -- akhir_urutan, diakhiri_oleh (lanjutkan, the next step's aksi, batal, or efektivitas),
            -- berjalan (1 = still paused now).
        WITH t AS (
            SELECT r.urutan, r.keluhan_id, r.waktu AS mulai, json_extract(r.rincian, '$.alasan') AS alasan, r.petugas,
                   (SELECT s.status_ke FROM riwayat s WHERE s.keluhan_id = r.keluhan_id AND s.urutan < r.urutan
                      AND s.status_ke IS NOT NULL ORDER BY s.urutan DESC LIMIT 1) AS status
            FROM riwayat r WHERE r.aksi = 'tunda'
        ),
        e AS (
            SELECT t.*, (SELECT MIN(x.urutan) FROM riwayat x WHERE x.keluhan_id = t.keluhan_id AND x.urutan > t.urutan
                           AND (x.aksi = 'lanjutkan' OR x.status_ke IS NOT NULL
                                OR (x.aksi = 'efektivitas' AND t.status = 'selesai'))) AS akhir_urutan
            FROM t
        )
        SELECT k.nomor, e.keluhan_id, e.urutan, e.mulai, e.alasan, e.petugas, e.status,
               (SELECT v.waktu FROM v_waktu_efektif v WHERE v.urutan = e.akhir_urutan) AS akhir,
               e.akhir_urutan, (SELECT x.aksi FROM riwayat x WHERE x.urutan = e.akhir_urutan) AS diakhiri_oleh,
               CASE WHEN e.akhir_urutan IS NULL THEN 1 ELSE 0 END AS berjalan
        FROM e JOIN keluhan k ON k.id = e.keluhan_id;
        """
    )


@migrasi
def m023_ramping(db: sqlite3.Connection) -> None:
    """Issue 17, a smaller archive: ``durasi_langkah_batas`` (an index on every step event's
    deadline, ~190 bytes per complaint, 3-4 % of the file) answered no query of ours, and
    the one audit query that filters by that deadline (docs/arsip.md, langkah 4 lewat mutu
    baku) ran three times slower through it: it walked the whole index and fetched each row
    out of order, where a scan of durasi_langkah and a sort of the few late rows is quicker."""
    db.execute("DROP INDEX IF EXISTS durasi_langkah_batas")


def samarkan_sql(teks: str, k: str = "k") -> str:
    """SQL masking, in the text ``teks``, the complaint's own name, address, e-mail and phone
    (the row ``k`` of keluhan) as '(data pribadi)': an e-mail's signature or a clerk's note
    repeats them in free text. Exact, case-sensitive matches of values of 3 characters or
    more (shorter ones would mask ordinary words); values holding a quote or backslash are
    left out, so replacing inside the event's JSON keeps it valid. Migration m024's: never
    change it, add a migration."""
    for kolom in ("alamat", "email", "telepon", "nama"):  # longer values first
        v = f"{k}.{kolom}"
        teks = (f"replace({teks}, CASE WHEN length({v}) >= 3 AND instr({v}, '\"') = 0 AND instr({v}, '\\') = 0 "
                f"THEN {v} ELSE '' END, '(data pribadi)')")
    return teks


@migrasi
def m024_teks_tanpa_data_pribadi(db: sqlite3.Connection) -> None:
    """The redacted views of m007 showed the customer's name wherever free text repeats it:
    an e-mail complaint's body (catat --dari-eml) ends with the sender's signature, and a
    clerk's notes name the caller. Both views now mask the complaint's own name, address,
    e-mail and phone inside every free-text column and inside the event's JSON
    (samarkan_sql). Same columns as before; views only."""
    s = samarkan_sql
    skrip(
        db,
        f"""
        DROP VIEW IF EXISTS v_keluhan_tanpa_data_pribadi;
        DROP VIEW IF EXISTS v_riwayat_tanpa_data_pribadi;

        CREATE VIEW v_keluhan_tanpa_data_pribadi AS
            -- Every complaint as in keluhan, without the customer's nama, alamat, telepon
            -- and email, also where its free text repeats them ('(data pribadi)').
        SELECT k.id, k.nomor, k.tahun, k.urut, k.status, k.instansi, k.media, k.layanan, k.referensi,
               {s("k.uraian")} AS uraian, {s("k.harapan")} AS harapan,
               k.kategori, k.diajukan, k.dicatat, k.petugas_pencatat, k.validasi, k.tim_teknis,
               {s("k.alasan_tidak_valid")} AS alasan_tidak_valid, {s("k.catatan_validasi")} AS catatan_validasi,
               k.divalidasi, k.petugas_validasi, k.diverifikasi, k.petugas_verifikasi,
               {s("k.catatan_verifikasi")} AS catatan_verifikasi, k.diinformasikan, k.petugas_informasi,
               k.media_informasi, {s("k.catatan_informasi")} AS catatan_informasi,
               k.dibanding, {s("k.banding_alasan")} AS banding_alasan, k.waktu_status, k.diperbarui
        FROM keluhan k;

        CREATE VIEW v_riwayat_tanpa_data_pribadi AS
            -- v_riwayat without personal data: a corrected nama/alamat/telepon/email shows
            -- '(data pribadi)' for its old and new value; rincian (the event's JSON) without
            -- those fields; the complaint's own name, address, e-mail and phone masked in the
            -- free text (alasan, catatan, other corrections, rincian); the event's hash and
            -- the previous one, to find it in the chain.
        SELECT v.urutan, v.nomor, v.keluhan_id, v.langkah, v.aksi, v.status_dari, v.status_ke,
               v.petugas, v.waktu, v.dicatat_pada, v.jam_kemudian, v.tim_teknis,
               {s("v.alasan")} AS alasan, {s("v.catatan")} AS catatan,
               v.kolom_dikoreksi,
               CASE WHEN v.kolom_dikoreksi IN ('nama', 'alamat', 'telepon', 'email') THEN '(data pribadi)'
                    ELSE {s("v.nilai_lama")} END AS nilai_lama,
               CASE WHEN v.kolom_dikoreksi IN ('nama', 'alamat', 'telepon', 'email') THEN '(data pribadi)'
                    ELSE {s("v.nilai_baru")} END AS nilai_baru,
               v.berkas_impor, v.menit_kerja, v.mutu_baku, v.batas, v.patuh,
               CASE WHEN v.kolom_dikoreksi IN ('nama', 'alamat', 'telepon', 'email')
                    THEN json_set(r.rincian, '$.lama', '(data pribadi)', '$.baru', '(data pribadi)')
                    ELSE {s("json_remove(r.rincian, '$.nama', '$.alamat', '$.telepon', '$.email')")} END AS rincian,
               r.hash_sebelum, r.hash
        FROM v_riwayat v
        JOIN riwayat r ON r.urutan = v.urutan
        LEFT JOIN keluhan k ON k.id = v.keluhan_id;
        """,
    )



# riwayat's overwrite guard once the UNIQUE on its hash is gone (below): the key alone. A
# second event with a hash already in the chain cannot extend it (its hash_sebelum must be
# the last event's hash, and its hash the sha256 of its content with it): periksa names it.
RIWAYAT_TOLAK_TIMPA = """
        CREATE TRIGGER riwayat_tolak_timpa BEFORE INSERT ON riwayat
        WHEN EXISTS (SELECT 1 FROM riwayat WHERE urutan = NEW.urutan)
        BEGIN SELECT RAISE(ABORT, 'riwayat hanya boleh ditambah: peristiwa dengan urutan itu sudah ada'); END;
"""


@migrasi
def m025_ramping_riwayat(db: sqlite3.Connection) -> None:
    """Issue 17, a smaller archive: the UNIQUE on ``riwayat.hash`` kept an index of every
    event's 64-character hash (~460 bytes per complaint, 8 % of the file) that no query
    reads: it only repeated the chain's own check. Two events with one hash cannot both
    be in a sound chain (each event's hash is the sha256 of its content and of the previous
    event's hash, and ``periksa`` recomputes every link), so a duplicate is already a
    finding. ``riwayat_tolak_timpa`` now guards the key alone (the hash half of its
    condition would scan the whole table on every insert without the index).

    SQLite cannot drop a column's UNIQUE, and rebuilding the append-only table would copy
    every event (minutes on a large archive, the file a third bigger afterwards). The
    constraint is taken out of the stored definition instead, in this one transaction
    (SQLite's procedure for definition changes, lang_altertable.html: writable_schema,
    then the schema cookie moved so every connection reloads it): its automatic index
    becomes a plain index with the same content (the same key, hash then rowid), and is
    dropped like any other. Not one row of riwayat is written: the events, their rowids,
    the chain and the AUTOINCREMENT counter are untouched; the index's pages go to the
    file's free list, where the next events reuse them."""
    unik = [nama for _, nama, u, asal, _ in db.execute("PRAGMA index_list(riwayat)") if u and asal == "u"
            and [k[2] for k in db.execute(f"PRAGMA index_info('{nama}')")] == ["hash"]]
    if unik:
        (sql,) = db.execute("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'riwayat'").fetchone()
        baru, n = re.subn(r"(\bhash TEXT NOT NULL) UNIQUE\b", r"\1       ", sql, count=1)  # comments stay aligned
        if n != 1:
            raise sqlite3.DatabaseError("definisi kolom hash pada tabel riwayat tidak dikenali")
        (versi,) = db.execute("PRAGMA schema_version").fetchone()
        db.execute("PRAGMA writable_schema = ON")
        try:
            db.execute("UPDATE sqlite_master SET sql = ? WHERE type = 'table' AND name = 'riwayat'", (baru,))
            db.execute("UPDATE sqlite_master SET name = 'riwayat_hash_unik', sql = 'CREATE UNIQUE INDEX"
                       " riwayat_hash_unik ON riwayat (hash)' WHERE type = 'index' AND name = ?", (unik[0],))
            db.execute(f"PRAGMA schema_version = {versi + 1}")
        finally:
            db.execute("PRAGMA writable_schema = OFF")
        db.execute("DROP INDEX riwayat_hash_unik")
    db.execute("DROP TRIGGER IF EXISTS riwayat_tolak_timpa")
    skrip(db, RIWAYAT_TOLAK_TIMPA)
# The running pauses (keluhan.ditunda) with their limit (keluhan/tunda.py ``batas``): the
# working days of ``tunda.batas`` in force when the pause began (the settings ledger; 10, the
# program's default, where it holds none), counted as a step's mutu baku in days is
# (Kalender.batas, "N hari": the start snapped to office hours, moved N working days on,
# its wall-clock time kept and clamped to that day's hours), and whether it is past now
# (working time after it: a limit at closing time passes at the next opening). CTEs over
# ``hk`` (v_hari_kerja) ending in ``jb``: id, ditunda, hari, batas (local ISO), lewat (1/0).
SQL_BATAS_TUNDA = f"""
        jt AS (
            SELECT k.id, k.ditunda, {_detik("k.ditunda")} AS detik,
                   COALESCE((SELECT CAST(p.nilai AS INTEGER) FROM pengaturan_riwayat p
                             WHERE p.kunci = 'tunda.batas'
                               AND (p.berlaku_sejak IS NULL OR julianday(p.berlaku_sejak) <= julianday(k.ditunda))
                             ORDER BY COALESCE(julianday(p.berlaku_sejak), 0) DESC, p.urutan DESC LIMIT 1), 10) AS hari
            FROM keluhan k WHERE k.ditunda IS NOT NULL
        ),
        ja AS (
            SELECT jt.*,
                   CASE WHEN h.kerja = 1 AND jt.detik < h.buka_detik + h.detik THEN h.tanggal
                        ELSE (SELECT MIN(x.tanggal) FROM hk x WHERE x.tanggal > h.tanggal AND x.kerja = 1) END AS dari,
                   CASE WHEN h.kerja = 1 AND jt.detik > h.buka_detik AND jt.detik < h.buka_detik + h.detik
                        THEN jt.detik END AS jam
            FROM jt JOIN hk h ON h.tanggal = substr(jt.ditunda, 1, 10)
        ),
        jh AS (
            SELECT ja.id, ja.ditunda, ja.hari, COALESCE(ja.jam, d.buka_detik) AS jam,
                   (SELECT MIN(x.tanggal) FROM hk x
                    WHERE x.kerja = 1 AND x.hari_sebelum = d.hari_sebelum + d.kerja + ja.hari - 1) AS tanggal
            FROM ja JOIN hk d ON d.tanggal = ja.dari
        ),
        jd AS (
            SELECT jh.id, jh.ditunda, jh.hari, jh.tanggal, e.buka_detik + e.detik AS tutup,
                   MIN(MAX(jh.jam, e.buka_detik), e.buka_detik + e.detik) AS detik,
                   (SELECT MIN(x.tanggal) || printf('T%02d:%02d:00', x.buka_detik / 3600, x.buka_detik / 60 % 60)
                    FROM hk x WHERE x.tanggal > jh.tanggal AND x.kerja = 1) AS buka_lagi
            FROM jh JOIN hk e ON e.tanggal = jh.tanggal
        ),
        jb AS (
            SELECT jd.id, jd.ditunda, jd.hari,
                   jd.tanggal || printf('T%02d:%02d:%02d', jd.detik / 3600, jd.detik / 60 % 60, jd.detik % 60)
                       || substr(jd.ditunda, 20) AS batas,
                   jd.detik, jd.tutup, jd.buka_lagi || substr(jd.ditunda, 20) AS buka_lagi
            FROM jd
        ),
        jl AS (
            SELECT jb.id, jb.ditunda, jb.hari, jb.batas,
                   CASE WHEN julianday('now') > julianday(CASE WHEN jb.detik < jb.tutup THEN jb.batas ELSE jb.buka_lagi END)
                        THEN 1 ELSE 0 END AS lewat
            FROM jb
        )"""


@migrasi
def m026_tunda_pandangan(db: sqlite3.Connection) -> None:
    """Issue 15, the auditors' views know the clock stops (m022_tunda): a paused complaint
    is not late in SQL either, as it is not in ``terlambat``, ``agenda``, ``daftar``.
    ``v_terlambat`` lists the late steps of complaints whose clock runs and the pauses past
    their limit (``tunda.batas``, computed as keluhan/tunda.py does: SQL_BATAS_TUNDA), with
    ``jenis`` ('langkah' or 'tunda'); ``v_tenggat`` and ``v_keluhan_status`` say ``terlambat``
    0 for a paused complaint and show since when it is paused; ``v_durasi_langkah`` shows
    each step's paused minutes and its verdict without them, and its ``menit_lewat`` counts
    against the deadline the pauses moved; ``v_tunda`` shows a pause's start as corrected
    (``koreksi --kolom waktu``), as it already showed its end. Views only: same names,
    columns added at the end."""
    skrip(
        db,
        f"""
        DROP VIEW IF EXISTS v_terlambat_tanpa_data_pribadi;
        DROP VIEW IF EXISTS v_terlambat;
        DROP VIEW IF EXISTS v_keluhan_status_tanpa_data_pribadi;
        DROP VIEW IF EXISTS v_keluhan_status;
        DROP VIEW IF EXISTS v_tenggat;
        DROP VIEW IF EXISTS v_durasi_langkah;
        DROP VIEW IF EXISTS v_tunda;

        CREATE VIEW v_terlambat AS
            -- What is overdue right now (SQLite's clock, UTC), most overdue first: the late steps
            -- of complaints whose clock runs (a paused complaint is not late: keluhan tunda), and
            -- the pauses past their limit (tunda.batas working days, in force when they began).
            -- Columns: nomor, keluhan_id, nama, status, tim_teknis, langkah (the step awaited),
            -- mutu_baku (a pause: its limit, 'N hari'), mulai (a pause: when it began), batas
            -- (local; a pause: its limit), batas_utc, jam_lewat_kalender (calendar hours since
            -- batas; working time is in `keluhan terlambat`), jenis ('langkah' or 'tunda'),
            -- ditunda, alasan_tunda (the running pause; empty for a late step), batas_langkah
            -- (the step's own deadline, as before the pause).
        WITH hk AS MATERIALIZED (SELECT tanggal, kerja, buka_detik, detik, hari_sebelum FROM v_hari_kerja),
{SQL_BATAS_TUNDA}
        SELECT nomor, keluhan_id, nama, status, tim_teknis, langkah, mutu_baku, mulai, batas, batas_utc,
               jam_lewat_kalender, jenis, ditunda, alasan_tunda, batas_langkah
        FROM (
            SELECT k.nomor, t.keluhan_id, k.nama, k.status, k.tim_teknis, t.langkah, t.mutu_baku,
                   t.mulai, t.batas, t.batas_utc,
                   ROUND((julianday('now') - julianday(t.batas_utc)) * 24, 1) AS jam_lewat_kalender,
                   'langkah' AS jenis, NULL AS ditunda, NULL AS alasan_tunda, t.batas AS batas_langkah
            FROM tenggat t
            JOIN keluhan k ON k.id = t.keluhan_id
            WHERE t.lewat_setelah_utc < datetime('now') AND k.ditunda IS NULL
            UNION ALL
            SELECT k.nomor, k.id, k.nama, k.status, k.tim_teknis, t.langkah, jl.hari || ' hari', k.ditunda, jl.batas,
                   datetime(jl.batas), ROUND((julianday('now') - julianday(jl.batas)) * 24, 1),
                   'tunda', k.ditunda, k.alasan_tunda, t.batas
            FROM jl
            JOIN keluhan k ON k.id = jl.id
            LEFT JOIN tenggat t ON t.keluhan_id = k.id
            WHERE jl.lewat = 1
        )
        ORDER BY batas_utc;

        CREATE VIEW v_terlambat_tanpa_data_pribadi AS
            -- v_terlambat without the customer's name; batas_utc as ISO 8601 with Z.
        SELECT nomor, keluhan_id, status, tim_teknis, langkah, mutu_baku, mulai, batas,
               replace(batas_utc, ' ', 'T') || 'Z' AS batas_utc, jam_lewat_kalender, jenis, ditunda, batas_langkah
        FROM v_terlambat;

        CREATE VIEW v_keluhan_status AS
            -- Every complaint now. Columns: nomor, id, nama, media, layanan, tim_teknis, status,
            -- dicatat, waktu_status (last step), langkah_berikutnya (NULL when finished),
            -- mutu_baku and batas of that step, terlambat (1 = past its deadline now; 0 while
            -- the clock is paused), langkah_terlambat (how many finished steps missed their mutu
            -- baku), menit_kerja_ditangani (working minutes from recording to the last step,
            -- paused time left out), hari_kalender (calendar days from recording to step 6, or
            -- to now when unfinished), ditunda (since when the clock is paused; empty = it runs).
        SELECT k.nomor, k.id, k.nama, k.media, k.layanan, k.tim_teknis, k.status, k.dicatat,
               k.waktu_status, t.langkah AS langkah_berikutnya, t.mutu_baku, t.batas,
               CASE WHEN t.lewat_setelah_utc < datetime('now') AND k.ditunda IS NULL THEN 1 ELSE 0 END AS terlambat,
               (SELECT COUNT(*) FROM durasi_langkah d WHERE d.keluhan_id = k.id AND d.patuh = 0)
                   AS langkah_terlambat,
               (SELECT ROUND(SUM(d.menit_kerja), 2) FROM durasi_langkah d
                WHERE d.keluhan_id = k.id AND d.langkah >= 3) AS menit_kerja_ditangani,
               ROUND(COALESCE(julianday(k.diinformasikan), julianday('now')) - julianday(k.dicatat), 1)
                   AS hari_kalender,
               k.ditunda
        FROM keluhan k
        LEFT JOIN tenggat t ON t.keluhan_id = k.id;

        CREATE VIEW v_keluhan_status_tanpa_data_pribadi AS
            -- v_keluhan_status without the customer's name.
        SELECT nomor, id, media, layanan, tim_teknis, status, dicatat, waktu_status, langkah_berikutnya,
               mutu_baku, batas, terlambat, langkah_terlambat, menit_kerja_ditangani, hari_kalender, ditunda
        FROM v_keluhan_status;

        CREATE VIEW v_tenggat AS
            -- The deadlines of unfinished complaints with their zone: batas and lewat_setelah in
            -- the archive's local time with its offset, batas_utc and lewat_setelah_utc in UTC
            -- marked 'Z' (the table tenggat keeps 'YYYY-MM-DD HH:MM:SS' UTC, comparable with
            -- datetime('now')). Columns: nomor, keluhan_id, status, langkah (the step awaited),
            -- mulai, mutu_baku, batas, batas_utc, lewat_setelah, lewat_setelah_utc, terlambat
            -- (1 = late now, by SQLite's clock; 0 while the clock is paused), ditunda (since when
            -- the clock is paused: batas is then as before the pause; empty = it runs),
            -- menit_tunda (working minutes of ended pauses that moved batas).
        SELECT k.nomor, t.keluhan_id, k.status, t.langkah, t.mulai, t.mutu_baku, t.batas,
               strftime('%Y-%m-%dT%H:%M:%SZ', t.batas_utc) AS batas_utc,
               strftime('%Y-%m-%dT%H:%M:%S', t.lewat_setelah_utc, substr(t.batas, 20)) || substr(t.batas, 20)
                   AS lewat_setelah,
               strftime('%Y-%m-%dT%H:%M:%SZ', t.lewat_setelah_utc) AS lewat_setelah_utc,
               CASE WHEN t.lewat_setelah_utc < datetime('now') AND k.ditunda IS NULL THEN 1 ELSE 0 END AS terlambat,
               k.ditunda, t.menit_tunda
        FROM tenggat t
        JOIN keluhan k ON k.id = t.keluhan_id;

        CREATE VIEW v_durasi_langkah AS
            -- Every measured step event: who did which step of which complaint, how long it
            -- took in working minutes, the standard, the deadline and whether it was met.
            -- Columns: nomor, keluhan_id, riwayat_urutan, langkah, aksi, petugas, mulai,
            -- akhir, menit_kerja (paused time left out), mutu_baku, batas (moved by the pauses
            -- begun by then), patuh (1/0), keterangan ('patuh'/'terlambat'), mutu_baku_menit (the
            -- standard in working minutes: '15 menit' = 15, '2 jam' = 120, 'N hari' = the working
            -- minutes from mulai to batas), menit_lewat (working minutes over the deadline,
            -- negative = under; > 0 exactly when patuh = 0: menit_kerja - mutu_baku_menit, and for
            -- a paused step its whole working time less the working time from mulai to batas),
            -- menit_tunda (the step's paused working minutes), patuh_tanpa_tunda (the verdict had
            -- the pauses been counted, 1/0; empty = never paused).
        WITH hk AS (SELECT tanggal, buka_detik, detik, detik_sebelum FROM v_hari_kerja),
        d AS (
            SELECT d.*,
                   CASE WHEN lower(trim(d.mutu_baku)) LIKE '%menit' THEN CAST(trim(d.mutu_baku) AS INTEGER)
                        WHEN lower(trim(d.mutu_baku)) LIKE '%jam' THEN CAST(trim(d.mutu_baku) AS INTEGER) * 60
                        ELSE ((b.detik_sebelum + {_kerja("d.batas", "b")}) - (a.detik_sebelum + {_kerja("d.mulai", "a")})) / 60.0
                   END AS mutu_baku_menit,
                   ((b.detik_sebelum + {_kerja("d.batas", "b")}) - (a.detik_sebelum + {_kerja("d.mulai", "a")})) / 60.0
                       AS sampai_batas
            FROM durasi_langkah d
            LEFT JOIN hk a ON a.tanggal = substr(d.mulai, 1, 10)
            LEFT JOIN hk b ON b.tanggal = substr(d.batas, 1, 10)
        )
        SELECT k.nomor, d.keluhan_id, d.riwayat_urutan, d.langkah, r.aksi, r.petugas,
               d.mulai, d.akhir, d.menit_kerja, d.mutu_baku, d.batas, d.patuh,
               CASE d.patuh WHEN 1 THEN 'patuh' ELSE 'terlambat' END AS keterangan,
               ROUND(d.mutu_baku_menit, 2) AS mutu_baku_menit,
               CASE WHEN d.menit_tunda > 0 THEN ROUND(d.menit_kerja + d.menit_tunda - d.sampai_batas, 2)
                    ELSE ROUND(d.menit_kerja - d.mutu_baku_menit, 2) END AS menit_lewat,
               d.menit_tunda, d.patuh_tanpa_tunda
        FROM d
        JOIN riwayat r ON r.urutan = d.riwayat_urutan
        JOIN keluhan k ON k.id = d.keluhan_id;

        CREATE VIEW v_tunda AS
            -- Every pause of a complaint's clock (keluhan tunda), with its reason and what ended it.
            -- Columns: nomor, keluhan_id, urutan (the tunda event), mulai (when the clock stopped:
            -- the event's effective time, v_waktu_efektif), alasan, petugas, status (the
            -- complaint's status then: which clock stopped), akhir (when it ran again: the ending
            -- event's effective time; empty = still paused), akhir_urutan, diakhiri_oleh
            -- (lanjutkan, the next step's aksi, batal, or efektivitas), berjalan (1 = still paused now).
        WITH t AS (
            SELECT r.urutan, r.keluhan_id, (SELECT v.waktu FROM v_waktu_efektif v WHERE v.urutan = r.urutan) AS mulai,
                   json_extract(r.rincian, '$.alasan') AS alasan, r.petugas,
                   (SELECT s.status_ke FROM riwayat s WHERE s.keluhan_id = r.keluhan_id AND s.urutan < r.urutan
                      AND s.status_ke IS NOT NULL ORDER BY s.urutan DESC LIMIT 1) AS status
            FROM riwayat r WHERE r.aksi = 'tunda'
        ),
        e AS (
            SELECT t.*, (SELECT MIN(x.urutan) FROM riwayat x WHERE x.keluhan_id = t.keluhan_id AND x.urutan > t.urutan
                           AND (x.aksi = 'lanjutkan' OR x.status_ke IS NOT NULL
                                OR (x.aksi = 'efektivitas' AND t.status = 'selesai'))) AS akhir_urutan
            FROM t
        )
        SELECT k.nomor, e.keluhan_id, e.urutan, e.mulai, e.alasan, e.petugas, e.status,
               (SELECT v.waktu FROM v_waktu_efektif v WHERE v.urutan = e.akhir_urutan) AS akhir,
               e.akhir_urutan, (SELECT x.aksi FROM riwayat x WHERE x.urutan = e.akhir_urutan) AS diakhiri_oleh,
               CASE WHEN e.akhir_urutan IS NULL THEN 1 ELSE 0 END AS berjalan
        FROM e JOIN keluhan k ON k.id = e.keluhan_id;
        """,
    )


# v_efektivitas as m027_tunda_tinjauan defines it (the due day moved by the review's pauses).
_SQL_V_EFEKTIVITAS_TUNDA = f"""
        DROP VIEW IF EXISTS v_efektivitas;
        CREATE VIEW v_efektivitas AS
            -- Every CAPA round accepted at step 5 and its effectiveness review (ISO/IEC 17025
            -- 8.7.1 e). Columns: nomor, keluhan_id, putaran, petugas_tindakan, penanggung_jawab,
            -- diverifikasi_pada, efektivitas (the latest review: 'efektif', 'tidak_efektif', empty =
            -- none yet), efektivitas_pada, efektivitas_oleh, efektivitas_tindak_lanjut, keadaan
            -- ('efektif' = done, else 'belum'), sejak (when the pending review counts from: the
            -- verification, or the last 'tidak_efektif' review), setelah (working days: the
            -- efektivitas.setelah in force then, pengaturan_riwayat), jatuh_tempo (the day it falls
            -- due: the setelah-th working day after sejak's date, v_hari_kerja, moved on by the
            -- pauses of the review's clock), terlambat (1 = still pending after its due day, today in
            -- the archive's zone; 0 while paused), jatuh_tempo_awal (the due day before any pause),
            -- menit_tunda (working minutes of the ended pauses since sejak that moved it), ditunda
            -- (1 = the review's clock is paused now). A pause of the review's clock is one taken while
            -- the complaint was finished (v_tunda.status 'selesai'); each, taken in order, moves the
            -- due day on by its working time counted from the end of the due day (the next
            -- opening), when it began by the end of the due day as moved so far (keluhan/efektivitas.py).
        WITH t AS (
            SELECT k.nomor, t.keluhan_id, t.putaran, t.petugas AS petugas_tindakan, t.penanggung_jawab,
                   t.diverifikasi_pada, t.efektivitas, t.efektivitas_pada, t.efektivitas_oleh,
                   t.efektivitas_tindak_lanjut,
                   CASE WHEN t.efektivitas = 'efektif' THEN 'efektif' ELSE 'belum' END AS keadaan,
                   CASE WHEN t.efektivitas = 'efektif' THEN NULL
                        WHEN t.efektivitas = 'tidak_efektif' THEN t.efektivitas_pada
                        ELSE t.diverifikasi_pada END AS sejak
            FROM tindakan t JOIN keluhan k ON k.id = t.keluhan_id
            WHERE t.verifikasi = 'terima'
        ),
        n AS (
            SELECT t.*, (SELECT CAST(p.nilai AS INTEGER) FROM pengaturan_riwayat p
                         WHERE p.kunci = 'efektivitas.setelah'
                           AND (p.berlaku_sejak IS NULL OR julianday(p.berlaku_sejak) <= julianday(t.sejak))
                         ORDER BY COALESCE(julianday(p.berlaku_sejak), 0) DESC, p.urutan DESC LIMIT 1) AS setelah
            FROM t
        ),
        hk AS MATERIALIZED (SELECT tanggal, kerja, hari_sebelum, buka_detik, detik, detik_sebelum FROM v_hari_kerja),
        j AS (
            SELECT n.*, (SELECT MIN(d.tanggal) FROM hk d
                         WHERE d.kerja = 1 AND d.hari_sebelum = b.hari_sebelum + b.kerja + n.setelah - 1) AS jatuh_tempo_awal
            FROM n LEFT JOIN hk b ON b.tanggal = substr(n.sejak, 1, 10)
        ),
        jp AS (  -- the ended pauses of each pending review's clock, in order, with their working seconds
            SELECT j.keluhan_id, j.putaran, u.mulai,
                   ROW_NUMBER() OVER (PARTITION BY j.keluhan_id, j.putaran ORDER BY u.mulai) AS i,
                   (hb.detik_sebelum + {_kerja("u.akhir", "hb")}) - (ha.detik_sebelum + {_kerja("u.mulai", "ha")}) AS detik
            FROM j
            JOIN v_tunda u ON u.keluhan_id = j.keluhan_id AND u.status = 'selesai' AND u.akhir IS NOT NULL
                AND julianday(u.mulai) >= julianday(j.sejak)
            JOIN hk ha ON ha.tanggal = substr(u.mulai, 1, 10)
            JOIN hk hb ON hb.tanggal = substr(u.akhir, 1, 10)
            WHERE j.keadaan = 'belum'
        ),
        g(keluhan_id, putaran, i, tempo, detik) AS (
            SELECT keluhan_id, putaran, 0, jatuh_tempo_awal, 0 FROM j
            WHERE keadaan = 'belum' AND keluhan_id IN (SELECT keluhan_id FROM jp)
            UNION ALL
            SELECT g.keluhan_id, g.putaran, p.i,
                   CASE WHEN p.detik > 0 AND substr(p.mulai, 1, 10) <= g.tempo
                        THEN (SELECT MIN(x.tanggal) FROM hk x
                              WHERE x.kerja = 1 AND x.detik_sebelum + x.detik >= d.detik_sebelum + d.detik + p.detik)
                        ELSE g.tempo END,
                   g.detik + CASE WHEN p.detik > 0 AND substr(p.mulai, 1, 10) <= g.tempo THEN p.detik ELSE 0 END
            FROM g
            JOIN jp p ON p.keluhan_id = g.keluhan_id AND p.putaran = g.putaran AND p.i = g.i + 1
            JOIN hk d ON d.tanggal = g.tempo
        ),
        akhir AS (
            SELECT keluhan_id, putaran, tempo, detik FROM g
            WHERE i = (SELECT MAX(x.i) FROM g x WHERE x.keluhan_id = g.keluhan_id AND x.putaran = g.putaran)
        ),
        e AS (
            SELECT j.*, COALESCE(a.tempo, j.jatuh_tempo_awal) AS jatuh_tempo, ROUND(COALESCE(a.detik, 0) / 60.0, 2) AS menit_tunda,
                   CASE WHEN j.keadaan = 'belum' AND EXISTS (
                       SELECT 1 FROM v_tunda u WHERE u.keluhan_id = j.keluhan_id AND u.status = 'selesai'
                       AND u.berjalan = 1 AND julianday(u.mulai) >= julianday(j.sejak)) THEN 1 ELSE 0 END AS ditunda
            FROM j LEFT JOIN akhir a ON a.keluhan_id = j.keluhan_id AND a.putaran = j.putaran
        )
        SELECT nomor, keluhan_id, putaran, petugas_tindakan, penanggung_jawab, diverifikasi_pada, efektivitas,
               efektivitas_pada, efektivitas_oleh, efektivitas_tindak_lanjut, keadaan, sejak, setelah, jatuh_tempo,
               CASE WHEN keadaan = 'belum' AND ditunda = 0 AND jatuh_tempo < date('now', substr(sejak, 20)) THEN 1 ELSE 0 END
                   AS terlambat,
               jatuh_tempo_awal, menit_tunda, ditunda
        FROM e;
"""


@migrasi
def m027_tunda_tinjauan(db: sqlite3.Connection) -> None:
    """Issue 15: a pause of the effectiveness review's clock (``keluhan tunda`` on a finished
    complaint whose review is due) moves the review's due day, as a step's pause moves its
    deadline (keluhan/efektivitas.py ``geser``); ``v_efektivitas`` computes the moved day the
    same way from v_tunda and v_hari_kerja, is not overdue while the review's clock is
    paused, and shows the day before the pauses, the paused minutes that moved it and
    whether it is paused now. View only: same name, columns added at the end."""
    skrip(
        db,
        f"""
{_SQL_V_EFEKTIVITAS_TUNDA}
        """,
    )
@migrasi
def m028_rekap_indeks(db: sqlite3.Connection) -> None:
    """Issue 17, the recap at the floor: the satisfaction answers and the effectiveness reviews
    of a period were found through ``riwayat_waktu_langkah`` (every event of the period, about
    110 ms a month on a million complaints, asked once per month of the trend) and then
    filtered by action. Two partial indexes hold only those events, by time: the month's
    answers (``SQL_KEPUASAN``, covering: time, complaint, event; ``aksi`` too, which SQLite
    3.40 reads to check the index's own condition) and reviews (``SQL_TINJAUAN``) are read
    directly, however many other events the period holds."""
    skrip(db, """
        CREATE INDEX riwayat_kepuasan ON riwayat (waktu, keluhan_id, aksi) WHERE aksi = 'kepuasan';
        CREATE INDEX riwayat_efektivitas ON riwayat (waktu) WHERE aksi = 'efektivitas';
        """)


@migrasi
def m029_rekap_bulan(db: sqlite3.Connection) -> None:
    """Issue 17, the recap at the floor: a closed month's recap kept whole (``rekap_bulan``), with
    the anchor it was computed at, written by the writing commands after their own commit and
    used by ``rekap`` only while nothing recorded since can change it; ``keluhan periksa``
    recomputes it (keluhan/rekap_bulan.py says what a month's figures depend on). Created
    empty: the next writer fills it."""
    from keluhan import rekap_bulan

    skrip(db, rekap_bulan.SKEMA)


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
        fk = None
        if getattr(fn, "tanpa_fk", False) and db.execute("PRAGMA user_version").fetchone()[0] < nomor:
            fk = db.execute("PRAGMA foreign_keys").fetchone()[0]
            db.execute("PRAGMA foreign_keys = OFF")  # only outside a transaction
        db.execute("BEGIN IMMEDIATE")
        try:
            if db.execute("PRAGMA user_version").fetchone()[0] >= nomor:
                db.execute("COMMIT")
                continue
            fn(db, waktu_sistem) if fn.__code__.co_argcount > 1 else fn(db)
            db.execute("INSERT INTO _migrasi (nama, diterapkan) VALUES (?, ?)", (nama, waktu_sistem))
            db.execute(f"PRAGMA user_version = {nomor}")
            sinyal.komit(db)  # Ctrl-C waits for the commit (keluhan/sinyal.py)
        except BaseException:
            if db.in_transaction:
                db.execute("ROLLBACK")
            raise
        finally:
            if fk:
                db.execute("PRAGMA foreign_keys = ON")
        diterapkan.append(nama)
    return diterapkan


@migrasi
def m030_ramping_indeks(db: sqlite3.Connection) -> None:
    """Issue 17, a smaller archive: every index was set against the queries that read it
    (``EXPLAIN QUERY PLAN`` of every statement the commands, the recap, ``periksa``, the
    auditors' views and documented queries run; tests/test_indeks.py ``PEMAKAI`` lists one
    per index and fails on an index no listed query uses). Two had none of their own:
    ``tindakan_efektivitas_belum`` (keluhan_id, putaran) of the rounds owing a review
    repeated the UNIQUE (keluhan_id, putaran) of ``tindakan``, which answers its one query
    (a recap's complaints' pending rounds, by complaint) as well; ``tindakan_kode_akar`` was
    read by no query (the Pareto and ``v_akar_masalah`` group every round of a period, they
    do not seek one code). Dropped: no row changes, and their pages go to the file's free
    list (``VACUUM`` returns them to the disk, docs/benchmark.md)."""
    skrip(db, """
        DROP INDEX IF EXISTS tindakan_efektivitas_belum;
        DROP INDEX IF EXISTS tindakan_kode_akar;
        """)


@migrasi
def m031_rekap_bulan_baris(db: sqlite3.Connection) -> None:
    """Issue 17, the recap at the floor: a kept month (m029_rekap_bulan) also keeps where its long lists
    (the complaints, the open ones, the repeats) lie in its JSON, and their rows as the html and md
    recaps print them, so that those formats parse only the short figures and print the rows as
    kept. Rows kept before have none and are not used; the next writer keeps their months again."""
    from keluhan import rekap_bulan

    skrip(db, rekap_bulan.SKEMA_BARIS)


# durasi_langkah's stored part since m032_durasi: the table keyed by the event, without the
# columns the event itself holds (durasi_langkah, a view of the same columns, adds them back).
TABEL_DURASI = "durasi_peristiwa"
# durasi_langkah's columns, in their order: the contract auditors and Datasette read.
KOLOM_DURASI_LANGKAH = ("riwayat_urutan", "keluhan_id", "langkah", "mulai", "akhir", "menit_kerja", "mutu_baku",
                        "batas", "patuh", "dihitung", "menit_tunda", "patuh_tanpa_tunda")
_PESAN_DURASI_UBAH = ("durasi_langkah: mulai dan akhir hanya mengikuti waktu efektif peristiwanya (koreksi); selain itu"
                      " hanya hasil hitungan (menit_kerja, mutu_baku, batas, patuh, dihitung) yang boleh dihitung ulang")
_PESAN_DURASI_PERISTIWA = ("durasi_langkah: keluhan_id, langkah dan akhir adalah milik peristiwanya di riwayat"
                           " (akhir: waktu efektifnya, v_waktu_efektif) dan tidak dapat diisi lain")


def sql_durasi_langkah() -> str:
    """The SELECT of the view ``durasi_langkah`` (m032_durasi): each ``durasi_peristiwa`` row with
    its event's complaint, step and effective time (``akhir``: the event's latest time correction,
    else its own ``waktu``, as ``v_waktu_efektif`` says) and ``dihitung`` (empty in the table when
    the duration was computed as the event was written: the event's ``dicatat_pada``)."""
    return f"""        SELECT d.riwayat_urutan, r.keluhan_id, r.langkah, d.mulai,
               {_efektif("r", "waktu", "r.waktu")} AS akhir,
               d.menit_kerja, d.mutu_baku, d.batas, d.patuh, COALESCE(d.dihitung, r.dicatat_pada) AS dihitung,
               d.menit_tunda, d.patuh_tanpa_tunda
        FROM durasi_peristiwa d JOIN riwayat r ON r.urutan = d.riwayat_urutan"""


SKEMA_DURASI = """
        CREATE TABLE durasi_peristiwa (
            -- durasi_langkah's stored part: one row per measured step event (langkah 2..6; 8: the
            -- appeal decision) whose start is known, keyed by the event. The view durasi_langkah
            -- shows it with the event's keluhan_id, langkah and effective time (akhir).
            riwayat_urutan INTEGER PRIMARY KEY REFERENCES riwayat (urutan),
            mulai TEXT NOT NULL,                -- previous step's effective time (step 2: diajukan)
            menit_kerja REAL NOT NULL,          -- working minutes from mulai to the event, paused time left out
            mutu_baku TEXT NOT NULL,            -- e.g. '15 menit', '3 hari'
            batas TEXT NOT NULL,                -- deadline: mulai + mutu_baku in working time (moved by pauses)
            patuh INTEGER NOT NULL CHECK (patuh IN (0, 1)),  -- 1 = within the mutu baku
            dihitung TEXT,                      -- system time of the last recomputation; empty = as written (riwayat.dicatat_pada)
            menit_tunda REAL NOT NULL DEFAULT 0,  -- the step's paused working minutes
            patuh_tanpa_tunda INTEGER CHECK (patuh_tanpa_tunda IS NULL OR patuh_tanpa_tunda IN (0, 1))
        );
"""
# ... its guards and the view (after the old table and its triggers of the same names are gone).
SKEMA_DURASI_VIEW = f"""
        CREATE TRIGGER durasi_langkah_tolak_timpa BEFORE INSERT ON durasi_peristiwa
        WHEN EXISTS (SELECT 1 FROM durasi_peristiwa WHERE riwayat_urutan = NEW.riwayat_urutan)
        BEGIN SELECT RAISE(ABORT, 'durasi peristiwa itu sudah ada; tidak boleh ditimpa'); END;
        CREATE TRIGGER durasi_langkah_tolak_langkah BEFORE INSERT ON durasi_peristiwa
        WHEN (SELECT r.langkah {LANGKAH_DIUKUR_SQL} FROM riwayat r WHERE r.urutan = NEW.riwayat_urutan) IS NOT 1
             AND EXISTS (SELECT 1 FROM riwayat r WHERE r.urutan = NEW.riwayat_urutan)
        BEGIN SELECT RAISE(ABORT, 'durasi_langkah: peristiwa itu bukan langkah yang diukur (langkah 2-6, 8)'); END;
        CREATE TRIGGER durasi_langkah_tolak_ubah BEFORE UPDATE ON durasi_peristiwa
        WHEN NEW.riwayat_urutan IS NOT OLD.riwayat_urutan
            OR (NEW.mulai IS NOT OLD.mulai AND NOT EXISTS (
                SELECT 1 FROM riwayat x JOIN v_waktu_efektif e ON e.keluhan_id = x.keluhan_id
                WHERE x.urutan = NEW.riwayat_urutan
                AND (e.urutan < NEW.riwayat_urutan AND NEW.mulai = e.waktu
                     OR e.urutan = NEW.riwayat_urutan AND NEW.mulai = e.diajukan)))
        BEGIN SELECT RAISE(ABORT, '{_PESAN_DURASI_UBAH}'); END;
        CREATE TRIGGER durasi_langkah_tolak_hapus BEFORE DELETE ON durasi_peristiwa
        BEGIN SELECT RAISE(ABORT, 'durasi_langkah tidak boleh dihapus'); END;

        CREATE VIEW durasi_langkah AS
            -- One row per step event (langkah 2..6; 8: the appeal decision) whose start is known: its
            -- working duration against the mutu baku in force when its clock started. Step 2 is
            -- measured from keluhan.diajukan (no row when that is empty); every other step from the
            -- previous step event. Recomputed when the calendar changes. Stored in durasi_peristiwa;
            -- keluhan_id, langkah and akhir (the event's effective time) are the event's own.
{sql_durasi_langkah()};
        -- Writes through the view go to durasi_peristiwa, whose triggers guard it as they guarded
        -- the table: the event's own columns cannot be given other values.
        CREATE TRIGGER durasi_langkah_tulis INSTEAD OF INSERT ON durasi_langkah
        BEGIN
            SELECT RAISE(ABORT, '{_PESAN_DURASI_PERISTIWA}')
            FROM riwayat r WHERE r.urutan = NEW.riwayat_urutan
            AND (NEW.keluhan_id IS NOT r.keluhan_id OR NEW.langkah IS NOT r.langkah
                 OR NEW.akhir IS NOT {_efektif("r", "waktu", "r.waktu")});
            INSERT INTO durasi_peristiwa (riwayat_urutan, mulai, menit_kerja, mutu_baku, batas, patuh, dihitung,
                                          menit_tunda, patuh_tanpa_tunda)
            VALUES (NEW.riwayat_urutan, NEW.mulai, NEW.menit_kerja, NEW.mutu_baku, NEW.batas, NEW.patuh,
                    NULLIF(NEW.dihitung, (SELECT r.dicatat_pada FROM riwayat r WHERE r.urutan = NEW.riwayat_urutan)),
                    COALESCE(NEW.menit_tunda, 0), NEW.patuh_tanpa_tunda);
        END;
        CREATE TRIGGER durasi_langkah_ubah INSTEAD OF UPDATE ON durasi_langkah
        BEGIN
            SELECT RAISE(ABORT, '{_PESAN_DURASI_PERISTIWA}')
            WHERE NEW.keluhan_id IS NOT OLD.keluhan_id OR NEW.langkah IS NOT OLD.langkah OR NEW.akhir IS NOT OLD.akhir;
            UPDATE durasi_peristiwa SET riwayat_urutan = NEW.riwayat_urutan, mulai = NEW.mulai,
                menit_kerja = NEW.menit_kerja, mutu_baku = NEW.mutu_baku, batas = NEW.batas, patuh = NEW.patuh,
                dihitung = CASE WHEN NEW.dihitung IS OLD.dihitung THEN dihitung ELSE NEW.dihitung END,
                menit_tunda = NEW.menit_tunda, patuh_tanpa_tunda = NEW.patuh_tanpa_tunda
            WHERE riwayat_urutan = OLD.riwayat_urutan;
        END;
        CREATE TRIGGER durasi_langkah_hapus INSTEAD OF DELETE ON durasi_langkah
        BEGIN DELETE FROM durasi_peristiwa WHERE riwayat_urutan = OLD.riwayat_urutan; END;
"""


@migrasi
def m032_durasi(db: sqlite3.Connection) -> None:
    """Issue 17, a smaller archive (docs/benchmark.md, "durasi_langkah without its copies", the
    owner's decision A): ``durasi_langkah`` repeated, for every measured step event, the event's
    ``keluhan_id``, ``langkah`` and effective time (``akhir``), and the time of its computation
    (``dihitung``, the event's own ``dicatat_pada`` unless recomputed since), and carried two
    indexes to find its rows by complaint and by time, which riwayat's own indexes find as well:
    769 B of the 4 955 B a complaint. Its rows move, in key order, to ``durasi_peristiwa`` (keyed
    by the event, without those columns; ``dihitung`` kept only when it differs), the table and
    its indexes go, and a view named ``durasi_langkah`` with exactly the old columns and rows
    stands in its place: every documented query, the auditors' script and Datasette read it as
    before. Its guards stay (the same trigger names, now on ``durasi_peristiwa``: no overwrite, no
    delete, ``mulai`` only to an effective time; a row only for a measured step), and writes
    through the view reach the table under them. A row whose copied columns disagreed with its
    event (a forgery ``periksa`` named) takes the event's: its figures, measured for other
    times or another step, are what ``periksa`` names then."""
    skrip(db, SKEMA_DURASI)
    db.execute(
        "INSERT INTO durasi_peristiwa (riwayat_urutan, mulai, menit_kerja, mutu_baku, batas, patuh, dihitung,"
        " menit_tunda, patuh_tanpa_tunda)"
        " SELECT d.riwayat_urutan, d.mulai, d.menit_kerja, d.mutu_baku, d.batas, d.patuh,"
        " NULLIF(d.dihitung, (SELECT r.dicatat_pada FROM riwayat r WHERE r.urutan = d.riwayat_urutan)),"
        " d.menit_tunda, d.patuh_tanpa_tunda FROM durasi_langkah d ORDER BY d.riwayat_urutan")
    db.execute("DROP TABLE durasi_langkah")  # its indexes and triggers with it
    skrip(db, SKEMA_DURASI_VIEW)
    # The views that LEFT JOIN the durations: SQLite cannot flatten a view that is itself a join into the
    # right side of a LEFT JOIN, and would build all of durasi_langkah for each use; they join the table
    # (by the event's key) and, for a complaint's rows, its events.
    for view, ganti in _VIEW_DURASI.items():
        (sql,) = db.execute("SELECT sql FROM sqlite_master WHERE type = 'view' AND name = ?", (view,)).fetchone()
        for lama, baru in ganti:
            if lama not in sql:
                raise sqlite3.DatabaseError(f"definisi view {view} tidak dikenali")
            sql = sql.replace(lama, baru)
        db.execute(f"DROP VIEW {view}")
        db.execute(sql)


# m032_durasi's edits of the views that LEFT JOIN durasi_langkah: (text, replacement) each.
_JOIN_URUTAN = ("LEFT JOIN durasi_langkah d ON d.riwayat_urutan = r.urutan", "LEFT JOIN durasi_peristiwa d ON d.riwayat_urutan = r.urutan")
_VIEW_DURASI = {
    "v_riwayat": (_JOIN_URUTAN,),
    "v_pencatatan_susulan": (_JOIN_URUTAN,),
    "v_keluhan_durasi": (
        ("LEFT JOIN durasi_langkah d ON d.keluhan_id = k.id",
         "LEFT JOIN riwayat dr ON dr.keluhan_id = k.id\n        LEFT JOIN durasi_peristiwa d ON d.riwayat_urutan = dr.urutan"),
        ("COUNT(CASE WHEN d.langkah = 4 THEN 1 END)", "COUNT(CASE WHEN dr.langkah = 4 THEN d.riwayat_urutan END)"),
        ("WHEN d.langkah = ", "WHEN dr.langkah = "),
    ),
}


m032_durasi.bangun_ulang = "durasi_langkah"  # type: ignore[attr-defined]  # room for the copy (Arsip's check)


@migrasi
def m033_serupa(db: sqlite3.Connection) -> None:
    """Issue 17, catat on a big archive: ``kunci_serupa``, each complaint's keys as catat's
    duplicate warning compares them (the e-mail, the phone digits, the name; a checksum of
    each with the recording time, keluhan/pencarian.py), so that the warning reads only the
    complaints sharing one, not every complaint of the last 14 days (~950 at 100k, ~9 500 at
    1M, each compared in Python), filled from every existing complaint."""
    from keluhan import pencarian

    skrip(db, pencarian.SKEMA_SERUPA)
    pencarian.isi_ulang_serupa(db)
