"""`impor --jalankan` checks each row once (issue 17): the check before the lock keeps the
rows it built, and the write under the lock inserts them when nobody committed to the
archive since the check began; when someone did (a clerk's catat meanwhile), every row is
checked again under the lock, as before. Either way the archive ends as one import
through every check would leave it, and a refused file leaves it byte for byte as it was."""

from __future__ import annotations

import csv
import json
import os
import sqlite3
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from _bantu_kantor import keluhan, periksa_rantai
from conftest import hitung_panggilan
from keluhan.cli import app

runner = CliRunner()


def _baris(i: int, tahun: int = 2025) -> dict[str, str]:
    """A complaint through validation, action, verification and information (officers differ: 7.9.6)."""
    hari = 3 + i % 20
    return {
        "nama": f"Pelanggan {i}", "media": "email", "uraian": "LHU terlambat", "petugas": "Rina Wulandari",
        "dicatat": f"{hari}/3/{tahun} 08.{i % 50:02d}", "diajukan": f"{hari}/3/{tahun} 08.00",
        "validasi": "benar", "validasi_waktu": f"{hari}/3/{tahun} 09.00", "validasi_petugas": "Dedi Kurniawan",
        "tim_teknis": "Laboratorium Pengujian",
        "tindak_waktu": f"{hari}/3/{tahun} 10.00", "tindak_petugas": "Budi Santoso", "koreksi": "LHU dikirim ulang",
        "pencegahan": "Pemantauan tenggat",
        "verifikasi_waktu": f"{hari}/3/{tahun} 11.00", "verifikasi_petugas": "Agus Prasetyo",
        "informasikan_waktu": f"{hari}/3/{tahun} 13.00", "informasikan_petugas": "Rina Wulandari",
    }


def _csv(berkas: Path, baris: list[dict[str, str]]) -> Path:
    kolom = list(dict.fromkeys(k for b in baris for k in b))
    with berkas.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(kolom)
        for b in baris:
            w.writerow([b.get(k, "") for k in kolom])
    return berkas


def _impor(arsip: Path, berkas: Path, *args: str) -> Any:
    return runner.invoke(app, ["--arsip", str(arsip), "--petugas", "Petugas Impor", "impor", str(berkas), *args])


