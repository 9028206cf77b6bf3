"""``keluhan periksa`` on a big archive: seconds per 100,000 complaints and peak memory.

Usage: python bench/pemeriksaan.py --arsip bench/out/arsip-1000000.db

One whole run of ``keluhan periksa`` as a real process (PYTHONDONTWRITEBYTECODE unset,
``_ukur.env``), its wall time, CPU time (user + system of the command and its worker
processes, the steadier figure on a loaded machine, but summed over the cores) and peak
RSS measured by a parent that runs nothing else (``_ukur.proses``). Goals (issue 17): at
most 30 s per 100,000 complaints (the wall time: the replay runs in one worker process
per core; the CPU time is reported beside it), peak RSS under 200 MB. The run reads the
archive only (``periksa`` writes nothing), so it is measured on the archive itself.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import sys
from contextlib import closing
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _ukur import Laporan, env, keluhan, proses  # noqa: E402

TARGET_S_PER_100K, TARGET_MB = 30.0, 200.0


def jalankan(arsip: Path, kode: Path | None = None, label: str = "") -> Laporan:
    with closing(sqlite3.connect(f"file:{arsip}?mode=ro", uri=True)) as db:
        n = int(db.execute("SELECT COUNT(*) FROM keluhan").fetchone()[0])
    lap = Laporan(f"periksa{label}: {n:,} keluhan dari {arsip.name}".replace(",", " "))
    dinding, cpu, mb = proses(keluhan("--arsip", str(arsip), "periksa"), env(kode))
    jumlah = f"{n:,} keluhan".replace(",", " ")
    per_100k = dinding * 100_000 / n
    lap.tambah("periksa, dinding per 100 000 keluhan", per_100k, "s", f"<= {TARGET_S_PER_100K:.0f} s",
               per_100k <= TARGET_S_PER_100K,
               f"dinding {dinding:.0f} s untuk {jumlah}, beban {os.getloadavg()[0]:.1f} (pekerja: satu per inti)")
    per_100k = cpu * 100_000 / n
    lap.tambah("periksa, CPU per 100 000 keluhan", per_100k, "s", f"<= {TARGET_S_PER_100K:.0f} s",
               per_100k <= TARGET_S_PER_100K, f"CPU {cpu:.0f} s (semua proses) untuk {jumlah}")
    lap.tambah("RSS puncak periksa", mb, "MB", f"< {TARGET_MB:.0f} MB", mb < TARGET_MB,
               "proses terbesar; pekerja masing-masing sebesar itu atau kurang")
    return lap


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--arsip", type=Path, required=True)
    ap.add_argument("--kode", type=Path, help="another version's source tree to measure (e.g. from git archive)")
    a = ap.parse_args()
    jalankan(a.arsip, a.kode)


if __name__ == "__main__":
    main()
