"""periksa split over worker processes: the same report, word for word, as the serial replay.

The replay of a big archive runs in worker processes by ranges of keluhan_id
(``periksa._Pekerja``). These tests force the split on small archives (``pekerja=N``, or
``KELUHAN_PERIKSA_PEKERJA`` for a real ``keluhan periksa`` process) and compare with the
serial run, on archives tampered the way an insider would (plain sqlite3 on the file).
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from keluhan import pengaturan
from keluhan import periksa as pemeriksa
from keluhan.arsip import Arsip
from keluhan.workflow import Aksi

T0 = datetime(2026, 11, 2, 8, 0, tzinfo=ZoneInfo("Asia/Jakarta"))
TRIGGER = ("riwayat_tolak_ubah", "riwayat_tolak_hapus", "keluhan_tolak_hapus", "tindakan_tolak_hapus", "keluhan_tolak_ubah_kunci",
           "durasi_langkah_tolak_ubah")


def _isi(jalur: Path, n: int = 12) -> list[str]:
    """``n`` complaints at fixed times, each a little further through the SOP than the one before."""
    a = Arsip(jalur, pengaturan.muat(None))
    ids = []
    try:
        for i in range(n):
            t = T0 + timedelta(days=i)
            kid = a.catat(petugas="Rina", isian={"nama": f"PT Uji {i}", "media": "email", "uraian": f"Keluhan {i}"},
                          waktu=t)["id"]
            ids.append(kid)
            langkah = [
                (Aksi.VALIDASI_BENAR, "Rina", {"tim_teknis": "Laboratorium Pengujian"}),
                (Aksi.TINDAK, "Budi", {"koreksi": f"Perbaiki {i}", "pencegahan": "Cek"}),
                (Aksi.VERIFIKASI_TERIMA, "Rina", {"catatan": "Baik"}),
                (Aksi.INFORMASIKAN, "Rina", {"media": "email"}),
            ]
            for j, (aksi, petugas, rincian) in enumerate(langkah[: i % 5]):
                a.langkah(kid, aksi, petugas=petugas, waktu=t + timedelta(minutes=10 * (j + 1)), rincian=rincian)
    finally:
        a.tutup()
    return ids


def _sql(jalur: Path, *perintah: str) -> None:
    db = sqlite3.connect(jalur, isolation_level=None)
    try:
        for t in TRIGGER:
            db.execute(f"DROP TRIGGER IF EXISTS {t}")
        for p in perintah:
            db.execute(p)
    finally:
        db.close()


def _periksa(jalur: Path, **kw: object) -> pemeriksa.Laporan:
    a = Arsip(jalur, pengaturan.muat(None))
    try:
        return pemeriksa.periksa(a.db, **kw)  # type: ignore[arg-type]
    finally:
        a.tutup()


def _json(lapor: pemeriksa.Laporan) -> str:
    return json.dumps(lapor.sebagai_json(), ensure_ascii=False)


@pytest.fixture()
def rusak(tmp_path: Path) -> tuple[Path, list[str]]:
    """Twelve complaints, tampered in several ranges of keluhan_id: rows edited, a deadline
    and an event's content changed, and one complaint's id re-typed as a blob (its row then
    sorts after every text id: the merge must pass over it and keep comparing the rest); and what the
    passes after the replay find (run beside the workers): a duration row moved to no complaint, a
    number skipped, a kept recap figure forged."""
    jalur = tmp_path / "archive.db"
    ids = _isi(jalur)
    urut = sorted(ids)
    _sql(
        jalur,
        f"UPDATE keluhan SET uraian = 'diubah' WHERE id IN ('{urut[0]}', '{urut[6]}', '{urut[-1]}')",
        # The first complaint from the 6th (10th) id on that has such rows: ids are random, and a complaint
        # only recorded, or finished, has no duration (deadline) row for the edit to change.
        # (Not the last row, which is moved to no event below: the edit would vanish with it, now and then.)
        f"UPDATE durasi_langkah SET patuh = 1 - patuh WHERE keluhan_id = "
        f"(SELECT MIN(keluhan_id) FROM durasi_langkah WHERE keluhan_id >= '{urut[5]}' AND riwayat_urutan < "
        "(SELECT MAX(riwayat_urutan) FROM durasi_langkah)) AND riwayat_urutan < (SELECT MAX(riwayat_urutan) FROM durasi_langkah)",
        f"UPDATE tenggat SET batas = '2030-01-01T08:00:00+07:00' WHERE keluhan_id = "
        f"(SELECT MIN(keluhan_id) FROM tenggat WHERE keluhan_id >= '{urut[9]}')",
        f"UPDATE riwayat SET petugas = 'Palsu' WHERE keluhan_id = '{urut[3]}' AND aksi = 'catat'",
        f"UPDATE keluhan SET id = CAST(id AS BLOB) WHERE id = '{urut[2]}'",
        # (durasi_langkah's keluhan_id is its event's since m032_durasi: the row is moved to no event instead)
        "UPDATE durasi_langkah SET riwayat_urutan = 99999 WHERE riwayat_urutan = (SELECT MAX(riwayat_urutan) FROM durasi_langkah)",
        f"UPDATE keluhan SET urut = urut + 100 WHERE id = '{urut[8]}'",
        "INSERT OR REPLACE INTO tindakan_tertunda_jam (jam, jumlah) VALUES (480000, 3)",
    )
    return jalur, urut


def test_pekerja_memberi_laporan_yang_sama_dengan_serial(rusak: tuple[Path, list[str]]) -> None:
    """Split over 2 or 3 workers, the report (findings in order, counts, tips) is the serial one's, and the workers did replay."""
    jalur, urut = rusak
    serial = _periksa(jalur, pekerja=0)
    assert serial.dibagi == 0
    teks = "\n".join(serial.temuan)
    assert teks.count("pada kolom uraian (tercatat 'diubah'") == 3  # first, middle and last id: each range
    assert "tabel durasi_langkah" in teks and "Tenggat keluhan" in teks and "isinya tidak cocok" in teks
    assert f"(id {urut[2]}) ada, tetapi barisnya di tabel keluhan tidak ada" in teks
    assert "tanpa satu pun peristiwa" in teks and "peristiwa #99999 (tabel durasi_peristiwa) yang tidak ada di riwayat" in teks
    assert "tidak berurutan" in teks and "Angka tersimpan rekap" in teks
    harap = _kunci_asing_pragma(jalur)  # (the blob id and the moved duration row: parents gone)
    assert harap and serial.temuan[: len(harap)] == harap
    for n in (2, 3):
        bagi = _periksa(jalur, pekerja=n)
        assert bagi.dibagi == n, "the workers replayed nothing: the main process did it all"
        assert bagi.dari_sisi, "PRAGMA integrity_check did not run in its own process"
        assert _json(bagi) == _json(serial)


