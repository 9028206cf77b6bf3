"""The template sandbox's cost: the recap rendered by Jinja's stock Environment and by
keluhan's sandbox (``formulir.Lingkungan``), in one process, on the same recap data.

Usage: python bench/templat.py --arsip ARSIP [--bulan 2026-10 | --tahun 2025] [--ulang 5]

CPU time (``time.process_time``, less moved by a shared machine than wall time) of
``formulir.render("rekap", ...)`` with the template already compiled and the text
caches (``md()``, ``|teks``) emptied before each run, median of ``--ulang``; the two
environments alternate. Also checks that both give the same bytes. Not part of
``make bench``: it measures one design choice (issue 10), not a user-facing goal.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from keluhan import formulir, pengaturan, rekap as rk  # noqa: E402
from keluhan.arsip import Arsip  # noqa: E402


def _ukur(kelas: type, data: dict, fmt: str, ulang: int) -> tuple[float, str]:
    formulir._kelas = kelas
    formulir._lingkungan.clear()
    hasil = formulir.render("rekap", data, {}, format=fmt)  # compiles the templates
    waktu = []
    for _ in range(ulang):
        formulir._md_teks.cache_clear()
        formulir._teks_html.cache_clear()
        t = time.process_time()
        hasil = formulir.render("rekap", data, {}, format=fmt)
        waktu.append((time.process_time() - t) * 1000)
    return statistics.median(waktu), hasil


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--arsip", type=Path, required=True)
    p.add_argument("--bulan")
    p.add_argument("--tahun", type=int)
    p.add_argument("--ulang", type=int, default=5)
    a = p.parse_args()
    arsip = Arsip(a.arsip, pengaturan.muat(a.arsip.parent / "keluhan.toml"))
    periode = rk.periode_dari_opsi(bulan=a.bulan if a.bulan or a.tahun else "", tahun=a.tahun,
                                   hari_ini=date.today(), dari=None, sampai=None)
    data = arsip.rekap(periode)
    print(f"rekap {periode.nama_berkas}: {len(data['keluhan'])} keluhan")

    from jinja2 import Environment

    sandbox = formulir._Lingkungan()

    class Biasa(Environment):  # the stock environment, reading the same folders
        Pemuat = sandbox.Pemuat
        Ruang = sandbox.Ruang

    for fmt in formulir.FORMAT:
        biasa, sb = [], []
        for _ in range(2):
            ms, h_biasa = _ukur(Biasa, data, fmt, a.ulang)
            biasa.append(ms)
            ms, h_sb = _ukur(sandbox, data, fmt, a.ulang)
            sb.append(ms)
        x, y = min(biasa), min(sb)
        print(f"{fmt}: Environment {x:.0f} ms CPU, sandbox {y:.0f} ms CPU ({(y / x - 1) * 100:+.1f}%), "
              f"sama: {h_biasa == h_sb}")
    formulir._kelas = sandbox
    formulir._lingkungan.clear()


if __name__ == "__main__":
    main()
