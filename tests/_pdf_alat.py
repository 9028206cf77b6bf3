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
