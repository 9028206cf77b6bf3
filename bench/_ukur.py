"""Shared by the benchmarks: timing real processes against a floor, peak memory, the machine.

Every figure is the median of several runs of a real subprocess, taken in the same run
as its floor (``python -c pass`` with the same interpreter), because the machine is
shared: absolute times move with the load, ratios much less.
"""

from __future__ import annotations

import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

AKAR = Path(__file__).resolve().parent.parent
PY = sys.executable


def env(kode: Path | None = None, **tambahan: str) -> dict[str, str]:
    """The environment for ``python -m keluhan`` from this checkout (or from ``kode``, another
    version's source tree, to measure it the same way)."""
    e = dict(os.environ)
    e["PYTHONPATH"] = os.pathsep.join(filter(None, [str(kode or AKAR), e.get("PYTHONPATH")]))
    e.pop("PYTHONDONTWRITEBYTECODE", None)  # users have the bytecode cache; without it every run compiles
    e.pop("KELUHAN_KONFIGURASI", None)
    e.pop("KELUHAN_TEMPLAT", None)
    e.update(tambahan)
    return e


def keluhan(*args: str) -> list[str]:
    return [PY, "-m", "keluhan", *args]


# Every run starts in a folder with no code in it: ``python -m`` puts the working folder
# first on sys.path, ahead of PYTHONPATH, which would run this checkout's code instead of
# the version asked for.
NETRAL = tempfile.gettempdir()


def jalan(argv: list[str], lingkungan: dict[str, str] | None = None, *, masukan: bytes | None = None) -> float:
    """Wall seconds of one run; a failure stops the benchmark with its stderr."""
    t0 = time.perf_counter()
    hasil = subprocess.run(argv, env=lingkungan, input=masukan, capture_output=True, cwd=NETRAL,
                           stdin=None if masukan is not None else subprocess.DEVNULL)
    dt = time.perf_counter() - t0
    if hasil.returncode != 0:
        raise SystemExit(f"gagal ({hasil.returncode}): {' '.join(argv)}\n{hasil.stderr.decode(errors='replace')[-2000:]}")
    return dt


