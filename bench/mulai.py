"""Start-up benchmark: daily commands against a floor measured in the same run.

Usage: python bench/mulai.py [--arsip PATH] [--ulang N]

The floor is a bare ``python -c pass`` with the same interpreter. Each command runs N
times as a real subprocess (after one untimed warm-up); the median is reported with its
ratio to the floor. The goals (issue 17): daily commands and ``--help`` <= 5x the floor,
piped and on a pseudo-terminal (where rich's console is loaded); ``validasi`` piped only.
Run ``env -u PYTHONDONTWRITEBYTECODE`` (semua.py does): users have the bytecode cache.

Without ``--arsip`` the commands run on a fresh archive with a few complaints. With it
(e.g. the 1M archive of ``bench/buat_arsip.py``) they run on that one: ``lihat`` of its
newest complaint and the first page of ``daftar`` read it; ``catat`` and ``validasi``
add a few complaints to it (dated now, so no past month's recap changes).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _ukur import NETRAL, Laporan, env, jalan, keluhan, lantai_ms, median_ms  # noqa: E402

TARGET_HARIAN, TARGET_BANTUAN = 5.0, 5.0


def jalankan(arsip: Path | None = None, ulang: int = 15, lantai: float | None = None, kode: Path | None = None,
             label: str = "") -> Laporan:
    besar = arsip is not None
    if arsip is None:
        arsip = Path(tempfile.mkdtemp(prefix="bench-mulai-")) / "archive.db"
    lingkungan = env(kode, KELUHAN_ARSIP=str(arsip), KELUHAN_PETUGAS="Bench")
    lap = Laporan(f"Perintah harian{label} ({'arsip ' + arsip.name if besar else 'arsip baru, beberapa keluhan'})")
    catat = keluhan("catat", "--nama", "PT Bench", "--media", "email", "--uraian", "Keluhan uji kecepatan")
    if not besar:  # versions that create the archive only on `init` need it; older ones write keluhan.toml
        subprocess.run(keluhan("init"), env=lingkungan, capture_output=True, cwd=NETRAL)
    for _ in range(3):
        ref = subprocess.run(catat, env=lingkungan, check=True, capture_output=True, text=True, cwd=NETRAL).stdout.strip()
    lantai = lantai or lantai_ms(ulang)
    lap.tambah("lantai: python -c pass", lantai, "ms")
    print(f"{'perintah':<44}{'median':>12} {'':<10}{'target':>12}", flush=True)

    def ukur(nama: str, ms: float, batas: float) -> None:
        r = ms / lantai
        lap.tambah(nama, r, "x", f"<= {batas:.0f}x", r <= batas, f"{ms:.0f} ms")

    for terminal in (False, True):
        di = " (terminal)" if terminal else ""
        ukur(f"keluhan --help{di}", median_ms(keluhan("--help"), ulang, lingkungan, terminal=terminal), TARGET_BANTUAN)
        ukur(f"catat --help{di}", median_ms(keluhan("catat", "--help"), ulang, lingkungan, terminal=terminal),
             TARGET_BANTUAN)
        ukur(f"lihat{di}", median_ms(keluhan("lihat", ref), ulang, lingkungan, terminal=terminal), TARGET_HARIAN)
        ukur(f"daftar (halaman 1){di}", median_ms(keluhan("daftar"), ulang, lingkungan, terminal=terminal),
             TARGET_HARIAN)
        ukur(f"catat{di}", median_ms(catat, ulang, lingkungan, terminal=terminal), TARGET_HARIAN)
    # Each validasi needs its own fresh complaint, recorded (untimed) just before it.
    kali = []
    for _ in range(ulang):
        nomor = subprocess.run(catat, env=lingkungan, check=True, capture_output=True, text=True, cwd=NETRAL).stdout.strip()
        kali.append(jalan(keluhan("validasi", nomor, "--benar", "--teruskan-ke", "Tim Inspeksi"), lingkungan))
    ukur("validasi (langkah)", statistics.median(kali) * 1000, TARGET_HARIAN)
    return lap


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--arsip", type=Path, help="an existing archive (default: a fresh one with a few complaints)")
    ap.add_argument("--ulang", type=int, default=15)
    ap.add_argument("--kode", type=Path, help="another version's source tree to measure (e.g. from git archive)")
    a = ap.parse_args()
    t = time.perf_counter()
    jalankan(a.arsip, a.ulang, kode=a.kode, label=f" ({a.kode})" if a.kode else "")
    print(f"({time.perf_counter() - t:.0f} s)")


if __name__ == "__main__":
    main()
