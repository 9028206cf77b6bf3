"""Start-up before/after issue 12 (help, global options, the generated fast-path table).

Usage: python bench/bantuan.py --sebelum DIR [--ulang N]

DIR is the older version's source tree (``git archive REV | tar -x -C DIR``). Each
command runs as a real process, piped and on a pseudo-terminal, with Python's bytecode
cache enabled (PYTHONDONTWRITEBYTECODE unset, as users have it), on a fresh archive
with a few complaints per version. The runs of the floor (``python -c pass``), the old
and the new version are interleaved round by round, so a change in the machine's load
hits all three alike; each figure is a median of N runs, both wall time and the
process's CPU time (user + system, from wait4: the better figure on a loaded machine).
"""

from __future__ import annotations

import argparse
import itertools
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _ukur import NETRAL, PY, dinding_cpu, env, keluhan  # noqa: E402


def _satu(argv: list[str], lingkungan: dict[str, str], terminal: bool) -> tuple[float, float]:
    """(wall ms, CPU ms) of one run, on a pseudo-terminal or piped (``_ukur.dinding_cpu``)."""
    return dinding_cpu(argv, lingkungan, terminal=terminal)


def _siapkan(kode: Path | None) -> tuple[dict[str, str], str]:
    arsip = Path(tempfile.mkdtemp(prefix="bench-bantuan-")) / "archive.db"
    lingkungan = env(kode, KELUHAN_ARSIP=str(arsip), KELUHAN_PETUGAS="Bench")
    subprocess.run(keluhan("init"), env=lingkungan, capture_output=True, cwd=NETRAL)
    ref = ""
    for i in range(3):
        ref = subprocess.run(keluhan("catat", "--nama", f"PT Bench awal {i}", "--media", "email", "--uraian", "Uji"),
                             env=lingkungan, check=True, capture_output=True, text=True, cwd=NETRAL).stdout.strip()
    return lingkungan, ref


_NOMOR = itertools.count(1)
PERINTAH = [
    ("keluhan --help", lambda ref: ["--help"]),
    ("keluhan catat --help", lambda ref: ["catat", "--help"]),
    ("lihat", lambda ref: ["lihat", ref]),
    ("daftar", lambda ref: ["daftar"]),
    # A new customer each run: the same name and text again would be a duplicate, and on a
    # terminal catat then asks before it records (and would wait here for an answer).
    ("catat", lambda ref: ["catat", "--nama", f"PT Bench {next(_NOMOR)}", "--media", "email", "--uraian", "Uji kecepatan"]),
]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sebelum", type=Path, required=True)
    ap.add_argument("--ulang", type=int, default=11)
    a = ap.parse_args()
    versi = {"sebelum": _siapkan(a.sebelum.resolve()), "sesudah": _siapkan(None)}
    lantai_env = env(None)
    hasil: dict[tuple[str, bool, str], list[tuple[float, float]]] = {}
    for terminal in (False, True):
        for nama, args in PERINTAH:
            for putaran in range(a.ulang + 1):  # the first round warms the caches, untimed
                for label, (lingkungan, ref) in versi.items():
                    r = _satu(keluhan(*args(ref)), lingkungan, terminal)
                    if putaran:
                        hasil.setdefault((nama, terminal, label), []).append(r)
                r = _satu([PY, "-c", "pass"], lantai_env, terminal)
                if putaran:
                    hasil.setdefault((nama, terminal, "lantai"), []).append(r)
    print("| command | where | floor wall / CPU | before wall / CPU | after wall / CPU | after ratio (wall, CPU) |")
    print("| --- | --- | ---: | ---: | ---: | ---: |")
    for terminal in (False, True):
        for nama, _ in PERINTAH:
            med = {k: tuple(statistics.median(x[i] for x in hasil[(nama, terminal, k)]) for i in (0, 1))
                   for k in ("lantai", "sebelum", "sesudah")}
            lt, sb, ss = med["lantai"], med["sebelum"], med["sesudah"]
            print(f"| `{nama}` | {'terminal' if terminal else 'piped'} | {lt[0]:.0f} / {lt[1]:.0f} ms "
                  f"| {sb[0]:.0f} / {sb[1]:.0f} ms | {ss[0]:.0f} / {ss[1]:.0f} ms "
                  f"| {ss[0] / lt[0]:.1f}x, {ss[1] / lt[1]:.1f}x |", flush=True)


if __name__ == "__main__":
    main()
