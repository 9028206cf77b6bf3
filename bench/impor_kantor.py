"""Benchmark: ``keluhan impor`` of a register as a clerk's office keeps it (issue 13).

Usage: python bench/impor_kantor.py [--jumlah 200000] [--keluar bench/out]

The register is a ``;`` CSV with day-first dates and the Indonesian clock
("2/11/2025 08.10"), every complaint recorded, most validated, some through action,
verification and information, as an office's spreadsheet has them; officers named in
every row. Measured: the check alone (the dry run, no transaction) and ``--jalankan``
(the same check without any lock, then the write under the lock): complaints/s of each,
and how long the write lock was held (seen from outside, as a clerk's command sees it),
which is how long clerks are told "impor sedang berjalan".
Run with PYTHONDONTWRITEBYTECODE unset.
"""

from __future__ import annotations

import argparse
import csv
import sys
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _ukur import Laporan, env, keluhan, puncak_mb  # noqa: E402

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
    a.keluar.mkdir(parents=True, exist_ok=True)
    register = a.keluar / f"register-kantor-{a.jumlah}.csv"
    if not register.exists():
        buat(register, a.jumlah)
    arsip = a.keluar / "impor-kantor.db"
    for p in a.keluar.glob("impor-kantor.db*"):
        p.unlink()
    (a.keluar / "keluhan.toml").unlink(missing_ok=True)
    lingkungan = env()
    import subprocess

    subprocess.run(keluhan("--arsip", str(arsip), "init"), env=lingkungan, check=True, capture_output=True)
    n = a.jumlah
    lap = Laporan(f"Impor register kantor: {n:,} keluhan, tanggal hari dahulu".replace(",", " "))
    mb, periksa = puncak_mb(keluhan("--arsip", str(arsip), "--petugas", "Bench", "impor", str(register)), lingkungan)
    lap.tambah("impor (uji coba: pemeriksaan saja)", n / periksa, "keluhan/s", catatan=f"{periksa:.1f} s; RSS {mb:.0f} MB")
    semua, terkunci, mb = _jalankan_dan_amati(
        keluhan("--arsip", str(arsip), "--petugas", "Bench", "impor", str(register), "--jalankan"), lingkungan, arsip)
    lap.tambah("impor --jalankan (periksa + tulis)", n / semua, "keluhan/s", catatan=f"{semua:.1f} s; RSS {mb:.0f} MB")
    lap.tambah("  kunci tulis dipegang", terkunci, "s",
               catatan=f"{n / max(terkunci, 1e-9):,.0f} keluhan/s; {100 * terkunci / semua:.0f}% dari --jalankan; selama "
                       "itu perintah tulis lain: 'impor sedang berjalan'".replace(",", " "))


def _jalankan_dan_amati(argv: list[str], lingkungan: dict[str, str], arsip: Path) -> tuple[float, float, float]:
    """(wall seconds, seconds the archive's write lock was seen held, peak RSS MB) of one run:
    the parent tries the lock without waiting every 0.1 s, as a clerk's command would."""
    import resource
    import sqlite3
    import subprocess
    import time

    t0 = time.perf_counter()
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
    mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return semua, (terakhir - pertama) if pertama and terakhir else 0.0, mb

if __name__ == "__main__":
    main()
