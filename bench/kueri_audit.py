"""How long each documented audit query takes on a large archive, as Datasette runs it
(Python's sqlite3, every parameter blank, then with its examples): the figure behind the
``sql_time_limit_ms`` advice in docs/arsip.md.

    python bench/kueri_audit.py bench/out/arsip-1m.db [--ulang 3]
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
import time
from pathlib import Path

AKAR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(AKAR))

from keluhan import skema  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("arsip", type=Path)
    ap.add_argument("--ulang", type=int, default=3, help="runs per query; the fastest counts")
    a = ap.parse_args()
    db = sqlite3.connect(f"file:{a.arsip}?mode=ro", uri=True)
    print(f"{'kueri':<28} {'kosong ms':>10} {'baris':>8} {'contoh ms':>10} {'baris':>8}")
    for q in skema.KUERI:
        hasil = []
        for parameter in ({}, q.contoh):
            terbaik, n = float("inf"), 0
            for _ in range(a.ulang):
                mulai = time.perf_counter()
                n = len(skema.jalankan_kueri(db, q, parameter))
                terbaik = min(terbaik, time.perf_counter() - mulai)
            hasil += [terbaik * 1000, n]
        print(f"{q.nama:<28} {hasil[0]:>10.0f} {hasil[1]:>8} {hasil[2]:>10.0f} {hasil[3]:>8}")
    db.close()


if __name__ == "__main__":
    main()
