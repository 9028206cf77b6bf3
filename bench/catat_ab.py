"""catat before and after a change, on copies of the same archive: each run of the old code, then of
the new, each followed by a run of the floor (``python -c pass``), interleaved so that the shared
machine's load hits both alike; the ratio is the CPU median over the floor's, as bench/mulai.py
measures it (the same ``catat`` of a new customer each run, the same ``_ukur.dinding_cpu``).

Usage: python bench/catat_ab.py KODE_SEBELUM ARSIP_SEBELUM ARSIP_SESUDAH [--ulang N] [--terminal]
KODE_SEBELUM: a source tree of the old version (``git archive REV | tar -x -C DIR``); the new is
this checkout. Give each its own copy of the archive (catat writes); copy again between runs, or
start the names elsewhere (``--mulai``): a name recorded by an earlier run is a duplicate, which
catat on a terminal asks about.
"""

from __future__ import annotations

import argparse
import itertools
import os
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _ukur import AKAR, PY, dinding_cpu, env, keluhan  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("kode_sebelum", type=Path)
    ap.add_argument("arsip_sebelum", type=Path)
    ap.add_argument("arsip_sesudah", type=Path)
    ap.add_argument("--ulang", type=int, default=25)
    ap.add_argument("--terminal", action="store_true", help="stdin, stdout and stderr on a pseudo-terminal")
    ap.add_argument("--mulai", type=int, default=5000, help="the first customer's number (PT Bench N)")
    a = ap.parse_args()
    versi = {"sebelum": env(a.kode_sebelum, KELUHAN_ARSIP=str(a.arsip_sebelum.resolve()), KELUHAN_PETUGAS="Bench"),
             "sesudah": env(AKAR, KELUHAN_ARSIP=str(a.arsip_sesudah.resolve()), KELUHAN_PETUGAS="Bench")}
    lantai = env(AKAR)
    nomor = itertools.count(a.mulai)
    hasil: dict[str, tuple[list[float], list[float]]] = {k: ([], []) for k in (*versi, "lantai")}
    for putaran in range(a.ulang + 1):
        for nama, lingkungan in versi.items():
            argv = keluhan("catat", "--nama", f"PT Bench {next(nomor)}", "--media", "email",
                           "--uraian", "Keluhan uji kecepatan")
            d, c = dinding_cpu(argv, lingkungan, terminal=a.terminal)
            d0, c0 = dinding_cpu([PY, "-c", "pass"], lantai, terminal=a.terminal)
            if putaran:  # the first round warms the caches, untimed
                for k, (x, y) in ((nama, (d, c)), ("lantai", (d0, c0))):
                    hasil[k][0].append(x), hasil[k][1].append(y)
    m = statistics.median
    dl, cl = m(hasil["lantai"][0]), m(hasil["lantai"][1])
    print(f"lantai: CPU {cl:.1f} ms, dinding {dl:.1f} ms ({'terminal' if a.terminal else 'dipipa'})")
    for nama in versi:
        d, c = hasil[nama]
        print(f"catat {nama}: CPU {m(c):.1f} ms = {m(c) / cl:.2f}x, dinding {m(d):.1f} ms = {m(d) / dl:.2f}x"
              f" (median {a.ulang})")
    print("beban", " ".join(f"{x:.2f}" for x in os.getloadavg()))


if __name__ == "__main__":
    main()
