"""Helpers for tests that read PDFs with poppler-utils (pdftotext, pdfinfo, pdffonts, pdfdetach)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest


def poppler(nama: str) -> str:
    """The path of a poppler-utils tool; missing, the test is skipped on a developer's
    machine and fails in CI (.ci/run installs poppler-utils)."""
    exe = shutil.which(nama)
    if exe is None:
        if os.environ.get("CI"):
            pytest.fail(f"{nama} is not installed but CI is set (apt-get install poppler-utils)")
        pytest.skip(f"{nama} is not installed (apt-get install poppler-utils)")
    return exe


def jalan(*perintah: str | Path) -> str:
    r = subprocess.run([str(p) for p in perintah], capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    return r.stdout


def halaman_teks(pdf: Path) -> list[str]:
    """The text of each page (``pdftotext -layout``), in order."""
    teks = jalan(poppler("pdftotext"), "-layout", pdf, "-")
    halaman = teks.split("\f")
    if halaman and not halaman[-1].strip():
        halaman.pop()
    return halaman


def ukuran_halaman(pdf: Path) -> list[tuple[float, float]]:
    """(width, height) in points of every page (``pdfinfo -f 1 -l N``)."""
    info = jalan(poppler("pdfinfo"), "-f", "1", "-l", "9999", pdf)
    return [(float(w), float(h)) for w, h in re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts", info)]


def a4(pdf: Path, mendatar: bool = False) -> None:
    """Every page of ``pdf`` is A4 (portrait, or landscape for ``mendatar``)."""
    ukuran = ukuran_halaman(pdf)
    assert ukuran, "pdfinfo found no page"
    for w, h in ukuran:
        if mendatar:
            w, h = h, w
        assert 594.5 <= w <= 596.5 and 841 <= h <= 843, (w, h)


def kata_bertumpuk(pdf: Path) -> list[tuple[int, str, str]]:
    """Words drawn over one another (a header too wide for its column spilling into the
    next), from ``pdftotext -bbox``: (page, word, word) for each pair whose boxes overlap
    by more than a point across and half a line down."""
    import html

    keluar = jalan(poppler("pdftotext"), "-bbox", pdf, "-")
    hasil = []
    for n, blok in enumerate(keluar.split("<page ")[1:], start=1):
        kata = sorted(
            (float(a), float(b), float(c), float(d), html.unescape(t))
            for a, b, c, d, t in re.findall(
                r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>', blok)
        )
        for i, a in enumerate(kata):
            for b in kata[i + 1:]:
                if b[0] >= a[2]:
                    break
                lebar = min(a[2], b[2]) - max(a[0], b[0])
                tinggi = min(a[3], b[3]) - max(a[1], b[1])
                if lebar > 1.0 and tinggi > 0.5 * min(a[3] - a[1], b[3] - b[1]):
                    hasil.append((n, a[4], b[4]))
    return hasil
