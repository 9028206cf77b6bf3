"""durasi_langkah as a view (issue 17, a smaller archive; migration m0NN_durasi): its rows are stored in
durasi_peristiwa without the event's own columns, and the view shows exactly the columns and rows the table had;
an archive from before keeps every row on its next opening; the guards an auditor relies on still refuse."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from conftest import PETUGAS_TEKNIS, baca_db, buang_migrasi_sejak, ubah_db
from keluhan import migrasi, pengaturan
from keluhan.arsip import Arsip
from keluhan.workflow import Status

KOLOM = ["riwayat_urutan", "keluhan_id", "langkah", "mulai", "akhir", "menit_kerja", "mutu_baku", "batas", "patuh",
         "dihitung", "menit_tunda", "patuh_tanpa_tunda"]
SEMUA = "SELECT *, typeof(akhir) AS t_akhir, typeof(dihitung) AS t_dihitung FROM durasi_langkah ORDER BY riwayat_urutan"


def _m() -> str:
    return next(n for n, _ in migrasi.MIGRASI if n.split("_", 1)[1] == "durasi")  # (not m018_putusan_durasi)


def _isi(sampai, jalankan, lihat) -> None:
    """Complaints through the SOP, one paused, one whose validation time was corrected."""
    sampai(Status.SELESAI)
    tunda = sampai(Status.DIVALIDASI)
    for args in (("tunda", tunda, "--alasan", "Menunggu contoh", "--waktu", "2026-11-02 09:00"),
                 ("lanjutkan", tunda, "--waktu", "2026-11-03 09:00")):
        r = jalankan(*args)
        assert r.exit_code == 0, r.stderr
    r = jalankan("tindak", tunda, "--koreksi", "Contoh diuji ulang", "--pencegahan", "Diperiksa ganda",
                 "--waktu", "2026-11-04 09:00", petugas=PETUGAS_TEKNIS)  # the step the pause fell in
    assert r.exit_code == 0, r.stderr
    koreksi = sampai(Status.DIVALIDASI)
    u = next(r["urutan"] for r in lihat(koreksi)["riwayat"] if r["aksi"] == "validasi_benar")
    r = jalankan("koreksi", koreksi, "--kolom", "waktu", "--peristiwa", str(u), "--nilai", "2026-11-02 08:50",
                 "--alasan", "Salah ketik jam")
    assert r.exit_code == 0, r.stderr


def test_view_sama_dengan_tabel_lama_dan_migrasi_menyimpan_tiap_baris(sampai, jalankan, lihat, arsip: Path) -> None:
    """An archive from before the migration (durasi_langkah a table with its indexes, one row recomputed at another
    time) opened again: the view shows the same columns and rows, value for value and type for type; the table and
    its three indexes are gone, dihitung is stored only where it is not the event's own time; periksa is sound."""
    _isi(sampai, jalankan, lihat)
    with closing(sqlite3.connect(arsip, isolation_level=None)) as db:
        buang_migrasi_sejak(db, _m())
        assert db.execute("SELECT type FROM sqlite_master WHERE name = 'durasi_langkah'").fetchone() == ("table",)
        db.execute("UPDATE durasi_langkah SET dihitung = '2026-12-01T10:00:00+07:00' WHERE riwayat_urutan ="
                   " (SELECT MIN(riwayat_urutan) FROM durasi_langkah)")  # a recomputation's time, as hitung_ulang writes
    sebelum = baca_db(arsip, SEMUA)
    kolom = [r["name"] for r in baca_db(arsip, "SELECT name FROM pragma_table_info('durasi_langkah')")]
    assert kolom == KOLOM and len(sebelum) > 5
    assert any(r["menit_tunda"] > 0 for r in sebelum) and any(r["patuh"] == 0 for r in sebelum)
    Arsip(arsip, pengaturan.muat(None)).tutup()  # the next opening migrates
    assert baca_db(arsip, "SELECT type FROM sqlite_master WHERE name = 'durasi_langkah'") == [{"type": "view"}]
    assert [r["name"] for r in baca_db(arsip, "SELECT name FROM pragma_table_info('durasi_langkah')")] == KOLOM
    assert baca_db(arsip, SEMUA) == sebelum
    assert baca_db(arsip, "SELECT name FROM sqlite_master WHERE tbl_name = 'durasi_langkah' AND type = 'index'") == []
    disimpan = baca_db(arsip, "SELECT riwayat_urutan, dihitung FROM durasi_peristiwa WHERE dihitung IS NOT NULL")
    assert disimpan[0] == {"riwayat_urutan": sebelum[0]["riwayat_urutan"], "dihitung": "2026-12-01T10:00:00+07:00"}
    # Only that row and the corrected complaint's (recomputed at the correction's time) keep theirs.
    assert len(disimpan) < len(sebelum) / 2
    r = jalankan("periksa")
    assert r.exit_code == 0 and r.stdout.startswith("Arsip sehat"), r.stdout + r.stderr


