"""Bulk benchmark: ``keluhan ekspor`` of a big archive and ``keluhan impor`` of that export.

Usage: python bench/massal.py --arsip bench/out/arsip-1m.db [--keluar bench/out]

``ekspor`` writes every complaint with its full history (CSV, the columns ``impor``
reads, and NDJSON); ``impor --jalankan`` reads the CSV into a fresh archive, through the
workflow's checks, the fold and the hash chain. Goals (issue 17): ``ekspor`` at least
30 000 complaints/s, streaming (peak RSS < 200 MB); ``impor`` at least 10 000/s. Each
figure is one whole run as a real process (PYTHONDONTWRITEBYTECODE unset), its wall time
and its CPU time (user + system of the child: on a shared machine the wall time moves with
the load, the CPU time much less), both reported; the rate is taken on wall time, as a
clerk waits for it. Floors from the same run: the ``sqlite3`` CLI writing the ``keluhan``
table as CSV (for ekspor), and Python's ``csv`` module only reading the export (for impor).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _ukur import NETRAL, PY, Laporan, env, jalan, keluhan, proses  # noqa: E402

TARGET_EKSPOR, TARGET_IMPOR, TARGET_MB = 30_000, 10_000, 200.0

def _ukur_proses(argv: list[str], lingkungan: dict[str, str]) -> tuple[float, float, float]:
    """(wall s, CPU s, peak RSS MB) of one run, measured by a parent that runs nothing else."""
    return proses(argv, lingkungan)


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
    lantai = jalan(["sh", "-c", f"sqlite3 -csv '{arsip}' 'SELECT * FROM keluhan' > /dev/null"])
    csv = keluar / "ekspor.csv"
    for format, berkas in (("csv", csv), ("ndjson", keluar / "ekspor.ndjson")):
        for p in (berkas,):
            p.unlink(missing_ok=True)
        dt, cpu, mb = _ukur_proses(keluhan("--arsip", str(arsip), "ekspor", "--format", format, "--keluar", str(berkas)),
                                   env(kode))
        lap.tambah(f"ekspor ({format}, riwayat lengkap)", n / dt, "keluhan/s", f">= {TARGET_EKSPOR:,}".replace(",", " "),
                   n / dt >= TARGET_EKSPOR, f"{dt:.1f} s (CPU {cpu:.1f} s = {n / cpu:,.0f}/s); {dt / lantai:.1f}x sqlite3 "
                   f"-csv keluhan ({lantai:.1f} s)".replace(",", " "))
        lap.tambah(f"RSS puncak ekspor {format}", mb, "MB", f"< {TARGET_MB:.0f} MB", mb < TARGET_MB)
        lap.tambah(f"ukuran berkas ekspor {format}", berkas.stat().st_size / n, "B/keluhan")
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
    # An archive is made by `keluhan init` only (versions before that made it on first use).
    subprocess.run(keluhan("--arsip", str(baru), "init"), env=env(kode), capture_output=True, cwd=NETRAL)
    dt, cpu, mb = _ukur_proses(keluhan("--arsip", str(baru), "--petugas", "Bench", "impor", str(csv), "--jalankan"),
                               env(kode))
    lantai = jalan([PY, "-c", "import csv, sys; sum(1 for _ in csv.reader(open(sys.argv[1], encoding='utf-8-sig')))", str(csv)])
    lap.tambah(f"impor --jalankan (csv, {n:,} keluhan)".replace(",", " "), n / dt, "keluhan/s",
               f">= {TARGET_IMPOR:,}".replace(",", " "), n / dt >= TARGET_IMPOR,
               f"{dt:.1f} s (CPU {cpu:.1f} s); {dt / lantai:.1f}x csv.reader saja ({lantai:.1f} s); RSS {mb:.0f} MB")
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
