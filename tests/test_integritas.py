"""Review findings on the archive's integrity: each test names the hole it closes.

Tampering is done as an insider would: plain ``sqlite3`` on the file.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from datetime import datetime, timezone
from pathlib import Path

import pytest

from keluhan import pengaturan
from keluhan import periksa as pemeriksa
from keluhan import arsip as arsip_mod
from keluhan.arsip import Arsip
from keluhan.workflow import Aksi, Status

from conftest import NOBODY, BERIKUT, PETUGAS_TEKNIS, baca_db, init_ulang, potret, satu_baris_galat, sebagai_nobody
from conftest import tanpa_m011, ubah_db as _sql


def _temuan(jalur: Path) -> list[str]:
    a = Arsip(jalur, pengaturan.muat(None))
    try:
        return pemeriksa.periksa(a.db).temuan
    finally:
        a.tutup()


# -- petugas names (ISO/IEC 17025 7.9.6) ----------------------------------------------------


@pytest.mark.parametrize("verifikator", ["Andi  Saputra", " andi\tsaputra ", "Andi\u00a0Saputra", "Andi\u200b Saputra",
                                         "ＡＮＤＩ ＳＡＰＵＴＲＡ"])
def test_varian_nama_pencatat_tindakan_tidak_boleh_memverifikasi(verifikator, sampai, jalankan, arsip) -> None:
    """7.9.6: the action's recorder cannot verify it under a spacing, Unicode or width variant of the name."""
    nomor = sampai(Status.DITINDAKLANJUTI)
    sebelum = potret(arsip)
    r = jalankan("verifikasi", nomor, "--terima", "--waktu", BERIKUT, petugas=verifikator)
    assert "ISO/IEC 17025 7.9.6" in satu_baris_galat(r, 1)
    assert potret(arsip) == sebelum


def test_petugas_disimpan_rapi(catat, lihat, arsip) -> None:
    """A petugas is stored trimmed with single spaces, whatever whitespace was typed."""
    nomor = catat(petugas="  Budi \t Santoso\u200b ")
    assert lihat(nomor)["riwayat"][0]["petugas"] == "Budi Santoso"
    assert baca_db(arsip, "SELECT petugas_pencatat FROM keluhan") == [{"petugas_pencatat": "Budi Santoso"}]


def test_periksa_melaporkan_verifikasi_oleh_pencatat_tindakan(sampai, arsip, monkeypatch) -> None:
    """periksa names a verification by the action's recorder that an older version let through."""
    nomor = sampai(Status.DITINDAKLANJUTI)
    from keluhan import registri

    monkeypatch.setattr(registri.Register, "sama", lambda *a: False)  # as if unchecked
    a = Arsip(arsip, pengaturan.muat(None))
    try:
        a.langkah(nomor, Aksi.VERIFIKASI_TERIMA, petugas=PETUGAS_TEKNIS.replace(" ", "  "),
                  waktu=a._sekarang().replace(year=2026, month=11, day=9, hour=9, minute=0, second=0))
    finally:
        a.tutup()
    monkeypatch.undo()
    assert any("ISO/IEC 17025 7.9.6" in t for t in _temuan(arsip))


# -- time order: instants, not text ------------------------------------------------------------


def test_langkah_sebelum_langkah_sebelumnya_dibandingkan_sebagai_instan(sampai, arsip) -> None:
    """08:10 WITA is 07:10 WIB: before a step at 08:00 WIB, though its text sorts after it."""
    from datetime import datetime
    from zoneinfo import ZoneInfo

    nomor = sampai(Status.DICATAT)  # recorded 2026-11-02 08:10 WIB
    sebelum = potret(arsip)
    a = Arsip(arsip, pengaturan.muat(None))
    try:
        with pytest.raises(arsip_mod.GalatMasukan, match="lebih awal dari langkah sebelumnya"):
            a.langkah(nomor, Aksi.VALIDASI_TIDAK_BENAR, petugas="Rina", rincian={"alasan": "x"},
                      waktu=datetime(2026, 11, 2, 8, 15, tzinfo=ZoneInfo("Asia/Makassar")))
    finally:
        a.tutup()
    assert potret(arsip) == sebelum
    assert _temuan(arsip) == []


# -- INSERT OR REPLACE and other ways around the append-only triggers -------------------------


def _kolom(jalur: Path, tabel: str) -> str:
    db = sqlite3.connect(jalur)
    try:
        return ", ".join(r[1] for r in db.execute(f"PRAGMA table_info({tabel})"))
    finally:
        db.close()


TIMPA = [
    # (table, WHERE picking one existing row, a column to change in the copy)
    ("riwayat", "urutan = 4", "petugas = 'Palsu'"),
    ("keluhan", "1", "nama = 'Palsu'"),
    ("tindakan", "1", "koreksi = 'Palsu'"),
    ("libur", "tanggal = '2026-12-25' AND dihapus IS NULL", "tanggal = '2026-12-25'"),
    ("libur_tahun", "tahun = 2026", "sumber = 'palsu'"),
    ("jam_kerja", "hari = 0", "selesai = '23:00'"),
    ("durasi_langkah", "1", "patuh = 1 - patuh"),
]