def test_pekerja_pada_arsip_sehat(tmp_path: Path) -> None:
    """A sound archive is sound split over workers too, with the same summary line."""
    jalur = tmp_path / "archive.db"
    _isi(jalur)
    serial, bagi = _periksa(jalur, pekerja=0), _periksa(jalur, pekerja=2)
    assert serial.sehat and bagi.sehat and bagi.dibagi == 2
    assert bagi.ringkasan() == serial.ringkasan()


def test_potret_lain_diputar_ulang_di_proses_utama(rusak: tuple[Path, list[str]], monkeypatch: pytest.MonkeyPatch) -> None:
    """A worker whose snapshot is not the main process's (a write came in between) replays nothing; the main process does, same report."""
    jalur, _ = rusak
    serial = _periksa(jalur, pekerja=0)
    asli = pemeriksa._penanda
    monkeypatch.setattr(pemeriksa, "_penanda", lambda db: (*asli(db), "tulisan lain"))  # what the main process saw
    bagi = _periksa(jalur, pekerja=2)
    assert bagi.dibagi == 0 and not bagi.dari_sisi  # (neither did SQLite's own check's process)
    assert _json(bagi) == _json(serial)


def test_batas_temuan_sama_seperti_serial(rusak: tuple[Path, list[str]], monkeypatch: pytest.MonkeyPatch) -> None:
    """Past the cap on findings, the first ones kept and the rest counted are the serial run's."""
    jalur, urut = rusak
    _sql(jalur, "UPDATE keluhan SET harapan = 'lain'")  # one more finding for every complaint with a row
    monkeypatch.setattr(pemeriksa, "BATAS_TEMUAN", 4)
    serial, bagi = _periksa(jalur, pekerja=0), _periksa(jalur, pekerja=3)
    assert serial.lebih > 4 and bagi.dibagi == 3
    assert _json(bagi) == _json(serial)


