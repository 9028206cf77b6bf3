"""The calendar's share of ``periksa`` and the bulk import: every stored step of an archive
measured again as ``periksa``'s replay measures it, CPU per phase (issue 17, session 9).

Usage: PYTHONPATH=<a checkout> python bench/kalender.py --arsip bench/out/arsip-100000.db [--putaran 3]

Reads ``durasi_langkah`` (start, end, mutu baku, stored deadline text, minutes, verdict) once,
then per round, in one process, with ``time.process_time``: each distinct time text to its
instant (``Kalender.us_teks`` where the checkout has it, else ``datetime.fromisoformat`` and
``Kalender.us``), every step's ``Kalender.ukur_us`` (duration, deadline, verdict) and its
deadline's text (``Kalender.iso_us``), split by the standard's unit. Every result is compared
with the stored row: a run whose figures disagree with the archive says so and fails.
Run it with ``PYTHONPATH`` set to each version to compare them on the same archive.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import sys
import time
from contextlib import closing
from datetime import datetime
from pathlib import Path
from typing import Any


def _satu(db: sqlite3.Connection, baris: list[tuple[Any, ...]]) -> dict[str, float]:
    from keluhan import tenggat
    from keluhan.kalender import MutuBaku

    zona = tenggat.zona_arsip(db) or "Asia/Jakarta"
    kal = tenggat.muat_kalender(db, zona)
    mutu = {t: MutuBaku.parse(t) for t in {r[2] for r in baris}}
    us_teks = getattr(kal, "us_teks", None)
    baca = datetime.fromisoformat
    hasil: dict[str, float] = {}
    c = time.process_time()
    instan: dict[str, tuple[Any, int]] = {}
    for r in baris:
        for teks in (r[0], r[1]):
            if teks not in instan:
                u = us_teks(teks) if us_teks else None
                if u is None:
                    t = baca(teks)
                    instan[teks] = (t, kal.us(t))
                else:
                    instan[teks] = (None, u)  # (a checkout with us_teks takes no datetime: ukur_us(..., None))
    hasil["teks -> instan"] = time.process_time() - c
    ukur = kal.ukur_us
    keluar: list[tuple[int, int, bool]] = []
    for satuan in ("menit", "jam", "hari"):
        bagian = [r for r in baris if r[2].endswith(satuan)]
        if not bagian:
            continue
        c = time.process_time()
        for r in bagian:
            ta, a = instan[r[0]]
            keluar.append(ukur(a, instan[r[1]][1], mutu[r[2]], ta))
        hasil[f"ukur_us ({satuan}, {len(bagian)} langkah)"] = time.process_time() - c
    urut = [r for satuan in ("menit", "jam", "hari") for r in baris if r[2].endswith(satuan)]
    iso = kal.iso_us
    c = time.process_time()
    teks = [iso(k[1]) for k in keluar]
    hasil["iso_us"] = time.process_time() - c
    beda = sum(1 for r, k, x in zip(urut, keluar, teks)
               if x != r[3] or int(k[2]) != r[5] or abs(round(k[0] / 60_000_000, 6) - r[4]) > 1e-6)
    if beda:
        raise SystemExit(f"{beda} langkah berbeda dari arsip: hasil kalender ini tidak sama")
    return hasil


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--arsip", type=Path, required=True)
    ap.add_argument("--putaran", type=int, default=3)
    a = ap.parse_args()
    import keluhan

    with closing(sqlite3.connect(f"file:{a.arsip}?mode=ro", uri=True)) as db:
        baris = db.execute("SELECT mulai, akhir, mutu_baku, batas, menit_kerja, patuh FROM durasi_langkah "
                           "WHERE menit_tunda = 0 AND akhir IS NOT NULL").fetchall()
        print(f"{len(baris)} langkah dari {a.arsip.name}; keluhan dari {Path(keluhan.__file__).parent.parent}; "
              f"beban {os.getloadavg()[0]:.1f}")
        for k in range(a.putaran):
            h = _satu(db, baris)
            print(f"putaran {k + 1}: " + "; ".join(f"{n} {v:.2f} s" for n, v in h.items())
                  + f"; jumlah {sum(h.values()):.2f} s = {sum(h.values()) * 1e6 / len(baris):.2f} us/langkah")


if __name__ == "__main__":
    sys.exit(main())