@pytest.mark.parametrize(("tabel", "syarat", "ubah"), TIMPA, ids=[t[0] for t in TIMPA])
def test_insert_or_replace_ditolak(tabel: str, syarat: str, ubah: str, sampai, arsip) -> None:
    """INSERT OR REPLACE of an existing row (which fires no DELETE trigger) is refused on every evidence table."""
    sampai(Status.SELESAI)
    sebelum = potret(arsip)
    kolom = _kolom(arsip, tabel)
    pilih = ", ".join(ubah.split(" = ", 1)[1] + f" AS {k}" if k == ubah.split(" = ")[0] else k for k in kolom.split(", "))
    with pytest.raises(sqlite3.IntegrityError, match="tidak boleh|hanya boleh|sudah"):
        _sql(arsip, f"INSERT OR REPLACE INTO {tabel} ({kolom}) SELECT {pilih} FROM {tabel} WHERE {syarat} LIMIT 1")
    with pytest.raises(sqlite3.IntegrityError):
        _sql(arsip, f"REPLACE INTO {tabel} ({kolom}) SELECT {pilih} FROM {tabel} WHERE {syarat} LIMIT 1")
    assert potret(arsip) == sebelum
    assert _temuan(arsip) == []


@pytest.mark.parametrize("perintah", [
    "UPDATE OR REPLACE keluhan SET nomor = 'X' WHERE 1",
    "UPDATE tindakan SET putaran = 9",
    "UPDATE jam_kerja SET selesai = '23:00' WHERE hari = 0",
    "DELETE FROM jam_kerja",
    "UPDATE libur_tahun SET sumber = 'x'",
    "DELETE FROM libur_tahun WHERE tahun = 2026",
    "DELETE FROM durasi_langkah",
    "UPDATE durasi_langkah SET akhir = mulai",
    # The settings ledger (m007): append-only like riwayat.
    "UPDATE pengaturan_riwayat SET nilai = '\"30 hari\"' WHERE kunci = 'mutu_baku.langkah_4'",
    "DELETE FROM pengaturan_riwayat WHERE urutan = (SELECT MAX(urutan) FROM pengaturan_riwayat)",
    "INSERT OR REPLACE INTO pengaturan_riwayat SELECT urutan, kunci, '\"30 hari\"', nilai_lama, berlaku_sejak,"
    " petugas, alasan, dicatat_pada, hash_sebelum, hash FROM pengaturan_riwayat WHERE urutan = 1",
])
def test_kunci_kalender_dan_durasi_tidak_dapat_diubah(perintah: str, sampai, arsip) -> None:
    """Keys of complaints and CAPA rows, office hours, seeded years and duration rows are refused plain SQL changes."""
    sampai(Status.SELESAI)
    sebelum = potret(arsip)
    with pytest.raises(sqlite3.IntegrityError):
        _sql(arsip, perintah)
    assert potret(arsip) == sebelum


@pytest.mark.parametrize("trigger", ["riwayat_tolak_timpa", "libur_tolak_timpa", "jam_kerja_tolak_ubah",
                                     "durasi_langkah_tolak_hapus"])
def test_periksa_melaporkan_trigger_timpa_yang_hilang(trigger: str, sampai, arsip) -> None:
    """periksa names a dropped overwrite guard as it does the original append-only triggers."""
    sampai(Status.DICATAT)
    _sql(arsip, f"DROP TRIGGER {trigger}")
    assert any(t.startswith(f"Trigger {trigger} ") and "tidak ada" in t for t in _temuan(arsip))


# -- compliance figures and the working calendar, changed with plain SQL ----------------------


def _drop(jalur: Path, *trigger: str) -> None:
    _sql(jalur, *(f"DROP TRIGGER {t}" for t in trigger))


def _ada(temuan: list[str], *kata: str) -> bool:
    return any(all(k in t for k in kata) for t in temuan)


def test_periksa_sehat_setelah_libur_diubah_lewat_perintah(sampai, catat, jalankan, arsip) -> None:
    """libur tambah/hapus through the program: the log replays to the tables, durations recompute equal; sound."""
    sampai(Status.SELESAI)
    # Recorded Friday 16:15: step 3's deadline is the closing time, late only from Monday's opening.
    catat(diajukan="2026-11-06 16:00", waktu="2026-11-06 16:15")
    for args in (("libur", "tambah", "2026-11-09", "Cuti bersama uji", "--alasan", "SKB uji"),
                 ("libur", "tambah", "2026-11-03", "Libur uji", "--alasan", "SKB uji"),
                 ("libur", "hapus", "2026-12-25", "--alasan", "Uji hapus")):
        r = jalankan(*args)
        assert r.exit_code == 0, r.stderr
    assert _temuan(arsip) == []
    aksi = [r["aksi"] for r in baca_db(arsip, "SELECT aksi FROM kalender_riwayat ORDER BY urutan")]
    assert aksi[:2] == ["pengaturan", "jam_kerja"] and aksi[-3:] == ["tambah_libur", "tambah_libur", "hapus_libur"]