def test_catat_menyimpan_dihitung_kosong(sampai, arsip: Path) -> None:
    """A step written by a command stores no dihitung (it is the event's own dicatat_pada, which the view shows)."""
    sampai(Status.DIVERIFIKASI)
    baris = baca_db(arsip, "SELECT d.dihitung, p.dihitung AS tersimpan, r.dicatat_pada FROM durasi_langkah d"
                           " JOIN durasi_peristiwa p USING (riwayat_urutan) JOIN riwayat r ON r.urutan = d.riwayat_urutan")
    assert baris and all(b["tersimpan"] is None and b["dihitung"] == b["dicatat_pada"] for b in baris)


@pytest.mark.parametrize(("perintah", "pesan"), [
    ("UPDATE durasi_langkah SET akhir = mulai", "milik peristiwanya"),
    ("UPDATE durasi_langkah SET keluhan_id = 'lain'", "milik peristiwanya"),
    ("UPDATE durasi_langkah SET langkah = 6 WHERE langkah = 5", "milik peristiwanya"),
    ("UPDATE durasi_langkah SET mulai = '2026-01-01T08:00:00+07:00'", "mulai dan akhir hanya mengikuti"),
    ("UPDATE durasi_peristiwa SET riwayat_urutan = riwayat_urutan + 1000", "mulai dan akhir hanya mengikuti"),
    ("DELETE FROM durasi_langkah", "tidak boleh dihapus"),
    ("DELETE FROM durasi_peristiwa", "tidak boleh dihapus"),
    ("INSERT INTO durasi_langkah SELECT * FROM durasi_langkah LIMIT 1", "sudah ada"),
    # A row for the catat event (no step is measured by it): the table's old CHECK on langkah, now a trigger.
    ("INSERT INTO durasi_peristiwa (riwayat_urutan, mulai, menit_kerja, mutu_baku, batas, patuh)"
     " SELECT MIN(urutan), waktu, 0, '1 jam', waktu, 1 FROM riwayat WHERE aksi = 'kabari'", "bukan langkah yang diukur"),
    ("INSERT INTO durasi_langkah (riwayat_urutan, keluhan_id, langkah, mulai, akhir, menit_kerja, mutu_baku, batas, patuh)"
     " SELECT riwayat_urutan, 'lain', langkah, mulai, akhir, 0, mutu_baku, batas, patuh FROM durasi_langkah LIMIT 1",
     "milik peristiwanya"),
])
def test_penjaga_tetap_menolak(perintah: str, pesan: str, sampai, jalankan, arsip: Path) -> None:
    """Plain SQL on the view or its table is refused as it was on the table: no delete, no overwrite, the event's
    columns and the start only as the events say; the archive is unchanged."""
    sampai(Status.SELESAI)
    nomor = sampai(Status.DIVALIDASI)
    r = jalankan("kabari", nomor, "--media", "telepon", "--catatan", "Masih diproses")  # an event no step is measured by
    assert r.exit_code == 0, r.stderr
    sebelum = baca_db(arsip, "SELECT * FROM durasi_peristiwa ORDER BY riwayat_urutan")
    with pytest.raises(sqlite3.IntegrityError, match=pesan):
        ubah_db(arsip, perintah)
    assert baca_db(arsip, "SELECT * FROM durasi_peristiwa ORDER BY riwayat_urutan") == sebelum


