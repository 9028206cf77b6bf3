"""Recap benchmark: ``keluhan rekap --bulan`` on a big archive, against floors from the same run.

Usage: python bench/rekap.py --arsip bench/out/arsip-1m.db [--ulang N] [--bulan YYYY-MM] [--tanpa-tahunan]
       [--sebelum DIR] [--simpan] [--cpu]

``rekap --bulan`` with no value recaps the last complete month, as the cron job runs it
(``--bulan YYYY-MM``: that month instead, e.g. 2026-10 as issue 17 measured it).
Each format (md, the default when piped; html, what the cron job writes; json) is timed
as a real subprocess writing its file (median of N). Goal (issue 7): at most 500 ms for
the whole command. Also reported: the ratio to the ``sqlite3`` CLI running the
equivalent counting query (the month's complaints per status), to ``python -c pass``,
and the peak RSS of the month's and of the last complete year's recap (goal: < 200 MB).
``--simpan`` first keeps the closed months' figures as the first writer after a month closes
does (keluhan/rekap_bulan.py; it writes to the archive) and reports what that took; without it
a month nobody has written since it closed is measured live. ``--cpu`` also reports each format's median CPU
time (user + system of the process, as /usr/bin/time says it) against the floors' CPU in the same run.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _ukur import PY, Laporan, dinding_cpu, env, keluhan, lantai_ms, median_ms, puncak_mb  # noqa: E402

# Issue 17: json <= 300 ms and <= 15x the sqlite3 query; html <= 500 ms (md: as html).
TARGET_MS, TARGET_MB = {"json": 300.0, "html": 500.0, "md": 500.0}, 200.0
TARGET_KALI = 15.0


def bulan_lalu(hari_ini: date | None = None) -> tuple[date, date]:
    """The last complete month: its first day and the day after its last."""
    awal_ini = (hari_ini or date.today()).replace(day=1)
    return (awal_ini - timedelta(days=1)).replace(day=1), awal_ini


def _perlu_sqlite3() -> None:
    import shutil

    if shutil.which("sqlite3") is None:
        raise SystemExit("Perlu sqlite3 CLI untuk lantai perbandingan: apt-get install sqlite3")


# What the first writer after a month closes does (keluhan/rekap_bulan.py): keep the closed months' recap
# figures, one month per write, newest first; run here until the month measured is kept (or is below the
# threshold), each round timed as its own process.
_SIMPAN = """
import sys, time
from pathlib import Path
from keluhan import pengaturan, rekap_bulan
from keluhan.arsip import Arsip
a = Arsip(Path(sys.argv[1]), pengaturan.muat(None))
mulai = time.perf_counter()
bulan = rekap_bulan.simpan(a)
print(bulan or "", f"{(time.perf_counter() - mulai) * 1000:.0f}")
a.tutup()
"""


def simpan_bulan(arsip: Path, bulan: str, lingkungan: dict[str, str]) -> list[tuple[str, float]]:
    """Keep the closed months as the writers would, until ``bulan`` is kept: (month, ms) per month computed."""
    hasil = []
    for _ in range(4):
        keluar = subprocess.run([sys.executable, "-c", _SIMPAN, str(arsip)], env=lingkungan, capture_output=True,
                                text=True, check=True).stdout.split()
        if len(keluar) < 2:
            break
        hasil.append((keluar[0], float(keluar[1])))
        if keluar[0] == bulan:
            break
    return hasil


def median_cpu_ms(argv: list[str], ulang: int, lingkungan: dict[str, str] | None = None) -> tuple[float, float]:
    """(median wall ms, median CPU ms) of ``ulang`` runs after one warm-up: CPU is the process's own user + system
    time (wait4), the steadier figure on a shared machine."""
    import statistics

    dinding_cpu(argv, lingkungan)
    runs = [dinding_cpu(argv, lingkungan) for _ in range(ulang)]
    return statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs)


def jalankan(arsip: Path, ulang: int = 7, lantai: float | None = None, kode: Path | None = None, label: str = "",
             tahunan: bool = True, bulan: str | None = None, simpan: bool = False, cpu: bool = False) -> Laporan:
    _perlu_sqlite3()
    lingkungan = env(kode, KELUHAN_ARSIP=str(arsip))
    keluar = Path(tempfile.mkdtemp(prefix="bench-rekap-"))
    if bulan:
        m = date.fromisoformat(f"{bulan}-01")
        a = (m + timedelta(days=32)).replace(day=1)
    else:
        m, a = bulan_lalu()
    opsi_bulan = ["--bulan", f"{m:%Y-%m}"] if bulan else ["--bulan"]
    jumlah = subprocess.run(["sqlite3", str(arsip), f"SELECT COUNT(*) FROM keluhan WHERE dicatat >= '{m}' AND dicatat < '{a}'"],
                            capture_output=True, text=True, check=True).stdout.strip()
    lap = Laporan(f"rekap{label} --bulan ({m:%Y-%m}, {jumlah} keluhan) pada {arsip.name}")
    if simpan:
        for b, ms in simpan_bulan(arsip, f"{m:%Y-%m}", lingkungan):
            lap.tambah(f"penulis pertama: menyimpan angka rekap {b}", ms, "ms", catatan="sekali per bulan tertutup")
    lantai = lantai or lantai_ms(ulang)
    lap.tambah("lantai: python -c pass", lantai, "ms")
    sql = f"SELECT status, COUNT(*) FROM keluhan WHERE dicatat >= '{m}' AND dicatat < '{a}' GROUP BY status;"
    cli = median_ms(["sqlite3", str(arsip), sql], ulang)
    lap.tambah("sqlite3 CLI: hitungan per status sebulan", cli, "ms", catatan=f"{cli / lantai:.1f}x lantai")
    if cpu:  # the same by CPU (user + system of each process), floors in the same run
        _d, lantai_cpu = median_cpu_ms([PY, "-c", "pass"], ulang)
        lap.tambah("lantai CPU: python -c pass", lantai_cpu, "ms")
        _d, cli_cpu = median_cpu_ms(["sqlite3", str(arsip), sql], ulang)
        lap.tambah("CPU sqlite3 CLI: hitungan per status sebulan", cli_cpu, "ms")
        for fmt in ("md", "html", "json"):
            d, c = median_cpu_ms(keluhan("rekap", *opsi_bulan, "--format", fmt, "--keluar", str(keluar / f"rekap.{fmt}"),
                                         "--timpa"), ulang, lingkungan)
            batas = TARGET_MS[fmt]
            cukup = c <= batas and (fmt != "json" or c <= TARGET_KALI * cli_cpu)
            lap.tambah(f"CPU rekap --bulan --format {fmt}", c, "ms",
                       f"<= {batas:.0f} ms" + (f", <= {TARGET_KALI:.0f}x" if fmt == "json" else ""), cukup,
                       f"{c / cli_cpu:.1f}x sqlite3 CPU, dinding {d:.0f} ms")
    for fmt in ("md", "html", "json"):
        ms = median_ms(keluhan("rekap", *opsi_bulan, "--format", fmt, "--keluar", str(keluar / f"rekap.{fmt}"), "--timpa"),
                       ulang, lingkungan)
        batas = TARGET_MS[fmt]
        cukup = ms <= batas and (fmt != "json" or ms <= TARGET_KALI * cli)
        lap.tambah(f"rekap --bulan --format {fmt}", ms, "ms", f"<= {batas:.0f} ms" + (f", <= {TARGET_KALI:.0f}x" if fmt == "json" else ""),
                   cukup, f"{ms / cli:.1f}x sqlite3, {ms / lantai:.0f}x lantai")
    mb, _ = puncak_mb(keluhan("rekap", *opsi_bulan, "--format", "html", "--keluar", str(keluar / "rekap.html"), "--timpa"),
                      lingkungan)
    lap.tambah("RSS puncak rekap --bulan (html)", mb, "MB", f"< {TARGET_MB:.0f} MB", mb < TARGET_MB)
    tahun = date.today().year - 1
    for fmt in ("md", "json") if tahunan else ():
        mb, dt = puncak_mb(keluhan("rekap", "--tahun", str(tahun), "--format", fmt, "--keluar",
                                   str(keluar / f"rekap-{tahun}.{fmt}")), lingkungan)
        lap.tambah(f"RSS puncak rekap --tahun {tahun} ({fmt})", mb, "MB", f"< {TARGET_MB:.0f} MB", mb < TARGET_MB,
                   f"{dt:.1f} s")
    return lap


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--arsip", type=Path, required=True)
    ap.add_argument("--ulang", type=int, default=7)
    ap.add_argument("--bulan", help="YYYY-MM (bawaan: bulan lengkap terakhir, seperti cron)")
    ap.add_argument("--tanpa-tahunan", action="store_true", help="tanpa rekap --tahun (RSS puncak setahun)")
    ap.add_argument("--sebelum", type=Path, help="folder kode versi lain (git archive REV | tar -x -C DIR)")
    ap.add_argument("--simpan", action="store_true",
                    help="dahulu simpan angka rekap bulan tertutup seperti penulis pertama (menulis ke arsip), dan ukur")
    ap.add_argument("--cpu", action="store_true", help="juga median waktu CPU tiap format (dan lantainya)")
    a = ap.parse_args()
    jalankan(a.arsip, a.ulang, kode=a.sebelum, label=" (sebelum)" if a.sebelum else "", tahunan=not a.tanpa_tahunan,
             bulan=a.bulan, simpan=a.simpan, cpu=a.cpu)


if __name__ == "__main__":
    main()