def test_patuh_dipalsukan_ketahuan(sampai, arsip) -> None:
    """UPDATE durasi_langkah SET patuh = 1 (the recap would read 100 %) is named by periksa."""
    sampai(Status.SELESAI)
    assert baca_db(arsip, "SELECT COUNT(*) AS n FROM durasi_langkah WHERE patuh = 0") != [{"n": 0}]
    _sql(arsip, "UPDATE durasi_langkah SET patuh = 1 WHERE patuh = 0")
    assert _ada(_temuan(arsip), "Durasi langkah", "patuh tercatat 1, dihitung ulang 0")


def test_menit_dan_batas_dipalsukan_ketahuan(sampai, arsip) -> None:
    """A forged working duration or deadline is named by periksa."""
    sampai(Status.SELESAI)
    _sql(arsip, "UPDATE durasi_langkah SET menit_kerja = 1 WHERE langkah = 4",
         "UPDATE durasi_langkah SET batas = '2099-01-01T00:00:00+07:00' WHERE langkah = 5")
    temuan = _temuan(arsip)
    assert _ada(temuan, "Durasi langkah 4", "menit_kerja tercatat 1")
    assert _ada(temuan, "Durasi langkah 5", "batas tercatat '2099-01-01T00:00:00+07:00'")


def test_batas_instan_sama_teks_lain_ketahuan(sampai, arsip) -> None:
    """A deadline rewritten as the same instant in UTC, or a duration off by 0.00001 minute, is still named by periksa."""
    sampai(Status.SELESAI)
    (batas,) = baca_db(arsip, "SELECT batas FROM durasi_langkah WHERE langkah = 5")[0].values()
    utc = datetime.fromisoformat(batas).astimezone(timezone.utc).isoformat(timespec="seconds")
    assert utc != batas and datetime.fromisoformat(utc) == datetime.fromisoformat(batas)
    _sql(arsip, f"UPDATE durasi_langkah SET batas = '{utc}' WHERE langkah = 5",
         "UPDATE durasi_langkah SET menit_kerja = menit_kerja + 0.00001 WHERE langkah = 4")
    temuan = _temuan(arsip)
    assert _ada(temuan, "Durasi langkah 5", f"batas tercatat '{utc}', dihitung ulang '{batas}'")
    assert _ada(temuan, "Durasi langkah 4", "menit_kerja tercatat")


def test_durasi_dihapus_atau_ditambah_ketahuan(sampai, arsip) -> None:
    """Duration rows deleted (triggers dropped first) or added for no event are named by periksa."""
    sampai(Status.SELESAI)
    _drop(arsip, "durasi_langkah_tolak_hapus")
    _sql(arsip, "DELETE FROM durasi_langkah WHERE langkah = 3",
         "INSERT INTO durasi_langkah (riwayat_urutan, keluhan_id, langkah, mulai, akhir, menit_kerja, mutu_baku, batas,"
         " patuh, dihitung) SELECT riwayat_urutan + 100, keluhan_id, langkah, mulai, akhir, menit_kerja,"
         " mutu_baku, batas, patuh, dihitung FROM durasi_langkah WHERE langkah = 2")
    temuan = _temuan(arsip)
    assert _ada(temuan, "Durasi langkah 3", "tidak ada di durasi_langkah")
    assert _ada(temuan, "Durasi_langkah memuat baris peristiwa #101")
    assert _ada(temuan, "Trigger durasi_langkah_tolak_hapus", "tidak ada")


@pytest.mark.parametrize(("perintah", "kata"), [
    ("UPDATE tenggat SET lewat_setelah_utc = '2099-01-01 00:00:00', batas_utc = '2099-01-01 00:00:00'",
     "lewat_setelah_utc tercatat '2099-01-01 00:00:00'"),
    ("UPDATE tenggat SET batas = '2099-01-01T00:00:00+07:00'", "batas tercatat '2099-01-01T00:00:00+07:00'"),
    ("UPDATE tenggat SET langkah = 6", "tercatat langkah 6"),
    ("DELETE FROM tenggat", "tidak ada di tabel tenggat"),
])
def test_tenggat_dipalsukan_ketahuan(perintah: str, kata: str, sampai, arsip) -> None:
    """A forged, moved or deleted current deadline (the terlambat list's source) is named by periksa."""
    sampai(Status.DITINDAKLANJUTI)
    _sql(arsip, perintah)
    assert _ada(_temuan(arsip), "enggat", kata)


def test_tenggat_keluhan_selesai_ketahuan(sampai, arsip) -> None:
    """A deadline row for a finished complaint is named by periksa."""
    sampai(Status.SELESAI)
    _sql(arsip, "INSERT INTO tenggat (keluhan_id, langkah, mulai, mutu_baku, batas, batas_utc, lewat_setelah_utc, dihitung)"
                " SELECT id, 5, waktu_status, '15 menit', waktu_status, '2026-11-03 04:00:00',"
                " '2026-11-03 04:00:00', diperbarui FROM keluhan")
    assert _ada(_temuan(arsip), "Tabel tenggat memuat keluhan", "sudah berakhir")