def test_hasil_hitungan_boleh_diubah_lewat_view(sampai, jalankan, arsip: Path) -> None:
    """The results may still be written through the view (as a recomputation did on the table): the change reaches
    durasi_peristiwa, and periksa names it as a forgery."""
    sampai(Status.SELESAI)
    (sebelum,) = baca_db(arsip, "SELECT riwayat_urutan, patuh FROM durasi_langkah WHERE langkah = 4")
    ubah_db(arsip, "UPDATE durasi_langkah SET patuh = 1 - patuh, dihitung = '2026-12-01T10:00:00+07:00' WHERE langkah = 4")
    assert baca_db(arsip, "SELECT patuh, dihitung FROM durasi_peristiwa WHERE riwayat_urutan = ?",
                   (sebelum["riwayat_urutan"],)) == [{"patuh": 1 - sebelum["patuh"], "dihitung": "2026-12-01T10:00:00+07:00"}]
    r = jalankan("periksa")
    assert r.exit_code != 0 and "durasi_langkah baris peristiwa" in r.stdout and "kolom patuh tercatat" in r.stdout


def test_koreksi_kedua_tidak_menulis_ulang_durasi_yang_tidak_bergeser(sampai, jalankan, lihat, arsip: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """The table keeps no step end, yet a correction rewrites only the rows it moved, as when the end was stored: a
    second time correction (another event, later) leaves the first corrected step's row and its dihitung as they were,
    and gives the newly moved step and the one after it the second correction's time."""
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from keluhan import waktu as w

    nomor = sampai(Status.DIVERIFIKASI)  # validasi Mon 08:20, tindak Tue 10:00, verifikasi Tue 11:00
    urutan = {r["aksi"]: r["urutan"] for r in lihat(nomor)["riwayat"]}
    jam = [datetime(2026, 11, 20, 9, 0, tzinfo=ZoneInfo("Asia/Jakarta"))]
    monkeypatch.setattr(w, "sekarang", lambda _zona: jam[0])

    def koreksi(aksi: str, nilai: str) -> None:
        r = jalankan("koreksi", nomor, "--kolom", "waktu", "--peristiwa", str(urutan[aksi]), "--nilai", nilai,
                     "--alasan", "Salah ketik jam")
        assert r.exit_code == 0, r.stderr

    def dihitung() -> dict[str, str | None]:
        d = {r["riwayat_urutan"]: r["dihitung"] for r in baca_db(arsip, "SELECT riwayat_urutan, dihitung FROM durasi_peristiwa")}
        return {a: d.get(u) for a, u in urutan.items() if u in d}

    koreksi("validasi_benar", "2026-11-02 08:30")
    pertama = dihitung()
    assert pertama["validasi_benar"] == pertama["tindak"] == "2026-11-20T09:00:00+07:00"  # moved end, moved start
    assert pertama["verifikasi_terima"] is None  # untouched: as written
    jam[0] = datetime(2026, 11, 23, 10, 0, tzinfo=ZoneInfo("Asia/Jakarta"))
    koreksi("tindak", "2026-11-03 10:30")
    kedua = dihitung()
    assert kedua["validasi_benar"] == "2026-11-20T09:00:00+07:00"  # not moved by the second correction
    assert kedua["tindak"] == kedua["verifikasi_terima"] == "2026-11-23T10:00:00+07:00"
    r = jalankan("periksa")
    assert r.exit_code == 0 and r.stdout.startswith("Arsip sehat"), r.stdout + r.stderr