@contextmanager
def layar_semu() -> Iterator[tuple[int, bytearray]]:
    """A pseudo-terminal (120x40) for one command's stdin, stdout and stderr: yields its
    child side and the bytes the command writes, drained all along (or a long page blocks
    the command); both sides are closed on the way out. POSIX only."""
    import fcntl
    import pty
    import struct
    import termios
    import threading

    induk, anak = pty.openpty()
    fcntl.ioctl(anak, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    keluaran = bytearray()

    def baca() -> None:
        while True:
            try:
                potong = os.read(induk, 65536)
            except OSError:  # EIO once the command has closed its side
                return
            if not potong:
                return
            keluaran.extend(potong)

    pembaca = threading.Thread(target=baca, daemon=True)
    pembaca.start()
    try:
        yield anak, keluaran
    finally:
        os.close(anak)
        pembaca.join(5)
        os.close(induk)


def jalan_pty(argv: list[str], lingkungan: dict[str, str] | None = None) -> float:
    """Wall seconds of one run with stdin, stdout and stderr on a pseudo-terminal (120x40),
    as a clerk types it: rich's console, isatty() checks and all. POSIX only."""
    with layar_semu() as (anak, keluaran):
        t0 = time.perf_counter()
        kode = subprocess.run(argv, env=lingkungan, stdin=anak, stdout=anak, stderr=anak, cwd=NETRAL).returncode
        dt = time.perf_counter() - t0
    if kode != 0:
        raise SystemExit(f"gagal ({kode}) di terminal: {' '.join(argv)}\n{keluaran.decode(errors='replace')[-2000:]}")
    return dt


def median_ms(argv: list[str] | Callable[[], list[str]], ulang: int, lingkungan: dict[str, str] | None = None, *,
              terminal: bool = False) -> float:
    """Median wall time in ms of ``ulang`` runs (after one untimed warm-up run), piped or on a terminal.
    ``argv`` may be a function giving each run its own command line (a new customer per ``catat``)."""
    satu = jalan_pty if terminal else jalan
    baris = argv if callable(argv) else lambda: argv
    satu(baris(), lingkungan)
    return statistics.median(satu(baris(), lingkungan) for _ in range(ulang)) * 1000


def dinding_cpu(argv: list[str], lingkungan: dict[str, str] | None = None, *, terminal: bool = False) -> tuple[float, float]:
    """(wall ms, CPU ms) of one run: the process's own user + system time from wait4, the
    steadier figure on a loaded machine. Piped (stdin from /dev/null, output discarded) or
    with stdin, stdout and stderr on a pseudo-terminal (120x40). A failure stops the benchmark."""
    def satu(io: dict[str, Any]) -> tuple[float, Any, int]:
        t0 = time.perf_counter()
        p = subprocess.Popen(argv, env=lingkungan, cwd=NETRAL, **io)
        _pid, status, pakai = os.wait4(p.pid, 0)
        p.returncode = os.waitstatus_to_exitcode(status)
        return (time.perf_counter() - t0) * 1000, pakai, p.returncode

    if terminal:
        with layar_semu() as (anak, keluaran):
            dinding, pakai, kode = satu({"stdin": anak, "stdout": anak, "stderr": anak})
        pesan = bytes(keluaran)
    else:
        with tempfile.TemporaryFile() as galat:
            dinding, pakai, kode = satu({"stdin": subprocess.DEVNULL, "stdout": subprocess.DEVNULL, "stderr": galat})
            galat.seek(0)
            pesan = galat.read()
    if kode != 0:
        raise SystemExit(f"gagal ({kode}){' di terminal' if terminal else ''}: {' '.join(argv)}\n"
                         f"{pesan.decode(errors='replace')[-2000:]}")
    return dinding, (pakai.ru_utime + pakai.ru_stime) * 1000


def lantai_ms(ulang: int) -> float:
    """The floor: a bare ``python -c pass`` with the same interpreter."""
    return median_ms([PY, "-c", "pass"], ulang)


# Runs the command and nothing else, then prints the peak RSS (largest of the command and
# any process it waited for, e.g. periksa's workers) and CPU seconds of everything it waited for.
_ANAK = (
    "import resource, subprocess, sys\n"
    "r = subprocess.run(sys.argv[1:], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)\n"
    "sys.stderr.buffer.write(r.stderr[-2000:])\n"
    "u = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
    "print(u.ru_maxrss, u.ru_utime + u.ru_stime)\n"
    "sys.exit(r.returncode)\n"
)


def proses(argv: list[str], lingkungan: dict[str, str] | None = None) -> tuple[float, float, float]:
    """(wall s, CPU s, peak RSS MB) of one run, measured by a parent that runs nothing else
    (CPU: user + system of the command and every process it waited for)."""
    t0 = time.perf_counter()
    hasil = subprocess.run([PY, "-c", _ANAK, *argv], env=lingkungan, capture_output=True, text=True, cwd=NETRAL)
    dt = time.perf_counter() - t0
    if hasil.returncode != 0:
        raise SystemExit(f"gagal ({hasil.returncode}): {' '.join(argv)}\n{hasil.stderr[-2000:]}")
    rss, cpu = hasil.stdout.split()
    return dt, float(cpu), int(rss) / 1024


def puncak_mb(argv: list[str], lingkungan: dict[str, str] | None = None) -> tuple[float, float]:
    """(peak RSS in MB, wall seconds) of one run, measured by a parent that runs nothing else."""
    dt, _cpu, mb = proses(argv, lingkungan)
    return mb, dt


@dataclass
class Hasil:
    """One measured figure and its goal."""

    nama: str
    nilai: float
    satuan: str  # "ms", "x", "MB", "keluhan/s", "B"
    target: str = ""  # the goal, as text ("<= 5x", "<= 500 ms")
    memenuhi: bool | None = None  # None: no goal, reported only
    catatan: str = ""

    def baris(self) -> str:
        nilai = f"{self.nilai:,.0f}".replace(",", " ") if self.nilai >= 100 else f"{self.nilai:.1f}"
        hasil = "" if self.memenuhi is None else ("memenuhi" if self.memenuhi else "TIDAK memenuhi")
        return f"{self.nama:<44}{nilai:>12} {self.satuan:<10}{self.target:>12}  {hasil}  {self.catatan}"


@dataclass
class Laporan:
    judul: str
    hasil: list[Hasil] = field(default_factory=list)
    catatan: list[str] = field(default_factory=list)

    def tambah(self, *args: object, **kw: object) -> Hasil:
        h = Hasil(*args, **kw)  # type: ignore[arg-type]
        self.hasil.append(h)
        print(h.baris(), flush=True)
        return h


def mesin() -> dict[str, str]:
    """What the figures were measured on."""
    cpu = "?"
    try:
        for baris in Path("/proc/cpuinfo").read_text().splitlines():
            if baris.startswith("model name"):
                cpu = baris.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = "?"
    try:
        for baris in Path("/proc/meminfo").read_text().splitlines():
            if baris.startswith("MemTotal"):
                mem = f"{int(baris.split()[1]) / 1024 / 1024:.1f} GiB"
    except OSError:
        pass
    import sqlite3
    from importlib import metadata

    versi = {}
    for paket in ("typer", "rich", "jinja2", "holidays", "python-dateutil"):
        try:
            versi[paket] = metadata.version(paket)
        except metadata.PackageNotFoundError:
            versi[paket] = "-"
    try:
        sqlite_cli = subprocess.run(["sqlite3", "--version"], capture_output=True, text=True).stdout.split()[0]
    except (OSError, IndexError):
        sqlite_cli = "tidak ada"
    komit = subprocess.run(["git", "-C", str(AKAR), "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
    return {
        "tanggal": datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z"),
        "nproc": str(len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()),
        "cpu": cpu,
        "memori": mem,
        "beban": " ".join(f"{x:.2f}" for x in os.getloadavg()),
        "sistem": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "sqlite (modul Python)": sqlite3.sqlite_version,
        "sqlite3 CLI": sqlite_cli,
        "paket": ", ".join(f"{k} {v}" for k, v in versi.items()),
        "komit": komit or "?",
    }
