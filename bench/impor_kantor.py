"""Benchmark: ``keluhan impor`` of a register as a clerk's office keeps it (issue 13).

Usage: python bench/impor_kantor.py [--jumlah 200000] [--keluar bench/out]

The register is a ``;`` CSV with day-first dates and the Indonesian clock
("2/11/2025 08.10"), every complaint recorded, most validated, some through action,
verification and information, as an office's spreadsheet has them; officers named in
every row. Measured: the check alone (the dry run, no transaction) and ``--jalankan``
(the same check without any lock, then the write under the lock): complaints/s of each,
and how long the write lock was held (seen from outside, as a clerk's command sees it),
which is how long clerks are told "impor sedang berjalan"; then the floors of the same data
(``lantai``: the csv module alone, the hash chain alone, the rows bound and copied alone).
Run with PYTHONDONTWRITEBYTECODE unset.
"""

from __future__ import annotations

import argparse
import csv
import sys
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _ukur import AKAR, Laporan, env, keluhan, puncak_mb  # noqa: E402

KEPALA = ["Nama", "Instansi", "No. HP", "E-mail", "Media", "Layanan", "Uraian", "Tanggal", "Petugas",
          "Validasi", "Validasi Waktu", "Validasi Petugas", "Tim Teknis", "Alasan Tidak Valid",
          "Tindak Waktu", "Tindak Petugas", "Koreksi", "Pencegahan",
          "Verifikasi Waktu", "Verifikasi Petugas", "Informasikan Waktu", "Informasikan Petugas"]


def _waktu(t: datetime) -> str:
    return f"{t.day}/{t.month}/{t.year} {t.hour:02d}.{t.minute:02d}"


def buat(jalur: Path, jumlah: int) -> None:
    """A register of ``jumlah`` complaints over 2025, recorded in working hours."""
    mulai = datetime(2025, 1, 2, 8, 0)
    langkah = timedelta(seconds=(245 * 7 * 3600) / max(jumlah, 1))  # ~245 working days of 7 hours
    t = mulai
    with jalur.open("w", encoding="utf-8-sig", newline="") as f:
        w = csv.writer(f, delimiter=";")
        w.writerow(KEPALA)
        for i in range(jumlah):
            t += langkah
            if t.hour >= 15:
                t = (t + timedelta(days=1)).replace(hour=8, minute=0)
            while t.weekday() >= 5:
                t += timedelta(days=1)
            baris = [f"Pelanggan {i}", f"PT Contoh {i % 500}", f"0812{i:08d}", f"p{i}@contoh.id", "email", "pengujian",
                     "LHU terlambat dikirim", _waktu(t), "Rina Wulandari"] + [""] * 13
            if i % 10 != 0:  # validated
                v = t + timedelta(minutes=20)
                benar = i % 7 != 0
                baris[9:14] = ["benar" if benar else "tidak_benar", _waktu(v), "Dedi Kurniawan",
                               "Laboratorium Pengujian" if benar else "", "" if benar else "Bukan keluhan"]
                if benar and i % 3 != 0:
                    baris[14:18] = [_waktu(v + timedelta(minutes=30)), "Budi Santoso", "LHU dikirim ulang", "Pemantauan"]
                    baris[18:20] = [_waktu(v + timedelta(minutes=40)), "Agus Prasetyo"]
                    baris[20:22] = [_waktu(v + timedelta(minutes=50)), "Rina Wulandari"]
            w.writerow(baris)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--jumlah", type=int, default=200_000)
    ap.add_argument("--keluar", type=Path, default=Path(__file__).resolve().parent / "out")
    a = ap.parse_args()
    jalankan(a.keluar, a.jumlah)


def jalankan(keluar: Path, jumlah: int) -> Laporan:
    """The register of ``jumlah`` rows (made in ``keluar`` once), checked and imported into a
    fresh archive there; each figure printed as it is measured (bench/semua.py calls this)."""
    keluar.mkdir(parents=True, exist_ok=True)
    register = keluar / f"register-kantor-{jumlah}.csv"
    if not register.exists():
        buat(register, jumlah)
    arsip = keluar / "impor-kantor.db"
    for p in keluar.glob("impor-kantor.db*"):
        p.unlink()
    (keluar / "keluhan.toml").unlink(missing_ok=True)
    lingkungan = env()
    import subprocess

    subprocess.run(keluhan("--arsip", str(arsip), "init"), env=lingkungan, check=True, capture_output=True)
    n = jumlah
    lap = Laporan(f"Impor register kantor: {n:,} keluhan".replace(",", " ") + ", tanggal hari dahulu")
    mb, periksa = puncak_mb(keluhan("--arsip", str(arsip), "--petugas", "Bench", "impor", str(register)), lingkungan)
    lap.tambah("impor (uji coba: pemeriksaan saja)", n / periksa, "keluhan/s", catatan=f"{periksa:.1f} s; RSS {mb:.0f} MB")
    semua, terkunci, mb, cpu = _jalankan_dan_amati(
        keluhan("--arsip", str(arsip), "--petugas", "Bench", "impor", str(register), "--jalankan"), lingkungan, arsip)
    lap.tambah("impor --jalankan (periksa + tulis)", n / semua, "keluhan/s", ">= 10 000", n / semua >= TARGET,
               catatan=f"{semua:.1f} s; CPU {cpu:.1f} s = {n / cpu:,.0f}/s; RSS {mb:.0f} MB".replace(",", " "))
    lap.tambah("  kunci tulis dipegang", terkunci, "s", f"<= {120 * n / 1e6:.1f} s", terkunci <= 120 * n / 1e6,
               catatan=f"{terkunci * 1e6 / n:.0f} s per 1 juta; {100 * terkunci / semua:.0f}% dari --jalankan; selama "
                       "itu perintah tulis lain: 'impor sedang berjalan'")
    for nama, us in lantai(arsip, register).items():
        lap.tambah(f"  lantai: {nama}", us, "us/keluhan", catatan=f"= {1e6 / us:,.0f} keluhan/s".replace(",", " "))
    import os

    lap.catatan.append("beban rata-rata sesudah pengukuran: " + " ".join(f"{x:.2f}" for x in os.getloadavg()))
    print(lap.catatan[-1], flush=True)
    return lap


