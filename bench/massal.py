"""Bulk benchmark: ``keluhan ekspor`` of a big archive and ``keluhan impor`` of that export.

Usage: python bench/massal.py --arsip bench/out/arsip-1m.db [--keluar bench/out]

``ekspor`` writes every complaint with its full history (CSV, the columns ``impor``
reads); ``impor --jalankan`` reads that file into a fresh archive, through the
workflow's checks, the fold and the hash chain. Goals (issue 7): at least 50 000
complaints/s each; ``ekspor`` streams (peak RSS < 200 MB). Floors from the same run: the
``sqlite3`` CLI writing the ``keluhan`` table as CSV (for ekspor), and Python's ``csv``
module only reading the export (for impor).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _ukur import PY, Laporan, env, jalan, keluhan, puncak_mb  # noqa: E402

TARGET_PER_S, TARGET_MB = 50_000, 200.0


def _jumlah(arsip: Path) -> int:
    import sqlite3

    from contextlib import closing

    with closing(sqlite3.connect(f"file:{arsip}?mode=ro", uri=True)) as db:
        return int(db.execute("SELECT COUNT(*) FROM keluhan").fetchone()[0])


def _perlu_sqlite3() -> None:
    import shutil

    if shutil.which("sqlite3") is None:
        raise SystemExit("Perlu sqlite3 CLI untuk lantai perbandingan: apt-get install sqlite3")


def jalankan(arsip: Path, keluar: Path, kode: Path | None = None, label: str = "", impor_jumlah: int | None = None) -> Laporan:
    _perlu_sqlite3()
    keluar.mkdir(parents=True, exist_ok=True)
    n = _jumlah(arsip)
    lap = Laporan(f"Impor dan ekspor{label}: {n:,} keluhan dari {arsip.name}".replace(",", " "))
    csv = keluar / "ekspor.csv"
    # ekspor: the whole archive, its peak memory measured on the same run
    mb, dt = puncak_mb(keluhan("--arsip", str(arsip), "ekspor", "--keluar", str(csv)), env(kode))
    lantai = jalan(["sh", "-c", f"sqlite3 -csv '{arsip}' 'SELECT * FROM keluhan' > /dev/null"])
    lap.tambah("ekspor (csv, riwayat lengkap)", n / dt, "keluhan/s", f">= {TARGET_PER_S:,}".replace(",", " "),
               n / dt >= TARGET_PER_S, f"{dt:.1f} s; {dt / lantai:.1f}x sqlite3 -csv keluhan ({lantai:.1f} s)")
    lap.tambah("RSS puncak ekspor", mb, "MB", f"< {TARGET_MB:.0f} MB", mb < TARGET_MB)
    lap.tambah("ukuran berkas ekspor", csv.stat().st_size / n, "B/keluhan")
    # impor: the export (or its first rows) into a fresh archive, in one transaction
    if impor_jumlah and impor_jumlah < n:
        bagian = keluar / f"ekspor-{impor_jumlah}.csv"
        import csv as modul_csv
        from itertools import islice

        with csv.open(encoding="utf-8-sig", newline="") as f, bagian.open("w", encoding="utf-8-sig", newline="") as g:
            modul_csv.writer(g, lineterminator="\r\n").writerows(islice(modul_csv.reader(f), impor_jumlah + 1))
        csv, n = bagian, impor_jumlah
    baru = keluar / "impor.db"
    for p in keluar.glob("impor.db*"):
        p.unlink()
    mb, dt = puncak_mb(keluhan("--arsip", str(baru), "--petugas", "Bench", "impor", str(csv), "--jalankan"), env(kode))
    lantai = jalan([PY, "-c", "import csv, sys; sum(1 for _ in csv.reader(open(sys.argv[1], encoding='utf-8-sig')))", str(csv)])
    lap.tambah(f"impor --jalankan (csv, {n:,} keluhan)".replace(",", " "), n / dt, "keluhan/s", f">= {TARGET_PER_S:,}".replace(",", " "),
               n / dt >= TARGET_PER_S, f"{dt:.1f} s; {dt / lantai:.1f}x csv.reader saja ({lantai:.1f} s); RSS {mb:.0f} MB")
    lap.tambah("ukuran arsip hasil impor", baru.stat().st_size / n, "B/keluhan")
    return lap


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--arsip", type=Path, required=True)
    ap.add_argument("--keluar", type=Path, default=Path(__file__).resolve().parent / "out")
    a = ap.parse_args()
    jalankan(a.arsip, a.keluar)


if __name__ == "__main__":
    main()
