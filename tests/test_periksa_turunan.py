"""periksa recomputes every derived row (keluhan, tindakan, durasi_langkah, tenggat) from
chained data alone (riwayat and the ledgers) and names each difference by table, row and
column; the settings ledger's own chain and entries are checked too."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

from keluhan import pengaturan
from keluhan import periksa as pemeriksa
from keluhan.arsip import Arsip
from keluhan.workflow import Status

from conftest import baca_db, ubah_db as _sql

_TRIGGER_DURASI = ("durasi_langkah_tolak_ubah", "durasi_langkah_tolak_timpa", "durasi_langkah_tolak_hapus")


def _temuan(jalur: Path) -> list[str]:
    a = Arsip(jalur, pengaturan.muat(None))
    try:
        return pemeriksa.periksa(a.db).temuan
    finally:
        a.tutup()


def _skema_trigger(jalur: Path, nama: tuple[str, ...]) -> list[str]:
    db = sqlite3.connect(jalur)
    try:
        return [db.execute("SELECT sql FROM sqlite_master WHERE name = ?", (n,)).fetchone()[0] for n in nama]
    finally:
        db.close()


def test_mutu_baku_dipalsukan_dengan_batas_cocok_ketahuan(catat, jalankan, arsip) -> None:
    """Issue 11's reproduction: triggers dropped, a late step-3 row set to '3 hari' with its matching batas and
    patuh=1, triggers restored: periksa names the row and its mutu_baku, batas and patuh columns; the CLI fails."""
    from keluhan import waktu as w
    from keluhan.kalender import MutuBaku

    nomor = catat(diajukan="2026-11-02 08:00", waktu="2026-11-02 08:10")
    r = jalankan("validasi", nomor, "--benar", "--teruskan-ke", "Laboratorium Pengujian", "--waktu", "2026-11-02 10:00")
    assert r.exit_code == 0, r.stderr
    baris = baca_db(arsip, "SELECT riwayat_urutan, mulai, patuh FROM durasi_langkah WHERE langkah = 3")[0]
    assert baris["patuh"] == 0  # 110 working minutes against 15 menit
    a = Arsip(arsip, pengaturan.muat(None))  # the deadline '3 hari' gives from that start: what a careful forger writes
    batas3 = w.iso(a.kalender().batas(w.dari_iso(baris["mulai"]), MutuBaku.parse("3 hari")))
    a.tutup()
    trigger = _skema_trigger(arsip, _TRIGGER_DURASI)
    _sql(arsip, *(f"DROP TRIGGER {t}" for t in _TRIGGER_DURASI),
         f"UPDATE durasi_langkah SET mutu_baku = '3 hari', batas = '{batas3}', patuh = 1 "
         f"WHERE riwayat_urutan = {baris['riwayat_urutan']}", *trigger)
    temuan = _temuan(arsip)
    assert any(
        f"tabel durasi_langkah baris peristiwa #{baris['riwayat_urutan']}" in t
        and "kolom mutu_baku tercatat '3 hari', dihitung ulang '15 menit'" in t
        and f"kolom batas tercatat '{batas3}'" in t and "kolom patuh tercatat 1, dihitung ulang 0" in t
        for t in temuan), temuan
    assert len(temuan) == 1, temuan
    r = jalankan("periksa")
    assert r.exit_code == 1 and "Arsip sehat" not in r.stdout


def test_patuh_keluhan_tindakan_diubah_tanpa_membuang_trigger_ketahuan(sampai, arsip) -> None:
    """UPDATE durasi_langkah SET patuh=1, UPDATE keluhan, UPDATE tindakan with every trigger in place: each named by
    its table, row and column."""
    sampai(Status.SELESAI)
    _sql(arsip,
         "UPDATE durasi_langkah SET patuh = 1",
         "UPDATE keluhan SET tim_teknis = 'Tim Inspeksi'",
         "UPDATE tindakan SET koreksi = 'Tidak ada yang salah'")
    temuan = _temuan(arsip)
    assert any(re.search(r"tabel durasi_langkah baris peristiwa #\d+\) .*kolom patuh tercatat 1, dihitung ulang 0", t)
               for t in temuan), temuan
    assert any(t.startswith("Tabel keluhan, keluhan 001/") and "tim_teknis (tercatat 'Tim Inspeksi'" in t
               for t in temuan), temuan
    assert any(t.startswith("Tabel tindakan, keluhan 001/") and "putaran 1" in t and "koreksi (tercatat 'Tidak ada" in t
               for t in temuan), temuan


def test_tenggat_mutu_baku_dipalsukan_ketahuan(catat, arsip) -> None:
    """A waiting complaint's tenggat given a longer mutu baku with a matching deadline is named column by column."""
    catat()
    _sql(arsip, "UPDATE tenggat SET mutu_baku = '3 hari', batas = '2026-11-05T08:10:00+07:00'")
    assert any("(tabel tenggat)" in t and "kolom mutu_baku tercatat '3 hari', dihitung ulang '15 menit'" in t
               and "kolom batas" in t for t in _temuan(arsip))


