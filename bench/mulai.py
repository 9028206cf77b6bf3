"""Start-up benchmark: daily commands against a floor measured in the same run.

Usage: python bench/mulai.py [--arsip PATH] [--ulang N]

The floor is a bare ``python -c pass`` with the same interpreter. Each command runs N
times as a real subprocess (after one untimed warm-up), each run followed by a run of the
floor (piped or on the same pseudo-terminal); the ratio is the median CPU time (user +
system) of the command over the floor's, wall medians beside it. The goals (issue 17):
daily commands and ``--help`` <= 5x the floor, piped and on a pseudo-terminal;
``validasi`` piped only. Each timed ``catat`` records a new customer (the same one again
is a duplicate, which ``catat`` on a terminal asks about). The commands run with
PYTHONDONTWRITEBYTECODE unset (``_ukur.env``): users have the bytecode cache.

Without ``--arsip`` the commands run on a fresh archive with a few complaints. With it
(e.g. the 1M archive of ``bench/buat_arsip.py``) they run on that one: ``lihat`` of its
newest complaint and the first page of ``daftar`` read it; ``catat`` and ``validasi``
add a few complaints to it (dated now, so no past month's recap changes).
"""

from __future__ import annotations

import argparse
import itertools
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _ukur import NETRAL, PY, Hasil, Laporan, dinding_cpu, env, keluhan  # noqa: E402

TARGET_HARIAN, TARGET_BANTUAN = 5.0, 5.0


def jalankan(arsip: Path | None = None, ulang: int = 15, lantai: float | None = None, kode: Path | None = None,
             label: str = "") -> Laporan:
    """Each command ``ulang`` times (after an untimed warm-up), each run followed by a run of
    the floor, so a change in the machine's load hits both alike. The ratio is the median of
    the command's CPU time (user + system) over the floor's: on a shared machine wall time
    moves by a factor of two between rounds, CPU time much less; the wall medians are given
    beside it. ``lantai`` (a wall floor measured by the caller) is only reported."""
    besar = arsip is not None
    if arsip is None:
        arsip = Path(tempfile.mkdtemp(prefix="bench-mulai-")) / "archive.db"
    lingkungan = env(kode, KELUHAN_ARSIP=str(arsip), KELUHAN_PETUGAS="Bench")
    lap = Laporan(f"Perintah harian{label} ({'arsip ' + arsip.name if besar else 'arsip baru, beberapa keluhan'})")
    nomor = itertools.count(1)

    def catat() -> list[str]:
        # A new customer each run: the same name and text again is a duplicate, and on a
        # terminal catat asks before recording it (the benchmark would wait for an answer).
        return keluhan("catat", "--nama", f"PT Bench {next(nomor)}", "--media", "email",
                       "--uraian", "Keluhan uji kecepatan")

    if not besar:  # versions that create the archive only on `init` need it; older ones write keluhan.toml
        subprocess.run(keluhan("init"), env=lingkungan, capture_output=True, cwd=NETRAL)
    for _ in range(3):
        ref = subprocess.run(catat(), env=lingkungan, check=True, capture_output=True, text=True, cwd=NETRAL).stdout.strip()
    lantai_env = env(kode)
    cpu_lantai: list[float] = []
    dinding_lantai: list[float] = []
    print(f"{'perintah':<44}{'median':>12} {'':<10}{'target':>12}", flush=True)

    def ukur(nama: str, argv: Callable[[], list[str]], batas: float, terminal: bool = False) -> None:
        dinding, cpu, dl, cl = [], [], [], []
        for putaran in range(ulang + 1):
            d, c = dinding_cpu(argv(), lingkungan, terminal=terminal)
            d0, c0 = dinding_cpu([PY, "-c", "pass"], lantai_env, terminal=terminal)
            if putaran:  # the first round warms the caches, untimed
                dinding.append(d), cpu.append(c), dl.append(d0), cl.append(c0)
        dinding_lantai.extend(dl), cpu_lantai.extend(cl)
        r = statistics.median(cpu) / statistics.median(cl)
        lap.tambah(nama, r, "x", f"<= {batas:.0f}x", r <= batas,
                   f"CPU {statistics.median(cpu):.0f} ms / lantai {statistics.median(cl):.0f} ms; "
                   f"dinding {statistics.median(dinding):.0f} ms / lantai {statistics.median(dl):.0f} ms")

    for terminal in (False, True):
        di = " (terminal)" if terminal else ""
        ukur(f"keluhan --help{di}", lambda: keluhan("--help"), TARGET_BANTUAN, terminal)
        ukur(f"catat --help{di}", lambda: keluhan("catat", "--help"), TARGET_BANTUAN, terminal)
        ukur(f"lihat{di}", lambda: keluhan("lihat", ref), TARGET_HARIAN, terminal)
        ukur(f"daftar (halaman 1){di}", lambda: keluhan("daftar"), TARGET_HARIAN, terminal)
        ukur(f"catat{di}", catat, TARGET_HARIAN, terminal)

    # Each validasi needs its own fresh complaint, recorded (untimed) just before it.
    def validasi() -> list[str]:
        baru = subprocess.run(catat(), env=lingkungan, check=True, capture_output=True, text=True,
                              cwd=NETRAL).stdout.strip()
        return keluhan("validasi", baru, "--benar", "--teruskan-ke", "Tim Inspeksi")

    ukur("validasi (langkah)", validasi, TARGET_HARIAN)
    lap.hasil.insert(0, Hasil("lantai: python -c pass", statistics.median(cpu_lantai), "ms",
                              catatan=f"CPU; dinding {statistics.median(dinding_lantai):.0f} ms"
                                      + (f" (lantai dinding pemanggil {lantai:.0f} ms)" if lantai else "")))
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
