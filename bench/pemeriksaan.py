"""``keluhan periksa`` on a big archive: seconds per 100,000 complaints and peak memory.

Usage: python bench/pemeriksaan.py --arsip bench/out/arsip-1000000.db

One whole run of ``keluhan periksa`` as a real process (PYTHONDONTWRITEBYTECODE unset,
``_ukur.env``), its wall time, CPU time (user + system of the child, the steadier figure
on a loaded machine) and peak RSS measured by a parent that runs nothing else. Goals
(issue 17): at most 30 s per 100,000 complaints, peak RSS under 200 MB. The run reads the
archive only (``periksa`` writes nothing), so it is measured on the archive itself.
"""

from __future__ import annotations

import argparse
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _ukur import NETRAL, PY, Laporan, env, keluhan  # noqa: E402

TARGET_S_PER_100K, TARGET_MB = 30.0, 200.0

_ANAK = (
    "import resource, subprocess, sys\n"
    "r = subprocess.run(sys.argv[1:], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)\n"
    "sys.stderr.buffer.write(r.stderr[-2000:])\n"
    "u = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
    "print(u.ru_maxrss, u.ru_utime + u.ru_stime)\n"
    "sys.exit(r.returncode)\n"
)


def jalankan(arsip: Path, kode: Path | None = None, label: str = "") -> Laporan:
    with closing(sqlite3.connect(f"file:{arsip}?mode=ro", uri=True)) as db:
        n = int(db.execute("SELECT COUNT(*) FROM keluhan").fetchone()[0])
    lap = Laporan(f"periksa{label}: {n:,} keluhan dari {arsip.name}".replace(",", " "))
    t0 = time.perf_counter()
    hasil = subprocess.run([PY, "-c", _ANAK, *keluhan("--arsip", str(arsip), "periksa")], env=env(kode),
                           capture_output=True, text=True, cwd=NETRAL)
    dinding = time.perf_counter() - t0
    if hasil.returncode != 0:
        raise SystemExit(f"periksa gagal ({hasil.returncode}):\n{hasil.stderr[-2000:]}")
    rss_kb, cpu = hasil.stdout.split()
    per_100k = float(cpu) * 100_000 / n
    lap.tambah("periksa, CPU per 100 000 keluhan", per_100k, "s", f"<= {TARGET_S_PER_100K:.0f} s",
               per_100k <= TARGET_S_PER_100K,
               f"CPU {float(cpu):.0f} s; dinding {dinding:.0f} s untuk " + f"{n:,} keluhan".replace(",", " "))
    mb = int(rss_kb) / 1024
    lap.tambah("RSS puncak periksa", mb, "MB", f"< {TARGET_MB:.0f} MB", mb < TARGET_MB)
    return lap


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--arsip", type=Path, required=True)
    ap.add_argument("--kode", type=Path, help="another version's source tree to measure (e.g. from git archive)")
    a = ap.parse_args()
    jalankan(a.arsip, a.kode)


if __name__ == "__main__":
    main()
