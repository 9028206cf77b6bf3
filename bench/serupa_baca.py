"""catat's duplicate warning on an archive without writing to it: the full comparison of every
complaint of the last 14 days (what ``Arsip.serupa`` did before table kunci_serupa) against the
narrowed query, CPU per call in one process, and that both name the same complaints.

Usage: python bench/serupa_baca.py ARSIP [--kunci BERKAS]
ARSIP is opened read-only (``mode=ro``); when it has no kunci_serupa (an archive at an older
schema that must not be upgraded, e.g. a shared 1M copy), the table is built from its complaints
into BERKAS (default: beside this script's output, /tmp/serupa-kunci-<name>.db), attached, and
measured there; its build time and size per complaint (``dbstat``) are printed too.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from keluhan import pencarian  # noqa: E402
from keluhan import waktu as w  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("arsip", type=Path)
    ap.add_argument("--kunci", type=Path)
    a = ap.parse_args()
    db = sqlite3.connect(f"file:{a.arsip.resolve()}?mode=ro", uri=True)
    db.row_factory = sqlite3.Row
    n = db.execute("SELECT COUNT(*) FROM keluhan").fetchone()[0]
    sql = pencarian.SQL_SERUPA
    if not db.execute("SELECT 1 FROM sqlite_master WHERE name = 'kunci_serupa'").fetchone():
        kunci = a.kunci or Path(f"/tmp/serupa-kunci-{a.arsip.stem}.db")
        if not kunci.exists():
            k = sqlite3.connect(kunci)
            k.executescript(pencarian.SKEMA_SERUPA)
            c0, d0 = time.process_time(), time.perf_counter()
            baris = [b for r in db.execute("SELECT id, dicatat, nama, email, telepon FROM keluhan")
                     for b in pencarian.baris_serupa(dict(zip(("id", "dicatat", "nama", "email", "telepon"), r)))]
            pencarian.tulis_serupa_banyak(k, baris)
            k.commit()
            k.close()
            print(f"kunci_serupa dibangun: {len(baris)} baris, {time.process_time() - c0:.1f} s CPU, "
                  f"{time.perf_counter() - d0:.1f} s dinding")
        db.execute(f"ATTACH 'file:{kunci.resolve()}?mode=ro' AS kc")
        sql = sql.replace("FROM kunci_serupa s", "FROM kc.kunci_serupa s")
        skema = "kc"
    else:
        skema = "main"
    besar = db.execute(f"SELECT SUM(pgsize) FROM dbstat('{skema}') WHERE name = 'kunci_serupa'").fetchone()[0]
    print(f"kunci_serupa: {besar / n:.1f} B per keluhan ({n} keluhan)")

    def penuh(isian: dict, t) -> list[tuple[str, str]]:
        awal = t - timedelta(days=pencarian.HARI_SERUPA)
        hasil = []
        for r in db.execute("SELECT nomor, nama, email, telepon, uraian, dicatat FROM keluhan WHERE dicatat >= ?"
                            " AND dicatat <= ? AND status <> 'batal' ORDER BY dicatat DESC",
                            (w.iso(awal - timedelta(days=1)), w.iso(t + timedelta(days=1)))):
            x = dict(r)
            if awal <= w.dari_iso(x["dicatat"]) <= t and (s := pencarian.sebab_serupa(isian, x)):
                hasil.append((x["nomor"], s))
        return hasil

    def sempit(isian: dict, t) -> list[tuple[str, str]]:  # Arsip.serupa's body, on this connection
        awal = t - timedelta(days=pencarian.HARI_SERUPA)
        kunci_ = pencarian.kunci_serupa(isian)
        hasil = []
        for r in db.execute(sql, {**{f"k{i}": kunci_[i] if i < len(kunci_) else None for i in range(3)},
                                  "dari": int(awal.timestamp() // 1), "sampai": int(t.timestamp() // 1),
                                  "teks_dari": w.iso(awal - timedelta(days=1)), "teks_sampai": w.iso(t + timedelta(days=1))}):
            x = dict(r)
            if awal <= w.dari_iso(x["dicatat"]) <= t and (s := pencarian.sebab_serupa(isian, x)):
                hasil.append((x["nomor"], s))
        return hasil

    t = w.dari_iso(db.execute("SELECT MAX(dicatat) FROM keluhan").fetchone()[0])
    jendela = db.execute("SELECT COUNT(*) FROM keluhan WHERE dicatat >= ?", (w.iso(t - timedelta(days=14)),)).fetchone()[0]
    print(f"keluhan dalam 14 hari terakhir: {jendela}")
    contoh = [dict(r) for r in db.execute("SELECT nama, email, telepon, uraian FROM keluhan ORDER BY dicatat DESC LIMIT 5")]
    contoh.append({"nama": "PT Bench 1", "email": None, "telepon": None, "uraian": "Keluhan uji kecepatan"})
    for fn in (penuh, sempit):
        c = []
        for isian in contoh:
            for _ in range(3):
                c0 = time.process_time()
                fn(isian, t)
                c.append((time.process_time() - c0) * 1000)
        print(f"{fn.__name__}: median {statistics.median(c):.2f} ms CPU per panggilan (maks {max(c):.2f})")
    sama = [penuh(i, t) == sempit(i, t) for i in contoh]
    print(f"hasil sama: {all(sama)}; peringatan per contoh: {[len(penuh(i, t)) for i in contoh]}; "
          f"beban {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    if not all(sama):
        raise SystemExit(1)


if __name__ == "__main__":
    main()