def test_jam_kerja_diubah_ketahuan(sampai, arsip) -> None:
    """UPDATE jam_kerja (triggers dropped first) is named: the table differs from its log and durations no longer recompute."""
    sampai(Status.SELESAI)
    _drop(arsip, "jam_kerja_tolak_ubah")
    _sql(arsip, "UPDATE jam_kerja SET selesai = '23:00' WHERE mulai IS NOT NULL")
    temuan = _temuan(arsip)
    assert _ada(temuan, "Tabel jam_kerja", "tidak sama dengan kalender_riwayat")


def test_libur_manual_langsung_ketahuan(sampai, arsip) -> None:
    """A holiday inserted with plain SQL, back-dated and attributed to a clerk, is named by periksa."""
    sampai(Status.SELESAI)
    _sql(arsip, "INSERT INTO libur (tanggal, nama, sumber, ditambahkan, ditambahkan_oleh, alasan_tambah)"
                " VALUES ('2026-11-03', 'Libur palsu', 'manual', '2026-01-05T08:00:00+07:00', 'Rina', 'SKB')")
    temuan = _temuan(arsip)
    assert _ada(temuan, "Tabel libur", "(2026-11-03)", "tidak tercatat di kalender_riwayat")
    assert _ada(temuan, "Durasi langkah 4")  # the day no longer counted: figures changed too


def test_libur_dihapus_langsung_ketahuan(sampai, arsip) -> None:
    """A holiday marked removed with plain SQL (the trigger allows marking) is named by periksa."""
    sampai(Status.SELESAI)
    _sql(arsip, "UPDATE libur SET dihapus = '2026-01-05T08:00:00+07:00', dihapus_oleh = 'Rina', alasan_hapus = 'x'"
                " WHERE tanggal = '2026-12-25'")
    assert _ada(_temuan(arsip), "Tabel libur", "(2026-12-25)", "dihapus, dihapus_oleh, alasan_hapus")


def test_kalender_riwayat_diubah_ketahuan(sampai, jalankan, arsip) -> None:
    """An edited or a forged log entry breaks its hash chain; periksa names it."""
    sampai(Status.DICATAT)
    assert jalankan("libur", "tambah", "2026-11-03", "Libur uji").exit_code == 0
    _drop(arsip, "kalender_riwayat_tolak_ubah")
    _sql(arsip, "UPDATE kalender_riwayat SET petugas = 'Orang lain' WHERE aksi = 'tambah_libur'")
    assert _ada(_temuan(arsip), "Kalender_riwayat #", "tidak cocok dengan hash")


def test_zona_arsip_diubah_ketahuan(sampai, arsip) -> None:
    """The archive's zone changed with plain SQL (trigger dropped) is named by periksa."""
    sampai(Status.DICATAT)
    _drop(arsip, "pengaturan_arsip_tolak_ubah")
    _sql(arsip, "UPDATE pengaturan_arsip SET nilai = 'Asia/Makassar' WHERE kunci = 'zona'")
    assert _ada(_temuan(arsip), "Tabel pengaturan_arsip (zona)")


# -- the archive's time zone lives in the archive -------------------------------------------


def test_zona_arsip_menang_atas_keluhan_toml(sampai, jalankan, lihat, arsip) -> None:
    """keluhan.toml's zone changed after data exists: typed times are read in the archive's zone, one warning line."""
    nomor = sampai(Status.DICATAT)  # recorded 2026-11-02 08:10 WIB
    (arsip.parent / "keluhan.toml").write_text('[waktu]\nzona = "Asia/Makassar"\n', encoding="utf-8")
    r = jalankan("validasi", nomor, "--tidak-benar", "--alasan", "x", "--waktu", "2026-11-02 08:15")
    assert r.exit_code == 0, r.stderr
    assert r.stderr == ("Peringatan: waktu.zona di keluhan.toml (Asia/Makassar) berbeda dari zona arsip "
                        "(Asia/Jakarta); zona arsip yang dipakai.\n")
    assert lihat(nomor)["divalidasi"] == "2026-11-02T08:15:00+07:00"
    assert baca_db(arsip, "SELECT nilai FROM pengaturan_arsip WHERE kunci = 'zona'") == [{"nilai": "Asia/Jakarta"}]
    assert _temuan(arsip) == []


def test_arsip_baru_memakai_zona_keluhan_toml(jalankan, lihat, arsip) -> None:
    """A new archive takes keluhan.toml's zone once (at init), and stores times in it."""
    (arsip.parent / "keluhan.toml").write_text('[waktu]\nzona = "Asia/Makassar"\n', encoding="utf-8")
    init_ulang(arsip)
    r = jalankan("catat", "--nama", "PT A", "--media", "email", "--uraian", "x", "--waktu", "2026-11-02 08:10")
    assert (r.exit_code, r.stderr) == (0, "")
    assert lihat(r.stdout.strip())["dicatat"] == "2026-11-02T08:10:00+08:00"
    assert baca_db(arsip, "SELECT nilai FROM pengaturan_arsip") == [{"nilai": "Asia/Makassar"}]