def test_buku_pengaturan_diubah_dihapus_ketahuan(catat, jalankan, arsip) -> None:
    """A ledger entry edited, or the last one deleted, behind the program's back (triggers dropped) is a finding."""
    catat()
    assert jalankan("pengaturan", "ubah", "mutu_baku.langkah_3", "1 jam", "--alasan", "x").exit_code == 0
    assert _temuan(arsip) == []
    _sql(arsip, "DROP TRIGGER pengaturan_riwayat_tolak_ubah", "DROP TRIGGER pengaturan_riwayat_tolak_hapus",
         "UPDATE pengaturan_riwayat SET nilai = '\"2 hari\"' WHERE kunci = 'mutu_baku.langkah_4'")
    temuan = _temuan(arsip)
    assert any("Pengaturan_riwayat #3: isinya tidak cocok dengan hash-nya" in t for t in temuan), temuan
    assert any("Trigger pengaturan_riwayat_tolak_ubah" in t for t in temuan)
    _sql(arsip, "DELETE FROM pengaturan_riwayat WHERE urutan = (SELECT MAX(urutan) FROM pengaturan_riwayat)")
    assert any("hilang dari akhir buku" in t for t in _temuan(arsip))


def test_entri_buku_pengaturan_palsu_ketahuan(catat, arsip) -> None:
    """An entry appended with plain SQL (hash recomputed) but an old value the ledger never had is named."""
    from keluhan import buku

    catat()
    db = sqlite3.connect(arsip, isolation_level=None)
    buku.catat(db, kunci="mutu_baku.langkah_3", nilai="3 hari", nilai_lama="1 jam",
               berlaku_sejak="2026-11-01T00:00:00+07:00", petugas="Orang Dalam", alasan="x",
               sistem="2099-01-01T00:00:00+07:00")
    db.close()
    temuan = _temuan(arsip)
    assert any("nilai_lama \"1 jam\" bukan nilai yang berlaku" in t for t in temuan), temuan
    assert any("kolom mutu_baku tercatat '15 menit', dihitung ulang '3 hari'" in t for t in temuan), temuan


def test_arsip_lama_dengan_mutu_baku_berganti_dimigrasi_sehat(sampai, catat, arsip) -> None:
    """An archive from before m008 whose rows carry two mutu baku values over time (keluhan.toml changed) gets a
    ledger that gives exactly those values: sound right after the upgrade."""
    sampai(Status.SELESAI)
    catat(diajukan="2026-11-10 08:00", waktu="2026-11-10 08:05")
    catat(diajukan="2026-11-12 08:00", waktu="2026-11-12 08:30")
    db = sqlite3.connect(arsip, isolation_level=None)
    try:  # as written by a release before m008 after keluhan.toml's langkah_2 became '1 jam' on 11 Nov
        from test_integritas import _tanpa_m008

        db.execute("UPDATE durasi_langkah SET mutu_baku = '1 jam', batas = '2026-11-12T09:00:00+07:00', patuh = 1"
                   " WHERE langkah = 2 AND mulai >= '2026-11-11'")
        _tanpa_m008(db)
    finally:
        db.close()
    temuan = _temuan(arsip)  # opening migrates (m008) and seeds the rest
    entri = baca_db(arsip, "SELECT kunci, nilai, berlaku_sejak FROM pengaturan_riwayat WHERE kunci = 'mutu_baku.langkah_2'"
                           " ORDER BY urutan")
    assert entri == [{"kunci": "mutu_baku.langkah_2", "nilai": '"15 menit"', "berlaku_sejak": None},
                     {"kunci": "mutu_baku.langkah_2", "nilai": '"1 jam"', "berlaku_sejak": "2026-11-12T08:00:00+07:00"}]
    assert temuan == []