def _hitung_rencana(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many times a row is read into a complaint and checked (impor.rencana)."""
    from keluhan import impor

    return hitung_panggilan(monkeypatch, impor, "rencana")


def _db(arsip: Path, sql: str) -> list[tuple[Any, ...]]:
    db = sqlite3.connect(arsip)
    try:
        return db.execute(sql).fetchall()
    finally:
        db.close()


def test_setiap_baris_diperiksa_sekali(arsip: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Nothing committed between check and write: each row is checked once and the kept rows are written, chain and durations whole."""
    n = _hitung_rencana(monkeypatch)
    hasil = _impor(arsip, _csv(tmp_path / "r.csv", [_baris(i) for i in range(30)]), "--jalankan")
    assert hasil.exit_code == 0, hasil.output
    assert "30 dapat diimpor" in hasil.stdout and "status: selesai 30" in hasil.stdout
    assert n[0] == 30
    periksa_rantai(arsip)
    assert _db(arsip, "SELECT COUNT(*) FROM durasi_langkah") == [(30 * 5,)]
    assert _db(arsip, "SELECT MIN(urut), MAX(urut), COUNT(*) FROM keluhan") == [(1, 30, 30)]
    r = keluhan("--arsip", str(arsip), "periksa")
    assert r.returncode == 0, r.stdout + r.stderr


def test_catat_di_antara_periksa_dan_tulis(arsip: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A clerk's catat committed after the check: every row is checked again under the lock and numbered after it."""
    from keluhan import arsip as arsip_mod

    n = _hitung_rencana(monkeypatch)
    asli = arsip_mod.PenulisMassal.akhiri
    klerk: list[Any] = []

    def akhiri(self: arsip_mod.PenulisMassal) -> list[str]:
        if not self.tulis and not klerk:  # the end of the check, before the lock
            klerk.append(keluhan("--arsip", str(arsip), "--petugas", "Siti Aminah", "catat", "--nama", "PT Loket",
                                 "--media", "surat", "--uraian", "Sertifikat terlambat", "--waktu", "3/3/2025 07.30"))
        return asli(self)

    monkeypatch.setattr(arsip_mod.PenulisMassal, "akhiri", akhiri)
    hasil = _impor(arsip, _csv(tmp_path / "r.csv", [_baris(i) for i in range(10)]), "--jalankan")
    assert klerk[0].returncode == 0, klerk[0].stderr
    assert hasil.exit_code == 0, hasil.output
    assert n[0] == 20, "checked again under the lock"
    assert _db(arsip, "SELECT nama FROM keluhan WHERE urut = 1") == [("PT Loket",)]
    assert _db(arsip, "SELECT MIN(urut), MAX(urut), COUNT(*) FROM keluhan WHERE nama LIKE 'Pelanggan %'") == [(2, 11, 10)]
    periksa_rantai(arsip)


def test_tahun_libur_belum_diisi(arsip: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Rows of a year whose holidays are not seeded yet (2019): the check writes nothing, the write seeds it and checks again."""
    n = _hitung_rencana(monkeypatch)
    assert _db(arsip, "SELECT COUNT(*) FROM libur_tahun WHERE tahun = 2019") == [(0,)]
    hasil = _impor(arsip, _csv(tmp_path / "r.csv", [_baris(i, 2019) for i in range(5)]), "--jalankan")
    assert hasil.exit_code == 0, hasil.output
    assert n[0] == 10
    assert _db(arsip, "SELECT COUNT(*) FROM libur_tahun WHERE tahun = 2019") == [(1,)]
    assert _db(arsip, "SELECT COUNT(*) FROM durasi_langkah") == [(5 * 5,)]
    periksa_rantai(arsip)


def test_berkas_ditolak_arsip_tetap_sama(arsip: Path, tmp_path: Path) -> None:
    """A refused file (its last row) leaves the archive file byte-identical, and no journal beside it."""
    sebelum = arsip.read_bytes()
    baris = [_baris(i) for i in range(40)] + [dict(_baris(40), media="whatsapp")]
    hasil = _impor(arsip, _csv(tmp_path / "r.csv", baris), "--jalankan")
    assert hasil.exit_code == 1
    assert "Baris 42: Media 'whatsapp' tidak dikenal" in hasil.stdout
    assert arsip.read_bytes() == sebelum
    assert sorted(p.name for p in arsip.parent.glob("archive.db*")) == ["archive.db"]


def _kaitkan(terkait: str, waktu: str) -> str:
    return json.dumps([{"aksi": "kaitkan", "waktu": waktu, "petugas": "Rina Wulandari",
                        "rincian": {"terkait": terkait, "alasan": "Pelanggan sama"}}])


def test_kaitan_ke_baris_berkas_sebelum_dicatat(arsip: Path, tmp_path: Path) -> None:
    """A link to a complaint of the same file recorded after the link is refused by the dry run too, not only under the lock."""
    baris = [
        {"nomor": "001/KP/BBSPJIKFK/III/2025", "nama": "A", "media": "email", "uraian": "LHU terlambat",
         "dicatat": "2025-03-05 09:00", "petugas": "Rina Wulandari",
         "riwayat": _kaitkan("002/KP/BBSPJIKFK/III/2025", "2025-03-05T09:30:00+07:00")},
        {"nomor": "002/KP/BBSPJIKFK/III/2025", "nama": "A", "media": "email", "uraian": "LHU terlambat lagi",
         "dicatat": "2025-03-05 11:00", "petugas": "Rina Wulandari"},
    ]
    berkas = _csv(tmp_path / "r.csv", baris)
    pesan = ("Baris 2: keluhan 001/KP/BBSPJIKFK/III/2025 dikaitkan dengan keluhan 002/KP/BBSPJIKFK/III/2025 "
             "sebelum keluhan itu dicatat.")
    uji = _impor(arsip, berkas)
    assert uji.exit_code == 1 and pesan in uji.stdout, uji.output
    sebelum = arsip.read_bytes()
    tulis = _impor(arsip, berkas, "--jalankan")
    assert tulis.exit_code == 1 and pesan in tulis.stdout, tulis.output
    assert arsip.read_bytes() == sebelum


def _isi_tabel(arsip: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every table's rows, without what each import draws itself (ids, system times, hashes)."""
    db = sqlite3.connect(arsip)
    try:
        hasil = {}
        for (nama,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
                                  " AND name NOT LIKE 'keluhan_cari_%'"):
            kolom = [r[1] for r in db.execute(f"PRAGMA table_info({nama})")]
            pilih = [k for k in kolom if k not in ("id", "keluhan_id", "dicatat_pada", "dihitung", "hash", "diperbarui",
                                                   "hash_sebelum", "rincian", "diisi", "ditambahkan")]
            hasil[nama] = sorted(map(repr, db.execute(f"SELECT {', '.join(pilih) or 'COUNT(*)'} FROM {nama}")))
        return hasil
    finally:
        db.close()


def test_tahap_sama_dengan_periksa_ulang(arsip: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The kept rows leave every table as checking everything again under the lock does (a queue left unstaged shows)."""
    from keluhan import arsip as arsip_mod

    baris = [_baris(i) for i in range(12)] + [
        dict(_baris(12), verifikasi_waktu="", verifikasi_petugas="", informasikan_waktu="", informasikan_petugas=""),
        {"nama": "B", "media": "surat", "uraian": "Sertifikat", "dicatat": "4/3/2025 09.00", "petugas": "Siti Aminah",
         "riwayat": _kaitkan("001/KP/BBSPJIKFK/III/2025", "2025-03-04T09:30:00+07:00")},
    ]
    berkas = _csv(tmp_path / "r.csv", baris)
    a, b = arsip, tmp_path / "b.db"
    b.write_bytes(a.read_bytes())
    assert _impor(a, berkas, "--jalankan").exit_code == 0
    monkeypatch.setattr(arsip_mod.PenulisMassal, "salin_tahap", lambda self, periksa, setiap=None: False)
    assert _impor(b, berkas, "--jalankan").exit_code == 0
    isi_a, isi_b = _isi_tabel(a), _isi_tabel(b)
    assert isi_a == isi_b
    assert len(isi_a["riwayat"]) == 12 * 5 + 3 + 2 and isi_a["tindakan_tertunda_jam"]


def _skema(arsip: Path) -> list[tuple[str, str, str]]:
    return sorted(_db(arsip, "SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL"))


@pytest.mark.parametrize("tahap", [True, False], ids=["disalin", "diperiksa-ulang"])
def test_indeks_dan_pemicu_kembali(arsip: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, tahap: bool) -> None:
    """A bulk insert into an empty archive drops indexes and overwrite guards, and the commit has every one back as it was; riwayat stays append-only."""
    from keluhan import arsip as arsip_mod

    sebelum = _skema(arsip)
    dilepas: list[int] = []
    asli = arsip_mod.PenulisMassal._lepas_indeks

    def lepas(self: arsip_mod.PenulisMassal) -> None:
        asli(self)
        dilepas.append(len(self._dilepas or ()))

    monkeypatch.setattr(arsip_mod.PenulisMassal, "_lepas_indeks", lepas)
    if not tahap:
        monkeypatch.setattr(arsip_mod.PenulisMassal, "salin_tahap", lambda self, periksa, setiap=None: False)
    hasil = _impor(arsip, _csv(tmp_path / "r.csv", [_baris(i) for i in range(8)]), "--jalankan")
    assert hasil.exit_code == 0, hasil.output
    assert dilepas and dilepas[0] > 10, "indexes and guards were dropped for the insert"
    assert _skema(arsip) == sebelum
    db = sqlite3.connect(arsip)
    try:
        with pytest.raises(sqlite3.DatabaseError, match="riwayat"):
            db.execute("UPDATE riwayat SET petugas = 'X' WHERE urutan = 1")
        with pytest.raises(sqlite3.DatabaseError, match="riwayat hanya boleh ditambah"):
            db.execute("INSERT OR REPLACE INTO riwayat SELECT * FROM riwayat WHERE urutan = 1")
        plan = " ".join(r[3] for r in db.execute("EXPLAIN QUERY PLAN SELECT * FROM riwayat WHERE keluhan_id = 'x' ORDER BY urutan"))
        assert "riwayat_keluhan" in plan
    finally:
        db.close()
    periksa_rantai(arsip)


def test_arsip_besar_indeks_tidak_dilepas(arsip: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An import smaller than what the archive holds keeps the indexes (rebuilding them would cost more than it saves)."""
    from keluhan import arsip as arsip_mod

    assert _impor(arsip, _csv(tmp_path / "a.csv", [_baris(i) for i in range(20)]), "--jalankan").exit_code == 0
    dilepas: list[int] = []
    monkeypatch.setattr(arsip_mod.PenulisMassal, "_lepas_indeks", lambda self: dilepas.append(1))
    hasil = _impor(arsip, _csv(tmp_path / "b.csv", [_baris(i) for i in range(20, 25)]), "--jalankan")
    assert hasil.exit_code == 0, hasil.output
    assert dilepas == []
    assert _db(arsip, "SELECT COUNT(*) FROM keluhan") == [(25,)]


def test_mutu_baku_berganti_di_tengah_berkas(arsip: Path, tmp_path: Path, jalankan: Any) -> None:
    """A mutu baku changed in the ledger from a date: each imported step is measured against the value in force at its start."""
    r = jalankan("pengaturan", "ubah", "mutu_baku.langkah_3", "30 menit", "--alasan", "SK Kepala Balai 3/2025",
                 "--berlaku-sejak", "2025-03-10", petugas="Dewi Lestari")
    assert r.exit_code == 0, r.stderr
    hasil = _impor(arsip, _csv(tmp_path / "r.csv", [_baris(i) for i in range(20)]), "--jalankan")
    assert hasil.exit_code == 0, hasil.output
    baris = _db(arsip, "SELECT mulai, mutu_baku FROM durasi_langkah WHERE langkah = 3 ORDER BY mulai")
    assert len(baris) == 20
    assert {m for t, m in baris if t < "2025-03-10"} == {"15 menit"}
    assert {m for t, m in baris if t >= "2025-03-10"} == {"30 menit"}
    periksa = keluhan("--arsip", str(arsip), "periksa")
    assert periksa.returncode == 0, periksa.stdout + periksa.stderr


def test_tahap_jeda_dan_lampiran_sama_dengan_periksa_ulang(
    tmp_path_factory: pytest.TempPathFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, arsip_baru: bytes,
) -> None:
    """The demo's export (a paused step, rework, an appeal, corrections) with a stored attachment, imported through
    the staging file, leaves every table as checking everything again under the lock does; no staging file stays."""
    import tempfile

    from _bantu_kantor import arsip_demo
    from conftest import pasang_arsip_baru
    from keluhan import arsip as arsip_mod

    demo = arsip_demo(tmp_path_factory)
    bukti = tmp_path / "surat.txt"
    bukti.write_bytes(b"Surat keluhan \x00\xff asli")
    nomor = _db(demo, "SELECT nomor FROM keluhan ORDER BY dicatat LIMIT 1")[0][0]
    r = keluhan("--arsip", str(demo), "--petugas", "Rina Wulandari", "lampirkan", nomor, str(bukti))
    assert r.returncode == 0, r.stderr
    ekspor = tmp_path / "ekspor.ndjson"
    r = keluhan("--arsip", str(demo), "ekspor", "--format", "ndjson", "--keluar", str(ekspor))
    assert r.returncode == 0, r.stderr
    sementara = tmp_path / "tmp"
    sementara.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(sementara))
    a = pasang_arsip_baru(tmp_path / "a.db", arsip_baru)
    b = pasang_arsip_baru(tmp_path / "b.db", arsip_baru)
    n = _hitung_rencana(monkeypatch)
    hasil = _impor(a, ekspor, "--jalankan")
    assert hasil.exit_code == 0, hasil.output
    semua = _db(demo, "SELECT COUNT(*) FROM keluhan")[0][0]
    assert n[0] == semua, "each row checked once: the staged rows were written"
    assert list(sementara.iterdir()) == []
    monkeypatch.setattr(arsip_mod.PenulisMassal, "salin_tahap", lambda self, periksa, setiap=None: False)
    assert _impor(b, ekspor, "--jalankan").exit_code == 0
    isi_a, isi_b = _isi_tabel(a), _isi_tabel(b)
    assert isi_a == isi_b
    assert _db(a, "SELECT COUNT(*) FROM durasi_langkah WHERE menit_tunda > 0") != [(0,)]
    lampiran = "SELECT sha256, ukuran, mime, isi FROM berkas_lampiran WHERE isi IS NOT NULL ORDER BY sha256"
    assert _db(a, lampiran) == _db(demo, lampiran) and len(_db(a, lampiran)) >= 2
    assert list(sementara.iterdir()) == []
    periksa_rantai(a)
    r = keluhan("--arsip", str(a), "periksa")
    assert r.returncode == 0, r.stdout + r.stderr


@pytest.mark.skipif(sys.platform == "win32", reason="the sweep asks os.kill(pid, 0), which on Windows would end the process")
def test_folder_tahap_impor_yang_dibunuh_disapu_impor_berikutnya(arsip: Path, tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """A staging folder left by an import killed outright (its process gone) is removed by the next import, with its personal rows; one whose process still runs is left alone, and the import's own folder is gone after it."""
    import subprocess
    import tempfile

    tmp = tmp_path / "tmp"
    tmp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(tmp))
    mati = subprocess.Popen([sys.executable, "-c", "pass"])
    mati.wait()
    basi = tmp / f"keluhan-impor-{mati.pid}-abc123"
    hidup = tmp / f"keluhan-impor-{os.getppid()}-def456"
    for f in (basi, hidup):
        f.mkdir(mode=0o700)
        (f / "tahap.db").write_bytes(b"Pelanggan 1, Jl. Industri")
    r = _impor(arsip, _csv(tmp_path / "r.csv", [_baris(i) for i in range(3)]), "--jalankan")
    assert r.exit_code == 0, r.output
    assert sorted(p.name for p in tmp.iterdir()) == [hidup.name]
    assert _db(arsip, "SELECT COUNT(*) FROM keluhan") == [(3,)]