def test_waktu_dari_zona_lain_disimpan_dalam_zona_arsip(sampai, arsip, lihat) -> None:
    """A time given with another offset is stored as the same instant in the archive's offset (text order stays true)."""
    from datetime import datetime
    from zoneinfo import ZoneInfo

    nomor = sampai(Status.DICATAT)
    a = Arsip(arsip, pengaturan.muat(None))
    try:
        a.langkah(nomor, Aksi.VALIDASI_TIDAK_BENAR, petugas="Rina", rincian={"alasan": "x"},
                  waktu=datetime(2026, 11, 2, 10, 30, tzinfo=ZoneInfo("Asia/Jayapura")))
    finally:
        a.tutup()
    assert lihat(nomor)["divalidasi"] == "2026-11-02T08:30:00+07:00"


def _tanpa_m008(db: sqlite3.Connection) -> None:
    """Undo m008 (the settings ledger), and m009 (the search index), m010 (the auditors' views), m011 (the appeal
    decision), m012 (the officer register), m013 (reviews, satisfaction) and m014 (the effective-time view) and m015 (batal)
    after it, on an archive, as one written before them."""
    from conftest import tanpa_m011

    tanpa_m011(db)  # and m012 after it
    for view in ("v_hari_kerja", "v_pencatatan_susulan", "v_hasil_validasi", "v_tenggat"):
        db.execute(f"DROP VIEW {view}")  # m010's (it replaces v_durasi_langkah whatever it finds)
    db.execute("DELETE FROM _migrasi WHERE nama = 'm010_bukti_rekap'")
    db.execute("DROP TABLE keluhan_cari")
    db.execute("DELETE FROM _migrasi WHERE nama = 'm009_cari'")
    db.execute("DROP TABLE pengaturan_riwayat")
    db.execute("DROP TRIGGER durasi_langkah_tolak_ubah")
    db.execute(
        "CREATE TRIGGER durasi_langkah_tolak_ubah BEFORE UPDATE ON durasi_langkah"
        " WHEN NEW.riwayat_urutan IS NOT OLD.riwayat_urutan OR NEW.keluhan_id IS NOT OLD.keluhan_id"
        " OR NEW.langkah IS NOT OLD.langkah OR NEW.mulai IS NOT OLD.mulai OR NEW.akhir IS NOT OLD.akhir"
        " OR NEW.mutu_baku IS NOT OLD.mutu_baku BEGIN SELECT RAISE(ABORT, 'x'); END")
    db.execute("DELETE FROM _migrasi WHERE nama = 'm008_pengaturan_tercatat'")
    db.execute("PRAGMA user_version = 7")


def test_arsip_lama_mendapat_kalender_riwayat_awal(sampai, jalankan, arsip) -> None:
    """An archive from before m005 gets one 'awal' entry holding its calendar, then its zone; periksa is sound."""
    from keluhan import migrasi

    sampai(Status.SELESAI)
    assert jalankan("libur", "tambah", "2026-11-03", "Libur lama", "--alasan", "SKB").exit_code == 0
    db = sqlite3.connect(arsip, isolation_level=None)
    try:  # back to schema 4, as an archive written before m005
        db.execute("DROP TABLE kalender_riwayat")
        db.execute("DROP TABLE pengaturan_arsip")
        _tanpa_m008(db)
        db.execute("DELETE FROM _migrasi WHERE nama IN ('m005_kalender_tercatat', 'm006_indeks_rekap', "
                   "'m007_view_tanpa_data_pribadi')")
        for view in ("v_keluhan_tanpa_data_pribadi", "v_riwayat_tanpa_data_pribadi",
                     "v_keluhan_status_tanpa_data_pribadi", "v_terlambat_tanpa_data_pribadi"):
            db.execute(f"DROP VIEW {view}")  # m007's
        for indeks in ("keluhan_dicatat_nomor", "keluhan_status_dicatat", "riwayat_waktu_langkah",
                       "durasi_langkah_akhir_patuh", "keluhan_selesai", "keluhan_lama_penanganan"):
            db.execute(f"DROP INDEX {indeks}")  # m006's, put back as m001/m002 had them
        db.execute("CREATE INDEX keluhan_dicatat ON keluhan (dicatat)")
        db.execute("CREATE INDEX keluhan_status ON keluhan (status, waktu_status)")
        db.execute("CREATE INDEX riwayat_waktu ON riwayat (waktu)")
        db.execute("CREATE INDEX durasi_langkah_akhir ON durasi_langkah (akhir)")
        db.execute("CREATE INDEX riwayat_informasikan ON riwayat (waktu) WHERE aksi = 'informasikan'")
        db.execute("PRAGMA user_version = 4")
    finally:
        db.close()
    assert migrasi.MIGRASI[4][0] == "m005_kalender_tercatat"
    assert _temuan(arsip) == []
    entri = baca_db(arsip, "SELECT aksi, rincian FROM kalender_riwayat ORDER BY urutan")
    assert [e["aksi"] for e in entri] == ["awal", "pengaturan"]
    assert "Libur lama" in entri[0]["rincian"]
    assert jalankan("libur", "hapus", "2026-11-03", "--alasan", "Batal").exit_code == 0
    assert _temuan(arsip) == []


