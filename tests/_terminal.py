"""A real pseudo-terminal driving a real ``python -m keluhan`` process (stdlib ``pty``):
stdin, stdout and stderr are the terminal, so ``isatty()`` is true as at a clerk's desk."""

from __future__ import annotations

import os
import pty
import select
import signal
import subprocess
import time
from pathlib import Path

from conftest import PERINTAH_CLI, env_subproses


class Terminal:
    """``t = Terminal("catat")``; ``t.tunggu("Nama pelanggan")``; ``t.ketik("PT A")``; ``t.akhir()``."""

    def __init__(self, *args: str, cwd: Path | None = None, **env: str) -> None:
        utama, cabang = pty.openpty()
        self.p = subprocess.Popen(
            [*PERINTAH_CLI, *args], stdin=cabang, stdout=cabang, stderr=cabang, cwd=cwd,
            env=env_subproses(TERM="dumb", COLUMNS="200", PYTHONIOENCODING="utf-8", **env),
            close_fds=True, start_new_session=True,
        )
        os.close(cabang)
        self.utama = utama
        self.keluaran = ""  # everything the terminal showed (typed answers echoed too)
        self._dibaca = 0     # where the next tunggu() starts looking

    def _baca(self, batas: float) -> bool | None:
        """Read what the terminal shows within ``batas`` seconds: True if something came,
        None if nothing did, False once the process has closed the terminal."""
        siap, _, _ = select.select([self.utama], [], [], batas)
        if not siap:
            return None
        try:
            data = os.read(self.utama, 65536)
        except OSError:  # the process closed the terminal (Linux: EIO)
            return False
        if not data:
            return False
        self.keluaran += data.decode("utf-8", "replace").replace("\r\n", "\n")
        return True

    def tunggu(self, teks: str, waktu: float = 60) -> str:
        """Read until ``teks`` appears after what was already waited for; returns the text up to it."""
        habis = time.monotonic() + waktu
        while True:
            i = self.keluaran.find(teks, self._dibaca)
            if i >= 0:
                potong = self.keluaran[self._dibaca:i + len(teks)]
                self._dibaca = i + len(teks)
                return potong
            if time.monotonic() > habis or self._baca(0.2) is False:
                raise AssertionError(f"tidak muncul: {teks!r}; terminal:\n{self.keluaran}")

    def ketik(self, baris: str) -> None:
        os.write(self.utama, (baris + "\r").encode("utf-8"))

    def akhir(self, waktu: float = 60) -> int:
        """Wait for the process to end, reading all it showed; its exit code."""
        habis = time.monotonic() + waktu
        while self._baca(0.2) is not False:
            if self.p.poll() is not None and self._baca(0.05) is None:
                break
            if time.monotonic() > habis:
                os.killpg(self.p.pid, signal.SIGKILL)
                raise AssertionError(f"proses tidak selesai; terminal:\n{self.keluaran}")
        os.close(self.utama)
        return self.p.wait(timeout=waktu)


def stderr_di_terminal(perintah: list[str], env: dict[str, str]) -> tuple[int, bytes, bytes]:
    """Run ``perintah`` with only stderr on a pseudo-terminal (stdout piped, as a clerk's
    ``> berkas``): (exit code, stdout, what the terminal showed)."""
    induk, anak = pty.openpty()
    p = subprocess.Popen(perintah, stdout=subprocess.PIPE, stderr=anak, env=env)
    os.close(anak)
    layar = b""
    while True:
        siap, _, _ = select.select([induk], [], [], 0.1)
        if siap:
            try:
                potong = os.read(induk, 65536)
            except OSError:
                break
            if not potong:
                break
            layar += potong
        elif p.poll() is not None:
            break
    keluar = p.communicate()[0]
    os.close(induk)
    return p.returncode, keluar, layar
