"""The recap's and daftar's queries use their indexes: no full scan, no sorting of a whole table.

Plans come from SQLite's own EXPLAIN QUERY PLAN on a migrated archive. Archives are never
ANALYZEd, so the planner has no statistics and these plans are the ones a million-row
archive gets too (docs/benchmark.md has the timings).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest

from keluhan import arsip, berulang, migrasi, pengaturan, rekap, skema
from keluhan.arsip import Arsip
from keluhan.rekap import Periode

KUNCI = {"m": "2026-10-01", "a": "2026-11-01", "hari": 30, "ids": "[]", "n": 1000, "semua": 0, "kunci": "[]",
         "dari": 0, "sampai": 2**40}
# Each query of a month's recap, and the index that must answer it.
REKAP = {
    "SQL_KELUHAN_PERIODE": "keluhan_dicatat_nomor",
    "SQL_PERISTIWA_PERIODE": "riwayat_keluhan",
    # The stored durations (m032_durasi): the period's events, each one's durasi_peristiwa row by its key.
    "SQL_TELAT": "riwayat_waktu_langkah",
    "SQL_TERBUKA_KINI": "keluhan_status_dicatat",
    "SQL_SELESAI_SESUDAH": "keluhan_lama_penanganan",
    "SQL_LANGKAH": "riwayat_waktu_langkah",
    "SQL_LANGKAH_DIUKUR": "COVERING INDEX riwayat_waktu_langkah (waktu>? AND waktu<?)",
    "SQL_SELESAI": "keluhan_selesai",
    "SQL_SELESAI_SESUDAH_JANGKAR": "riwayat_waktu_langkah",
    "SQL_INFORMASI_ULANG": "keluhan_diputus",
    "SQL_INFORMASI_ULANG_PERISTIWA": "riwayat_keluhan",
    "SQL_DIPUTUS_SESUDAH": "keluhan_diputus",
    "SQL_KABAR": "riwayat_keluhan",
    "SQL_STATUS_PERIODE": "keluhan_dicatat_nomor",
    "SQL_SUSULAN": "riwayat_waktu_langkah",
    "SQL_SUSULAN_SATU": "riwayat_waktu_langkah",
    "SQL_DURASI_ULANG": "riwayat_waktu_langkah",
    "SQL_SESUDAH_JANGKAR": "INTEGER PRIMARY KEY (rowid>?)",
    # The pending effectiveness reviews (m021_rekap_tetap): kept counts by hour, the index for an hour's seconds, the few folded.
    "SQL_TERTUNDA_JAM": "INTEGER PRIMARY KEY (rowid>? AND rowid<?)",
    "SQL_TINJAUAN_HITUNG": "tindakan_efektivitas_sejak (<expr>>? AND <expr><?)",
    "SQL_TINJAUAN_SESUDAH": "tindakan_efektivitas_pada (efektivitas_pada>?)",
    "SQL_TINJAUAN_SESUDAH_JANGKAR": "INTEGER PRIMARY KEY (rowid>?)",
    "SQL_TINJAUAN_TENANG": "sqlite_autoindex_tindakan_1 (keluhan_id=?)",  # tindakan's UNIQUE (migration _ramping_indeks)
    "SQL_TUNDA": "riwayat_waktu_langkah",
    # Satisfaction answers and effectiveness reviews by time (m025_rekap_indeks): only those events, not the period's all.
    "SQL_KEPUASAN": "COVERING INDEX riwayat_kepuasan (waktu>? AND waktu<?)",
    "SQL_TINJAUAN": "riwayat_efektivitas (waktu>? AND waktu<?)",
    # The trend's monthly sums: the events no correction moved from the index alone, the measured ones likewise.
    "SQL_LANGKAH_JUMLAH": "COVERING INDEX riwayat_waktu_langkah (waktu>? AND waktu<?)",
    "SQL_LANGKAH_DIUKUR_JUMLAH": "COVERING INDEX riwayat_waktu_langkah (waktu>? AND waktu<?)",
}


@pytest.fixture(scope="module")
def db() -> Iterator[sqlite3.Connection]:
    d = sqlite3.connect(":memory:", isolation_level=None)
    migrasi.terapkan(d, "2026-01-01T00:00:00+07:00")
    yield d
    d.close()


def rencana(db: sqlite3.Connection, sql: str, nilai: object = ()) -> list[str]:
    return [r[3] for r in db.execute("EXPLAIN QUERY PLAN " + sql, nilai)]


@pytest.mark.parametrize("nama", sorted(REKAP))
def test_kueri_rekap_memakai_indeksnya(db: sqlite3.Connection, nama: str) -> None:
    """Every recap query searches through its index: no SCAN of keluhan, riwayat, durasi_langkah or tindakan, nothing sorted
    but a handful of groups."""
    langkah = rencana(db, getattr(rekap, nama), KUNCI)
    assert any(REKAP[nama] in x for x in langkah), langkah
    # The partial index of time corrections (m011) holds one entry per correction, not per event: walking it is fine.
    assert not [x for x in langkah if x.startswith("SCAN") and x.split()[1] in ("keluhan", "riwayat", "durasi_langkah",
                                                                                "durasi_peristiwa", "k", "r", "d",
                                                                                "tindakan", "tindakan_tertunda_jam")
                and "riwayat_koreksi_waktu" not in x], langkah
    assert not [x for x in langkah if "ORDER BY" in x], langkah  # the recap's order is the index's


@pytest.mark.parametrize("nama", ["SQL_TELAT", "SQL_LANGKAH_DIUKUR", "SQL_DURASI_ULANG", "SQL_TUNDA", "SQL_LANGKAH_DIUKUR_JUMLAH"])
def test_kueri_durasi_mencari_baris_lewat_kuncinya(db: sqlite3.Connection, nama: str) -> None:
    """The recap's stored durations (m032_durasi) are found by the period's events, each row through its key (the
    event's urutan), in both halves: the events no correction moved and the few one did."""
    langkah = rencana(db, getattr(rekap, nama), KUNCI)
    assert [x for x in langkah if x.startswith("SEARCH d USING INTEGER PRIMARY KEY (rowid=?)")].__len__() == 2, langkah


def test_kueri_jangkar_lama_berhenti_di_keluhan_pertama(db: sqlite3.Connection) -> None:
    """With an anchor older than the tip, the first complaint recorded by then is found walking keluhan_dicatat_nomor
    in order (LIMIT 1: it stops at the first match, nothing sorted)."""
    langkah = rencana(db, rekap.SQL_PERTAMA, KUNCI)
    assert langkah[0] == "SCAN k USING INDEX keluhan_dicatat_nomor", langkah
    assert any("riwayat_keluhan (keluhan_id=? AND urutan<?)" in x for x in langkah), langkah
    assert not any("TEMP B-TREE" in x for x in langkah), langkah


def test_kueri_utama_rekap_tanpa_scan_keluhan(db: sqlite3.Connection) -> None:
    """The recap's main query reads the month's complaints through keluhan_dicatat_nomor, in order, and their events
    through riwayat_keluhan: no full SCAN keluhan, no temporary B-tree."""
    langkah = rencana(db, rekap.SQL_PERISTIWA_PERIODE, KUNCI)
    assert langkah[0].startswith("SEARCH k USING INDEX keluhan_dicatat_nomor (dicatat>? AND dicatat<?)"), langkah
    assert langkah[1].startswith("SEARCH r USING INDEX riwayat_keluhan (keluhan_id=?)"), langkah
    assert not any("SCAN keluhan" in x or "SCAN k" == x[:6] or "TEMP B-TREE" in x for x in langkah), langkah


@pytest.mark.parametrize("syarat, indeks", [
    ("", "keluhan_dicatat_nomor"), ("WHERE status = ?", "keluhan_status_dicatat"),
    ("WHERE dicatat >= ? AND dicatat < ?", "keluhan_dicatat_nomor"),
])
def test_halaman_daftar_tanpa_mengurutkan_semua(db: sqlite3.Connection, syarat: str, indeks: str) -> None:
    """daftar's page walks an index newest first (only ties in the same second are sorted), unfiltered, by status
    or by month: the first page of a million rows reads fifty."""
    nilai = {"": (), "WHERE status = ?": ("selesai",)}.get(syarat, ("2026-10", "2026-11"))
    langkah = rencana(db, f"SELECT * FROM keluhan {syarat} ORDER BY dicatat DESC, urut DESC LIMIT 50", nilai)
    assert any(indeks in x for x in langkah), langkah
    assert [x for x in langkah if "TEMP B-TREE" in x] in ([], ["USE TEMP B-TREE FOR RIGHT PART OF ORDER BY"]), langkah


def test_peringatan_serupa_memakai_kuncinya(db: sqlite3.Connection) -> None:
    """catat's duplicate warning walks kunci_serupa's primary key (one range per key of the new complaint, within
    the window) and reads each candidate's row by keluhan's key: no scan of keluhan or of the key table, whatever
    the archive's size (issue 17: the full comparison read every complaint of the last 14 days)."""
    from keluhan import pencarian

    langkah = rencana(db, pencarian.SQL_SERUPA, {"k0": 1, "k1": 2, "k2": None, "dari": 0, "sampai": 1,
                                                  "teks_dari": "2026", "teks_sampai": "2027"})
    assert langkah[0].startswith("SEARCH s USING PRIMARY KEY (kunci=? AND dicatat>? AND dicatat<?)"), langkah
    assert langkah[1] == "SEARCH k USING INDEX sqlite_autoindex_keluhan_1 (id=?)", langkah
    assert not [x for x in langkah if x.startswith("SCAN")], langkah


def test_jumlah_tanpa_menghitung_sejuta_baris(db: sqlite3.Connection, tmp_path: Path) -> None:
    """The unfiltered total of daftar seeks each year's highest number instead of counting rows, and equals COUNT(*)."""
    assert all("SCAN keluhan" not in x for x in rencana(db, arsip.SQL_JUMLAH)), rencana(db, arsip.SQL_JUMLAH)
    from datetime import datetime
    from zoneinfo import ZoneInfo

    a = Arsip(tmp_path / "archive.db", pengaturan.muat(None))
    assert a.db.execute(arsip.SQL_JUMLAH).fetchone()[0] == 0
    for tahun, n in ((2024, 3), (2025, 1), (2026, 2)):
        for i in range(n):
            a.catat(petugas="Rina", isian={"nama": "A", "media": "email", "uraian": "u"},
                    waktu=datetime(tahun, 3, 2, 9, i, tzinfo=ZoneInfo("Asia/Jakarta")))
    assert a.db.execute(arsip.SQL_JUMLAH).fetchone()[0] == a.db.execute("SELECT COUNT(*) FROM keluhan").fetchone()[0] == 6
    assert a.daftar(per_halaman=2)[1] == 6 and a.daftar(bulan="2025-03")[1] == 1
    a.tutup()


def test_rekap_sebulan_di_arsip_kosong_dan_periode_lain(tmp_path: Path) -> None:
    """Plans aside, the recap runs on an empty archive for any period (the indexes exist from the first open)."""
    a = Arsip(tmp_path / "archive.db", pengaturan.muat(None))
    for p in (Periode.bulan(2026, 10), Periode.tahun(2025)):
        assert rekap.rekap(a.db, a.kalender(), a.p, p, sekarang=a._sekarang())["jumlah"] == 0
    a.tutup()


# Issue 17, a smaller archive: the one query (or view, or auditor's documented query) each index is kept for. An index
# no query reads is only written: migration m0NN_ramping_indeks dropped two such, and an index added later must name
# its reader here (the test below fails on one that is missing, and on one its reader no longer uses). The automatic
# indexes of PRIMARY KEY and UNIQUE constraints are constraints, not listed.
PEMAKAI = {
    "keluhan_dicatat_nomor": "rekap.SQL_KELUHAN_PERIODE",
    "keluhan_dinilai": "kueri kepuasan_periode",
    "keluhan_diputus": "rekap.SQL_DIPUTUS_SESUDAH",
    "keluhan_ditunda": "v_terlambat",
    "keluhan_lama_penanganan": "rekap.SQL_SELESAI_SESUDAH",
    "keluhan_selesai": "rekap.SQL_SELESAI",
    "keluhan_status_dicatat": "rekap.SQL_TERBUKA_KINI",
    "kunci_pelanggan_keluhan": "berulang.SQL_KUNCI_PERIODE",
    "libur_berlaku": "v_hari_kerja",
    "pengaturan_riwayat_kunci": "v_efektivitas",
    "petugas_riwayat_nip": "v_petugas",
    "riwayat_efektivitas": "rekap.SQL_TINJAUAN",
    "riwayat_kaitan": "berulang.SQL_KAITAN_MASUK",
    "riwayat_keluhan": "rekap.SQL_PERISTIWA_PERIODE",
    "riwayat_kepuasan": "rekap.SQL_KEPUASAN",
    "riwayat_koreksi_pelanggan": "berulang.SQL_KOREKSI_SESUDAH",
    "riwayat_koreksi_waktu": "rekap.SQL_LANGKAH",
    "riwayat_tunda": "v_tunda",
    "riwayat_waktu_langkah": "rekap.SQL_LANGKAH",
    "tenggat_batas": "agenda.SQL_LANGKAH",
    "tenggat_lewat": "v_terlambat",
    "tindakan_efektivitas_pada": "rekap.SQL_TINJAUAN_SESUDAH",
    "tindakan_efektivitas_sejak": "rekap.SQL_TINJAUAN_HITUNG",
}


def _sql_pemakai(nama: str) -> tuple[str, dict[str, object]]:
    """The SQL of a PEMAKAI entry and the values to plan it with."""
    from keluhan import agenda

    if nama.startswith("kueri "):
        (q,) = [q for q in skema.KUERI if q.nama == nama.removeprefix("kueri ")]
        return q.sql, q.contoh
    if "." in nama:
        modul, konstanta = nama.split(".")
        return getattr({"rekap": rekap, "berulang": berulang, "agenda": agenda}[modul], konstanta), {
            **KUNCI, "id": "k", "nomor": "001", "kini": 0, "cakrawala": 0}
    return f"SELECT * FROM {nama}", {}


def test_tiap_indeks_dibaca_kueri_yang_tercatat(db: sqlite3.Connection) -> None:
    """Every index of a new archive (the constraints' own aside) is read by the query PEMAKAI names for it, and every
    index PEMAKAI names exists: an index nothing reads, only written and stored, fails here."""
    ada = {n for (n,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL")}
    assert ada == set(PEMAKAI), (sorted(ada - set(PEMAKAI)), sorted(set(PEMAKAI) - ada))
    for indeks, pemakai in PEMAKAI.items():
        sql, nilai = _sql_pemakai(pemakai)
        langkah = rencana(db, sql, nilai)
        assert any(f"INDEX {indeks} " in x + " " for x in langkah), (indeks, pemakai, langkah)


def test_indeks_yang_dibuang_tidak_ada_lagi(tmp_path: Path) -> None:
    """An archive from before m0NN_ramping_indeks loses the two indexes no query read on its next opening, keeps every
    row, and the recap's pending reviews by complaint go through tindakan's UNIQUE instead."""
    from conftest import buang_migrasi_sejak

    m = next(n for n, _ in migrasi.MIGRASI if n.endswith("_ramping_indeks"))
    jalur = tmp_path / "archive.db"
    Arsip(jalur, pengaturan.muat(None)).tutup()
    with closing(sqlite3.connect(jalur, isolation_level=None)) as d:
        buang_migrasi_sejak(d, m)
        lama = {n for (n,) in d.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
        assert {"tindakan_efektivitas_belum", "tindakan_kode_akar"} <= lama
    a = Arsip(jalur, pengaturan.muat(None))
    baru = {n for (n,) in a.db.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    # (and the three of the duration table, which a later migration, m0NN_durasi, turned into a view)
    durasi = {"durasi_langkah_akhir_patuh", "durasi_langkah_keluhan", "durasi_langkah_tunda"}
    assert lama - baru == {"tindakan_efektivitas_belum", "tindakan_kode_akar"} | durasi and baru <= lama
    assert a.db.execute("PRAGMA user_version").fetchone()[0] == migrasi.versi_terbaru()
    assert any("sqlite_autoindex_tindakan_1 (keluhan_id=?)" in x for x in rencana(a.db, rekap.SQL_TINJAUAN_TENANG, KUNCI))
    a.tutup()