def test_libur_sesudah_tenggat_jam_tutup_menggeser_lewat_setelah(catat, jalankan, arsip) -> None:
    """A holiday on the Monday after a deadline at Friday's closing moves 'late after' to Tuesday's opening."""
    catat(diajukan="2026-11-06 16:00", waktu="2026-11-06 16:15")  # step 3 due Fri 16:30, the closing time
    assert baca_db(arsip, "SELECT batas, lewat_setelah_utc FROM tenggat") == [
        {"batas": "2026-11-06T16:30:00+07:00", "lewat_setelah_utc": "2026-11-09 00:30:00"}]
    assert jalankan("libur", "tambah", "2026-11-09", "Cuti bersama uji").exit_code == 0
    assert baca_db(arsip, "SELECT lewat_setelah_utc FROM tenggat") == [{"lewat_setelah_utc": "2026-11-10 00:30:00"}]


# -- recording into a closed year --------------------------------------------------------------


def test_catat_ke_tahun_yang_sudah_ditutup_ditolak(catat, jalankan, arsip) -> None:
    """Once a later year has complaints, catat into an earlier year (beyond 31 days ago) is refused, pointing to impor."""
    catat(diajukan=None, waktu="2025-12-30 09:00")
    catat(diajukan=None, waktu="2026-01-02 09:00")
    sebelum = potret(arsip)
    r = jalankan("catat", "--nama", "PT A", "--media", "surat", "--uraian", "x", "--waktu", "2025-12-31 15:00")
    baris = satu_baris_galat(r, 2)
    assert baris.startswith("Galat: Waktu pencatatan (31 Desember 2025 15.00 WIB) jatuh di tahun 2025")
    assert "sudah ditutup" in baris and "keluhan impor" in baris
    assert potret(arsip) == sebelum


def test_catat_ke_tahun_lalu_dalam_31_hari_diterima(arsip, monkeypatch) -> None:
    """In early January a letter of late December still takes last year's next number; in February it is refused."""
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from keluhan import waktu as w

    wib = ZoneInfo("Asia/Jakarta")
    kini = [datetime(2027, 1, 6, 9, 0, tzinfo=wib)]
    monkeypatch.setattr(w, "sekarang", lambda _zona: kini[0])
    isian = {"nama": "PT A", "media": "surat", "uraian": "x"}
    a = Arsip(arsip, pengaturan.muat(None))
    try:
        assert a.catat(petugas="Rina", isian=isian, waktu=datetime(2026, 12, 28, 9, 0, tzinfo=wib))["urut"] == 1
        assert a.catat(petugas="Rina", isian=isian, waktu=datetime(2027, 1, 4, 9, 0, tzinfo=wib))["nomor"] == \
            "001/KP/BBSPJIKFK/I/2027"
        assert a.catat(petugas="Rina", isian=isian, waktu=datetime(2026, 12, 30, 9, 0, tzinfo=wib))["nomor"] == \
            "002/KP/BBSPJIKFK/XII/2026"
        kini[0] = datetime(2027, 2, 15, 9, 0, tzinfo=wib)
        with pytest.raises(arsip_mod.GalatMasukan, match="nomor dan rekap tahun 2026 sudah ditutup"):
            a.catat(petugas="Rina", isian=isian, waktu=datetime(2026, 12, 31, 9, 0, tzinfo=wib))
    finally:
        a.tutup()


# -- read-only access ----------------------------------------------------------------------------


def _salinan_baca(sampai, arsip: Path, tmp_path: Path) -> tuple[Path, str]:
    """A finished complaint's archive copied to a file with mode 0440 (no -wal beside it)."""
    nomor = sampai(Status.SELESAI)
    salinan = tmp_path / "baca" / "archive.db"
    salinan.parent.mkdir()
    salinan.write_bytes(arsip.read_bytes())
    salinan.chmod(0o440)
    return salinan, nomor