TARGET = 10_000  # complaints/s (issue 17); the lock: <= 2 min per million


def lantai(arsip: Path, register: Path) -> dict[str, float]:
    """Per-complaint floors taken on the same data in the same run (CPU, in this process):
    reading the register with the ``csv`` module alone; the hash chain alone (each event's
    ``rincian`` JSON and the chain's recipe, sha256; keluhan/arsip.py's own encoders); and
    every row the import wrote bound again with ``executemany`` into plain tables of the
    same columns (no index, trigger, constraint or text index), then copied once by SQLite
    (``INSERT ... SELECT``, what the write under the lock does). What the import does beyond
    their sum is the checking itself: the row's cells, the workflow's rules per event, the
    fold, durations and deadlines in working time."""
    import json
    import sqlite3
    import tempfile
    import time

    sys.path.insert(0, str(AKAR))  # this checkout's recipe
    from keluhan import arsip as ars

    hasil: dict[str, float] = {}
    with open(register, encoding="utf-8-sig", newline="") as f:
        t = time.process_time()
        n = sum(1 for _ in csv.reader(f, delimiter=";")) - 1
        hasil["csv.reader saja"] = (time.process_time() - t) * 1e6 / n
    db = sqlite3.connect(f"file:{arsip}?mode=ro", uri=True)
    try:
        kolom = ("keluhan_id", "langkah", "aksi", "status_dari", "status_ke", "petugas", "waktu", "dicatat_pada")
        peristiwa = [(dict(zip(kolom, r[:8])), json.loads(r[8]), r[9], r[10]) for r in db.execute(
            f"SELECT {', '.join(kolom)}, rincian, hash_sebelum, hash FROM riwayat ORDER BY urutan")]
        t = time.process_time()
        for p, rincian, sebelum, _hash in peristiwa:
            p["rincian_json"] = ars._rincian_json(rincian)
            ars.hash_peristiwa(p, sebelum)
        hasil["json + sha256 rantai saja"] = (time.process_time() - t) * 1e6 / n
        assert all(ars.hash_peristiwa(p, s) == h for p, _r, s, h in peristiwa[:100])  # the same recipe
        tabel = ("keluhan", "riwayat", "tindakan", "durasi_peristiwa", "tenggat", "kunci_pelanggan", "keluhan_cari")
        isi = {nama: db.execute(f"SELECT * FROM {nama}").fetchall() for nama in tabel}
        lebar = {nama: len(db.execute(f"SELECT * FROM {nama} LIMIT 0").description) for nama in tabel}
    finally:
        db.close()
    with tempfile.TemporaryDirectory() as d:
        for nama_db in ("a", "b"):
            x = sqlite3.connect(f"{d}/{nama_db}.db", isolation_level=None)
            x.execute("PRAGMA journal_mode = OFF")
            x.execute("PRAGMA synchronous = OFF")
            for nama in tabel:
                x.execute(f"CREATE TABLE {nama} ({', '.join(f'c{i}' for i in range(lebar[nama]))})")
            x.close()
        x = sqlite3.connect(f"{d}/a.db", isolation_level=None)
        t = time.process_time()
        x.execute("BEGIN")
        for nama in tabel:
            x.executemany(f"INSERT INTO {nama} VALUES ({','.join('?' * lebar[nama])})", isi[nama])
        x.execute("COMMIT")
        hasil["executemany semua baris saja"] = (time.process_time() - t) * 1e6 / n
        x.execute(f"ATTACH DATABASE '{d}/b.db' AS b")
        t = time.process_time()
        x.execute("BEGIN")
        for nama in tabel:
            x.execute(f"INSERT INTO b.{nama} SELECT * FROM main.{nama}")
        x.execute("COMMIT")
        hasil["INSERT ... SELECT semua baris saja"] = (time.process_time() - t) * 1e6 / n
        x.close()
    return hasil


def _jalankan_dan_amati(argv: list[str], lingkungan: dict[str, str], arsip: Path) -> tuple[float, float, float, float]:
    """(wall seconds, seconds the archive's write lock was seen held, peak RSS MB, CPU seconds) of one run:
    the parent tries the lock without waiting every 0.1 s, as a clerk's command would."""
    import resource
    import sqlite3
    import subprocess
    import time

    t0 = time.perf_counter()
    u0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    proses = subprocess.Popen(argv, env=lingkungan, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    pertama = terakhir = None
    while proses.poll() is None:
        time.sleep(0.1)
        try:
            db = sqlite3.connect(arsip, timeout=0, isolation_level=None)
            try:
                db.execute("BEGIN IMMEDIATE")
                db.execute("ROLLBACK")
            finally:
                db.close()
        except sqlite3.OperationalError:
            t = time.perf_counter()
            pertama = pertama or t
            terakhir = t
    semua = time.perf_counter() - t0
    if proses.returncode != 0:
        raise SystemExit(f"gagal: {' '.join(argv)}\n{proses.stderr.read().decode() if proses.stderr else ''}")
    u = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = u.ru_utime + u.ru_stime - u0.ru_utime - u0.ru_stime
    return semua, (terakhir - pertama) if pertama and terakhir else 0.0, u.ru_maxrss / 1024, cpu

if __name__ == "__main__":
    main()