def test_kemajuan_pekerja_sampai_total(rusak: tuple[Path, list[str]]) -> None:
    """Split over workers, the replay's progress never goes back and ends at the total of events."""
    jalur, _ = rusak
    panggilan: list[tuple[str, int, int]] = []
    lapor = _periksa(jalur, pekerja=2, kemajuan=lambda *x: panggilan.append(x))
    putar = [p for p in panggilan if p[0] == "putar"]
    assert putar[-1] == ("putar", lapor.peristiwa, lapor.peristiwa)
    assert [p[1] for p in putar] == sorted(p[1] for p in putar)


def test_transaksi_pemanggil_tidak_dibagi(rusak: tuple[Path, list[str]]) -> None:
    """Inside the caller's own open transaction (writes no other process sees), periksa replays in-process."""
    jalur, _ = rusak
    a = Arsip(jalur, pengaturan.muat(None))
    try:
        a.db.execute("BEGIN")
        lapor = pemeriksa.periksa(a.db, pekerja=2)
        a.db.execute("ROLLBACK")
    finally:
        a.tutup()
    assert lapor.dibagi == 0 and not lapor.sehat


def _cli(jalur: Path, pekerja: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, KELUHAN_PERIKSA_PEKERJA=pekerja)
    return subprocess.run([sys.executable, "-m", "keluhan", "--arsip", str(jalur), "periksa"],
                          capture_output=True, text=True, env=env, cwd=jalur.parent)


def test_proses_nyata_dengan_pekerja(rusak: tuple[Path, list[str]]) -> None:
    """A real `keluhan periksa` whose replay runs in worker processes prints what the serial one prints, exit 1, nothing left beside the archive."""
    jalur, _ = rusak
    sebelum = sorted(p.name for p in jalur.parent.iterdir())
    serial, bagi = _cli(jalur, "0"), _cli(jalur, "2")
    assert serial.returncode == bagi.returncode == 1, serial.stderr
    assert bagi.stdout == serial.stdout and bagi.stderr == serial.stderr
    assert "Arsip TIDAK sehat" in bagi.stdout
    assert sorted(p.name for p in jalur.parent.iterdir()) == sebelum