def test_arsip_hanya_baca_dapat_dibaca_dan_menolak_tulis(sampai, arsip, tmp_path) -> None:
    """Arsip(hanya_baca=True): reads, checks and copies work; a write is refused in one line; the file is untouched."""
    salinan, nomor = _salinan_baca(sampai, arsip, tmp_path)
    isi = salinan.read_bytes()
    a = Arsip(salinan, pengaturan.muat(None), hanya_baca=True)
    try:
        assert a.ambil(nomor)["status"] == "selesai"
        # a step is not late (the CAPA's effectiveness review may be, by the real clock: its own item)
        assert a.daftar()[1] == 1 and [b for b in a.terlambat() if b["jenis"] == "langkah"] == [] and a.libur(2026)
        assert pemeriksa.periksa(a.db).temuan == []
        assert a.rekap(__import__("keluhan.rekap", fromlist=["Periode"]).Periode.bulan(2026, 11))["jumlah"] == 1
        a.cadangkan(tmp_path / "salinan-auditor.db")
        with pytest.raises(arsip_mod.GalatArsip, match=r"^Arsip hanya dapat dibaca oleh pengguna ini"):
            a.catat(petugas="Rina", isian={"nama": "PT A", "media": "email", "uraian": "x"})
        with pytest.raises(arsip_mod.GalatArsip, match=r"^Arsip hanya dapat dibaca"):
            a.ubah_libur(__import__("datetime").date(2026, 11, 3), petugas="Rina", nama="Uji")
    finally:
        a.tutup()
    assert salinan.read_bytes() == isi
    assert sorted(p.name for p in salinan.parent.iterdir()) == ["archive.db"]


def test_hanya_baca_terdeteksi_dari_hak_akses(sampai, arsip, tmp_path, monkeypatch, jalankan) -> None:
    """A file this user may not write (os.access) opens read-only: lihat and periksa work, catat says why it cannot."""
    import os

    salinan, nomor = _salinan_baca(sampai, arsip, tmp_path)
    akses = os.access
    monkeypatch.setattr(os, "access", lambda p, mode, **kw: False if mode == os.W_OK else akses(p, mode, **kw))
    r = jalankan("--arsip", str(salinan), "lihat", nomor, "--json")
    assert r.exit_code == 0, r.stderr
    r = jalankan("--arsip", str(salinan), "periksa")
    assert r.exit_code == 0 and r.stdout.startswith("Arsip sehat:"), r.stderr
    r = jalankan("--arsip", str(salinan), "catat", "--nama", "PT A", "--media", "email", "--uraian", "x")
    assert satu_baris_galat(r, 1).startswith("Galat: Arsip hanya dapat dibaca oleh pengguna ini")


def test_hanya_baca_arsip_perlu_migrasi_ditolak(sampai, arsip, tmp_path) -> None:
    """An archive that needs an upgrade cannot be opened read-only: one line says so and what to do."""
    salinan, _ = _salinan_baca(sampai, arsip, tmp_path)
    salinan.chmod(0o640)
    _sql(salinan, "PRAGMA user_version = 4")
    salinan.chmod(0o440)
    with pytest.raises(arsip_mod.GalatArsip, match="perlu ditingkatkan ke versi .* hanya dapat dibaca"):
        Arsip(salinan, pengaturan.muat(None), hanya_baca=True)


def test_anggota_grup_baca_saja_sebagai_proses_nyata(sampai, arsip, paket_nobody) -> None:
    """As a real other user with read access only (setpriv to nobody, the package copied where nobody may read it, so
    this runs from a private 0700 checkout too): periksa, lihat and rekap run; catat is refused, file unchanged."""
    import tempfile

    python, env = paket_nobody
    nomor = sampai(Status.SELESAI)
    folder = Path(tempfile.mkdtemp(prefix="keluhan-baca-"))
    try:
        folder.chmod(0o755)  # the reader may not write here: no -shm can be made
        salinan = folder / "archive.db"
        salinan.write_bytes(arsip.read_bytes())
        salinan.chmod(0o644)  # readable by "others", as 0640 is by the group
        isi = salinan.read_bytes()

        def keluhan(*args: str) -> subprocess.CompletedProcess[str]:
            return sebagai_nobody(python, "-m", "keluhan", "--arsip", str(salinan), *args, env=env, cwd="/")

        r = keluhan("periksa")
        assert (r.returncode, r.stderr) == (0, ""), r.stderr
        assert r.stdout.startswith("Arsip sehat:")
        r = keluhan("lihat", nomor, "--json")
        assert r.returncode == 0, r.stderr
        r = keluhan("rekap", "--bulan", "2026-11", "--format", "json")
        assert r.returncode == 0, r.stderr
        r = keluhan("--petugas", "Rina", "catat", "--nama", "PT A", "--media", "email", "--uraian", "x")
        assert r.returncode == 1 and r.stdout == ""
        assert r.stderr.startswith("Galat: Arsip hanya dapat dibaca oleh pengguna ini") and r.stderr.count("\n") == 1
        assert salinan.read_bytes() == isi and sorted(p.name for p in folder.iterdir()) == ["archive.db"]
        # A clerk writing right now: the reader sees the -wal content through the writer's -shm.
        penulis = Arsip(salinan, pengaturan.muat(None))
        try:
            baru = penulis.catat(petugas="Rina", isian={"nama": "PT Baru", "media": "email", "uraian": "x"})
            assert Path(f"{salinan}-wal").stat().st_size > 0
            r = keluhan("lihat", baru["nomor"], "--json")
            assert r.returncode == 0, r.stderr
        finally:
            penulis.tutup()
    finally:
        shutil.rmtree(folder)


