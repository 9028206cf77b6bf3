"""What the clerk's Windows PC needs that Linux hides (issue 12): the zone database comes
with the `tzdata` package, so the CLI works where the OS has no zone files."""

from __future__ import annotations

import subprocess

from conftest import PERINTAH_CLI, env_subproses


def test_tanpa_berkas_zona_sistem(arsip) -> None:
    """With the system's zone files hidden (PYTHONTZPATH=""), as on Windows, catat and lihat still work in the archive's zone."""
    env = env_subproses(PYTHONTZPATH="")
    p = subprocess.run([*PERINTAH_CLI, "catat", "--nama", "PT A", "--media", "surat", "--uraian", "x",
                        "--diajukan", "2/11/2026", "--waktu", "2/11/2026 08.10"],
                       env=env, stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=60)
    assert p.returncode == 0, p.stderr
    p = subprocess.run([*PERINTAH_CLI, "lihat", "1/2026", "--json"], env=env, stdin=subprocess.DEVNULL,
                       capture_output=True, text=True, timeout=60)
    assert p.returncode == 0, p.stderr
    assert '"dicatat": "2026-11-02T08:10:00+07:00"' in p.stdout
    # The same interpreter sees no system zone files at all: the package alone answered.
    p = subprocess.run([PERINTAH_CLI[0], "-c", "import zoneinfo, tzdata; print(zoneinfo.TZPATH)"], env=env,
                       capture_output=True, text=True, timeout=60)
    assert (p.returncode, p.stdout.strip()) == (0, "()"), p.stderr
