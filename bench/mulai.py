"""Start-up benchmark: daily commands against a floor measured in the same run.

Usage: python bench/mulai.py [--arsip PATH] [--ulang N]

The floor is a bare ``python -c pass`` with the same interpreter. Each command runs N
times as a real subprocess; the median is reported with its ratio to the floor. The
goals (issue 7): daily commands <= 5x the floor, ``--help`` <= 8x.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PY = sys.executable


def median_ms(argv: list[str], ulang: int, env: dict[str, str], siapkan: list[list[str]] | None = None) -> float:
    """Median wall time of ``argv`` over ``ulang`` runs (each preceded by its set-up, untimed)."""
    kali = []
    for i in range(ulang):
        if siapkan:
            subprocess.run(siapkan[i], env=env, check=True, capture_output=True)
        t0 = time.perf_counter()
        hasil = subprocess.run(argv, env=env, capture_output=True)
        kali.append((time.perf_counter() - t0) * 1000)
        if hasil.returncode != 0:
            raise SystemExit(f"{' '.join(argv)} gagal: {hasil.stderr.decode()[-300:]}")
    return statistics.median(kali)


def keluhan(*args: str) -> list[str]:
    return [PY, "-m", "keluhan", *args]


def main() -> list[tuple[str, float, float, float]]:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--arsip", type=Path, help="an existing archive (default: a fresh one with a few complaints)")
    ap.add_argument("--ulang", type=int, default=15)
    a = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="bench-mulai-"))
    arsip = a.arsip or tmp / "archive.db"
    env = os.environ | {"KELUHAN_ARSIP": str(arsip), "KELUHAN_PETUGAS": "Bench"}
    n = a.ulang
    ref = subprocess.run(keluhan("catat", "--nama", "PT Bench", "--media", "email", "--uraian", "x"),
                         env=env, check=True, capture_output=True, text=True).stdout.strip()
    lantai = median_ms([PY, "-c", "pass"], n, env)
    hasil = []

    def ukur(nama: str, argv: list[str], batas: float, siapkan: list[list[str]] | None = None) -> None:
        m = median_ms(argv, n, env, siapkan)
        hasil.append((nama, m, m / lantai, batas))

    ukur("--help", keluhan("--help"), 8)
    ukur("lihat", keluhan("lihat", ref), 5)
    ukur("daftar (halaman 1)", keluhan("daftar"), 5)
    ukur("catat", keluhan("catat", "--nama", "PT Bench", "--media", "email", "--uraian", "x"), 5)
    # Each validasi needs its own fresh complaint: recorded (untimed) just before.
    nomor = [subprocess.run(keluhan("catat", "--nama", "B", "--media", "kotak", "--uraian", "y"), env=env,
                            check=True, capture_output=True, text=True).stdout.strip() for _ in range(n)]
    it = iter(nomor)
    m = []
    for _ in range(n):
        t0 = time.perf_counter()
        subprocess.run(keluhan("validasi", next(it), "--benar", "--teruskan-ke", "Tim Inspeksi"), env=env, check=True, capture_output=True)
        m.append((time.perf_counter() - t0) * 1000)
    hasil.append(("validasi (langkah)", statistics.median(m), statistics.median(m) / lantai, 5))

    print(f"lantai: python -c pass = {lantai:.1f} ms (median dari {n})")
    print(f"{'perintah':<22}{'median ms':>10}{'rasio':>8}{'target':>8}  hasil")
    for nama, ms, rasio, batas in hasil:
        print(f"{nama:<22}{ms:>10.1f}{rasio:>7.1f}x{batas:>7.0f}x  {'memenuhi' if rasio <= batas else 'TIDAK memenuhi'}")
    return hasil


if __name__ == "__main__":
    main()