def test_folder_tidak_dapat_ditulis_sebab_dikatakan(sampai, arsip, paket_nobody) -> None:
    """The archive writable by the user but its folder not (setpriv to nobody, owner of the file): reads work, a write
    says the real cause (SQLite must create -wal/-shm beside it), never "bukan arsip keluhan"; the file unchanged."""
    import tempfile

    python, env = paket_nobody
    nomor = sampai(Status.DICATAT)
    folder = Path(tempfile.mkdtemp(prefix="keluhan-folder-"))
    try:
        folder.chmod(0o755)  # root's folder: nobody may not create files in it
        salinan = folder / "archive.db"
        salinan.write_bytes(arsip.read_bytes())
        os.chown(salinan, NOBODY, NOBODY)
        salinan.chmod(0o640)  # nobody's own file: writable by it
        isi = salinan.read_bytes()

        def keluhan(*args: str) -> subprocess.CompletedProcess[str]:
            return sebagai_nobody(python, "-m", "keluhan", "--arsip", str(salinan), "--petugas", "Rina", *args,
                                  env=env, cwd="/")

        for perintah in (["daftar"], ["lihat", nomor, "--json"], ["periksa"], ["rekap", "--bulan", "2026-11"]):
            r = keluhan(*perintah)
            assert r.returncode == 0 and "Galat" not in r.stderr, (perintah, r.stderr)
        pesan = (f"Galat: Folder arsip {folder} tidak dapat ditulis oleh pengguna ini: SQLite perlu membuat berkas "
                 "archive.db-wal dan archive.db-shm di samping arsip, jadi foldernya harus dapat ditulis (bukan hanya "
                 "berkas arsipnya). Perintah ini mengubah arsip dan tidak dijalankan.\n")
        for perintah in (["catat", "--nama", "PT A", "--media", "email", "--uraian", "x"],
                         ["validasi", nomor, "--benar", "--teruskan-ke", "Laboratorium Pengujian"]):
            r = keluhan(*perintah)
            assert (r.returncode, r.stdout, r.stderr) == (1, "", pesan)
        assert salinan.read_bytes() == isi and sorted(p.name for p in folder.iterdir()) == ["archive.db"]
    finally:
        shutil.rmtree(folder)


def test_impor_tahun_jauh_ditolak_per_baris(tmp_path, jalankan) -> None:
    """impor with year-1 or 1990 times (ISO with an offset too) refuses those rows in one line each, no overflow."""
    berkas = tmp_path / "r.csv"
    berkas.write_text("nama,media,uraian,dicatat\nA,email,x,0001-01-01T00:00:00+07:00\nB,email,y,1/1/1990 08:00\n"
                      "C,email,z,2026-11-02 08:10\n", encoding="utf-8")
    r = jalankan("impor", str(berkas))
    assert r.exit_code == 1 and "Traceback" not in r.stdout + r.stderr
    assert "Baris 2: Waktu kolom dicatat bertahun 1; hanya tahun 2000 sampai 2100" in r.stdout
    assert "Baris 3: Waktu kolom dicatat bertahun 1990;" in r.stdout


@pytest.mark.parametrize("tahun", ["1900", "1999", "2101"])
def test_libur_daftar_tahun_jauh_tidak_mengisi_kalender(tahun: str, catat, jalankan, arsip) -> None:
    """libur daftar --tahun 1900 is refused in one line instead of seeding a century of holidays for good."""
    catat()
    sebelum = potret(arsip)
    r = jalankan("libur", "daftar", "--tahun", tahun)
    assert satu_baris_galat(r, 2) == f"Galat: Tahun {tahun} di luar kalender arsip (2000 sampai 2100)."
    assert potret(arsip) == sebelum


def test_libur_dipindah_dengan_replace_tanpa_id_ditolak(sampai, arsip) -> None:
    """REPLACE of a holiday in force by date alone (the partial unique index) is refused too."""
    sampai(Status.DICATAT)
    sebelum = potret(arsip)
    with pytest.raises(sqlite3.IntegrityError, match="libur tidak boleh ditimpa"):
        _sql(arsip, "INSERT OR REPLACE INTO libur (tanggal, nama, sumber, ditambahkan)"
                    " VALUES ('2026-12-25', 'Pindah', 'holidays', '2020-01-01T00:00:00+07:00')")
    assert potret(arsip) == sebelum


def test_kalender_riwayat_dipotong_dari_akhir_ketahuan(sampai, jalankan, arsip) -> None:
    """Entries deleted from the end of kalender_riwayat (trigger dropped) still show through sqlite_sequence."""
    sampai(Status.DICATAT)
    assert jalankan("libur", "tambah", "2026-11-03", "Libur uji").exit_code == 0
    _drop(arsip, "kalender_riwayat_tolak_hapus")
    _sql(arsip, "DELETE FROM kalender_riwayat WHERE urutan = (SELECT MAX(urutan) FROM kalender_riwayat)")
    temuan = _temuan(arsip)
    assert _ada(temuan, "Kalender_riwayat: entri #", "hilang dari akhir buku")
    assert _ada(temuan, "Tabel libur", "(2026-11-03)", "tidak tercatat di kalender_riwayat")