def test_dihentikan_tanpa_pekerja_tertinggal(rusak: tuple[Path, list[str]], monkeypatch: pytest.MonkeyPatch) -> None:
    """A check interrupted (Ctrl-C) while the workers run leaves none of them running: each is ended and reaped."""
    jalur, _ = rusak
    monkeypatch.setattr(pemeriksa, "_SETIAP", 1)  # a progress call at the first event
    dimulai: list[Any] = []
    asli = pemeriksa._Pekerja.mulai

    def mulai(db: sqlite3.Connection, n: int) -> Any:
        pk = asli(db, n)
        dimulai.append(pk)
        return pk

    def kemajuan(tugas: str, selesai: int, total: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(pemeriksa._Pekerja, "mulai", staticmethod(mulai))
    sisi: list[Any] = []
    asli_sisi = pemeriksa._Sisi.mulai
    monkeypatch.setattr(pemeriksa._Sisi, "mulai", staticmethod(lambda db: sisi.append(asli_sisi(db)) or sisi[-1]))
    a = Arsip(jalur, pengaturan.muat(None))
    try:
        with pytest.raises(KeyboardInterrupt):
            pemeriksa.periksa(a.db, pekerja=2, kemajuan=kemajuan)
        assert not a.db.in_transaction  # the read transaction ended too
    finally:
        a.tutup()
    assert len(dimulai) == 1 and len(dimulai[0].proses) == 2
    assert all(p.returncode is not None for p in dimulai[0].proses)
    assert len(sisi) == 1 and sisi[0].proses.returncode is not None  # SQLite's own check's process too


def _kunci_asing_pragma(jalur: Path) -> list[str]:
    """The findings PRAGMA foreign_key_check gives, worded as periksa words them (the oracle)."""
    db = sqlite3.connect(jalur)
    try:
        return [f"Baris rowid {rowid} di tabel {tabel} merujuk baris {induk} yang tidak ada."
                for tabel, rowid, induk, _ in db.execute("PRAGMA foreign_key_check")]
    finally:
        db.close()


def test_kunci_asing_putus_dilaporkan_seperti_pragma(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Rows whose parent is gone (a complaint deleted, a duration moved to no event) open the report exactly as PRAGMA foreign_key_check lists them, serial or split."""
    jalur = tmp_path / "archive.db"
    ids = sorted(_isi(jalur))
    _sql(jalur, "DROP TRIGGER tindakan_tolak_ubah_kunci", f"DELETE FROM keluhan WHERE id = '{ids[4]}'",
         "UPDATE durasi_langkah SET riwayat_urutan = 99999 WHERE riwayat_urutan = (SELECT MIN(riwayat_urutan) FROM durasi_langkah)",
         "UPDATE tindakan SET riwayat_urutan = 88888 WHERE rowid = (SELECT MAX(rowid) FROM tindakan)")
    harap = _kunci_asing_pragma(jalur)
    tabel = {t.split(" di tabel ")[1].split()[0] for t in harap}
    assert tabel >= {"riwayat", "tindakan", "durasi_peristiwa"}, harap  # (durasi_langkah's rows, m032_durasi)
    for n in (0, 2):
        lapor = _periksa(jalur, pekerja=n)
        assert lapor.temuan[: len(harap)] == harap
        assert not any("merujuk baris" in t for t in lapor.temuan[len(harap):])
    monkeypatch.setattr(pemeriksa, "BATAS_TEMUAN", 3)  # the cap keeps the first findings, foreign keys first
    serial = _periksa(jalur, pekerja=0)
    assert serial.temuan[:3] == harap[:3] and serial.lebih > 0
    assert _json(_periksa(jalur, pekerja=2)) == _json(serial)


def test_kunci_asing_arsip_sehat_tanpa_pragma(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """On a sound archive the replay vouches for every foreign key's row: PRAGMA foreign_key_check is not run at all."""
    jalur = tmp_path / "archive.db"
    _isi(jalur)
    dipanggil: list[int] = []
    asli = pemeriksa._kunci_asing
    monkeypatch.setattr(pemeriksa, "_kunci_asing", lambda db, lapor: (dipanggil.append(1), asli(db, lapor)))
    assert _periksa(jalur, pekerja=0).sehat and _periksa(jalur, pekerja=2).sehat
    assert dipanggil == []


def test_kunci_asing_tabel_tambahan_balai(tmp_path: Path) -> None:
    """A Balai's own table with a foreign key of its own, dangling: named as PRAGMA foreign_key_check names it."""
    jalur = tmp_path / "archive.db"
    _isi(jalur)
    db = sqlite3.connect(jalur, isolation_level=None)
    db.execute("CREATE TABLE catatan_balai (id INTEGER PRIMARY KEY, keluhan_id TEXT REFERENCES keluhan(id))")
    db.execute("INSERT INTO catatan_balai (keluhan_id) VALUES ('tidak-ada')")
    db.close()
    harap = _kunci_asing_pragma(jalur)
    assert harap == ["Baris rowid 1 di tabel catatan_balai merujuk baris keluhan yang tidak ada."]
    assert _periksa(jalur, pekerja=0).temuan == harap


def test_kunci_asing_skema_sama_dengan_migrasi(tmp_path: Path) -> None:
    """The foreign keys the replay vouches for (periksa._KUNCI_ASING) are every foreign key the migrations create."""
    jalur = tmp_path / "archive.db"
    _isi(jalur, 1)
    db = sqlite3.connect(jalur)
    try:
        assert pemeriksa.kunci_asing(db) == pemeriksa._KUNCI_ASING
    finally:
        db.close()


def _bulan_tersimpan(jalur: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Fourteen complaints in November 2026 (two with an email), and a writer in December that keeps November's recap (rekap_bulan)."""
    from keluhan import rekap_bulan, waktu as w

    monkeypatch.setattr(w, "sekarang", lambda _zona: datetime(2026, 12, 20, 10, 0, tzinfo=ZoneInfo("Asia/Jakarta")))
    monkeypatch.setattr(rekap_bulan, "AMBANG", 1)
    _isi(jalur)
    a = Arsip(jalur, pengaturan.muat(None))
    try:
        for i in range(2):  # two with customer keys (kunci_pelanggan)
            a.catat(petugas="Rina", isian={"nama": f"CV Surel {i}", "email": f"surel{i}@contoh.id", "media": "email",
                                           "uraian": "Dengan surel"}, waktu=T0 + timedelta(days=14 + i))
        a.catat(petugas="Rina", isian={"nama": "PT Desember", "media": "email", "uraian": "Baru"},
                waktu=datetime(2026, 12, 20, 9, 0, tzinfo=ZoneInfo("Asia/Jakarta")))
    finally:
        a.tutup()
    db = sqlite3.connect(jalur)
    try:
        assert [r[0] for r in db.execute("SELECT bulan FROM rekap_bulan")] == ["2026-11"]
    finally:
        db.close()


def test_pemeriksaan_di_samping_pekerja_sama_dengan_serial(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The customer keys' check and the kept months' recomputation run beside the workers: a forged key, a forged kept month and a complaint whose edited row leaves its keys out are reported as serially."""
    jalur = tmp_path / "archive.db"
    _bulan_tersimpan(jalur, monkeypatch)
    serial = _periksa(jalur, pekerja=0)
    assert serial.sehat and _periksa(jalur, pekerja=2).sehat
    db = sqlite3.connect(jalur)
    kid, lain = [r[0] for r in db.execute("SELECT keluhan_id FROM kunci_pelanggan GROUP BY keluhan_id ORDER BY keluhan_id LIMIT 2")]
    db.close()
    _sql(jalur, f"UPDATE kunci_pelanggan SET kunci = 'palsu@contoh.id' WHERE keluhan_id = '{kid}'",
         """UPDATE rekap_bulan SET isi = CAST(replace(CAST(isi AS TEXT), '"jumlah": 14,', '"jumlah": 15,') AS BLOB)""")
    serial = _periksa(jalur, pekerja=0)
    teks = "\n".join(serial.temuan)
    assert "kunci pelanggan tersimpan tidak sama" in teks and "Angka tersimpan rekap bulan 2026-11" in teks, teks
    bagi = _periksa(jalur, pekerja=2)
    assert bagi.dibagi == 2 and _json(bagi) == _json(serial)
    # The complaint's own row edited too: the replay names the row, and its keys are not judged against it.
    _sql(jalur, f"UPDATE keluhan SET email = 'lain@contoh.id' WHERE id = '{kid}'",
         f"UPDATE kunci_pelanggan SET kunci = 'palsu2@contoh.id' WHERE keluhan_id = '{lain}'")
    serial = _periksa(jalur, pekerja=0)
    teks = "\n".join(serial.temuan)
    assert teks.count("kunci pelanggan tersimpan tidak sama") == 1 and "pada kolom email" in teks, teks
    bagi = _periksa(jalur, pekerja=2)
    assert bagi.dibagi == 2 and _json(bagi) == _json(serial)


def test_integritas_rusak_di_proses_sendiri_sama_dengan_serial(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """PRAGMA integrity_check run in its own process beside the workers: an index that no longer matches its table is reported first, word for word as serially, the cap on findings too."""
    jalur = tmp_path / "archive.db"
    _isi(jalur)
    db = sqlite3.connect(jalur, isolation_level=None)
    db.execute("PRAGMA writable_schema = ON")  # the index now claims another column than the one it holds
    db.execute("UPDATE sqlite_master SET sql = replace(sql, '(batas_utc)', '(mulai)') WHERE name = 'tenggat_batas'")
    db.execute("PRAGMA writable_schema = OFF")
    db.close()
    serial = _periksa(jalur, pekerja=0)
    assert serial.temuan[0].startswith("Integritas berkas SQLite rusak:"), serial.temuan
    assert any("tenggat_batas" in t and "berbeda dari skema program" in t for t in serial.temuan)
    bagi = _periksa(jalur, pekerja=2)
    assert bagi.dibagi == 2 and bagi.dari_sisi
    assert _json(bagi) == _json(serial)
    monkeypatch.setattr(pemeriksa, "BATAS_TEMUAN", 2)
    serial = _periksa(jalur, pekerja=0)
    assert serial.lebih > 0
    assert _json(_periksa(jalur, pekerja=2)) == _json(serial)
